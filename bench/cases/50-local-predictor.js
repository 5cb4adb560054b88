"use strict";
// LocalPredictor: single-row prediction with two pipelines fitted once on datasets/ctr_train.csv
// (not timed):
//
// - "3-stage": the tutorial pipeline of notebooks/01-initial-lr.ipynb — StandardScaler on
//   C14..C21 + FeatureHasher of 12 categorical + 8 numeric columns into 30 000 features +
//   LogisticRegression with prediction and detail columns;
// - "4-stage": issue 14's target pipeline — StandardScaler on C14..C21 + OneHotEncoder of the 12
//   categorical columns (one assembled sparse vector) + VectorAssembler of the scaled numerics and
//   the one-hot vector + LogisticRegression with prediction and detail columns.
//
// The rows to predict (the same file's rows as JS arrays, repeated to 200 000 calls) are built
// before the timing. Cases per pipeline: throughput (one map(row) call after another, output row
// included; target ≥ 500 000 rows/s on one core) and latency per call (p50 / p99 of 200 000
// individually timed calls with process.hrtime.bigint, whose own cost, ~40 ns, is included;
// target p99 ≤ 20 µs). The batch transform of the same rows is the baseline: what
// one-row-at-a-time costs against whole tables.

const path = require("path");
const { repeat, gc } = require("../lib/util");

const CALLS = 200_000;

let data = null;
function loadData() {
  if (data !== null) return data;
  const api = require("../../dist");
  const table = new api.CsvSourceBatchOp()
    .setFilePath(path.join(__dirname, "..", "..", "datasets", "ctr_train.csv"))
    .setSchemaStr(api.CTR_SCHEMA_STR)
    .setIgnoreFirstLine(true)
    .getOutputTable();
  const rows = table.toRows();
  const calls = Array.from({ length: CALLS }, (_, i) => rows[i % rows.length]);
  data = { api, table, rows, calls };
  return data;
}

function lr(api) {
  return new api.LogisticRegression()
    .setVectorCol("vec")
    .setLabelCol("click")
    .setL2(1e-3)
    .setMaxIter(100)
    .setPredictionCol("pred")
    .setPredictionDetailCol("detail")
    .setReservedCols(["id", "click"]);
}

const PIPELINES = {
  "3-stage": (api) => {
    const numeric = [...api.CTR_NUMERIC_COLS];
    const categorical = [...api.CTR_CATEGORICAL_COLS];
    return new api.Pipeline()
      .add(new api.StandardScaler().setSelectedCols(numeric))
      .add(new api.FeatureHasher().setSelectedCols([...categorical, ...numeric]).setCategoricalCols(categorical).setOutputCol("vec").setNumFeatures(30000))
      .add(lr(api));
  },
  "4-stage": (api) => {
    const numeric = [...api.CTR_NUMERIC_COLS];
    const categorical = [...api.CTR_CATEGORICAL_COLS];
    return new api.Pipeline()
      .add(new api.StandardScaler().setSelectedCols(numeric))
      .add(new api.OneHotEncoder().setSelectedCols(categorical).setOutputCols(["oh"]))
      .add(new api.VectorAssembler().setSelectedCols([...numeric, "oh"]).setOutputCol("vec"))
      .add(lr(api));
  },
};

const setups = new Map();
function load(which) {
  if (setups.has(which)) return setups.get(which);
  const { api, table, rows, calls } = loadData();
  const model = PIPELINES[which](api).fit(new api.TableSourceBatchOp(table));
  const predictor = new api.LocalPredictor(model, api.CTR_SCHEMA_STR);
  // Sanity: the single-row results are the batch ones.
  const batch = model.transform(new api.TableSourceBatchOp(table.slice(0, 100))).collect();
  for (let i = 0; i < 100; i++) {
    if (JSON.stringify(predictor.map(rows[i])) !== JSON.stringify(batch[i])) throw new Error(`${which} row ${i}: LocalPredictor differs from the batch transform`);
  }
  const setup = { api, model, table, calls, predictor };
  setups.set(which, setup);
  return setup;
}

function predictAll(predictor, calls) {
  let sink = 0;
  for (let i = 0; i < calls.length; i++) sink += predictor.map(calls[i]).length;
  if (sink !== calls.length * 4) throw new Error(`unexpected output width (${sink / calls.length} columns)`);
  return calls.length;
}

const DESCRIPTION = {
  "3-stage": "3-stage (scaler + hasher 30000 + LR)",
  "4-stage": "4-stage (scaler + one-hot + assembler + LR)",
};

function casesOf(which) {
  return [
    {
      family: "local predictor",
      name: `LocalPredictor.map, ${DESCRIPTION[which]}, 200k single rows`,
      async run() {
        const { predictor, calls } = load(which);
        predictAll(predictor, calls.slice(0, 50_000)); // warm-up (JIT)
        gc();
        const r = await repeat({ runs: 5, expectedRows: CALLS, once: () => predictAll(predictor, calls) });
        return { rows: CALLS, seconds: r.seconds, target: 500_000, notes: `${r.notes}; output row (id, click, pred, detail) included` };
      },
    },
    {
      family: "local predictor",
      name: `LocalPredictor.map latency per call, ${which} (p50 / p99)`,
      async run() {
        const { predictor, calls } = load(which);
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
      name: `batch transform of the same 200k rows, ${which} (baseline)`,
      async run() {
        const { api, model, table } = load(which);
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
}

module.exports = [...casesOf("3-stage"), ...casesOf("4-stage")];
