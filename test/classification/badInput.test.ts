/** What a user can get wrong, and the exact message they get (errors name operator, column and row). */
import { describe, expect, it } from "vitest";
import { LogisticRegressionPredictBatchOp, LogisticRegressionTrainBatchOp, MemSourceBatchOp } from "../../src";
import { expectError } from "../helpers";

const OP = "LogisticRegressionTrainBatchOp";
const ROWS = [[2, 1, 1], [3, 2, 1], [4, 3, 2], [2, 4, 1]];
const data = (rows: unknown[][] = ROWS, schema = "f0 int, f1 int, label int") => new MemSourceBatchOp(rows, schema);
const trainer = () => new LogisticRegressionTrainBatchOp().setLabelCol("label");

describe("training rejects bad input", () => {
  it("three labels (or one)", () => {
    const e = expectError(
      () => trainer().setFeatureCols(["f0", "f1"]).linkFrom(data([[1, 1, 1], [2, 2, 2], [3, 3, 3], [1, 2, 3]])).collect(),
      `${OP}: logistic regression needs exactly 2 distinct labels in column "label", found 3: 1, 2, 3.`,
    );
    expect(e.context).toMatchObject({ operator: OP, param: "labelCol", column: "label" });
    expectError(
      () => trainer().setFeatureCols(["f0", "f1"]).linkFrom(data([[1, 1, 1], [2, 2, 1]])).collect(),
      `${OP}: logistic regression needs exactly 2 distinct labels in column "label", found 1: 1.`,
    );
  });

  it("NaN or infinite features, in columns and in vectors", () => {
    const e = expectError(
      () => trainer().setFeatureCols(["f0", "f1"]).linkFrom(data([[1, 0.5, 1], [2, NaN, 2]], "f0 int, f1 double, label int")).collect(),
      `${OP}: the feature column "f1" holds NaN at row 1; features must be finite numbers.`,
    );
    expect(e.context).toMatchObject({ column: "f1", row: 1 });
    expectError(
      () => trainer().setVectorCol("v").linkFrom(data([["1.0 Infinity", 1], ["1 2", 2]], "v vector, label int")).collect(),
      `${OP}: the vector in column "v" holds Infinity at row 0 (index 1); features must be finite numbers.`,
    );
  });

  it("empty input", () => {
    expectError(() => trainer().setFeatureCols(["f0", "f1"]).linkFrom(data([])).collect(), `${OP}: the training data is empty; logistic regression needs rows of both labels.`);
  });

  it("vectorCol and featureCols both set: fails at linkFrom", () => {
    expectError(() => trainer().setFeatureCols(["f0"]).setVectorCol("f1").linkFrom(data()), `${OP}: featureCols and vectorCol cannot be set at the same time; set one of them.`);
  });

  it("training vectors of different sizes", () => {
    expectError(
      () => trainer().setVectorCol("v").linkFrom(data([["$3$0:1", 1], ["$4$1:1", 2]], "v vector, label int")).collect(),
      `${OP}: vectors in column "v" have different sizes: 3 at row 0 and 4 at row 1; all training vectors must have the same size.`,
    );
    expectError(
      () => trainer().setVectorCol("v").linkFrom(data([["1 2 3", 1], ["1 2", 2]], "v vector, label int")).collect(),
      `${OP}: vectors in column "v" have different sizes: 3 at row 0 and 2 at row 1; all training vectors must have the same size.`,
    );
    expectError(
      () => trainer().setVectorCol("v").linkFrom(data([["$3$0:1", 1], ["5:1", 2]], "v vector, label int")).collect(),
      `${OP}: the vector at row 1 of column "v" has index 5, beyond the size 3 of the other vectors.`,
    );
  });

  it("unknown columns fail at linkFrom, with the closest name", () => {
    expectError(
      () => trainer().setFeatureCols(["f0", "f9"]).linkFrom(data()),
      `${OP}: column "f9" (parameter "featureCols") is not in the input. Did you mean "f0"? Available columns: f0, f1, label.`,
    );
    expectError(
      () => new LogisticRegressionTrainBatchOp().setLabelCol("lable").linkFrom(data()),
      `${OP}: column "lable" (parameter "labelCol") is not in the input. Did you mean "label"? Available columns: f0, f1, label.`,
    );
    expectError(() => trainer().setVectorCol("vec").linkFrom(data()), `${OP}: column "vec" (parameter "vectorCol") is not in the input. Available columns: f0, f1, label.`);
  });

  it("nulls, bad weights, wrong column types", () => {
    expectError(
      () => trainer().setFeatureCols(["f0", "f1"]).linkFrom(data([[1, 1, 1], [2, 2, null]])).collect(),
      `${OP}: the label column "label" is null at row 1; remove or fill rows without a label.`,
    );
    expectError(
      () => trainer().setFeatureCols(["f0", "f1"]).linkFrom(data([[1, null, 1], [2, 2, 2]])).collect(),
      `${OP}: the feature column "f1" is null at row 0; linear models need every feature value (fill or drop nulls first).`,
    );
    expectError(
      () => trainer().setFeatureCols(["f0"]).setWeightCol("f1").linkFrom(data([[1, -1, 1], [2, 2, 2]])).collect(),
      `${OP}: the weight column "f1" holds -1 at row 0; weights must be finite numbers ≥ 0 (rows with weight 0 are left out).`,
    );
    expectError(() => trainer().setFeatureCols(["f0"]).setWeightCol("f1").linkFrom(data([[1, 0, 1], [2, 0, 2]])).collect(), `${OP}: every row has weight 0; nothing to train on.`);
    expectError(
      () => trainer().setFeatureCols(["s"]).linkFrom(data([["a", 1]], "s string, label int")),
      `${OP}: feature column "s" is STRING; linear models need numeric feature columns (or a vector column via vectorCol).`,
    );
    expectError(() => trainer().linkFrom(data([["a", 1]], "s string, label int")), `${OP}: no numeric feature columns besides the label "label"; set featureCols or vectorCol.`);
    expectError(
      () => trainer().setFeatureCols(["f0"]).linkFrom(data([[1, "$2$0:1"]], "f0 int, label vector")),
      `${OP}: the label column "label" is VECTOR; labels must be numbers, strings or booleans.`,
    );
    expectError(
      () => trainer().setFeatureCols([]).linkFrom(data()),
      `${OP}: featureCols is empty; name at least one numeric column, or leave it null to use every numeric column except the label.`,
    );
  });

  it("zero-weight rows are left out entirely (even with a third label or a null feature)", () => {
    const rows = [[2, 1, 1, 1], [3, 2, 1, 1], [4, 3, 2, 1], [5, null, 7, 0], [2, 4, 1, 1], [5, 3, 2, 1]];
    const op = trainer().setFeatureCols(["f0", "f1"]).setWeightCol("w").setL2(0.01).linkFrom(data(rows, "f0 int, f1 int, label int, w double"));
    expect(op.getLinearModelData().labelValues).toEqual([2, 1]);
    expect(op.getTrainingInfo()).toMatchObject({ numRows: 5, droppedRows: 1, weightSum: 5 });
  });

  it("unsupported optimizer settings", () => {
    expectError(
      () => trainer().setFeatureCols(["f0"]).setOptimMethod("SGD").linkFrom(data()).collect(),
      `${OP}: optimMethod SGD is not supported yet; use LBFGS or OWLQN (or GD, Newton), or leave optimMethod unset.`,
    );
    expectError(
      () => trainer().setFeatureCols(["f0"]).setOptimMethod("Newton").setL1(0.1).linkFrom(data()).collect(),
      `${OP}: optimMethod Newton does not support l1 > 0; use OWLQN or leave optimMethod unset.`,
    );
  });

  it("a warm-start model that does not fit", () => {
    const model = trainer().setFeatureCols(["f0", "f1"]).linkFrom(data());
    expectError(() => trainer().setFeatureCols(["f0"]).linkFrom(data(), model).collect(), `${OP}: the initial model (second input) does not fit this training: it has 2 features, the data have 1.`);
  });
});

describe("prediction input", () => {
  const model = () => trainer().setFeatureCols(["f0", "f1"]).linkFrom(data());

  it("needs the model's feature columns (vector sizes: see modelFormat.test.ts)", () => {
    expectError(
      () => new LogisticRegressionPredictBatchOp().setPredictionCol("p").linkFrom(model(), data([[1]], "f0 int")).collect(),
      `LogisticRegressionPredictBatchOp: column "f1" is not in the input. Did you mean "f0"? Available columns: f0.`,
    );
  });

  it("model and data swapped, unknown reservedCols and vectorCol fail at linkFrom", () => {
    expectError(
      () => new LogisticRegressionPredictBatchOp().setPredictionCol("p").linkFrom(data(), model()),
      "LogisticRegressionPredictBatchOp.linkFrom: the first input is not a model table (model_id, model_info, label_value), it has f0, f1, label; link the model first: linkFrom(model, data).",
    );
    expectError(
      () => new LogisticRegressionPredictBatchOp().setPredictionCol("p").setReservedCols(["nope"]).linkFrom(model(), data()),
      `LogisticRegressionPredictBatchOp: column "nope" (parameter "reservedCols") is not in the input. Available columns: f0, f1, label.`,
    );
    expectError(
      () => new LogisticRegressionPredictBatchOp().setPredictionCol("p").setVectorCol("vec").linkFrom(model(), data()),
      `LogisticRegressionPredictBatchOp: column "vec" (parameter "vectorCol") is not in the input. Available columns: f0, f1, label.`,
    );
  });

  it("a vector string that does not parse names the row", () => {
    const m = trainer().setVectorCol("v").linkFrom(data([["1 0", 1], ["0 1", 2]], "v string, label int"));
    expectError(
      () => new LogisticRegressionPredictBatchOp().setPredictionCol("p").linkFrom(m, data([["1 0"], ["1:a"]], "v string")).collect(),
      /^LogisticRegressionPredictBatchOp: row 1 of the vector column "v": Invalid sparse vector string "1:a"/,
    );
  });
});
