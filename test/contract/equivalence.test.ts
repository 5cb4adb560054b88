/**
 * One transform, four forms, one answer: for every mapper-backed transform exported from the
 * package entry, the batch operator, the stream operator, the fitted pipeline stage (`transform`
 * on a batch and on a stream) and a LocalPredictor fed row by row give the same rows, cell for
 * cell (numbers bit for bit). The stream forms run with source chunks of 1, 7 and all rows, so a
 * mapper that keeps state across chunks, or mishandles a chunk boundary, shows here.
 *
 * None of the four forms is trusted more than another: each is checked against the others, and the
 * LocalPredictor path (one row at a time, through its own input slots) is written differently
 * enough from the columnar batch path that agreeing by accident is unlikely. That the outputs are
 * also right is the job of the per-operator tests and the Alink doc fixtures (alinkDocs.test.ts).
 */
import { describe, expect, it } from "vitest";
import * as api from "../../src";
import type { BatchOperator, StreamOperator, TransformerBase } from "../../src";

type Params = Record<string, unknown>;
type Ctor<T> = new (...args: any[]) => T; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A transform family: its batch op, stream op and stage, given the same parameters. */
interface Family {
  data: { rows: unknown[][]; schemaStr: string };
  /** Model-backed families: the trainer and its parameters; the stage is the estimator. */
  train?: { op: Ctor<BatchOperator>; params: Params };
  /** Parameters of the predict/map operators (the stage gets train + these). */
  params: Params;
  batch: Ctor<BatchOperator>;
  stream: Ctor<StreamOperator>;
  /** The pipeline stage (an estimator when `train` is set, else a transformer); null = no stage form. */
  stage: Ctor<api.PipelineStage> | null;
}

/** 23 rows: with chunks of 7 the last chunk is short; nulls, negatives, repeats and a row of zeros. */
const N = 23;
const numbers = {
  schemaStr: "s string, x double, n int",
  rows: Array.from({ length: N }, (_, i) => [i % 5 === 3 ? null : "abcde"[(i * 3) % 5], i % 7 === 4 ? null : (i * 1.37) % 5 - 2, i % 6 === 5 ? null : (i * 11) % 9]),
};
const vectors = {
  schemaStr: "id int, d string, v vector",
  rows: Array.from({ length: N }, (_, i) => [i, `${i * 0.5} ${-i}`, i % 4 === 0 ? "$6$" : `$6$${i % 6}:${i / 4}`]),
};
const labeled = {
  schemaStr: "f0 double, f1 int, label int",
  rows: Array.from({ length: N }, (_, i) => [((i * 7) % 11) / 3 - 1, (i * 5) % 4, (i * 7) % 11 > 4 || i % 5 === 0 ? 1 : 2]),
};
const sparse = {
  schemaStr: "vec vector, label string",
  rows: Array.from({ length: N }, (_, i) => [`$8$${i % 8}:1.0 ${(i + 3) % 8}:${(i % 5) - 2}`, i % 3 === 0 ? "no" : "yes"]),
};
const json = {
  schemaStr: "id int, str string",
  rows: Array.from({ length: N }, (_, i) => [i, i % 6 === 2 ? null : `{a:${"xyz"[i % 3]},b:{b1:[${i},${i * 2}],b2:${i % 4}}}`]),
};
/** JSON and CSV texts of the same rows: nulls, and every seventh row with a value of the wrong type (handleInvalid SKIP). */
const texts = {
  schemaStr: "id int, js string, cs string",
  rows: Array.from({ length: N }, (_, i) => [
    i,
    i % 6 === 2 ? null : i % 7 === 5 ? `{"a":"${"xyz"[i % 3]}","n":"oops","k":${i % 4}}` : `{"a":"${"xyz"[i % 3]}","n":${i * 1.5},"k":${i % 4}}`,
    i % 5 === 3 ? null : i % 7 === 5 ? `${"xyz"[i % 3]},oops,${i % 4}` : `${"xyz"[i % 3]},${i * 1.5},${i % 4}`,
  ]),
};

const FAMILIES: Record<string, Family> = {
  StandardScaler: {
    data: numbers,
    train: { op: api.StandardScalerTrainBatchOp, params: { selectedCols: ["x", "n"] } },
    params: {},
    batch: api.StandardScalerPredictBatchOp,
    stream: api.StandardScalerPredictStreamOp,
    stage: api.StandardScaler,
  },
  "StandardScaler (outputCols, no mean)": {
    data: numbers,
    train: { op: api.StandardScalerTrainBatchOp, params: { selectedCols: ["n", "x"], withMean: false } },
    params: { outputCols: ["n_z", "x_z"] },
    batch: api.StandardScalerPredictBatchOp,
    stream: api.StandardScalerPredictStreamOp,
    stage: api.StandardScaler,
  },
  MinMaxScaler: {
    data: numbers,
    train: { op: api.MinMaxScalerTrainBatchOp, params: { selectedCols: ["x", "n"], min: -1, max: 2 } },
    params: { outputCols: ["x_s", "n_s"] },
    batch: api.MinMaxScalerPredictBatchOp,
    stream: api.MinMaxScalerPredictStreamOp,
    stage: api.MinMaxScaler,
  },
  OneHot: {
    data: numbers,
    train: { op: api.OneHotTrainBatchOp, params: { selectedCols: ["s", "n"] } },
    params: { outputCols: ["oh"] },
    batch: api.OneHotPredictBatchOp,
    stream: api.OneHotPredictStreamOp,
    stage: api.OneHotEncoder,
  },
  "OneHot (VECTOR, keep last)": {
    data: numbers,
    train: { op: api.OneHotTrainBatchOp, params: { selectedCols: ["s", "n"] } },
    params: { encode: "VECTOR", dropLast: false, outputCols: ["s_v", "n_v"] },
    batch: api.OneHotPredictBatchOp,
    stream: api.OneHotPredictStreamOp,
    stage: api.OneHotEncoder,
  },
  VectorAssembler: {
    data: vectors,
    params: { selectedCols: ["id", "d", "v"], outputCol: "vec" },
    batch: api.VectorAssemblerBatchOp,
    stream: api.VectorAssemblerStreamOp,
    stage: api.VectorAssembler,
  },
  FeatureHasher: {
    data: numbers,
    params: { selectedCols: ["s", "x", "n"], categoricalCols: ["n"], outputCol: "vec", numFeatures: 64 },
    batch: api.FeatureHasherBatchOp,
    stream: api.FeatureHasherStreamOp,
    stage: api.FeatureHasher,
  },
  LogisticRegression: {
    data: labeled,
    train: { op: api.LogisticRegressionTrainBatchOp, params: { featureCols: ["f0", "f1"], labelCol: "label" } },
    params: { predictionCol: "pred", predictionDetailCol: "detail" },
    batch: api.LogisticRegressionPredictBatchOp,
    stream: api.LogisticRegressionPredictStreamOp,
    stage: api.LogisticRegression,
  },
  "LogisticRegression (sparse vector, string labels)": {
    data: sparse,
    train: { op: api.LogisticRegressionTrainBatchOp, params: { vectorCol: "vec", labelCol: "label", maxIter: 7 } },
    params: { predictionCol: "pred", predictionDetailCol: "detail", reservedCols: ["label"] },
    batch: api.LogisticRegressionPredictBatchOp,
    stream: api.LogisticRegressionPredictStreamOp,
    stage: api.LogisticRegression,
  },
  JsonToColumns: {
    data: texts,
    params: { jsonCol: "js", schemaStr: "a string, n double, k int", reservedCols: ["id"], handleInvalid: "SKIP" },
    batch: api.JsonToColumnsBatchOp,
    stream: api.JsonToColumnsStreamOp,
    stage: null,
  },
  CsvToColumns: {
    data: texts,
    params: { csvCol: "cs", schemaStr: "a string, n double, k int", reservedCols: ["id"], handleInvalid: "SKIP" },
    batch: api.CsvToColumnsBatchOp,
    stream: api.CsvToColumnsStreamOp,
    stage: null,
  },
  JsonValue: {
    data: json,
    params: { selectedCol: "str", jsonPath: ["$.a", "$.b.b1[1]", "$.b.b2"], outputCols: ["a", "b1", "b2"], skipFailed: true },
    batch: api.JsonValueBatchOp,
    stream: api.JsonValueStreamOp,
    stage: null,
  },
};

/**
 * Exported stream operators with a batch twin that are not row-by-row transforms, with the reason.
 * Every other `XStreamOp` / `XPredictStreamOp` with an exported `XBatchOp` / `XPredictBatchOp` must be a family above.
 */
const NOT_MAPPERS: Record<string, string> = {
  MapStreamOp: "abstract base of the map stream operators",
  ModelMapStreamOp: "abstract base of the model predict stream operators",
  SplitStreamOp: "random split: its own test checks batch/stream agreement of the split",
  EvalBinaryClassStreamOp: "windowed evaluation, not a row map",
  MemSourceStreamOp: "source",
  TableSourceStreamOp: "source",
  CsvSourceStreamOp: "source",
  AkSourceStreamOp: "source",
  AkSinkStreamOp: "sink",
};

const CHUNKS = [1, 7, N];

const cell = (v: unknown): unknown => (v !== null && typeof v === "object" ? String(v) : v);
const cells = (rows: readonly (readonly unknown[])[]): unknown[][] => rows.map((r) => r.map(cell));
const batchData = (f: Family): BatchOperator => new api.MemSourceBatchOp(f.data.rows, f.data.schemaStr);
const streamData = (f: Family, chunkSize: number): StreamOperator => new api.MemSourceStreamOp(f.data.rows, f.data.schemaStr, { chunkSize });
const trained = (f: Family): BatchOperator | null => (f.train ? new f.train.op(f.train.params).linkFrom(batchData(f)) : null);
const stageParams = (f: Family): Params => ({ ...(f.train?.params ?? {}), ...f.params });

function fittedStage(f: Family): TransformerBase {
  const stage = new f.stage!(stageParams(f));
  return stage instanceof api.EstimatorBase ? stage.fit(batchData(f)) : (stage as TransformerBase);
}

function batchForm(f: Family): BatchOperator {
  const model = trained(f);
  const op = new f.batch(f.params);
  return model ? op.linkFrom(model, batchData(f)) : op.linkFrom(batchData(f));
}

function streamForm(f: Family, chunkSize: number): StreamOperator {
  const model = trained(f);
  const op = model ? new f.stream(model, f.params) : new f.stream(f.params);
  return op.linkFrom(streamData(f, chunkSize));
}

async function collect(op: StreamOperator): Promise<unknown[][]> {
  return cells(await op.collect());
}

describe("batch = stream = stage = LocalPredictor, for every mapper", () => {
  it("every exported stream transform with a batch twin has a family here", () => {
    const names = Object.keys(api);
    const twins = names.filter((n) => n.endsWith("StreamOp") && names.includes(n.replace(/StreamOp$/, "BatchOp")));
    const covered = new Set(Object.values(FAMILIES).map((f) => f.stream.name));
    expect(twins.filter((n) => !covered.has(n) && !(n in NOT_MAPPERS))).toEqual([]);
    expect(twins.length).toBeGreaterThanOrEqual(7);
  });

  for (const [name, f] of Object.entries(FAMILIES)) {
    describe(name, () => {
      it("the batch op runs and keeps every row", () => {
        const rows = batchForm(f).collect();
        expect(rows.length).toBe(N);
      });

      for (const chunkSize of CHUNKS) {
        it(`the stream op gives the batch op's rows (chunks of ${chunkSize})`, async () => {
          const expected = cells(batchForm(f).collect());
          const op = streamForm(f, chunkSize);
          expect(op.getSchema().toString()).toBe(batchForm(f).getSchema().toString());
          expect(await collect(op)).toEqual(expected);
        });
      }

      if (f.stage === null) return;

      it("the fitted stage's batch transform gives the batch op's rows", () => {
        const expected = cells(batchForm(f).collect());
        const out = fittedStage(f).transform(batchData(f)) as BatchOperator;
        expect(out.getSchema().toString()).toBe(batchForm(f).getSchema().toString());
        expect(cells(out.collect())).toEqual(expected);
      });

      for (const chunkSize of CHUNKS) {
        it(`the fitted stage's stream transform gives the batch op's rows (chunks of ${chunkSize})`, async () => {
          const expected = cells(batchForm(f).collect());
          const out = fittedStage(f).transform(streamData(f, chunkSize)) as StreamOperator;
          expect(await collect(out)).toEqual(expected);
        });
      }

      it("a LocalPredictor, row by row, gives the batch op's rows", () => {
        const expected = cells(batchForm(f).collect());
        const predictor = new api.LocalPredictor(fittedStage(f), f.data.schemaStr);
        expect(predictor.getOutputSchemaStr()).toBe(batchForm(f).getSchema().toString());
        const got = f.data.rows.map((row) => predictor.map(row).map(cell));
        predictor.close();
        expect(got).toEqual(expected);
      });
    });
  }
});

describe("a whole pipeline model: transform = PipelinePredictStreamOp = LocalPredictor", () => {
  const f = { data: numbers } as Family;
  const pipeline = () =>
    new api.Pipeline(
      new api.StandardScaler().setSelectedCols(["x"]).setOutputCols(["x_z"]),
      new api.MinMaxScaler().setSelectedCols(["n"]).setOutputCols(["n_m"]),
      new api.OneHotEncoder().setSelectedCols(["s"]).setOutputCols(["s_oh"]),
      new api.VectorAssembler().setSelectedCols(["x_z", "n_m", "s_oh"]).setOutputCol("features").setHandleInvalidMethod("SKIP"),
      new api.FeatureHasher().setSelectedCols(["s", "n"]).setOutputCol("hashed").setNumFeatures(16),
    ).fit(batchData(f));

  it("batch, stream transform, PipelinePredictStreamOp and LocalPredictor agree for chunks of 1, 7, all", async () => {
    const model = pipeline();
    const expected = cells((model.transform(batchData(f)) as BatchOperator).collect());
    expect(expected.length).toBe(N);
    for (const chunkSize of CHUNKS) {
      expect(await collect(model.transform(streamData(f, chunkSize)) as StreamOperator), `transform, chunks of ${chunkSize}`).toEqual(expected);
      expect(await collect(new api.PipelinePredictStreamOp(model).linkFrom(streamData(f, chunkSize))), `PipelinePredictStreamOp, chunks of ${chunkSize}`).toEqual(expected);
    }
    const predictor = new api.LocalPredictor(model, numbers.schemaStr);
    expect(numbers.rows.map((row) => predictor.map(row).map(cell))).toEqual(expected);
    predictor.close();
  });
});

describe("the chunkSize option of in-memory stream sources", () => {
  it("is validated and leaves rows and event times unchanged", async () => {
    expect(() => new api.MemSourceStreamOp([[1]], "x int").setChunkSize(0)).toThrow(/chunkSize/);
    const times = async (chunkSize: number) => {
      const collection = new api.TableSourceStreamOp(batchData({ data: numbers } as Family), { chunkSize, timePerSample: 0.5 }).lazyCollect();
      // One scheduler step per chunk: proves the option took effect (else the checks above compare one chunking with itself).
      const { steps } = await api.StreamOperator.execute();
      return { rows: cells(collection.getRows()), times: [...collection.getTimes()], steps };
    };
    const all = await times(N);
    expect(all.rows).toEqual(cells(numbers.rows));
    expect(all.times).toEqual(numbers.rows.map((_, i) => i * 0.5));
    expect(all.steps).toBe(1);
    expect(await times(1)).toEqual({ ...all, steps: N });
    expect(await times(7)).toEqual({ ...all, steps: Math.ceil(N / 7) });
  });
});

describe("FtrlPredictStreamOp = LogisticRegressionPredictBatchOp with the model serving each row", () => {
  // The FTRL predictor has no batch twin: its truth is the batch LR predictor run with the model that
  // serves each row — the initial model before the first streamed model, then each streamed model from its time on.
  const f = { data: sparse } as Family;
  const init = () => new api.LogisticRegressionTrainBatchOp().setVectorCol("vec").setLabelCol("label").setMaxIter(5).linkFrom(batchData(f));
  const timed = (chunkSize: number) => new api.MemSourceStreamOp(sparse.rows, sparse.schemaStr, { chunkSize, timePerSample: 1 });

  it("for chunks of 1, 7 and all, before and after each streamed model", async () => {
    const trainer = () => new api.FtrlTrainStreamOp(init()).setVectorCol("vec").setLabelCol("label").setVectorSize(8).setTimeInterval(5).setMiniBatchSize(1).linkFrom(timed(N));
    const models = trainer().lazyCollect();
    await api.StreamOperator.execute();
    const modelRows = models.getRows();
    const modelTimes = [...new Set(modelRows.map((r) => (r[0] as Date).getTime() / 1000))].sort((a, b) => a - b);
    expect(modelTimes.length).toBeGreaterThanOrEqual(3);
    const modelSchema = trainer().getSchema();
    const modelAt = (t: number) =>
      api.Table.fromRows(
        modelRows.filter((r) => (r[0] as Date).getTime() / 1000 === t).map((r) => r.slice(2)),
        new api.Schema(modelSchema.names.slice(2), modelSchema.types.slice(2)),
      );
    // Row i (event time i) is served by the newest model with time ≤ i: the trainer's source is created (linked)
    // before the data's, so at equal event times the model arrives first (ModelMapStreamOp documents the tie rule).
    const expected = sparse.rows.map((row, i) => {
      const serving = modelTimes.filter((t) => t <= i).pop();
      const model = serving === undefined ? init() : new api.TableSourceBatchOp(modelAt(serving));
      return cells(new api.LogisticRegressionPredictBatchOp().setPredictionCol("pred").setPredictionDetailCol("detail").linkFrom(model, new api.MemSourceBatchOp([row], sparse.schemaStr)).collect())[0];
    });
    for (const chunkSize of CHUNKS) {
      const op = new api.FtrlPredictStreamOp(init()).setVectorCol("vec").setPredictionCol("pred").setPredictionDetailCol("detail").setModelVersionCol(null).linkFrom(trainer(), timed(chunkSize));
      expect(await collect(op), `chunks of ${chunkSize}`).toEqual(expected);
    }
  });
});
