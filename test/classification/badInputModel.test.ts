/**
 * Linear model tables are checked when they are read (initial models, warm starts, predictors):
 * a damaged or foreign table is an error saying what is wrong and what was expected.
 */
import { describe, expect, it } from "vitest";
import {
  LogisticRegressionPredictBatchOp,
  LogisticRegressionPredictStreamOp,
  LogisticRegressionTrainBatchOp,
  MemSourceBatchOp,
  Schema,
  StandardScalerTrainBatchOp,
  Table,
  linearModelFromTable,
  linearModelToTable,
} from "../../src";
import type { LinearModelData } from "../../src/classification/linear/model";
import { expectError } from "../helpers";

const OP = "LogisticRegressionPredictBatchOp";
const META = '{"hasInterceptItem":"true","modelName":"\\"Logistic Regression\\"","labelCol":"\\"label\\"","linearModelType":"\\"LR\\"","vectorSize":"2"}';
const DATA = '{"featureColNames":["f0","f1"],"featureColTypes":["int","int"],"coefVector":{"data":[-3.5,1.25,0.5]},"coefVectors":null,"convergenceInfo":null}';
const LABELS: [number, unknown, unknown][] = [
  [2251799812636672, null, 2],
  [2251799812636673, null, 1],
];
const SCHEMA = Schema.parse("model_id bigint, model_info string, label_value int");

/** A model table from rows `[model_id, model_info, label_value]` (texts, so the loader parses them). */
const table = (rows: unknown[][], schema = SCHEMA) => Table.fromRows(rows, schema);
const modelRows = (meta = META, data = DATA, labels: unknown[][] = LABELS) => [[0, meta, null], [1048576, data, null], ...labels];
const load = (rows: unknown[][]) => linearModelFromTable(table(rows), OP);
const predictWith = (model: Table) =>
  new LogisticRegressionPredictBatchOp().setPredictionCol("p").linkFrom(new MemSourceBatchOp(model.toRows(), model.schema.toString()), new MemSourceBatchOp([[1, 2]], "f0 int, f1 int")).collect();

describe("a sound table loads (the rows below are only broken one thing at a time)", () => {
  it("reads the hand-written model", () => {
    const model = load(modelRows());
    expect(Array.from(model.coefVector)).toEqual([-3.5, 1.25, 0.5]);
    expect(model.labelValues).toEqual([2, 1]);
    // −3.5 + 1.25·1 + 0.5·2 = −1.25 < 0 → the second label.
    expect(predictWith(table(modelRows()))).toEqual([[1, 2, 1]]);
  });
});

describe("coefficients", () => {
  it("a NaN or infinite coefficient names its index and feature (texts and the typed fast path alike)", () => {
    const e = expectError(
      () => load(modelRows(META, DATA.replace("1.25", "NaN"))),
      `${OP}: the linear model is not valid: coefficient 1 (feature "f0") is NaN; coefficients must be finite numbers.`,
    );
    expect(e.context).toMatchObject({ operator: OP });
    expectError(() => load(modelRows(META, DATA.replace("-3.5", "-Infinity"))), `${OP}: the linear model is not valid: the intercept (coefficient 0) is -Infinity; coefficients must be finite numbers.`);
    const good = load(modelRows());
    const written: LinearModelData = { ...good, coefVector: Float64Array.from([0.1, Infinity, 0.3]) };
    expectError(() => linearModelFromTable(linearModelToTable(written), OP), `${OP}: the linear model is not valid: coefficient 1 (feature "f0") is Infinity; coefficients must be finite numbers.`);
  });

  it("the coefficient count must be vectorSize (+1 with an intercept), the feature names as many as vectorSize", () => {
    expectError(
      () => load(modelRows(META.replace('"vectorSize":"2"', '"vectorSize":"3"'))),
      `${OP}: the linear model is not valid: it has 3 coefficients but vectorSize 3 and an intercept; expected 4.`,
    );
    expectError(
      () => load(modelRows(META.replace('"hasInterceptItem":"true"', '"hasInterceptItem":"false"'))),
      `${OP}: the linear model is not valid: it has 3 coefficients but vectorSize 2 and no intercept; expected 2.`,
    );
    expectError(
      () => load(modelRows(META.replace(',"vectorSize":"2"', ""), DATA.replace('["f0","f1"]', '["f0","f1","f2"]').replace('["int","int"]', "null"))),
      `${OP}: the linear model is not valid: it names 3 feature columns (f0, f1, f2) but has vectorSize 2.`,
    );
  });

  it("vectorSize, hasInterceptItem and linearModelType must have their types and values", () => {
    expectError(() => load(modelRows(META.replace('"vectorSize":"2"', '"vectorSize":"-1"'))), `${OP}: the linear model is not valid: its vectorSize is -1; expected an integer ≥ 0 (the number of features).`);
    expectError(() => load(modelRows(META.replace('"vectorSize":"2"', '"vectorSize":"2.5"'))), `${OP}: the linear model is not valid: its vectorSize is 2.5; expected an integer ≥ 0 (the number of features).`);
    expectError(() => load(modelRows(META.replace('"vectorSize":"2"', '"vectorSize":"\\"two\\""'))), `${OP}: the model input is not a linear model table: its meta value vectorSize is "two"; expected a number.`);
    // Read as "false" before: a silently different model.
    expectError(() => load(modelRows(META.replace('"hasInterceptItem":"true"', '"hasInterceptItem":"\\"yes\\""'))), `${OP}: the model input is not a linear model table: its meta value hasInterceptItem is "yes"; expected a boolean.`);
    expectError(
      () => load(modelRows(META.replace('\\"LR\\"', '\\"Tree\\"'))),
      `${OP}: the linear model is not valid: its linearModelType is "Tree"; expected one of LR, SVM, LinearReg, SVR, Perceptron, AFT, Softmax.`,
    );
    expectError(() => load(modelRows(META, DATA.replace('["f0","f1"]', '["f0",7]'))), `${OP}: the model input is not a linear model table: its data row's featureColNames is ["f0",7]; expected an array of strings or null.`);
  });
});

describe("labels", () => {
  it("an LR model needs exactly two different, non-null labels", () => {
    expectError(() => load(modelRows(META, DATA, LABELS.slice(0, 1))), `${OP}: the linear model is not valid: it has 1 label row; a binary LR model needs exactly 2.`);
    expectError(() => load(modelRows(META, DATA, [...LABELS, [2251799812636674, null, 3]])), `${OP}: the linear model is not valid: it has 3 label rows; a binary LR model needs exactly 2.`);
    expectError(() => load(modelRows(META, DATA, [LABELS[0], [2251799812636673, null, null]])), `${OP}: the linear model is not valid: label row 1 holds null; a binary LR model needs two labels.`);
    expectError(() => load(modelRows(META, DATA, [LABELS[0], [2251799812636673, null, 2]])), `${OP}: the linear model is not valid: both label rows hold "2"; a binary LR model needs two different labels.`);
    const doubleLabels = Schema.parse("model_id bigint, model_info string, label_value double");
    expectError(
      () => linearModelFromTable(table(modelRows(META, DATA, [[2251799812636672, null, NaN], LABELS[1]]), doubleLabels), OP),
      `${OP}: the linear model is not valid: label row 0 holds NaN; numeric labels must be finite (training rejects others).`,
    );
  });
});

describe("the table itself", () => {
  it("meta and data rows must be JSON objects", () => {
    expectError(() => load(modelRows("{not json")), `${OP}: the model input is not a linear model table: its meta row (model_id 0) is not JSON: "{not json".`);
    expectError(() => load(modelRows("[1, 2]")), `${OP}: the model input is not a linear model table: its meta row (model_id 0) is not a JSON object: "[1, 2]".`);
    expectError(() => load(modelRows(META, "{\"coefVector\": ")), `${OP}: the model input is not a linear model table: its data row (model_id 1048576) is not JSON: "{\\"coefVector\\": ".`);
    expectError(() => load(modelRows(META, "[1]")), `${OP}: the model input is not a linear model table: its data row (model_id 1048576) is not a JSON object: "[1]".`);
    expectError(() => load(modelRows(META, '{"coefVector":{"data":[1,null,2]}}')), `${OP}: the model input is not a linear model table: its data row has no "coefVector": {"data": [numbers]}.`);
  });

  it("duplicate, missing and null model_id rows", () => {
    const e = expectError(
      () => load([...modelRows(), [0, META, null]]),
      `${OP}: the model table is damaged: model_id 0 appears in rows 0 and 4; each model row must appear once (two models mixed?).`,
    );
    expect(e.context).toMatchObject({ operator: OP, row: 4 });
    // The data string cut in two slices, the first one lost.
    expectError(
      () => load([[0, META, null], [1048577, DATA.slice(40), null], ...LABELS]),
      `${OP}: the model table is damaged: string 1 lacks slice 0 (model_id 1048576) before model_id 1048577; a model row is missing.`,
    );
    expectError(() => load([[null, META, null], [1048576, DATA, null], ...LABELS]), `${OP}: the model table is damaged: row 0 has model_id null; model ids are integers ≥ 0.`);
    expectError(() => load([[1048576, DATA, null], ...LABELS]), `${OP}: the model table has no meta row (model_id 0).`);
    expectError(() => load([[0, META, null], ...LABELS]), `${OP}: the model input is not a linear model table: it has no data row (model_id 1048576).`);
    expectError(() => load([...modelRows(), [2 * 1048576, DATA, null]]), `${OP}: the model input is not a linear model table: it has 2 data strings; a linear model has one (model_id 1048576 and its slices).`);
  });

  it("the model of another algorithm: the message shows what its meta holds", () => {
    const scaler = new StandardScalerTrainBatchOp().setSelectedCols(["f0"]).linkFrom(new MemSourceBatchOp([[1], [2]], "f0 double"));
    expectError(
      () => new LogisticRegressionPredictBatchOp().setPredictionCol("p").linkFrom(scaler, new MemSourceBatchOp([[1]], "f0 double")).collect(),
      `${OP}: the model input is not a linear model table: its meta row has none of the keys modelName, hasInterceptItem, linearModelType, vectorSize (it has withMean, withStd): ` +
        "is it the model of another algorithm? Link a LogisticRegressionTrainBatchOp or FtrlTrainStreamOp model.",
    );
  });
});

describe("where models enter", () => {
  const bad = () => table(modelRows(META, DATA.replace("0.5", "NaN")));

  it("a bad initial model of a stream predictor fails at linkFrom", async () => {
    const { MemSourceStreamOp } = await import("../../src");
    expectError(
      () => new LogisticRegressionPredictStreamOp(bad()).setPredictionCol("p").linkFrom(new MemSourceStreamOp([[1, 2]], "f0 int, f1 int")),
      "LogisticRegressionPredictStreamOp: the linear model is not valid: coefficient 2 (feature \"f1\") is NaN; coefficients must be finite numbers.",
    );
  });

  it("a bad warm-start model fails the training", () => {
    const data = new MemSourceBatchOp([[1, 2, 1], [2, 1, 2], [3, 3, 1], [0, 1, 2]], "f0 int, f1 int, label int");
    expectError(
      () => new LogisticRegressionTrainBatchOp().setFeatureCols(["f0", "f1"]).setLabelCol("label").linkFrom(data, new MemSourceBatchOp(bad().toRows(), SCHEMA.toString())).collect(),
      "LogisticRegressionTrainBatchOp: the linear model is not valid: coefficient 2 (feature \"f1\") is NaN; coefficients must be finite numbers.",
    );
  });
});
