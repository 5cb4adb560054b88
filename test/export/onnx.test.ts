/**
 * ONNX export (issue 16, item 4), checked by running the written file in ONNX Runtime for Node
 * (onnxruntime-node, its bundled CPU binaries: what a Node service serving the file would run).
 * Truth: streamlab's LocalPredictor on the same rows — parity to 1e-6 for probabilities, exact for
 * labels and for the scaled, hashed and encoded features.
 */
import * as fs from "fs";
import * as path from "path";
import * as ort from "onnxruntime-node";
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
  onnxFeeds,
  onnxOutputRows,
} from "../../src";
import { Vector } from "../../src/core/vector";
import { featureSlot } from "../../src/feature/hasher/murmur3";
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

async function parity(model: PipelineModel, file: string, opts: { vectors: string[]; scaled: string[]; prediction?: boolean }) {
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
    if (opts.prediction === false) return;
    expect(onnx.pred[r][0], `pred row ${r}`).toBe(out[col("pred")]);
    const detail = JSON.parse(out[col("detail")] as string) as Record<string, string>;
    report.labels.detail.forEach((label, k) => (maxDiff = Math.max(maxDiff, Math.abs((onnx.detail[r][k] as number) - Number(detail[label])))));
  });
  expect(maxDiff).toBeLessThanOrEqual(1e-6);
  return { report, maxDiff, onnx };
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

  it("the tutorial-4 pipeline (notebooks/04: scaler + 8-column one-hot incl. site_id/app_id + assembler + LR, L2)", async () => {
    const categorical = [...CATEGORICAL, "site_id", "app_id"];
    const model = new Pipeline(
      new StandardScaler().setSelectedCols(NUMERIC),
      new OneHotEncoder().setSelectedCols(categorical).setOutputCols(["cat_vec"]),
      new VectorAssembler().setSelectedCols([...NUMERIC, "cat_vec"]).setOutputCol("features"),
      new LogisticRegression().setVectorCol("features").setLabelCol("click").setL2(0.001).setMaxIter(30).setPredictionCol("pred").setPredictionDetailCol("detail"),
    ).fit(train);
    const { report } = await parity(model, path.join(tempDir(), "tutorial4.onnx"), { vectors: ["cat_vec", "features"], scaled: NUMERIC });
    // Unseen site/app ids in the scored rows go to the KEEP slot in both: some rows must have one.
    const siteIds = new Set(table.slice(0, 6000).toRows().map((r) => r[table.schema.indexOf("site_id")]));
    expect(rows.some((r) => !siteIds.has(r[table.schema.indexOf("site_id")]))).toBe(true);
    expect(report.outputs.map((o) => o.column)).toEqual([...NUMERIC, "cat_vec", "features", "pred", "detail"]);
  });

  it("FeatureHasher over numeric columns: values at the slots of the column names, collisions added", async () => {
    // 4 slots for 5 columns: at least two collide (pigeonhole), so the sum of collisions is checked.
    const hasher = new Pipeline(new FeatureHasher().setSelectedCols(NUMERIC).setOutputCol("vec").setNumFeatures(4)).fit(train);
    const { onnx, report } = await parity(hasher, path.join(tempDir(), "hash4.onnx"), { vectors: ["vec"], scaled: [], prediction: false });
    expect(report.outputs).toEqual([{ name: "vec", column: "vec", type: "double", width: 4 }]);
    // Independent of both: the slots by the hash of each name, the row's values summed there.
    const slots = NUMERIC.map((c) => featureSlot(c, 4));
    expect(new Set(slots).size).toBeLessThan(NUMERIC.length);
    const expected = Array.from({ length: 4 }, (_, s) => NUMERIC.reduce((sum, c, k) => sum + (slots[k] === s ? (rows[0][table.schema.indexOf(c)] as number) : 0), 0));
    expect(onnx.vec[0]).toEqual(expected);
    const model = new Pipeline(
      new StandardScaler().setSelectedCols(NUMERIC),
      new FeatureHasher().setSelectedCols(NUMERIC).setOutputCol("vec").setNumFeatures(1 << 12),
      new LogisticRegression().setVectorCol("vec").setLabelCol("click").setMaxIter(20).setPredictionCol("pred").setPredictionDetailCol("detail"),
    ).fit(train);
    await parity(model, path.join(tempDir(), "hashed-lr.onnx"), { vectors: [], scaled: NUMERIC });
  });

  it("onnxFeeds / onnxOutputRows: the inputs a runtime takes and its outputs per pipeline column", async () => {
    const model = new Pipeline(
      new StandardScaler().setSelectedCols(NUMERIC),
      new OneHotEncoder().setSelectedCols(["site_category"]).setOutputCols(["oh"]),
      new VectorAssembler().setSelectedCols([...NUMERIC, "oh"]).setOutputCol("features"),
      new LogisticRegression().setVectorCol("features").setLabelCol("click").setMaxIter(10).setPredictionCol("pred").setPredictionDetailCol("detail"),
    ).fit(train);
    const file = path.join(tempDir(), "feeds.onnx");
    const report = model.exportOnnx(file);
    const some = rows.slice(0, 20);
    const feeds = onnxFeeds(report, some, CTR_SCHEMA_STR);
    expect(Object.keys(feeds).sort()).toEqual([...NUMERIC, "site_category"].sort());
    expect(feeds.site_category).toEqual({ type: "string", data: some.map((r) => r[table.schema.indexOf("site_category")]), dims: [20, 1] });
    expect(feeds.C15.type).toBe("float64");
    expect(Array.from(feeds.C15.data as Float64Array)).toEqual(some.map((r) => r[table.schema.indexOf("C15")]));
    const session = await ort.InferenceSession.create(file);
    const results = await session.run(Object.fromEntries(Object.entries(feeds).map(([n, f]) => [n, new ort.Tensor(f.type, f.data, f.dims)])));
    const byColumn = onnxOutputRows(report, results);
    expect(byColumn).toEqual(Object.fromEntries(Object.entries(await runOnnx(file, some)).map(([name, v]) => [report.outputs.find((o) => o.name === name)!.column, v])));
    const withNull = some.map((r, i) => (i === 3 ? r.map((v, c) => (c === table.schema.indexOf("C16") ? null : v)) : r));
    expectError(() => onnxFeeds(report, withNull, CTR_SCHEMA_STR), 'onnxFeeds: row 3, column "C16" is null; ONNX tensors have no nulls (filter or impute the row first).');
  });

  it("a stage that cannot be expressed is an error naming it and why; no file is left", () => {
    const dir = tempDir();
    const hashed = new Pipeline(
      new FeatureHasher().setSelectedCols(CATEGORICAL).setOutputCol("vec").setNumFeatures(1000),
      new LogisticRegression().setVectorCol("vec").setLabelCol("click").setMaxIter(5).setPredictionCol("pred"),
    ).fit(train);
    expectError(() => hashed.exportOnnx(path.join(dir, "h.onnx")), /stage 0 \(FeatureHasher\) cannot be expressed in ONNX: it hashes "column=value" texts of its categorical columns \("C1", .*\) with MurmurHash3, for which ONNX has no operator/);
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
