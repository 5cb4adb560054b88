/**
 * River 0.26 as the test-time oracle of delayed progressive validation: `stream.simulate_qa` for the
 * order in which rows are asked and answered, and `evaluate.iter_progressive_val_score(moment="t",
 * delay=...)` with a model implemented in both libraries (FTRL-Proximal over dense features with an
 * intercept, one row per step — FtrlTrainStreamOp with miniBatchSize 1), logging every
 * predict_proba_one / learn_one call. Without the venv (`node scripts/python-tools.js build river`)
 * the River tests skip with the reason, unless STREAMLAB_REQUIRE_PYTHON_TOOLS=1 (CI).
 */
import { execFileSync } from "child_process";

/* eslint-disable @typescript-eslint/no-require-imports */
const { toolPython } = require("../../scripts/python-tools.js") as { toolPython: (name: string) => string | null };

export const RIVER_PYTHON = toolPython("river");
export const REQUIRE_TOOLS = process.env.STREAMLAB_REQUIRE_PYTHON_TOOLS === "1";
export const RIVER_SKIP_REASON = RIVER_PYTHON === null ? "River venv absent (node scripts/python-tools.js build river)" : null;

export interface DelayedCase {
  /** Event time of each row (River's `moment`). */
  t: number[];
  /** Per-row delay in seconds (River's `delay` as a feature name), or one constant delay. */
  delay: number[] | number;
  /** Features and labels, for the progressive-validation run (omit for simulate_qa only). */
  x?: number[][];
  y?: number[];
  ftrl?: { w0: number[]; alpha: number; beta: number; l1: number; l2: number };
}

export interface DelayedResult {
  /** simulate_qa: ["Q", i] when row i is asked (predicted), ["A", i] when its label is revealed. */
  qa: [string, number][];
  /** progressive_val_score: ["P", i] / ["L", i] per predict_proba_one / learn_one call. */
  calls: [string, number][];
  /** Per answer, in answer order: the row and the probability of the positive label that was served. */
  answers: [number, number][];
  /** River's LogLoss after the last answer. */
  logloss: number;
  /** The model's coefficients at the end (intercept first). */
  w: number[];
}

// The venv sees Debian's scikit-learn, built against an older numpy than River's; importing it
// fails with a ValueError river.stream does not catch, so the oracle hides it (as driftOracle.ts).
const ORACLE = String.raw`
import json, math, sys
sys.modules["sklearn"] = None
from river import base, evaluate, metrics, stream

class Ftrl(base.Classifier):
    """FTRL-Proximal with an intercept, one step per row; logs its calls."""
    def __init__(self, w0, alpha, beta, l1, l2, log):
        self.w = list(w0); self.z = [0.0] * len(w0); self.n = [0.0] * len(w0)
        self.alpha, self.beta, self.l1, self.l2, self.log = alpha, beta, l1, l2, log
    def _p(self, x):
        dot = self.w[0]
        for k in range(len(self.w) - 1):
            dot += self.w[k + 1] * x["f%d" % k]
        return 1 / (1 + math.exp(-dot))
    def predict_proba_one(self, x):
        self.log.append(["P", x["i"]])
        p = self._p(x)
        return {True: p, False: 1 - p}
    def learn_one(self, x, y):
        self.log.append(["L", x["i"]])
        r = self._p(x) - (1.0 if y else 0.0)
        for i in range(len(self.w)):
            g = r if i == 0 else r * x["f%d" % (i - 1)]
            n_next = self.n[i] + g * g
            sigma = (math.sqrt(n_next) - math.sqrt(self.n[i])) / self.alpha
            self.z[i] = self.z[i] + (g - sigma * self.w[i])
            self.n[i] = n_next
            zi = self.z[i]
            self.w[i] = 0.0 if abs(zi) <= self.l1 else ((-1 if zi < 0 else 1) * self.l1 - zi) / ((self.beta + math.sqrt(n_next)) / self.alpha + self.l2)

out = []
for case in json.load(sys.stdin):
    n = len(case["t"])
    per_row = isinstance(case["delay"], list)
    def rows():
        for i in range(n):
            x = {"i": i, "t": case["t"][i]}
            if per_row:
                x["d"] = case["delay"][i]
            for k, v in enumerate((case.get("x") or [[]] * n)[i]):
                x["f%d" % k] = v
            # A label is never None here: simulate_qa tells questions from answers by y None.
            yield x, (bool(case["y"][i]) if case.get("y") else False)
    delay = "d" if per_row else case["delay"]
    qa = [["Q" if y is None else "A", i] for i, x, y in stream.simulate_qa(rows(), "t", delay, copy=False)]
    result = {"qa": qa, "calls": [], "answers": [], "logloss": None, "w": []}
    if case.get("ftrl"):
        f = case["ftrl"]
        log = []
        model = Ftrl(f["w0"], f["alpha"], f["beta"], f["l1"], f["l2"], log)
        metric = metrics.LogLoss()
        for state in evaluate.iter_progressive_val_score(rows(), model, metric, moment="t", delay=delay, step=1, yield_predictions=True):
            learnt = [c[1] for c in log if c[0] == "L"][-1]
            result["answers"].append([learnt, state["Prediction"][True]])
        result["calls"] = log
        result["logloss"] = metric.get()
        result["w"] = model.w
    out.append(result)
print(json.dumps(out))
`;

/** Runs every case through River in one Python process. */
export function riverDelayed(cases: readonly DelayedCase[]): DelayedResult[] {
  if (RIVER_PYTHON === null) throw new Error(`STREAMLAB_REQUIRE_PYTHON_TOOLS=1 but ${RIVER_SKIP_REASON}`);
  const out = execFileSync(RIVER_PYTHON, ["-c", ORACLE], { input: JSON.stringify(cases), encoding: "utf8", maxBuffer: 1 << 28 });
  return JSON.parse(out.trim().split("\n").pop()!);
}
