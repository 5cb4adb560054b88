import { describe, expect, it } from "vitest";
import * as api from "../../src";
import { ROOT } from "../helpers";

/** The tutorial-02 graph on the shipped data; `source` decides how rows arrive (file chunks or one table). */
async function runGraph(source: () => api.StreamOperator, speedFactor?: number) {
  const history = new api.CsvSourceBatchOp().setFilePath(`${ROOT}/datasets/ctr_train.csv`).setSchemaStr(api.CTR_SCHEMA_STR).setIgnoreFirstLine(true);
  const features = new api.Pipeline()
    .add(new api.StandardScaler().setSelectedCols([...api.CTR_NUMERIC_COLS]))
    .add(new api.FeatureHasher().setSelectedCols([...api.CTR_CATEGORICAL_COLS, ...api.CTR_NUMERIC_COLS]).setCategoricalCols([...api.CTR_CATEGORICAL_COLS]).setOutputCol("vec").setNumFeatures(30000))
    .fit(history);
  const init = new api.LogisticRegressionTrainBatchOp().setVectorCol("vec").setLabelCol("click").setMaxIter(10).linkFrom(features.transform(history));
  const split = new api.SplitStreamOp(0.5).linkFrom(source());
  const models = new api.FtrlTrainStreamOp(init).setVectorCol("vec").setLabelCol("click").setVectorSize(30000).setAlpha(0.5).setBeta(1).setL1(0.001).setL2(0.001).setTimeInterval(600).linkFrom(features.transform(split));
  const predictions = new api.FtrlPredictStreamOp(init).setVectorCol("vec").setPredictionCol("pred").setPredictionDetailCol("details").setReservedCols(["click"]).linkFrom(models, features.transform(split.getSideOutput(0)));
  const metrics = new api.EvalBinaryClassStreamOp().setLabelCol("click").setPredictionDetailCol("details").setTimeInterval(1800).linkFrom(predictions).lazyCollect();
  const progress = models.getSideOutput(0).lazyCollect();
  const report = await api.StreamOperator.execute({ speedFactor });
  return { metrics: metrics.getRows(), times: Array.from(metrics.getTimes()), progress: progress.getRows(), report };
}

const csvSource = () =>
  new api.CsvSourceStreamOp().setFilePath(`${ROOT}/datasets/ctr_stream.csv`).setSchemaStr(api.CTR_SCHEMA_STR).setIgnoreFirstLine(true).setTimeCol("ts");

describe("determinism of the FTRL tutorial graph", () => {
  it("gives identical metrics on every run and whatever the chunking of the input", async () => {
    const first = await runGraph(csvSource);
    const second = await runGraph(csvSource);
    expect(second.metrics).toEqual(first.metrics);
    expect(second.progress).toEqual(first.progress);
    expect(first.metrics.length).toBeGreaterThan(20);
    // The same rows from memory in chunks of 4096 rows instead of 1 MB file pieces.
    const table = new api.CsvSourceBatchOp().setFilePath(`${ROOT}/datasets/ctr_stream.csv`).setSchemaStr(api.CTR_SCHEMA_STR).setIgnoreFirstLine(true);
    const fromMemory = await runGraph(() => new api.TableSourceStreamOp(table).setTimeCol("ts"));
    expect(fromMemory.metrics).toEqual(first.metrics);
    expect(fromMemory.times).toEqual(first.times);
  }, 120_000);

  it("can pace a stream in real time (speedFactor) without changing results", async () => {
    const rows = Array.from({ length: 11 }, (_, i) => [i * 0.1, i]);
    const started = Date.now();
    const source = new api.MemSourceStreamOp(rows, "t double, v int").setTimeCol("t");
    const collection = source.lazyCollect();
    await api.StreamOperator.execute({ speedFactor: 2 });
    // 1 s of event time at 2× speed takes at least 0.5 s of wall-clock time.
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(collection.getRows()).toEqual(rows);
  });
});
