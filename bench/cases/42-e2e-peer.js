"use strict";
// Peer of the FTRL end-to-end case (bench/cases/40-ftrl.js, "CSV → split → hash → FTRL train +
// predict → eval"): the same work done in pandas + scikit-learn by bench/lib/pandas_sklearn_e2e.py
// under /usr/bin/python3 (or $BENCH_PYTHON). Same 1M-row CTR file, 50/50 random split, StandardScaler
// on C14..C21 + FeatureHasher over the same 11 categorical + 8 numeric columns into the same 30 000
// features, SGDClassifier(loss="log_loss").partial_fit per chunk on the training rows and
// predict_proba on the other rows before that chunk is trained on, AUC + log loss per hour of event
// time. Timed inside Python (interpreter start-up and imports excluded); scaler and initial model
// fitted on the first 50k rows outside the timing, as in the streamlab case. Its `id` lets the
// streamlab case print "N× pandas+sklearn". Skipped when pandas / scikit-learn cannot be imported.

const path = require("path");
const { spawnSync } = require("child_process");
const { ensureCtrData } = require("../lib/ctrData");
const { parseSchemaStr, fmtInt } = require("../lib/util");
const { CATEGORICAL, NUMERIC, DIM, HEAD_ROWS } = require("./40-ftrl").internals;

const PYTHON = process.env.BENCH_PYTHON || "/usr/bin/python3";
const SCRIPT = path.join(__dirname, "..", "lib", "pandas_sklearn_e2e.py");
// ~10 000 rows ≈ 2.8 h of event time in the 1M file: the SGD model is updated once per chunk
// (streamlab's predictor gets a new FTRL model every hour).
const CHUNK = 10_000;

module.exports = {
  family: "FTRL",
  name: "peer: pandas read_csv chunks → split → FeatureHasher → SGDClassifier partial_fit + predict_proba → hourly AUC, 1M CTR rows",
  async run() {
    const probe = spawnSync(PYTHON, ["-c", "import pandas, sklearn"], { encoding: "utf8" });
    if (probe.error || probe.status !== 0) {
      return { skipped: true, notes: `skipped: ${PYTHON} -c "import pandas, sklearn" failed (${probe.error ? probe.error.message : (probe.stderr || "").trim().split("\n").pop()})` };
    }
    const { CTR_SCHEMA_STR } = require("../../dist");
    // Categorical columns are read as text (Alink hashes "col=value" whatever the column's type).
    const dtype = Object.fromEntries(
      parseSchemaStr(CTR_SCHEMA_STR).map((c) => [
        c.name,
        c.type === "string" || CATEGORICAL.includes(c.name) ? "str" : c.type === "double" || c.type === "float" ? "float64" : "int64",
      ]),
    );
    const { big } = ensureCtrData();
    const args = { file: big.file, dtype, categorical: CATEGORICAL, numeric: NUMERIC, dim: DIM, label: "click", time: "ts", head: HEAD_ROWS, chunk: CHUNK, split: 0.5, seed: 20240607, window: 3600 };
    const res = spawnSync(PYTHON, [SCRIPT, JSON.stringify(args)], { encoding: "utf8", maxBuffer: 1 << 20 });
    if (res.error || res.status !== 0) throw new Error(`python exited with ${res.status}: ${(res.stderr || String(res.error)).trim().split("\n").slice(-3).join(" | ")}`);
    const out = JSON.parse(res.stdout.trim().split("\n").pop());
    if (out.rows !== big.rows) throw new Error(`pandas streamed ${out.rows} rows, expected ${big.rows}`);
    if (out.trained + out.predicted !== out.rows || out.window_rows !== out.predicted) {
      throw new Error(`rows do not add up: ${out.trained} trained + ${out.predicted} predicted of ${out.rows}, ${out.window_rows} in windows`);
    }
    const v = out.versions;
    const ph = out.phases;
    const share = (x) => `${x.toFixed(2)} s`;
    return {
      rows: out.rows,
      seconds: out.seconds,
      id: "pandas-sklearn-e2e",
      notes:
        `Python ${v.python}, pandas ${v.pandas}, scikit-learn ${v.sklearn}, numpy ${v.numpy}, scipy ${v.scipy}; measured in Python, CPU ${out.cpu_seconds.toFixed(2)} s; ` +
        `phases: read_csv ${share(ph.read)}, scale + FeatureHasher(dict records) ${share(ph.features)}, predict_proba ${share(ph.predict)}, partial_fit ${share(ph.train)}, eval ${share(ph.eval)}; ` +
        `${fmtInt(out.trained)} rows trained, ${fmtInt(out.predicted)} predicted in ${out.windows} hourly windows (mean window AUC ${out.mean_window_auc.toFixed(4)}); ` +
        `final cumulative AUC ${out.final_auc.toFixed(4)} (log loss ${out.final_log_loss.toFixed(4)}). ` +
        `The models differ (SGD with sklearn's defaults, one update per ${fmtInt(CHUNK)}-row chunk, vs FTRL-Proximal with a model every hour), the work has the same shape; ` +
        `the cumulative AUC is computed once at the end, not per window as EvalBinaryClassStreamOp does`,
    };
  },
};
