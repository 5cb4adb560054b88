/**
 * The finite-value policy on the logistic-regression path: what the trainer rejects (null, NaN,
 * ±Infinity in features, vectors or labels), the predictors reject too — naming the row, the
 * column, the value and, in a stream, the event time.
 */
import { describe, expect, it } from "vitest";
import {
  LogisticRegression,
  LogisticRegressionPredictBatchOp,
  LogisticRegressionPredictStreamOp,
  LogisticRegressionTrainBatchOp,
  MemSourceBatchOp,
  MemSourceStreamOp,
  Schema,
  Table,
} from "../../src";
import { expectError } from "../helpers";

const TRAIN = "LogisticRegressionTrainBatchOp";
const PREDICT = "LogisticRegressionPredictBatchOp";
const ROWS = [[2, 1, 1], [3, 2, 1], [4, 3, 2], [2, 4, 1]];
const trainer = () => new LogisticRegressionTrainBatchOp().setLabelCol("label");

/** A hand-written LR model: dot = −3.5 + 1.25·f0 + 0.5·f1 (or the same weights over a 2-vector `v`). */
function handModel(vector = false): Table {
  const meta = vector
    ? '{"hasInterceptItem":"true","vectorCol":"\\"v\\"","modelName":"\\"Logistic Regression\\"","labelCol":"\\"label\\"","linearModelType":"\\"LR\\"","vectorSize":"2"}'
    : '{"hasInterceptItem":"true","modelName":"\\"Logistic Regression\\"","labelCol":"\\"label\\"","linearModelType":"\\"LR\\"","vectorSize":"2"}';
  const names = vector ? "null" : '["f0","f1"]';
  const data = `{"featureColNames":${names},"featureColTypes":null,"coefVector":{"data":[-3.5,1.25,0.5]},"coefVectors":null,"convergenceInfo":null}`;
  return Table.fromRows([[0, meta, null], [1048576, data, null], [2251799812636672, null, 2], [2251799812636673, null, 1]], Schema.parse("model_id bigint, model_info string, label_value int"));
}
const p2 = (dot: number) => 1 - 1 / (1 + Math.exp(dot));

describe("training: labels", () => {
  it("a NaN or infinite numeric label is an error naming the row (a NaN label would be a class of its own)", () => {
    const e = expectError(
      () => trainer().setFeatureCols(["f0"]).linkFrom(new MemSourceBatchOp([[1, 1], [2, NaN], [3, 0]], "f0 int, label double")).collect(),
      `${TRAIN}: the label column "label" holds NaN at row 1; numeric labels must be finite numbers.`,
    );
    expect(e.context).toMatchObject({ operator: TRAIN, column: "label", row: 1 });
    expectError(
      () => trainer().setFeatureCols(["f0"]).linkFrom(new MemSourceBatchOp([[1, 1], [2, 0], [3, -Infinity]], "f0 int, label double")).collect(),
      `${TRAIN}: the label column "label" holds -Infinity at row 2; numeric labels must be finite numbers.`,
    );
  });

  it("a vector string holding NaN is rejected in training", () => {
    expectError(() => trainer().setVectorCol("v").linkFrom(new MemSourceBatchOp([["1 2", 1], ["NaN 1", 2]], "v string, label int")).collect(), /row 1/);
  });
});

describe("batch prediction", () => {
  it("finite features: dot = −3.5 + 1.25·f0 + 0.5·f1, probabilities 1 − 1/(1 + e^dot)", () => {
    const out = new LogisticRegressionPredictBatchOp()
      .setPredictionCol("p")
      .setPredictionDetailCol("d")
      .linkFrom(new MemSourceBatchOp(handModel().toRows(), handModel().schema.toString()), new MemSourceBatchOp([[2, 1.5], [4, 0.5]], "f0 int, f1 double"))
      .collect();
    // Row 0: −3.5 + 2.5 + 0.75 = −0.25 → label 1; row 1: −3.5 + 5 + 0.25 = 1.75 → label 2.
    expect(out.map((r) => r[2])).toEqual([1, 2]);
    expect(Number(JSON.parse(out[0][3] as string)["2"])).toBe(p2(-0.25));
    expect(Number(JSON.parse(out[1][3] as string)["2"])).toBe(p2(1.75));
  });

  it("NaN / ±Infinity in a feature column, a null feature: errors naming row and column, as in training", () => {
    const predict = (rows: unknown[][]) =>
      new LogisticRegressionPredictBatchOp().setPredictionCol("p").linkFrom(new MemSourceBatchOp(handModel().toRows(), handModel().schema.toString()), new MemSourceBatchOp(rows, "f0 int, f1 double")).collect();
    const e = expectError(() => predict([[1, 0.5], [2, NaN]]), `${PREDICT}: the feature column "f1" holds NaN at row 1; features must be finite numbers.`);
    expect(e.context).toMatchObject({ operator: PREDICT, column: "f1", row: 1 });
    expectError(() => predict([[1, Infinity]]), `${PREDICT}: the feature column "f1" holds Infinity at row 0; features must be finite numbers.`);
    expectError(() => predict([[1, 1], [1, 1], [null, -Infinity]]), `${PREDICT}: the feature column "f0" is null at row 2; linear models need every feature value (fill or drop nulls first).`);
  });

  it("NaN / ±Infinity inside a vector (vector column and vector strings): error naming row, column and index", () => {
    const model = () => new MemSourceBatchOp(handModel(true).toRows(), handModel(true).schema.toString());
    const predict = (rows: unknown[][], type: string) => new LogisticRegressionPredictBatchOp().setPredictionCol("p").linkFrom(model(), new MemSourceBatchOp(rows, `v ${type}`)).collect();
    expectError(() => predict([["1 2"], ["$2$1:-Infinity"]], "vector"), `${PREDICT}: the vector in column "v" holds -Infinity at row 1 (index 1); features must be finite numbers.`);
    expectError(() => predict([["NaN 2"]], "string"), `${PREDICT}: the vector in column "v" holds NaN at row 0 (index 0); features must be finite numbers.`);
    // Finite vectors score exactly: −3.5 + 1.25·4 + 0.5·(−1) = 1.
    expect(predict([["4 -1"], ["$2$0:4.0 1:-1.0"]], "vector").map((r) => r[1])).toEqual([2, 2]);
  });

  it("predictionCol and predictionDetailCol of one name fail at linkFrom (one of them would be lost)", () => {
    const model = trainer().setFeatureCols(["f0", "f1"]).linkFrom(new MemSourceBatchOp(ROWS, "f0 int, f1 int, label int"));
    expectError(
      () => new LogisticRegressionPredictBatchOp().setPredictionCol("p").setPredictionDetailCol("P").linkFrom(model, new MemSourceBatchOp(ROWS, "f0 int, f1 int, label int")),
      `${PREDICT}: predictionCol and predictionDetailCol are both "p"; give the detail column another name (or leave it null).`,
    );
    const fitted = new LogisticRegression().setFeatureCols(["f0", "f1"]).setLabelCol("label").setPredictionCol("p").setPredictionDetailCol("p").fit(new MemSourceBatchOp(ROWS, "f0 int, f1 int, label int"));
    expectError(() => fitted.transform(new MemSourceBatchOp(ROWS, "f0 int, f1 int, label int")), /predictionCol and predictionDetailCol are both "p"/);
  });
});

describe("stream prediction", () => {
  it("errors name the row in the whole stream and its event time", async () => {
    const rows = [[1, 1, 0.5], [2, 2, 1.0], [3, 3, 1.5], [4, 4, NaN]];
    const data = new MemSourceStreamOp(rows, "t double, f0 int, f1 double").setTimeCol("t");
    const op = new LogisticRegressionPredictStreamOp(handModel()).setPredictionCol("p").linkFrom(data);
    let caught: unknown;
    try {
      await op.collect();
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).message).toBe(`LogisticRegressionPredictStreamOp: the feature column "f1" holds NaN at row 3 (event time 4 s); features must be finite numbers.`);
    expect((caught as { context: unknown }).context).toMatchObject({ operator: "LogisticRegressionPredictStreamOp", column: "f1", row: 3, eventTime: 4 });
  });
});
