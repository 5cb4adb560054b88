import { describe, expect, it } from "vitest";
import * as api from "../../src";
import { ROOT, expectError } from "../helpers";

const HASH_COLS = [...api.CTR_CATEGORICAL_COLS, ...api.CTR_NUMERIC_COLS];
const hasher = () =>
  new api.FeatureHasher().setSelectedCols(HASH_COLS).setCategoricalCols([...api.CTR_CATEGORICAL_COLS]).setOutputCol("vec").setNumFeatures(1000);
const history = () => new api.CsvSourceBatchOp().setFilePath(`${ROOT}/datasets/ctr_train.csv`).setSchemaStr(api.CTR_SCHEMA_STR).setIgnoreFirstLine(true);
const streamRows = (n: number) =>
  new api.CsvSourceBatchOp().setFilePath(`${ROOT}/datasets/ctr_stream.csv`).setSchemaStr(api.CTR_SCHEMA_STR).setIgnoreFirstLine(true).firstN(n);

function setup(n = 4000) {
  const features = new api.Pipeline().add(hasher()).fit(history());
  const initModel = new api.LogisticRegressionTrainBatchOp().setVectorCol("vec").setLabelCol("click").setMaxIter(10).linkFrom(features.transform(history()));
  const trainBatch = features.transform(streamRows(n));
  return { features, initModel, trainBatch };
}

/**
 * FTRL-Proximal written plainly from the reference (§6.3–6.4), per row with Maps, for checking:
 * mini-batches of `batch` rows (cut early at every emission time), gradients averaged per
 * coordinate over the rows of the batch that store it.
 */
function referenceFtrl(
  w0: number[],
  rows: { t: number; x: Map<number, number>; y: number }[],
  o: { alpha: number; beta: number; l1: number; l2: number; batch: number; interval: number },
): number[] {
  const w = [...w0];
  const z = w0.map(() => 0);
  const n = w0.map(() => 0);
  let sum = new Map<number, number>();
  let cnt = new Map<number, number>();
  let inBatch = 0;
  const flush = () => {
    for (const [i, s] of sum) {
      const g = s / cnt.get(i)!;
      const sigma = (Math.sqrt(n[i] + g * g) - Math.sqrt(n[i])) / o.alpha;
      z[i] += g - sigma * w[i];
      n[i] += g * g;
      w[i] = Math.abs(z[i]) <= o.l1 ? 0 : (Math.sign(z[i] || 1) * o.l1 - z[i]) / ((o.beta + Math.sqrt(n[i])) / o.alpha + o.l2);
    }
    sum = new Map();
    cnt = new Map();
    inBatch = 0;
  };
  let boundary = (Math.floor(rows[0].t / o.interval) + 1) * o.interval;
  for (const row of rows) {
    while (row.t >= boundary) {
      if (inBatch > 0) flush();
      boundary += o.interval;
    }
    let dot = w[0];
    for (const [i, v] of row.x) dot += w[i + 1] * v;
    const residual = 1 / (1 + Math.exp(-dot)) - row.y;
    const add = (i: number, g: number) => {
      sum.set(i, (sum.get(i) ?? 0) + g);
      cnt.set(i, (cnt.get(i) ?? 0) + 1);
    };
    add(0, residual);
    for (const [i, v] of row.x) add(i + 1, residual * v);
    if (++inBatch === o.batch) flush();
  }
  if (inBatch > 0) flush();
  return w;
}

describe("FtrlTrainStreamOp", () => {
  it("matches a plainly written FTRL-Proximal on the same rows (coefficients after one pass)", async () => {
    const { initModel, trainBatch } = setup(3000);
    const o = { alpha: 0.1, beta: 1, l1: 0.01, l2: 0.01, batch: 64, interval: 600 };
    const ftrl = new api.FtrlTrainStreamOp(initModel)
      .setVectorCol("vec")
      .setLabelCol("click")
      .setVectorSize(1000)
      .setAlpha(o.alpha)
      .setBeta(o.beta)
      .setL1(o.l1)
      .setL2(o.l2)
      .setMiniBatchSize(o.batch)
      .setTimeInterval(o.interval)
      .linkFrom(new api.TableSourceStreamOp(trainBatch).setTimeCol("ts"));
    const models = await ftrl.collect();
    // The last model of the stream holds every row.
    const lastTs = (models[models.length - 1][0] as Date).getTime();
    const last = models.filter((r) => (r[0] as Date).getTime() === lastTs);
    const data = api.linearModelFromTable(new api.MemSourceBatchOp(last.map((r) => r.slice(2)), "model_id bigint, model_info string, label_value int").getOutputTable());
    const w0 = Array.from(api.linearModelFromTable(initModel.getOutputTable()).coefVector);
    const table = trainBatch.getOutputTable();
    const rows = table.toRows().map((r) => {
      const v = r[table.schema.indexOf("vec")] as api.SparseVector;
      return { t: r[table.schema.indexOf("ts")] as number, y: r[1] as number, x: new Map(Array.from(v.indices, (i, k) => [i, v.values[k]])) };
    });
    const expected = referenceFtrl(w0, rows, o);
    const got = Array.from(data.coefVector);
    expect(got.length).toBe(expected.length);
    for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(expected[i], 10);
    expect(got).not.toEqual(w0);
  });

  it("emits Alink's model-stream layout at multiples of timeInterval of event time", async () => {
    const { initModel, trainBatch } = setup(2000);
    const ftrl = new api.FtrlTrainStreamOp(initModel).setVectorCol("vec").setLabelCol("click").setVectorSize(1000).setTimeInterval(900).linkFrom(new api.TableSourceStreamOp(trainBatch).setTimeCol("ts"));
    expect(ftrl.getColNames()).toEqual(["alinkmodelstreamtimestamp", "alinkmodelstreamcount", "model_id", "model_info", "label_value"]);
    const collection = ftrl.lazyCollect();
    const progress = ftrl.getSideOutput(0).lazyCollect();
    await api.StreamOperator.execute();
    const rows = collection.getRows();
    const stamps = [...new Set(rows.map((r) => (r[0] as Date).getTime()))];
    for (const s of stamps) expect((s / 1000) % 900).toBe(0);
    for (const s of stamps) expect(rows.filter((r) => (r[0] as Date).getTime() === s).length).toBe(4);
    expect(rows.slice(0, 4).map((r) => r[2])).toEqual([0, 1048576, 2251799812636672, 2251799812636673]);
    expect(rows.every((r) => r[1] === 4)).toBe(true);
    const meta = rows[0][3] as string;
    expect(meta).toContain('"linearModelType":"\\"LR\\""');
    expect(meta).toContain('"vectorCol":"\\"vec\\""');
    const windows = progress.getRows();
    expect(windows.length).toBe(stamps.length);
    expect((windows[0][4] as number)).toBeGreaterThan(0.5);
  });

  it("rejects labels outside the model's two labels, wrong vector sizes and mismatched settings", async () => {
    const { initModel, trainBatch } = setup(50);
    const bad = new api.MemSourceStreamOp([[2, "$1000$1:1.0", 0]], "click int, vec vector, ts double").setTimeCol("ts");
    new api.FtrlTrainStreamOp(initModel).setVectorCol("vec").setLabelCol("click").setVectorSize(1000).linkFrom(bad).lazyCollect();
    await expect(api.StreamOperator.execute()).rejects.toThrow(
      'FtrlTrainStreamOp: row 0 (event time 0 s) has label "2" in "click", but the model\'s labels are "1" (positive) and "0".',
    );
    const big = new api.MemSourceStreamOp([[1, "$2000$1:1.0", 0]], "click int, vec vector, ts double").setTimeCol("ts");
    new api.FtrlTrainStreamOp(initModel).setVectorCol("vec").setLabelCol("click").setVectorSize(1000).linkFrom(big).lazyCollect();
    await expect(api.StreamOperator.execute()).rejects.toThrow(/row 0 \(event time 0 s\) has a vector of size 2000, but vectorSize is 1000/);
    expectError(
      () => new api.FtrlTrainStreamOp(initModel).setVectorCol("vec").setLabelCol("click").setVectorSize(30000).linkFrom(new api.TableSourceStreamOp(trainBatch)),
      "FtrlTrainStreamOp: vectorSize 30000 does not match the initial model's 1000 features.",
    );
    expectError(() => new api.FtrlTrainStreamOp(null as never), /initial model is null/);
  });
});

describe("FtrlPredictStreamOp", () => {
  it("swaps to each model at its event time (version column), deterministically", async () => {
    const { features, initModel } = setup(10);
    const source = () => new api.CsvSourceStreamOp().setFilePath(`${ROOT}/datasets/ctr_stream.csv`).setSchemaStr(api.CTR_SCHEMA_STR).setIgnoreFirstLine(true).setTimeCol("ts");
    const run = async () => {
      const split = new api.SplitStreamOp(0.5).linkFrom(source());
      const models = new api.FtrlTrainStreamOp(initModel).setVectorCol("vec").setLabelCol("click").setVectorSize(1000).setTimeInterval(1800).linkFrom(features.transform(split));
      const predictor = new api.FtrlPredictStreamOp(initModel)
        .setVectorCol("vec")
        .setPredictionCol("pred")
        .setPredictionDetailCol("details")
        .setReservedCols(["click", "ts"])
        .linkFrom(models, features.transform(split.getSideOutput(0)));
      return predictor.collectTable();
    };
    const table = await run();
    expect(table.schema.names).toEqual(["click", "ts", "pred", "details", "model_version"]);
    const rows = table.toRows();
    let versions = 0;
    let previous: number | null = null;
    for (const r of rows) {
      const ts = r[1] as number;
      const version = r[4] === null ? null : (r[4] as Date).getTime() / 1000;
      if (version === null) expect(ts).toBeLessThan((Math.floor(rows[0][1] as number / 1800) + 1) * 1800);
      else {
        // The newest model at or before the row's time: its version is the last multiple of 1800 ≤ ts.
        expect(version).toBe(Math.floor(ts / 1800) * 1800);
      }
      if (version !== previous) versions++;
      previous = version;
    }
    expect(versions).toBeGreaterThan(15);
    expect((await run()).toRows()).toEqual(rows);
  });

  it("rejects a model stream of the wrong schema", () => {
    const { initModel } = setup(10);
    const notModels = new api.MemSourceStreamOp([[1, "x"]], "a int, b string");
    const data = new api.MemSourceStreamOp([["$1000$1:1.0"]], "vec vector");
    expectError(() => new api.FtrlPredictStreamOp(initModel).setPredictionCol("p").setVectorCol("vec").linkFrom(notModels, data), /the model-stream input must start with columns alinkmodelstreamtimestamp TIMESTAMP, alinkmodelstreamcount BIGINT/);
  });
});

describe("FTRL under drift", () => {
  it("recovers its windowed AUC after a drift while the static initial model stays down", async () => {
    const { csv } = api.generateCtr({ rows: 80000, seed: 11, rowsPerSecond: 2, driftAt: [0.4], driftStrength: 1 });
    const lines = csv.trim().split("\n");
    const toRows = (ls: string[]) => ls.map((l) => l.split(","));
    const schema = api.Schema.parse(api.CTR_SCHEMA_STR);
    const typed = (rows: string[][]) => rows.map((r) => r.map((v, i) => (schema.types[i] === "STRING" ? v : Number(v))));
    const historyRows = typed(toRows(lines.slice(1, 10001)));
    const streamRowsAll = typed(toRows(lines.slice(10001)));
    const history = new api.MemSourceBatchOp(historyRows, api.CTR_SCHEMA_STR);
    // As in Alink's FTRL example: numeric columns standardized before hashing (raw values in the
    // tens of thousands would make FTRL's first steps diverge).
    const features = new api.Pipeline().add(new api.StandardScaler().setSelectedCols([...api.CTR_NUMERIC_COLS])).add(hasher()).fit(history);
    const initModel = new api.LogisticRegressionTrainBatchOp().setVectorCol("vec").setLabelCol("click").setMaxIter(20).linkFrom(features.transform(history));
    const source = new api.MemSourceStreamOp(streamRowsAll, api.CTR_SCHEMA_STR).setTimeCol("ts");
    const split = new api.SplitStreamOp(0.5).linkFrom(source);
    const models = new api.FtrlTrainStreamOp(initModel)
      .setVectorCol("vec").setLabelCol("click").setVectorSize(1000).setAlpha(0.5).setBeta(1).setL1(0.001).setL2(0.001).setTimeInterval(600)
      .linkFrom(features.transform(split));
    const test = features.transform(split.getSideOutput(0));
    const online = new api.FtrlPredictStreamOp(initModel).setVectorCol("vec").setPredictionCol("pred").setPredictionDetailCol("d").linkFrom(models, test);
    const fixed = new api.LogisticRegressionPredictStreamOp(initModel).setVectorCol("vec").setPredictionCol("pred").setPredictionDetailCol("d").linkFrom(test);
    const evaluate = (op: api.StreamOperator) =>
      new api.EvalBinaryClassStreamOp().setLabelCol("click").setPredictionDetailCol("d").setTimeInterval(3600).linkFrom(op).lazyCollect();
    const onlineEval = evaluate(online);
    const fixedEval = evaluate(fixed);
    await api.StreamOperator.execute();
    const windowAuc = (c: api.StreamCollection) =>
      c.getRows().map((r, i) => ({ kind: r[0], t: c.getTimes()[i], auc: new api.BinaryClassMetrics(r[1] as string).getAuc() })).filter((r) => r.kind === "window");
    const on = windowAuc(onlineEval);
    const off = windowAuc(fixedEval);
    const driftTime = streamRowsAll[Math.floor(0.4 * 80000) - 10000][24] as number;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const late = (ws: typeof on) => mean(ws.filter((w) => w.t > driftTime + 4 * 3600).map((w) => w.auc));
    const before = (ws: typeof on) => mean(ws.filter((w) => w.t <= driftTime).map((w) => w.auc));
    // Before the drift both models are good; well after it only the online model is.
    expect(before(off)).toBeGreaterThan(0.62);
    expect(late(on)).toBeGreaterThan(late(off) + 0.05);
    expect(late(on)).toBeGreaterThan(before(off) - 0.05);
  }, 120_000);
});
