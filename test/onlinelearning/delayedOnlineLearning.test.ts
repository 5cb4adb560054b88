/**
 * OnlineLearningStreamOp with delayed labels: labelDelay 0 is no delay bit for bit; a delay gives
 * the models of the undelayed op on the stream re-timed to the label times (ADAM, vector input and
 * a feature stage); with FTRL it agrees with FtrlTrainStreamOp under the same delay column.
 */
import { afterEach, describe, expect, it } from "vitest";
import * as api from "../../src";
import { lastCoefs, pipelinesByTime } from "./onlineLearningHelpers";

afterEach(() => {
  api.BatchOperator.execute();
});

const SCHEMA = "t double, v string, a double, b double, y int, d double";

/** Sparse 5-feature vectors, numeric a/b, label y, times with ties, delays in {0, 2, 2, 9}. */
function rows(n: number, seed: number): unknown[][] {
  const rnd = new api.Random(seed);
  const out: unknown[][] = [];
  let t = 0;
  for (let i = 0; i < n; i++) {
    if (rnd.nextDouble() < 0.6) t += rnd.nextInt(3);
    const i0 = rnd.nextInt(5);
    const v0 = Math.round(rnd.nextGaussian() * 100) / 100;
    const a = Math.round(rnd.nextGaussian() * 100) / 100;
    const b = Math.round(rnd.nextGaussian() * 100) / 100;
    const y = rnd.nextDouble() < 1 / (1 + Math.exp(-(0.8 * a - 1.2 * b + v0))) ? 1 : 0;
    out.push([t, `$5$${i0}:${v0}`, a, b, y, [0, 2, 2, 9][rnd.nextInt(4)]]);
  }
  return out;
}

const batch = new api.MemSourceBatchOp(rows(60, 3), SCHEMA);
const hyper = { miniBatchSize: 5, timeInterval: 10 };

async function models(op: api.StreamOperator): Promise<[number, number[]][]> {
  const c = op.lazyCollect();
  await api.StreamOperator.execute();
  return [...pipelinesByTime(c.getTable())].map(([t, m]) => [t, lastCoefs(m)]);
}

describe("OnlineLearningStreamOp with delayed feedback", () => {
  const data = rows(300, 7);
  const retimed = data.map((r, i) => ({ r: [(r[0] as number) + (r[5] as number), ...r.slice(1)], i })).sort((x, y) => (x.r[0] as number) - (y.r[0] as number) || x.i - y.i).map((x) => x.r);
  const source = (rs: unknown[][]) => new api.MemSourceStreamOp(rs, SCHEMA).setTimeCol("t");
  const pipeline = () =>
    new api.Pipeline(new api.StandardScaler().setSelectedCols(["a", "b"]), new api.VectorAssembler().setSelectedCols(["a", "b"]).setOutputCol("ab"), new api.LogisticRegression().setVectorCol("ab").setLabelCol("y").setMaxIter(5)).fit(batch);

  it("labelDelay 0 = no delay; a delay column = the undelayed op on the re-timed stream (ADAM)", async () => {
    const p = pipeline();
    const op = () => new api.OnlineLearningStreamOp(p, { optimMethod: "ADAM", learningRate: 0.05, ...hyper });
    const plain = await models(op().linkFrom(source(data)));
    expect(await models(op().setLabelDelay(0).linkFrom(source(data)))).toEqual(plain);
    const delayed = await models(op().setLabelDelayCol("d").linkFrom(source(data)));
    expect(delayed).toEqual(await models(op().linkFrom(source(retimed))));
    expect(delayed).not.toEqual(plain);
    expect(delayed.length).toBeGreaterThan(5);
  });

  it("with FTRL: the same models as FtrlTrainStreamOp under the same delays", async () => {
    const p = new api.Pipeline(new api.LogisticRegression().setVectorCol("v").setLabelCol("y").setMaxIter(5)).fit(batch);
    const ftrlHyper = { alpha: 0.5, beta: 1, l1: 0.01, l2: 0.05, ...hyper };
    const online = await models(new api.OnlineLearningStreamOp(p, { optimMethod: "FTRL", ...ftrlHyper }).setLabelDelayCol("d").linkFrom(source(data)));
    const lr = p.getStages()[0] as api.LogisticRegressionModel;
    const ftrl = new api.FtrlTrainStreamOp(lr.getModelData(), ftrlHyper).setVectorCol("v").setLabelCol("y").setVectorSize(5).setLabelDelayCol("d").linkFrom(source(data));
    const c = ftrl.lazyCollect();
    await api.StreamOperator.execute();
    const table = c.getTable();
    const modelSchema = new api.Schema(table.schema.names.slice(2), table.schema.types.slice(2));
    const times = [...new Set(table.toRows().map((r) => (r[0] as Date).getTime()))];
    const expected = times.map((ms) => [
      ms / 1000,
      Array.from(api.linearModelFromTable(api.Table.fromRows(table.toRows().filter((r) => (r[0] as Date).getTime() === ms).map((r) => r.slice(2)), modelSchema)).coefVector),
    ]);
    expect(online).toEqual(expected);
  });

  it("a bad delay is an error naming the row and column", async () => {
    const bad = data.map((r) => [...r]);
    bad[4][5] = -1;
    new api.OnlineLearningStreamOp(pipeline(), { optimMethod: "SGD", ...hyper }).setLabelDelayCol("d").linkFrom(source(bad)).lazyCollect();
    await expect(api.StreamOperator.execute()).rejects.toThrow(/OnlineLearningStreamOp: row 4 \(event time [\d.]+ s\): labelDelayCol "d" gives a negative delay \(-1 s\)/);
  });
});
