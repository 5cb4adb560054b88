"""Peer of the streamlab end-to-end FTRL case (bench/cases/42-e2e-peer.js runs this with /usr/bin/python3).

The same work, written the way a data scientist would with pandas + scikit-learn: chunked
pandas.read_csv of the CTR file -> random 50/50 split per row -> StandardScaler on C14..C21 +
FeatureHasher (the same 11 categorical + 8 numeric columns, the same number of features) ->
SGDClassifier(loss="log_loss").partial_fit on the training rows of each chunk, predict_proba on the
other rows of the chunk *before* that chunk is trained on (progressive) -> AUC and log loss per hour
window of event time with sklearn.metrics, and the cumulative AUC at the end. The scaler and the
initial model are fitted on the first 50k rows outside the timing (as the streamlab case fits its
pipeline and initial LR model), and all rows of the file are then streamed, as there.

Argument: one JSON object (file, dtype, categorical, numeric, dim, label, time, head, chunk, split,
seed, window). Prints one JSON line with rows, seconds (time.perf_counter around the streamed part,
interpreter start-up and imports excluded), cpu_seconds, a per-phase breakdown and the metrics.
"""

import json
import sys
import time

import numpy as np
import pandas as pd
import scipy
import sklearn
from sklearn.feature_extraction import FeatureHasher
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import log_loss, roc_auc_score
from sklearn.preprocessing import StandardScaler

a = json.loads(sys.argv[1])
CAT, NUM, LABEL, TS = a["categorical"], a["numeric"], a["label"], a["time"]

# Alink's FeatureHasher: a categorical value becomes the key "col=value" with 1.0, a numeric column
# the key "col" with its value -- what FeatureHasher(input_type="dict") does with str / float values.
# alternate_sign=False because Alink adds without a sign hash.
hasher = FeatureHasher(n_features=a["dim"], input_type="dict", alternate_sign=False)
scaler = StandardScaler()


def features(df):
    x = df[CAT + NUM].copy()
    x[NUM] = scaler.transform(x[NUM])
    return hasher.transform(x.to_dict("records"))


# --- not timed: scaler + initial model on the first `head` rows
head = pd.read_csv(a["file"], dtype=a["dtype"], nrows=a["head"])
scaler.fit(head[NUM])
clf = SGDClassifier(loss="log_loss", random_state=0)
clf.partial_fit(features(head), head[LABEL].to_numpy(), classes=np.array([0, 1]))
del head

# --- timed: the stream
phase = {"read": 0.0, "features": 0.0, "predict": 0.0, "train": 0.0, "eval": 0.0}
rng = np.random.default_rng(a["seed"])
windows = []  # (window start, rows, auc, log loss)
pend_y, pend_p, pend_w = np.empty(0, np.int64), np.empty(0), np.empty(0, np.int64)
all_y, all_p = [], []
rows = trained = 0


def close_windows(y, p, w, final):
    """Evaluates every complete window in (y, p, w) (rows are in event-time order); returns the rest."""
    cuts = np.flatnonzero(np.diff(w)) + 1
    starts = np.concatenate(([0], cuts))
    ends = np.concatenate((cuts, [len(w)]))
    keep = len(starts) if final else len(starts) - 1  # the last window may continue in the next chunk
    for s, e in zip(starts[:keep], ends[:keep]):
        ys, ps = y[s:e], p[s:e]
        auc = roc_auc_score(ys, ps) if 0 < ys.sum() < len(ys) else float("nan")
        windows.append((int(w[s]), int(e - s), auc, log_loss(ys, ps, labels=[0, 1])))
    at = starts[keep] if keep < len(starts) else len(w)
    return y[at:], p[at:], w[at:]


t0 = time.perf_counter()
c0 = time.process_time()
mark = t0
for chunk in pd.read_csv(a["file"], dtype=a["dtype"], chunksize=a["chunk"]):
    now = time.perf_counter()
    phase["read"] += now - mark
    mark = now

    n = len(chunk)
    rows += n
    train = rng.random(n) < a["split"]
    X = features(chunk)
    y = chunk[LABEL].to_numpy()
    now = time.perf_counter()
    phase["features"] += now - mark
    mark = now

    test = ~train
    p = clf.predict_proba(X[test])[:, 1]  # classes_ is [0, 1]
    now = time.perf_counter()
    phase["predict"] += now - mark
    mark = now

    clf.partial_fit(X[train], y[train])
    trained += int(train.sum())
    now = time.perf_counter()
    phase["train"] += now - mark
    mark = now

    yt = y[test]
    wt = (chunk[TS].to_numpy()[test] // a["window"]).astype(np.int64)
    all_y.append(yt)
    all_p.append(p)
    pend_y, pend_p, pend_w = close_windows(np.concatenate((pend_y, yt)), np.concatenate((pend_p, p)), np.concatenate((pend_w, wt)), False)
    now = time.perf_counter()
    phase["eval"] += now - mark
    mark = time.perf_counter()

close_windows(pend_y, pend_p, pend_w, True)
all_y, all_p = np.concatenate(all_y), np.concatenate(all_p)
final_auc = roc_auc_score(all_y, all_p)
final_loss = log_loss(all_y, all_p, labels=[0, 1])
phase["eval"] += time.perf_counter() - mark
seconds = time.perf_counter() - t0
cpu = time.process_time() - c0

aucs = np.array([w[2] for w in windows])
print(
    json.dumps(
        {
            "versions": {"python": sys.version.split()[0], "pandas": pd.__version__, "sklearn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__},
            "rows": rows,
            "trained": trained,
            "predicted": int(len(all_y)),
            "seconds": seconds,
            "cpu_seconds": cpu,
            "phases": phase,
            "windows": len(windows),
            "window_rows": int(sum(w[1] for w in windows)),
            "mean_window_auc": float(np.nanmean(aucs)) if len(aucs) else float("nan"),
            "final_auc": float(final_auc),
            "final_log_loss": float(final_loss),
        }
    )
)
