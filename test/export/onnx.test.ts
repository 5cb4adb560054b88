/**
 * ONNX export (issue 16, item 4), checked by running the written file in ONNX Runtime (the WASM
 * build, onnxruntime-web: onnxruntime-node downloads its binaries from nuget.org at install, which
 * this machine cannot reach; the kernels are the same ONNX Runtime CPU kernels). Truth: streamlab's
 * LocalPredictor on the same rows — parity to 1e-6 for probabilities, exact for labels and for the
 * scaled and encoded features.
 */
import * as fs from "fs";
import * as path from "path";
import * as ort from "onnxruntime-web";
import { describe, expect, it } from "vitest";
import {
  CTR_SCHEMA_STR,
  CsvSourceBatchOp,
  FeatureHasher,
  LocalPredictor,
  LogisticRegression,
  MinMaxScaler,
  OneHotEncoder,
  Pipeline,
  PipelineModel,
  StandardScaler,
  TableSourceBatchOp,
  VectorAssembler,
} from "../../src";
import { Vector } from "../../src/core/vector";
import { ROOT, expectError, tempDir } from "../helpers";

const table = new CsvSourceBatchOp().setFilePath(path.join(ROOT, "datasets", "ctr_train.csv")).setSchemaStr(CTR_SCHEMA_STR).setIgnoreFirstLine(true).getOutputTable();
const train = new TableSourceBatchOp(table.slice(0, 6000));
const rows = table.slice(6000, 6400).toRows();
const NUMERIC = ["C15", "C16", "C18", "C19", "C21"];
const CATEGORICAL = ["C1", "banner_pos", "site_category", "app_category", "device_type", "device_conn_type"];

/** Runs the .onnx file on rows given in CTR schema order; returns every output as rows of numbers/strings. */
async function runOnnx(file: string, inputRows: unknown[][]): Promise<Record<string, unknown[][]>> {
  const session = await ort.InferenceSession.create(fs.readFileSync(file));
  const names = CTR_SCHEMA_STR.split(",").map((c) => c.trim().split(/\s+/)[0]);
  const feeds: Record<string, ort.Tensor> = {};
  for (const input of session.inputNames) {
    const c = names.indexOf(input);
    const values = inputRows.map((r) => r[c]);
    feeds[input] = typeof values[0] === "string" ? new ort.Tensor("string", values as string[], [values.length, 1]) : new ort.Tensor("float64", Float64Array.from(values as number[]), [values.length, 1]);
  }
  const results = await session.run(feeds);
  const out: Record<string, unknown[][]> = {};
  for (const name of session.outputNames) {
    const t = results[name];
    const width = t.dims[1];
    const data = Array.from(t.data as ArrayLike<unknown>, (v) => (typeof v === "bigint" ? Number(v) : v));
    out[name] = Array.from({ length: t.dims[0] }, (_, r) => data.slice(r * width, (r + 1) * width));
  }
  return out;
}

function dense(v: unknown): number[] {
  const vector = v as Vector;
  const d = "toDense" in vector ? vector.toDense() : vector;
  return Array.from({ length: d.size() }, (_, i) => d.get(i));
}

async function parity(model: PipelineModel, file: string, opts: { vectors: string[]; scaled: string[] }) {
  const report = model.exportOnnx(file);
  const onnx = await runOnnx(file, rows);
  const predictor = new LocalPredictor(model, CTR_SCHEMA_STR);
  const names = predictor.getOutputSchema().names;
  const col = (n: string) => names.indexOf(n);
  let maxDiff = 0;
  rows.forEach((row, r) => {
    const out = predictor.map(row);
    const of = (column: string) => onnx[report.outputs.find((o) => o.column === column)!.name];
    for (const s of opts.scaled) expect(of(s)[r][0], `${s} row ${r}`).toBe(out[col(s)]);
    for (const v of opts.vectors) expect(of(v)[r], `${v} row ${r}`).toEqual(dense(out[col(v)]));
    expect(onnx.pred[r][0], `pred row ${r}`).toBe(out[col("pred")]);
    const detail = JSON.parse(out[col("detail")] as string) as Record<string, string>;
    report.labels.detail.forEach((label, k) => (maxDiff = Math.max(maxDiff, Math.abs((onnx.detail[r][k] as number) - Number(detail[label])))));
  });
  expect(maxDiff).toBeLessThanOrEqual(1e-6);
  return { report, maxDiff };
}

describe("PipelineModel.exportOnnx", () => {
  it("StandardScaler + OneHotEncoder + VectorAssembler + LogisticRegression: ONNX Runtime gives LocalPredictor's outputs", async () => {
    const model = new Pipeline(
      new StandardScaler().setSelectedCols(NUMERIC),
      new OneHotEncoder().setSelectedCols(CATEGORICAL).setOutputCols(["oh"]),
      new VectorAssembler().setSelectedCols([...NUMERIC, "oh"]).setOutputCol("features"),
      new LogisticRegression().setVectorCol("features").setLabelCol("click").setMaxIter(30).setPredictionCol("pred").setPredictionDetailCol("detail"),
    ).fit(train);
    const { report, maxDiff } = await parity(model, path.join(tempDir(), "ctr.onnx"), { vectors: ["oh", "features"], scaled: NUMERIC });
    expect(report.inputs.map((i) => i.name).sort()).toEqual([...NUMERIC, ...CATEGORICAL].sort());
    expect(report.outputs.map((o) => o.name)).toEqual(["C15_out", "C16_out", "C18_out", "C19_out", "C21_out", "oh", "features", "pred", "detail"]);
    expect(report.labels.detail).toEqual(["1", "0"]);
    expect(maxDiff).toBeLessThan(1e-12);
  });

  it("MinMaxScaler, per-column one-hot with dropLast, integer and string tokens, LR over feature columns", async () => {
    const model = new Pipeline(
      new MinMaxScaler().setSelectedCols(NUMERIC).setMin(-1).setMax(2),
      new OneHotEncoder().setSelectedCols(["banner_pos", "device_type"]).setOutputCols(["bp", "dt"]).setEncode("VECTOR").setDropLast(true),
      new VectorAssembler().setSelectedCols(["bp", "dt", ...NUMERIC]).setOutputCol("features"),
      new LogisticRegression().setVectorCol("features").setLabelCol("click").setL2(0.01).setMaxIter(30).setPredictionCol("pred").setPredictionDetailCol("detail"),
    ).fit(train);
    await parity(model, path.join(tempDir(), "minmax.onnx"), { vectors: ["bp", "dt", "features"], scaled: NUMERIC });
    const direct = new Pipeline(
      new StandardScaler().setSelectedCols(NUMERIC),
      new LogisticRegression().setFeatureCols(NUMERIC).setLabelCol("click").setMaxIter(20).setPredictionCol("pred").setPredictionDetailCol("detail"),
    ).fit(train);
    await parity(direct, path.join(tempDir(), "direct.onnx"), { vectors: [], scaled: NUMERIC });
  });

  it("a stage that cannot be expressed is an error naming it and why; no file is left", () => {
    const dir = tempDir();
    const hashed = new Pipeline(
      new FeatureHasher().setSelectedCols(CATEGORICAL).setOutputCol("vec").setNumFeatures(1000),
      new LogisticRegression().setVectorCol("vec").setLabelCol("click").setMaxIter(5).setPredictionCol("pred"),
    ).fit(train);
    expectError(() => hashed.exportOnnx(path.join(dir, "h.onnx")), /stage 0 \(FeatureHasher\) cannot be expressed in ONNX: it hashes "column=value" texts with MurmurHash3/);
    const strict = new Pipeline(new OneHotEncoder().setSelectedCols(["site_category"]).setOutputCols(["oh"]).setHandleInvalid("ERROR")).fit(train);
    expectError(() => strict.exportOnnx(path.join(dir, "s.onnx")), /handleInvalid ERROR cannot be expressed in ONNX/);
    const doubles = new Pipeline(new OneHotEncoder().setSelectedCols(["ts"]).setOutputCols(["oh"])).fit(train);
    expectError(() => doubles.exportOnnx(path.join(dir, "d.onnx")), /column "ts" is DOUBLE; ONNX export one-hot encodes STRING and integer columns only/);
    expect(fs.readdirSync(dir)).toEqual([]);
    const ok = new Pipeline(new StandardScaler().setSelectedCols(NUMERIC)).fit(train);
    ok.exportOnnx(path.join(dir, "ok.onnx"));
    expectError(() => ok.exportOnnx(path.join(dir, "ok.onnx")), /exists; pass \{ overwrite: true \}/);
    expectError(() => new PipelineModel(...ok.getStages()).exportOnnx(path.join(dir, "x.onnx")), /input schema is unknown/);
  });
});
