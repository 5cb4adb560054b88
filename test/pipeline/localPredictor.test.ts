/**
 * LocalPredictor: single-row prediction with the batch mappers. Truth: the batch transform of the
 * same fitted pipeline on the same table (rows compared exactly), the batch errors for bad rows,
 * and a hand-computed LR probability.
 */
import * as fs from "fs";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AppendModelStreamFileSinkBatchOp,
  BatchOperator,
  CTR_CATEGORICAL_COLS,
  CTR_NUMERIC_COLS,
  CTR_SCHEMA_STR,
  CsvSourceBatchOp,
  FeatureHasher,
  LocalPredictor,
  LogisticRegression,
  LogisticRegressionModel,
  MemSourceBatchOp,
  OneHotEncoder,
  Pipeline,
  PipelineModel,
  StandardScaler,
  StreamlabError,
  TableSourceBatchOp,
  VectorAssembler,
  collectLocalPredictor,
} from "../../src";
import { ROOT, tempDir } from "../helpers";

const numericCols = [...CTR_NUMERIC_COLS];
const categoricalCols = [...CTR_CATEGORICAL_COLS];

/** notebooks/01-initial-lr.ipynb's pipeline (StandardScaler + FeatureHasher + LR). */
function tutorialPipeline(l2 = 1e-3, maxIter = 30): Pipeline {
  return new Pipeline()
    .add(new StandardScaler().setSelectedCols(numericCols))
    .add(new FeatureHasher().setSelectedCols([...categoricalCols, ...numericCols]).setCategoricalCols(categoricalCols).setOutputCol("vec").setNumFeatures(30000))
    .add(
      new LogisticRegression()
        .setVectorCol("vec")
        .setLabelCol("click")
        .setL2(l2)
        .setMaxIter(maxIter)
        .setPredictionCol("pred")
        .setPredictionDetailCol("detail")
        .setReservedCols(["id", "click"]),
    );
}

const all = new CsvSourceBatchOp().setFilePath(path.join(ROOT, "datasets/ctr_train.csv")).setSchemaStr(CTR_SCHEMA_STR).setIgnoreFirstLine(true).getOutputTable();
const train = new TableSourceBatchOp(all.slice(0, 3000));
const testTable = all.slice(3000, 4000);
const testRows = testTable.toRows();
let model: PipelineModel;
let batch: unknown[][];

beforeAll(() => {
  model = tutorialPipeline().fit(train);
  batch = model.transform(new TableSourceBatchOp(testTable)).collect();
});

/** What a batch transform throws for these rows (through a memory source, as a notebook would feed them). */
function batchError(m: PipelineModel, rows: unknown[][], schemaStr: string): StreamlabError {
  try {
    m.transform(new MemSourceBatchOp(rows, schemaStr)).collect();
  } catch (error) {
    expect(error).toBeInstanceOf(StreamlabError);
    return error as StreamlabError;
  }
  throw new Error("the batch transform did not fail");
}

/** What the predictor throws for the first bad row when given the rows one by one. */
function localError(p: LocalPredictor, rows: unknown[][]): { error: StreamlabError; at: number } {
  for (let i = 0; i < rows.length; i++) {
    try {
      p.map(rows[i]);
    } catch (error) {
      expect(error).toBeInstanceOf(StreamlabError);
      return { error: error as StreamlabError, at: i };
    }
  }
  throw new Error("the predictor did not fail");
}

/** The message without its leading "Operator: " (the source of the rows differs: MemSourceBatchOp vs LocalPredictor). */
const body = (e: Error) => e.message.replace(/^[A-Za-z.]+: /, "");

describe("LocalPredictor on the tutorial pipeline", () => {
  it("1000 rows predicted one by one equal the batch transform exactly", () => {
    const p = new LocalPredictor(model, CTR_SCHEMA_STR);
    expect(p.getOutputSchema().toString()).toBe(model.transform(new TableSourceBatchOp(testTable)).getSchema().toString());
    const local = testRows.map((r) => p.map(r));
    expect(local.length).toBe(1000);
    expect(local).toEqual(batch);
    // the details are real probabilities, and predictions differ between rows (not a constant)
    expect(new Set(local.map((r) => r[r.length - 1])).size).toBeGreaterThan(500);
    p.close();
  });

  it("predict(...values), a saved model path and collectLocalPredictor give the same rows", () => {
    const file = path.join(tempDir(), "pipeline.json");
    model.save(file);
    const fromPath = new LocalPredictor(file, CTR_SCHEMA_STR);
    const viaMethod = model.collectLocalPredictor(CTR_SCHEMA_STR);
    const viaFunction = collectLocalPredictor(model, CTR_SCHEMA_STR);
    for (let i = 0; i < 200; i++) {
      expect(fromPath.predict(...testRows[i])).toEqual(batch[i]);
      expect(viaMethod.map(testRows[i])).toEqual(batch[i]);
      expect(viaFunction.map(testRows[i])).toEqual(batch[i]);
    }
  });

  it("the output row is fresh: a later call does not change an earlier result", () => {
    const p = new LocalPredictor(model, CTR_SCHEMA_STR);
    const first = p.map(testRows[0]);
    const copy = JSON.parse(JSON.stringify(first));
    p.map(testRows[1]);
    expect(JSON.parse(JSON.stringify(first))).toEqual(copy);
  });

  it("the LR detail is 1/(1+exp(-dot)) of the hashed, scaled row (hand-computed)", () => {
    const lr = model.getStages()[2] as LogisticRegressionModel;
    const coef = lr.getLinearModelData().coefVector;
    const p = new LocalPredictor(new PipelineModel(...model.getStages().slice(0, 2)), CTR_SCHEMA_STR);
    const full = new LocalPredictor(model, CTR_SCHEMA_STR);
    const vecIndex = p.getOutputSchema().indexOf("vec");
    for (const row of testRows.slice(0, 20)) {
      const vec = p.map(row)[vecIndex] as { indices: Int32Array; values: Float64Array };
      let dot = coef[0];
      vec.indices.forEach((j, k) => (dot += coef[1 + j] * vec.values[k]));
      const detail = JSON.parse(full.map(row)[full.getOutputSchema().indexOf("detail")] as string) as Record<string, string>;
      const labels = lr.getLinearModelData().labelValues.map(String);
      expect(Number(detail[labels[0]])).toBeCloseTo(1 - 1 / (1 + Math.exp(dot)), 14);
    }
  });
});

describe("LocalPredictor bad rows fail as batch does", () => {
  const withBad = (at: number, bad: (row: unknown[]) => unknown[]) => testRows.slice(0, 30).map((r, i) => (i === at ? bad([...r]) : r));
  const c15 = all.schema.indexOf("C15");

  it("NaN in an INT column: the memory source's type error, same row and column", () => {
    const rows = withBad(17, (r) => ((r[c15] = NaN), r));
    const b = batchError(model, rows, CTR_SCHEMA_STR);
    const { error, at } = localError(new LocalPredictor(model, CTR_SCHEMA_STR), rows);
    expect(at).toBe(17);
    expect(body(error)).toBe(body(b));
    expect(error.context).toEqual({ ...b.context, operator: "LocalPredictor" });
    expect(error.context.column).toBe("C15");
    expect(error.context.row).toBe(17);
  });

  it("a value of the wrong type: the memory source's error, naming column and row", () => {
    const rows = withBad(5, (r) => ((r[c15] = "12"), r));
    const b = batchError(model, rows, CTR_SCHEMA_STR);
    const { error, at } = localError(new LocalPredictor(model, CTR_SCHEMA_STR), rows);
    expect(at).toBe(5);
    expect(body(error)).toBe(body(b));
    expect(error.message).toMatch(/^LocalPredictor: row 5, column "C15" \(INT\): cannot use "12"/);
    expect(error.context).toMatchObject({ column: "C15", row: 5, operator: "LocalPredictor" });
    expect(b.context).toMatchObject({ column: "C15", row: 5 });
  });

  it("wrong arity: the memory source's error", () => {
    const rows = withBad(3, (r) => r.slice(1));
    const b = batchError(model, rows, CTR_SCHEMA_STR);
    const { error, at } = localError(new LocalPredictor(model, CTR_SCHEMA_STR), rows);
    expect(at).toBe(3);
    expect(body(error)).toBe(body(b));
    expect(error.message).toContain(`row 3 has ${all.schema.size - 1} values but the schema has ${all.schema.size} columns`);
  });

  it("a failed row does not poison the next ones; a closed predictor refuses rows", () => {
    const p = new LocalPredictor(model, CTR_SCHEMA_STR);
    expect(() => p.map([1, 2])).toThrow(StreamlabError);
    expect(p.map(testRows[1])).toEqual(batch[1]);
    const nan = [...testRows[2]];
    nan[c15] = NaN;
    expect(() => p.map(nan)).toThrow(/row 2.*C15|C15.*row 2/);
    expect(p.map(testRows[3])).toEqual(batch[3]);
    p.close();
    expect(() => p.map(testRows[4])).toThrow(/closed/);
  });

  it("a schema missing a column the pipeline reads fails when the predictor is made", () => {
    const schema = CTR_SCHEMA_STR.replace(", C15 int", "");
    expect(schema).not.toBe(CTR_SCHEMA_STR);
    expect(() => new LocalPredictor(model, schema)).toThrow(/C15/);
  });

  it("unknown parameters are named", () => {
    expect(() => new LocalPredictor(model, CTR_SCHEMA_STR, { modelStreamScanIntervall: 1 } as never)).toThrow(/modelStreamScanInterval/);
  });
});

describe("LocalPredictor on StandardScaler + OneHotEncoder + VectorAssembler + LR", () => {
  const schemaStr = "x double, y double, cat string, n int, label int";
  const rows: unknown[][] = Array.from({ length: 1000 }, (_, i) => {
    const x = Math.sin(i * 0.37) * 3 + (i % 7);
    const y = Math.cos(i * 0.11) * 2;
    const cat = ["a", "b", "c", "d"][(i * 7) % 4];
    return [x, y, cat, i % 5, (x + y + (cat === "b" ? 2 : 0) + ((i * 13) % 5) - 4 > 0 ? 1 : 0)];
  });
  const data = () => new MemSourceBatchOp(rows, schemaStr);

  it("every row one by one equals the batch transform; a null category behaves as in batch", () => {
    const fitted = new Pipeline()
      .add(new StandardScaler().setSelectedCols(["x", "y"]))
      .add(new OneHotEncoder().setSelectedCols(["cat"]).setOutputCols(["cat_v"]))
      .add(new VectorAssembler().setSelectedCols(["x", "y", "cat_v", "n"]).setOutputCol("vec"))
      .add(new LogisticRegression().setVectorCol("vec").setLabelCol("label").setPredictionCol("pred").setPredictionDetailCol("detail"))
      .fit(data());
    const expected = fitted.transform(data()).collect();
    const p = fitted.collectLocalPredictor(schemaStr);
    expect(rows.map((r) => p.map(r))).toEqual(expected);
    const odd = [[1.5, null, "z", 2, 1], [null, 0.5, null, null, 0]];
    let batchResult: unknown;
    try {
      batchResult = fitted.transform(new MemSourceBatchOp(odd, schemaStr)).collect();
    } catch (error) {
      batchResult = body(error as Error);
    }
    let localResult: unknown;
    const fresh = fitted.collectLocalPredictor(schemaStr);
    try {
      localResult = odd.map((r) => fresh.map(r));
    } catch (error) {
      localResult = body(error as Error);
    }
    expect(localResult).toEqual(batchResult);
    expect(String(localResult)).toMatch(/row 0, column "y" is null/);

    // NaN in a DOUBLE column: StandardScaler rejects it, in batch and here, naming row 623 and column x.
    const nanRows = rows.map((r, i) => (i === 623 ? [NaN, ...r.slice(1)] : r));
    const b = batchError(fitted, nanRows, schemaStr);
    const { error, at } = localError(fitted.collectLocalPredictor(schemaStr), nanRows);
    expect(at).toBe(623);
    expect(error.message).toBe(b.message);
    expect(error.context).toEqual(b.context);
    expect(error.context).toMatchObject({ column: "x", row: 623 });
  });
});

describe("LocalPredictor on a single LR stage with a VECTOR input column", () => {
  it("vector strings, vector objects and nulls give the batch rows and errors", () => {
    const schemaStr = "label int, vec vector";
    const rows: unknown[][] = Array.from({ length: 300 }, (_, i) => [i % 3 === 0 ? 1 : 0, `$20$${i % 10}:1.0 ${10 + ((i * 7) % 10)}:${(i % 4) * 0.5}`]);
    const lr = new LogisticRegression().setVectorCol("vec").setLabelCol("label").setPredictionCol("p").setPredictionDetailCol("d").fit(new MemSourceBatchOp(rows, schemaStr));
    const expected = lr.transform(new MemSourceBatchOp(rows, schemaStr)).collect();
    const p = new LocalPredictor(lr, schemaStr);
    expect(rows.map((r) => p.map(r))).toEqual(expected);
    // the same rows with Vector objects (as collect() returns them)
    const asObjects = new MemSourceBatchOp(rows, schemaStr).collect();
    expect(asObjects.map((r) => p.map(r))).toEqual(expected);
    const bad = rows.slice(0, 10).map((r, i) => (i === 4 ? [r[0], "$30$1:1.0"] : i === 6 ? [r[0], null] : r));
    const b = batchError(new PipelineModel(lr), bad, schemaStr);
    const { error, at } = localError(new LocalPredictor(lr, schemaStr), bad);
    expect(at).toBe(4);
    expect(error.message).toBe(b.message);
    expect(error.message).toMatch(/size 30.*vectorSize 20/);
  });
});

describe("LocalPredictor following a model-stream folder", () => {
  let root: string;
  let predictor: LocalPredictor | null = null;
  afterAll(() => predictor?.close());

  const lrOf = (m: PipelineModel) => (m.getStages()[2] as LogisticRegressionModel).getModelDataOp();
  const append = (dir: string, m: PipelineModel, time: string) => {
    new AppendModelStreamFileSinkBatchOp().setFilePath(dir).setModelTime(time).linkFrom(lrOf(m));
    BatchOperator.execute();
  };
  const waitFor = async (cond: () => boolean, ms: number) => {
    const until = Date.now() + ms;
    while (!cond() && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    return cond();
  };

  it("swaps to each newly committed model within one scan interval; a corrupt model leaves it on the previous one", async () => {
    root = path.join(tempDir(), "lr_stream");
    // A second LR fitted on other rows with another L2: same feature space, other coefficients.
    const other = tutorialPipeline(1e-2, 20).fit(new TableSourceBatchOp(all.slice(4000, 7000)));
    const otherBatch = new PipelineModel(...model.getStages().slice(0, 2), other.getStages()[2]).transform(new TableSourceBatchOp(testTable)).collect();
    expect(otherBatch).not.toEqual(batch);

    predictor = new LocalPredictor(model, CTR_SCHEMA_STR, { modelStreamFilePath: root, modelStreamScanInterval: 1 });
    expect(predictor.getModelVersion()).toBeNull();
    expect(predictor.map(testRows[0])).toEqual(batch[0]);

    const started = Date.now();
    append(root, other, "2026-12-06 10:00:00");
    expect(await waitFor(() => predictor!.getModelVersion() !== null, 3000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(2500); // within one 1-s interval (+ load time, on a loaded 2-core machine)
    expect(predictor.getModelVersion()).toBe("202612061000000");
    expect(predictor.getLastModelError()).toBeNull();
    for (let i = 0; i < 100; i++) expect(predictor.map(testRows[i])).toEqual(otherBatch[i]);

    // A newer model, corrupted in a staging folder, then moved in with its log (as a commit would).
    const staging = path.join(tempDir(), "staging");
    append(staging, model, "2026-12-06 11:00:00");
    const name = "202612061100000";
    const akFile = path.join(staging, name, "0");
    const bytes = fs.readFileSync(akFile);
    fs.writeFileSync(akFile, bytes.subarray(0, Math.floor(bytes.length / 2)));
    fs.renameSync(path.join(staging, "conf", `${name}.log`), path.join(root, "conf", `${name}.log`));
    fs.renameSync(path.join(staging, name), path.join(root, name));
    expect(await waitFor(() => predictor!.getLastModelError() !== null, 3000)).toBe(true);
    expect(predictor.getLastModelError()).toContain(name);
    expect(predictor.getModelVersion()).toBe("202612061000000");
    for (let i = 0; i < 100; i++) expect(predictor.map(testRows[i])).toEqual(otherBatch[i]);
    expect(predictor.getModelSwaps().map((s) => [s.version, s.ok])).toEqual([
      ["202612061000000", true],
      [name, false],
    ]);

    // A later good model is taken again (the first model's coefficients).
    append(root, model, "2026-12-06 12:00:00");
    expect(await waitFor(() => predictor!.getModelVersion() === "202612061200000", 3000)).toBe(true);
    for (let i = 0; i < 100; i++) expect(predictor.map(testRows[i])).toEqual(batch[i]);

    // A model of another feature space (numFeatures 1000) is refused by the LR swap check.
    const narrow = new Pipeline()
      .add(new StandardScaler().setSelectedCols(numericCols))
      .add(new FeatureHasher().setSelectedCols([...categoricalCols, ...numericCols]).setCategoricalCols(categoricalCols).setOutputCol("vec").setNumFeatures(1000))
      .add(new LogisticRegression().setVectorCol("vec").setLabelCol("click").setMaxIter(5).setPredictionCol("pred"))
      .fit(train);
    append(root, narrow, "2026-12-06 13:00:00");
    expect(await waitFor(() => predictor!.getModelSwaps().length === 4, 3000)).toBe(true);
    expect(predictor.getModelSwaps()[3].ok).toBe(false);
    expect(predictor.getLastModelError()).toMatch(/vectorSize|size/i);
    expect(predictor.getModelVersion()).toBe("202612061200000");

    // Two models committed between scans, the newer one corrupt: the older good one is taken.
    const staging2 = path.join(tempDir(), "staging2");
    append(staging2, other, "2026-12-06 14:00:00");
    append(staging2, model, "2026-12-06 15:00:00");
    fs.writeFileSync(path.join(staging2, "202612061500000", "0"), "not an ak file");
    for (const n of ["202612061400000", "202612061500000"]) {
      fs.renameSync(path.join(staging2, "conf", `${n}.log`), path.join(root, "conf", `${n}.log`));
      fs.renameSync(path.join(staging2, n), path.join(root, n));
    }
    expect(await waitFor(() => predictor!.getModelSwaps().length === 6, 3000)).toBe(true);
    expect(predictor.getModelVersion()).toBe("202612061400000");
    expect(predictor.getLastModelError()).toContain("202612061500000");
    expect(predictor.getModelSwaps().slice(4).filter((s) => s.ok).map((s) => s.version)).toEqual(["202612061400000"]);
    for (let i = 0; i < 50; i++) expect(predictor.map(testRows[i])).toEqual(otherBatch[i]);
    predictor.close();
    // closed: no more scans
    append(root, other, "2026-12-06 16:00:00");
    await new Promise((r) => setTimeout(r, 1300));
    expect(predictor.getModelSwaps().length).toBe(6);

    // A predictor made when models are already committed serves the newest from the start;
    // modelStreamStartTime leaves out older ones.
    const later = new LocalPredictor(model, CTR_SCHEMA_STR, { modelStreamFilePath: root, modelStreamScanInterval: 1 });
    expect(later.getModelVersion()).toBe("202612061600000");
    expect(later.map(testRows[7])).toEqual(otherBatch[7]);
    later.close();
    const none = new LocalPredictor(model, CTR_SCHEMA_STR, { modelStreamFilePath: root, modelStreamStartTime: "2026-12-06 17:00:00" });
    expect(none.getModelVersion()).toBeNull();
    expect(none.map(testRows[7])).toEqual(batch[7]);
    none.close();
    expect(() => new LocalPredictor(model, CTR_SCHEMA_STR, { modelStreamFilePath: root, modelStreamStartTime: "yesterday" })).toThrow(/modelStreamStartTime/);
  }, 30000);
});
