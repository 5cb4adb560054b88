"use strict";
// LocalPredictor following a model-stream folder (modelStreamScanInterval 1 s): the wall time from
// a model's commit (AppendModelStreamFileSinkBatchOp.execute() returned) to the first map() call
// that runs on it (getModelVersion() names it, checked before each call; the output is checked to
// be the new model's). The pipeline is the tutorial one of notebooks/01-initial-lr.ipynb
// (StandardScaler + FeatureHasher into 30 000 features + LR, fitted once, not timed); each new
// model is its LR stage with other coefficients (30 001 of them). map() is called in a loop that
// yields to the event loop between calls (setImmediate), as a server handling requests would.
//
// Commits are spread over the scan phase (the k-th waits a deterministic 0…1 s after the previous
// swap), so the latencies sample the whole interval. Target: every swap within one scan interval
// (1 s) plus the time to load the model; the notes give that load time too (read + new mapper
// chain, measured as a LocalPredictor built on the folder minus one built without it).

const fs = require("fs");
const os = require("os");
const path = require("path");

const SWAPS = 10;
const INTERVAL_MS = 1000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const tick = () => new Promise((r) => setImmediate(r));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function modelTime(k) {
  return new Date(Date.UTC(2026, 11, 6, 10, 0, 0) + k * 1000).toISOString().replace("T", " ").replace("Z", "");
}
function folderName(k) {
  const d = new Date(Date.UTC(2026, 11, 6, 10, 0, 0) + k * 1000);
  return d.toISOString().replace(/[-T:Z]/g, "").replace(/\.000$/, "") + "0";
}

module.exports = {
  family: "model folder",
  name: `LocalPredictor swap latency, commit → first map() on the new model (scan interval 1 s, ${SWAPS} swaps)`,
  async run() {
    const api = require("../../dist");
    const { linearModelToTable } = require("../../dist/classification/linear/model");
    const table = new api.CsvSourceBatchOp()
      .setFilePath(path.join(__dirname, "..", "..", "datasets", "ctr_train.csv"))
      .setSchemaStr(api.CTR_SCHEMA_STR)
      .setIgnoreFirstLine(true)
      .getOutputTable();
    const numeric = [...api.CTR_NUMERIC_COLS];
    const categorical = [...api.CTR_CATEGORICAL_COLS];
    const fitted = new api.Pipeline()
      .add(new api.StandardScaler().setSelectedCols(numeric))
      .add(new api.FeatureHasher().setSelectedCols([...categorical, ...numeric]).setCategoricalCols(categorical).setOutputCol("vec").setNumFeatures(30000))
      .add(new api.LogisticRegression().setVectorCol("vec").setLabelCol("click").setMaxIter(10).setPredictionCol("pred").setPredictionDetailCol("detail").setReservedCols(["id"]))
      .fit(new api.TableSourceBatchOp(table));
    const base = fitted.getStages()[2].getLinearModelData();
    const modelTable = (k) => linearModelToTable({ ...base, coefVector: base.coefVector.map((c, i) => c * (1 + 0.05 * k) + (i === 0 ? 0.1 * k : 0)) });
    const row = table.toRows()[0];

    const root = fs.mkdtempSync(path.join(os.tmpdir(), "streamlab-bench-swap-"));
    const append = (k) => {
      new api.AppendModelStreamFileSinkBatchOp().setFilePath(root).setModelTime(modelTime(k)).setNumKeepModel(3).linkFrom(new api.TableSourceBatchOp(modelTable(k)));
      api.BatchOperator.execute();
    };
    // The expected output of model k, from a predictor serving it directly.
    const expected = (k) => {
      const stages = fitted.getStages();
      const p = new api.LocalPredictor(new api.PipelineModel(stages[0], stages[1], new api.LogisticRegressionModel(modelTable(k)).copyParamsFrom(stages[2])), api.CTR_SCHEMA_STR);
      return JSON.stringify(p.map(row));
    };

    // Model load time: a predictor built on the folder (reads and swaps in model 0) minus one without.
    append(0);
    const build = (withFolder) => {
      const t0 = process.hrtime.bigint();
      const p = new api.LocalPredictor(fitted, api.CTR_SCHEMA_STR, withFolder ? { modelStreamFilePath: root, modelStreamScanInterval: 1 } : undefined);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      p.close();
      return ms;
    };
    const loads = [];
    for (let i = 0; i < 5; i++) loads.push(build(true) - build(false));

    const predictor = new api.LocalPredictor(fitted, api.CTR_SCHEMA_STR, { modelStreamFilePath: root, modelStreamScanInterval: 1 });
    if (predictor.getModelVersion() !== folderName(0)) throw new Error(`the predictor serves ${predictor.getModelVersion()}, expected ${folderName(0)}`);
    const latencies = [];
    let calls = 0;
    const started = Date.now();
    try {
      for (let k = 1; k <= SWAPS; k++) {
        await sleep(((k * 377) % 1000) * (INTERVAL_MS / 1000)); // spread the commits over the scan phase
        const want = expected(k);
        append(k);
        const committed = process.hrtime.bigint();
        for (;;) {
          const swapped = predictor.getModelVersion() === folderName(k);
          const out = JSON.stringify(predictor.map(row));
          calls++;
          if (swapped) {
            latencies.push(Number(process.hrtime.bigint() - committed) / 1e6);
            if (out !== want) throw new Error(`model ${folderName(k)}: the first map() on it gave ${out}, expected ${want}`);
            break;
          }
          if (Number(process.hrtime.bigint() - committed) / 1e6 > 10 * INTERVAL_MS) throw new Error(`model ${folderName(k)} not served 10 s after its commit`);
          await tick();
        }
      }
    } finally {
      predictor.close();
      fs.rmSync(root, { recursive: true, force: true });
    }
    const seconds = (Date.now() - started) / 1000;
    const med = median(latencies);
    const max = Math.max(...latencies);
    const load = median(loads);
    const status = max <= INTERVAL_MS + load ? "PASS" : "BELOW";
    return {
      rows: calls,
      seconds,
      notes:
        `swap latency median ${med.toFixed(0)} ms, max ${max.toFixed(0)} ms, all ${latencies.map((x) => x.toFixed(0)).join(" / ")} ms ` +
        `(target max ≤ interval ${INTERVAL_MS} ms + load ${load.toFixed(0)} ms: ${status}); model load (read + chain) median ${load.toFixed(0)} ms; rows = map() calls while waiting`,
    };
  },
};
