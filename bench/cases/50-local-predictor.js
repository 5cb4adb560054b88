"use strict";
// LocalPredictor: single-row prediction with the tutorial pipeline of notebooks/01-initial-lr.ipynb
// (StandardScaler on C14..C21 + FeatureHasher of 12 categorical + 8 numeric columns into 30 000
// features + LogisticRegression with prediction and detail columns), fitted once on
// datasets/ctr_train.csv (not timed). The rows to predict (the same file's rows as JS arrays,
// repeated to 200 000 calls) are built before the timing.
//
// Cases: throughput (one map(row) call after another, output row included; target ≥ 500 000
// rows/s on one core) and latency per call (p50 / p99 of 200 000 individually timed calls with
// process.hrtime.bigint, whose own cost, ~40 ns, is included; target p99 ≤ 20 µs). The batch
// transform of the same rows is the baseline: what one-row-at-a-time costs against whole tables.

const path = require("path");
const { repeat, gc } = require("../lib/util");

const CALLS = 200_000;

let setup = null;
function load() {
  if (setup !== null) return setup;
  const api = require("../../dist");
  const { CsvSourceBatchOp, CTR_SCHEMA_STR, CTR_CATEGORICAL_COLS, CTR_NUMERIC_COLS, Pipeline, StandardScaler, FeatureHasher, LogisticRegression, LocalPredictor } = api;
  const table = new CsvSourceBatchOp()
    .setFilePath(path.join(__dirname, "..", "..", "datasets", "ctr_train.csv"))
    .setSchemaStr(CTR_SCHEMA_STR)
    .setIgnoreFirstLine(true)
    .getOutputTable();
  const numeric = [...CTR_NUMERIC_COLS];
  const categorical = [...CTR_CATEGORICAL_COLS];
  const model = new Pipeline()
    .add(new StandardScaler().setSelectedCols(numeric))
    .add(new FeatureHasher().setSelectedCols([...categorical, ...numeric]).setCategoricalCols(categorical).setOutputCol("vec").setNumFeatures(30000))
    .add(
      new LogisticRegression()
        .setVectorCol("vec")
        .setLabelCol("click")
        .setL2(1e-3)
        .setMaxIter(100)
        .setPredictionCol("pred")
        .setPredictionDetailCol("detail")
        .setReservedCols(["id", "click"]),
    )
    .fit(new api.TableSourceBatchOp(table));
  const rows = table.toRows();
  const calls = Array.from({ length: CALLS }, (_, i) => rows[i % rows.length]);
  const predictor = new LocalPredictor(model, CTR_SCHEMA_STR);
  // Sanity: the single-row results are the batch ones.
  const batch = model.transform(new api.TableSourceBatchOp(table.slice(0, 100))).collect();
  for (let i = 0; i < 100; i++) {
    if (JSON.stringify(predictor.map(rows[i])) !== JSON.stringify(batch[i])) throw new Error(`row ${i}: LocalPredictor differs from the batch transform`);
  }
  setup = { api, model, table, calls, predictor };
  return setup;
}

function predictAll(predictor, calls) {
  let sink = 0;
  for (let i = 0; i < calls.length; i++) sink += predictor.map(calls[i]).length;
  if (sink !== calls.length * 4) throw new Error(`unexpected output width (${sink / calls.length} columns)`);
  return calls.length;
}

module.exports = [
  {
    family: "local predictor",
    name: "LocalPredictor.map, tutorial pipeline (scaler + hasher 30000 + LR), 200k single rows",
    async run() {
      const { predictor, calls } = load();
      predictAll(predictor, calls.slice(0, 50_000)); // warm-up (JIT)
      gc();
      const r = await repeat({ runs: 5, expectedRows: CALLS, once: () => predictAll(predictor, calls) });
      return { rows: CALLS, seconds: r.seconds, target: 500_000, notes: `${r.notes}; output row (id, click, pred, detail) included` };
    },
  },
  {
    family: "local predictor",
    name: "LocalPredictor.map latency per call (p50 / p99)",
    async run() {
      const { predictor, calls } = load();
      predictAll(predictor, calls.slice(0, 50_000));
      gc();
      const ns = new Float64Array(CALLS);
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < CALLS; i++) {
        const a = process.hrtime.bigint();
        predictor.map(calls[i]);
        ns[i] = Number(process.hrtime.bigint() - a);
      }
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      ns.sort();
      const q = (p) => ns[Math.min(CALLS - 1, Math.floor(p * CALLS))] / 1000;
      const p99 = q(0.99);
      return {
        rows: CALLS,
        seconds,
        notes: `p50 ${q(0.5).toFixed(2)} µs, p90 ${q(0.9).toFixed(2)} µs, p99 ${p99.toFixed(2)} µs (target ≤ 20 µs: ${p99 <= 20 ? "PASS" : "BELOW"}), p99.9 ${q(0.999).toFixed(2)} µs, max ${(ns[CALLS - 1] / 1000).toFixed(0)} µs; timer cost included`,
      };
    },
  },
  {
    family: "local predictor",
    name: "batch transform of the same 200k rows (baseline)",
    async run() {
      const { api, model, table } = load();
      const copies = Math.ceil(CALLS / table.numRows);
      const tables = Array.from({ length: copies }, () => table);
      const once = () => {
        let n = 0;
        for (const t of tables) n += model.transform(new api.TableSourceBatchOp(t)).getOutputTable().numRows;
        return n;
      };
      once();
      gc();
      const r = await repeat({ runs: 3, expectedRows: copies * table.numRows, once });
      return { rows: copies * table.numRows, seconds: r.seconds, notes: `${r.notes}; ${copies} transforms of the 10 000-row table (detail texts not rendered)` };
    },
  },
];
