"use strict";
// Binary evaluation of 1M predictions (label, detail JSON): EvalBinaryClassBatchOp end to end
// (parse every detail, one sort, exact AUC / curves / matrices, metrics JSON), beside a raw-loop
// baseline (JSON.parse + Float64Array sort + rank-sum AUC, nothing else) and scikit-learn's
// roc_auc_score on the same scores as the reference value (and time) when /usr/bin/python3 has it.
// Data: 30 % positives, P(positive) ~ N(0.6 | 0.4, 0.2) clipped to [0, 1], printed in full (17 digits).

const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");
const { repeat, gc } = require("../lib/util");

const N = 1_000_000;
const PYTHON = process.env.BENCH_PYTHON || "/usr/bin/python3";
let cached = null;

function data() {
  if (cached) return cached;
  const { Random, Table, Schema } = require("../../dist");
  const { StringColumn } = require("../../dist/core/column");
  const random = new Random(2024);
  const labels = new Array(N);
  const details = new Array(N);
  const scores = new Float64Array(N);
  const positive = new Uint8Array(N);
  for (let i = 0; i < N; i++) {
    const y = random.nextDouble() < 0.3 ? 1 : 0;
    const p = Math.min(1, Math.max(0, (y ? 0.6 : 0.4) + random.nextGaussian() * 0.2));
    labels[i] = String(y);
    details[i] = `{"1":${p},"0":${1 - p}}`;
    scores[i] = p;
    positive[i] = y;
  }
  const table = new Table(new Schema(["label", "detail"], ["STRING", "STRING"]), [new StringColumn(labels), new StringColumn(details)]);
  cached = { table, details, labels, scores, positive };
  return cached;
}

function evaluate(table) {
  const { EvalBinaryClassBatchOp, TableSourceBatchOp } = require("../../dist");
  // A new operator per run: operators memoise their result.
  return new EvalBinaryClassBatchOp().setLabelCol("label").setPredictionDetailCol("detail").linkFrom(new TableSourceBatchOp(table)).collectMetrics();
}

/** The least work that computes an exact AUC from the same strings: parse, sort, rank-sum. */
function rawAuc(details, labels) {
  const n = details.length;
  const scores = new Float64Array(n);
  const pos = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    scores[i] = JSON.parse(details[i])["1"];
    pos[i] = labels[i] === "1" ? 1 : 0;
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => scores[a] - scores[b]);
  let rankSum = 0;
  let P = 0;
  for (let k = 0; k < n; ) {
    let j = k;
    let p = 0;
    while (j < n && scores[order[j]] === scores[order[k]]) p += pos[order[j++]];
    rankSum += ((k + 1 + j) / 2) * p;
    P += p;
    k = j;
  }
  return (rankSum - (P * (P + 1)) / 2) / (P * (n - P));
}

function sklearnAuc(scores, positive) {
  const probe = spawnSync(PYTHON, ["-c", "import sklearn, numpy"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-eval-"));
  const sFile = path.join(dir, "scores.f64");
  const yFile = path.join(dir, "labels.u8");
  fs.writeFileSync(sFile, Buffer.from(scores.buffer, scores.byteOffset, scores.byteLength));
  fs.writeFileSync(yFile, Buffer.from(positive.buffer, positive.byteOffset, positive.byteLength));
  const script = `
import json, sys, time, numpy as np
from sklearn.metrics import roc_auc_score
s = np.fromfile(sys.argv[1], dtype="<f8"); y = np.fromfile(sys.argv[2], dtype=np.uint8)
t0 = time.perf_counter(); auc = roc_auc_score(y, s); t = time.perf_counter() - t0
print(json.dumps({"auc": auc, "seconds": t}))`;
  const res = spawnSync(PYTHON, ["-c", script, sFile, yFile], { encoding: "utf8" });
  fs.rmSync(dir, { recursive: true, force: true });
  if (res.status !== 0) throw new Error(`sklearn failed: ${(res.stderr || "").trim().split("\n").pop()}`);
  return JSON.parse(res.stdout.trim().split("\n").pop());
}

module.exports = [
  {
    family: "Binary evaluation",
    name: "EvalBinaryClassBatchOp 1M rows (exact)",
    async run() {
      const { table, scores, positive, details, labels } = data();
      evaluate(table.slice(0, 100_000)); // warm-up
      gc();
      let metrics = null;
      const r = await repeat({
        runs: 3,
        expectedRows: N,
        once: () => {
          metrics = evaluate(table);
          return metrics.getTotalSamples();
        },
      });
      const baseline = rawAuc(details, labels);
      if (metrics.getAuc() !== baseline) throw new Error(`AUC ${metrics.getAuc()} differs from the raw-loop AUC ${baseline}`);
      const sk = sklearnAuc(scores, positive);
      const skNote = sk === null ? "sklearn unavailable" : `sklearn roc_auc_score ${sk.auc} (|Δ| ${Math.abs(sk.auc - metrics.getAuc()).toExponential(1)}, ${sk.seconds.toFixed(3)} s on the parsed scores)`;
      return { rows: N, seconds: r.seconds, target: 1_000_000, notes: `${r.notes}; AUC ${metrics.getAuc()}; ${skNote}` };
    },
  },
  {
    family: "Binary evaluation",
    name: "raw loop: JSON.parse + sort + rank-sum AUC (baseline)",
    async run() {
      const { details, labels } = data();
      rawAuc(details.slice(0, 100_000), labels.slice(0, 100_000));
      const r = await repeat({
        runs: 3,
        expectedRows: N,
        once: () => {
          rawAuc(details, labels);
          return N;
        },
      });
      return { rows: N, seconds: r.seconds, notes: `${r.notes}; AUC only (no curves, matrices, validation)` };
    },
  },
  {
    family: "Binary evaluation",
    // What EvalBinaryClassStreamOp does at every window end of the FTRL demo graph (40-ftrl: 280
    // hourly windows of ~1 800 predictions, 500k in all): the exact metrics of the window and the
    // cumulative 100 000-bin metrics of every prediction so far. Rows = predictions evaluated.
    name: "stream evaluation window reads: 280 windows × 1 786 scores, exact window + cumulative binned",
    async run() {
      const { BinnedBinarySummary, ExactBinarySummary, sampleLogLoss } = require("../../dist");
      const windows = 280;
      const perWindow = 1786;
      let a = 11;
      const rnd = () => ((a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 2 ** 32);
      // Scores spread like the CTR model's (most of the 100 000 bins end up non-empty).
      const scores = Float64Array.from({ length: windows * perWindow }, () => rnd() ** 2 * 0.7);
      const positive = Uint8Array.from(scores, (p) => (rnd() < p ? 1 : 0));
      const once = () => {
        const all = new BinnedBinarySummary();
        let auc = 0;
        for (let w = 0; w < windows; w++) {
          const window = new ExactBinarySummary();
          for (let i = w * perWindow; i < (w + 1) * perWindow; i++) {
            const loss = sampleLogLoss(positive[i] ? scores[i] : 1 - scores[i]);
            window.add(scores[i], positive[i] === 1, loss);
            all.add(scores[i], positive[i] === 1, loss);
          }
          window.value(["1", "0"]);
          auc = all.value(["1", "0"], { nanForOneClass: true }).auc;
        }
        return { rows: scores.length, auc, bins: all.positiveBin.reduce((n, c, i) => n + (c !== 0 || all.negativeBin[i] !== 0 ? 1 : 0), 0) };
      };
      once();
      let last = null;
      const r = await repeat({
        runs: 3,
        expectedRows: scores.length,
        once: () => {
          last = once();
          return last.rows;
        },
      });
      return { rows: scores.length, seconds: r.seconds, notes: `${r.notes}; ${last.bins} non-empty bins at the end, final cumulative AUC ${last.auc.toFixed(6)}` };
    },
  },
];
