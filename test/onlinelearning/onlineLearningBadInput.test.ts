/**
 * OnlineLearningStreamOp refuses what it cannot train, with errors naming the cause: not a pipeline,
 * an unsupported last stage, an unknown optimMethod, labels outside the model's, bad rows (as
 * FtrlTrainStreamOp), timeInterval ≤ 0, a diverging model. And two runs emit identical tables.
 */
import { afterEach, describe, expect, it } from "vitest";
import * as api from "../../src";
import { expectError, expectStreamError, lrModelTable } from "../helpers";
import { lastCoefs, pipelinesByTime } from "./onlineLearningHelpers";

const lrPipeline = (coef = [0.1, -0.2, 0.3]) => new api.PipelineModel(new api.LogisticRegressionModel(lrModelTable(coef, { labelName: "y" })));
const stream = (rows: unknown[][], schema = "t double, v string, y int") => new api.MemSourceStreamOp(rows, schema).setTimeCol("t");
const GOOD: unknown[][] = [
  [1, "$2$0:1.0", 1],
  [2, "$2$1:1.0", 0],
];

afterEach(() => {
  api.BatchOperator.execute();
});

describe("OnlineLearningStreamOp bad input", () => {
  it("not a pipeline: a bare model table, a single stage, null", () => {
    const lr = new api.LogisticRegressionTrainBatchOp().setVectorCol("v").setLabelCol("y").linkFrom(new api.MemSourceBatchOp([["1 0", 1], ["0 1", 0]], "v string, y int"));
    expectError(
      () => new api.OnlineLearningStreamOp(lr).linkFrom(stream(GOOD)),
      /^OnlineLearningStreamOp: the initial pipeline model: not a packed pipeline model: columns are \(model_id, model_info, label_value\).* pass a PipelineModel .*FtrlTrainStreamOp trains a bare LR model table\.$/,
    );
    const stage = new api.LogisticRegressionModel(lrModelTable([0, 1, 1], { labelName: "y" }));
    expectError(() => new api.OnlineLearningStreamOp(stage as never), /initial model is a LogisticRegressionModel \(a single stage: wrap it, new OnlineLearningStreamOp\(new PipelineModel\(logisticRegressionModel\)\)\)/);
    expectError(() => new api.OnlineLearningStreamOp(null as never), /^OnlineLearningStreamOp: Online algo: initial model is null\./);
  });

  it("a last stage that is not a supported linear model: the error names its class", () => {
    const scaler = new api.Pipeline(new api.StandardScaler().setSelectedCols(["x"])).fit(new api.MemSourceBatchOp([[1.0], [2.0]], "x double"));
    expectError(
      () => new api.OnlineLearningStreamOp(scaler).linkFrom(stream([[1, 1.0]], "t double, x double")),
      /^OnlineLearningStreamOp: the initial pipeline model ends with a StandardScalerModel stage; online learning trains the pipeline's last stage, which must be one of LogisticRegressionModel/,
    );
  });

  it("the last stage's label or vector column missing after the feature stages", () => {
    expectError(() => new api.OnlineLearningStreamOp(lrPipeline()).linkFrom(stream([[1, "1 0", 1]], "t double, vec string, y int")), /trained on vector column "v", but the training rows have columns t, vec, y\./);
    expectError(() => new api.OnlineLearningStreamOp(lrPipeline()).linkFrom(stream([[1, "1 0", 1]], "t double, v string, label int")), /trained on label column "y", but the training rows have columns t, v, label\./);
  });

  it("unknown optimMethod: did-you-mean; names are case-insensitive as Alink's searchEnum", () => {
    const op = new api.OnlineLearningStreamOp(lrPipeline());
    expectError(() => op.setOptimMethod("ADAMM" as never), 'OnlineLearningStreamOp.setOptimMethod: "optimMethod" must be one of FTRL, ADAM, RMSprop, ADAGRAD, SGD, MOMENTUM (case-insensitive); got "ADAMM" (did you mean "ADAM"?).');
    expectError(() => op.setOptimMethod("LBFGS" as never), /got "LBFGS"\.$/);
    expect(op.setOptimMethod("rmsProp" as never).getOptimMethod()).toBe("RMSprop");
  });

  it("timeInterval ≤ 0, ADAM beta1 = 1", () => {
    const op = new api.OnlineLearningStreamOp(lrPipeline());
    expectError(() => op.setTimeInterval(0), /"timeInterval" must be a number > 0; got 0\./);
    expectError(() => op.setTimeInterval(-5), /"timeInterval" must be a number > 0; got -5\./);
    expectError(() => new api.OnlineLearningStreamOp(lrPipeline(), { optimMethod: "ADAM", beta1: 1 }).linkFrom(stream(GOOD)), /beta1 is 1; ADAM needs beta1 < 1/);
  });

  it("a label outside the model's two labels is an error naming the row (as FtrlTrainStreamOp), also under SKIP", async () => {
    new api.OnlineLearningStreamOp(lrPipeline(), { timeInterval: 10, handleInvalidMethod: "SKIP" }).linkFrom(stream([...GOOD, [3, "$2$0:1.0", 5]])).lazyCollect();
    const error = await expectStreamError(/^OnlineLearningStreamOp: row 2 \(event time 3 s\) has label "5" in "y", but the model's labels are "1" \(positive\) and "0"\.$/);
    expect(error.context).toMatchObject({ row: 2, column: "y", eventTime: 3 });
  });

  it("a null label or a NaN feature: an error naming the row under ERROR, skipped and counted under SKIP", async () => {
    const rows = [[1, "$2$0:1.0", 1], [2, "$2$1:1.0", null], [3, "$2$0:NaN", 0], [4, "$2$1:2.0", 1]];
    new api.OnlineLearningStreamOp(lrPipeline(), { timeInterval: 10 }).linkFrom(stream(rows)).lazyCollect();
    await expectStreamError(/^OnlineLearningStreamOp: row 1 \(event time 2 s\): the label in "y" is null\. The last stage cannot learn from it; set handleInvalidMethod to "SKIP"/);

    const skipping = new api.OnlineLearningStreamOp(lrPipeline(), { timeInterval: 10, handleInvalidMethod: "SKIP", optimMethod: "SGD", learningRate: 1 }).linkFrom(stream(rows));
    const kept = new api.OnlineLearningStreamOp(lrPipeline(), { timeInterval: 10, optimMethod: "SGD", learningRate: 1 }).linkFrom(stream([rows[0], rows[3]]));
    const a = skipping.lazyCollect();
    const b = kept.lazyCollect();
    await api.StreamOperator.execute();
    expect(skipping.getSkippedRowCount()).toBe(2);
    expect(skipping.getSkippedRows().map((s) => [s.row, s.eventTime])).toEqual([
      [1, 2],
      [2, 3],
    ]);
    expect(skipping.getSkippedRows()[1].reason).toMatch(/feature 0 of the vector in "v" is NaN/);
    // Skipped rows do not count: the same model as training on the other two rows only.
    expect(lastCoefs(pipelinesByTime(a.getTable()).get(10)!)).toEqual(lastCoefs(pipelinesByTime(b.getTable()).get(10)!));
  });

  it("a vector of another size than the model's is an error naming the row", async () => {
    new api.OnlineLearningStreamOp(lrPipeline()).linkFrom(stream([[1, "$3$2:1.0", 1]])).lazyCollect();
    await expectStreamError(/row 0 \(event time 1 s\): the feature stages made a vector of size 3 in "v", but the last stage's model has 2 features\./);
  });

  it("a diverging model is an error, never emitted", async () => {
    new api.OnlineLearningStreamOp(lrPipeline(), { optimMethod: "SGD", learningRate: 1e308 }).linkFrom(stream([[1, "$2$0:1e10", 0], [2, "$2$0:1e10", 1]])).lazyCollect();
    await expectStreamError(/SGD diverged: coefficient \d of the last stage is (-?Infinity|NaN)/);
  });
});

describe("OnlineLearningStreamOp determinism", () => {
  it("two runs (and two operators on the same packed model) emit identical tables", async () => {
    const rnd = new api.Random(11);
    const rows = Array.from({ length: 400 }, (_, i) => [i * 0.25, `$2$0:${rnd.nextGaussian()} 1:${rnd.nextGaussian()}`, rnd.nextInt(2)]);
    const saved = lrPipeline().save();
    const make = () => new api.OnlineLearningStreamOp(saved, { optimMethod: "ADAM", learningRate: 0.05, timeInterval: 7, miniBatchSize: 5 }).linkFrom(stream(rows));
    const op = make();
    const first = (await op.collectTable()).toRows();
    const second = (await op.collectTable()).toRows();
    const third = (await make().collectTable()).toRows();
    expect(first.length).toBe(15 * 5); // 15 intervals of 7 s in 100 s; meta row + 4 LR rows each
    expect(second).toEqual(first);
    expect(third).toEqual(first);
  });
});
