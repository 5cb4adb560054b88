"use strict";
// Model-stream folders: writing and reading a 30 001-coefficient LR model (vectorSize 30 000 +
// intercept, the hashed tutorial size of notebooks/01-initial-lr.ipynb) to and from a
// model-stream folder (Alink's layout: <root>/<ts>/0 + conf/<ts>.log, commit by rename).
//
// - write: AppendModelStreamFileSinkBatchOp + BatchOperator.execute(), one model per run (each
//   its own timestamp, numKeepModel 3, so clean-up runs too): .ak encoding + the commit protocol
//   (write, mkdir, rename, log, rename, clean-up);
// - read: readCommittedModel (lease, log check, .ak decode) of the newest model, and
//   LatestModelStreamFileSourceBatchOp (list + schema + read, a new operator each run).
//
// "rows" are coefficients moved (30 001 per model), so rows/s compares with the other cases'
// throughputs; the notes give milliseconds per model and the bytes on disk.

const fs = require("fs");
const os = require("os");
const path = require("path");
const { gc } = require("../lib/util");

const SIZE = 30000;
const COEFS = SIZE + 1;
const RUNS = 15;

let setup = null;
function load() {
  if (setup !== null) return setup;
  const api = require("../../dist");
  const { linearModelToTable, LOGISTIC_REGRESSION_MODEL_NAME } = require("../../dist/classification/linear/model");
  const { akBytes } = require("../../dist/io/ak/akFile");
  const { readCommittedModel, scanModelFolder } = require("../../dist/io/modelStream/scanner");
  const { commitModel } = require("../../dist/io/modelStream/commit");
  // Coefficients as a trained model has them: full doubles, no short decimal texts.
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  const coef = Float64Array.from({ length: COEFS }, () => rand() * 0.37);
  const model = linearModelToTable({
    modelName: LOGISTIC_REGRESSION_MODEL_NAME,
    linearModelType: "LR",
    hasInterceptItem: true,
    vectorColName: "vec",
    vectorSize: SIZE,
    labelName: "click",
    featureNames: null,
    featureTypes: null,
    coefVector: coef,
    labelValues: [1, 0],
    labelType: "INT",
  });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "streamlab-bench-folder-"));
  setup = { api, model, akBytes, commitModel, readCommittedModel, scanModelFolder, root, next: 0 };
  return setup;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (xs) => `median ${median(xs).toFixed(2)} ms, min ${Math.min(...xs).toFixed(2)}, max ${Math.max(...xs).toFixed(2)} (${xs.length} runs)`;

function timeRuns(runs, once) {
  once(); // warm-up
  const times = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const t0 = process.hrtime.bigint();
    once();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times;
}

function modelTime(k) {
  return new Date(Date.UTC(2026, 11, 6, 10, 0, 0) + k * 1000).toISOString().replace("T", " ").replace("Z", "");
}

function writeOne(s) {
  const op = new s.api.AppendModelStreamFileSinkBatchOp().setFilePath(s.root).setModelTime(modelTime(s.next++)).setNumKeepModel(3);
  op.linkFrom(new s.api.TableSourceBatchOp(s.model));
  s.api.BatchOperator.execute();
}

function newest(s) {
  const { models } = s.scanModelFolder(s.root, "bench");
  return models[models.length - 1];
}

module.exports = [
  {
    family: "model folder",
    name: `AppendModelStreamFileSinkBatchOp commit of a ${COEFS}-coefficient LR model`,
    async run() {
      const s = load();
      const times = timeRuns(RUNS, () => writeOne(s));
      const encode = timeRuns(RUNS, () => s.akBytes(s.model));
      // The protocol alone: commitModel of bytes encoded beforehand (write, mkdir, rename, log, rename, clean-up).
      const bytesOnce = s.akBytes(s.model);
      const protocol = timeRuns(RUNS, () => s.commitModel(s.root, { epochMs: Date.UTC(2026, 11, 6, 10, 0, 0) + s.next++ * 1000, nanos: 0 }, [bytesOnce], s.model.numRows, 3, "bench"));
      const m = newest(s);
      const bytes = fs.readdirSync(m.dir).reduce((n, f) => n + fs.statSync(path.join(m.dir, f)).size, 0);
      const log = fs.statSync(path.join(s.root, "conf", `${m.name}.log`)).size;
      const seconds = median(times) / 1000;
      return {
        rows: COEFS,
        seconds,
        notes: `per write ${ms(times)}; .ak encoding alone ${median(encode).toFixed(2)} ms, commit protocol alone (bytes given) ${median(protocol).toFixed(2)} ms; on disk ${bytes} bytes (${(bytes / COEFS).toFixed(1)} B/coefficient) + log ${log} bytes; ${s.scanModelFolder(s.root, "bench").models.length} models kept (numKeepModel 3)`,
      };
    },
  },
  {
    family: "model folder",
    name: `readCommittedModel of a ${COEFS}-coefficient LR model`,
    async run() {
      const s = load();
      if (s.next === 0) writeOne(s);
      const m = newest(s);
      let rows = 0;
      const times = timeRuns(RUNS, () => (rows = s.readCommittedModel(s.root, m, "bench").numRows));
      if (rows !== s.model.numRows) throw new Error(`read ${rows} rows, expected ${s.model.numRows}`);
      return { rows: COEFS, seconds: median(times) / 1000, notes: `per read ${ms(times)} (lease + log + .ak decode of ${rows} model rows)` };
    },
  },
  {
    family: "model folder",
    name: `LatestModelStreamFileSourceBatchOp of a ${COEFS}-coefficient LR model`,
    async run() {
      const s = load();
      if (s.next === 0) writeOne(s);
      let rows = 0;
      const times = timeRuns(RUNS, () => (rows = new s.api.LatestModelStreamFileSourceBatchOp().setFilePath(s.root).getOutputTable().numRows));
      if (rows !== s.model.numRows) throw new Error(`read ${rows} rows, expected ${s.model.numRows}`);
      fs.rmSync(s.root, { recursive: true, force: true });
      return { rows: COEFS, seconds: median(times) / 1000, notes: `per read ${ms(times)} (new operator: list + schema + read)` };
    },
  },
];
