/**
 * Feature model tables are checked when a predictor reads them: statistics finite, counts matching
 * the selected columns, one meta row of JSON, no token twice. A damaged table is an error saying
 * what is wrong, never a model that outputs NaN or encodes at random.
 */
import { describe, expect, it } from "vitest";
import { MinMaxScalerPredictBatchOp, OneHotPredictBatchOp, StandardScalerPredictBatchOp, Table } from "../../src";
import { minMaxScalerModelToTable } from "../../src/feature/minMaxScaler/model";
import { ONE_HOT_MODEL_SCHEMA } from "../../src/feature/oneHot/model";
import { standardScalerModelToTable } from "../../src/feature/standardScaler/model";
import { expectError } from "../helpers";
import { mem, rowsOf } from "./util";

const asOp = (table: Table) => mem(table.toRows(), table.schema.toString());

describe("StandardScaler model", () => {
  const OP = "StandardScalerPredictBatchOp";
  const model = (means: number[], stds: number[], cols = ["x", "y"]) =>
    standardScalerModelToTable({ selectedCols: cols, withMean: true, withStd: true, means: Float64Array.from(means), stds: Float64Array.from(stds) });
  const predict = (table: Table) => new StandardScalerPredictBatchOp().linkFrom(asOp(table), mem([[3, 4]], "x double, y double")).collect();

  it("a sound model scales (v − mean)/std; a column without values in training (mean NaN, std 0) maps to 0.0", () => {
    expect(predict(model([1, NaN], [2, 0]))).toEqual([[1, 0]]);
  });

  it("a NaN or infinite statistic names the column", () => {
    const e = expectError(() => predict(model([1, 2], [2, NaN])), `${OP}: the StandardScaler model is not valid: for column "y" the standard deviation is NaN; expected a finite number ≥ 0.`);
    expect(e.context).toMatchObject({ operator: OP, column: "y" });
    expectError(() => predict(model([1, 2], [-1, 1])), `${OP}: the StandardScaler model is not valid: for column "x" the standard deviation is -1; expected a finite number ≥ 0.`);
    expectError(
      () => predict(model([Infinity, 2], [1, 1])),
      `${OP}: the StandardScaler model is not valid: for column "x" the mean is Infinity (with standard deviation 1); expected a finite number (NaN only for a column without values in training, whose std is 0).`,
    );
    // (v − NaN)/2 would be NaN for every row.
    expectError(() => predict(model([NaN, 2], [2, 1])), /for column "x" the mean is NaN \(with standard deviation 2\)/);
  });

  it("counts and strings: one statistic per selected column, exactly two data strings, a JSON meta", () => {
    expectError(
      () => predict(model([1], [2], ["x", "y"])),
      `${OP}: the model's means should be an array of 2 numbers (one per selected column), got [1]. Link the model produced by the matching train operator as the first input.`,
    );
    const rows = model([1, 2], [1, 1]).toRows();
    const schema = "model_id bigint, model_info string, x double, y double";
    expectError(
      () => new StandardScalerPredictBatchOp().linkFrom(mem([...rows, [3 * 1048576, "[1.0,1.0]", null, null]], schema), mem([[3, 4]], "x double, y double")).collect(),
      `${OP}: the model input is not a StandardScaler model: it has 3 data strings, expected 2. Link the output of StandardScalerTrainBatchOp as the first input.`,
    );
    expectError(
      () => new StandardScalerPredictBatchOp().linkFrom(mem([[0, "{oops", null, null], ...rows.slice(1)], schema), mem([[3, 4]], "x double, y double")).collect(),
      `${OP}: the model input is not a StandardScaler model: its meta row (model_id 0) is not a JSON object of parameters: "{oops". Link the output of StandardScalerTrainBatchOp as the first input.`,
    );
    expectError(
      () => new StandardScalerPredictBatchOp().linkFrom(mem([...rows, rows[1]], schema), mem([[3, 4]], "x double, y double")).collect(),
      `${OP}: the model table is damaged: model_id 1048576 appears in rows 1 and 3; each model row must appear once (two models mixed?).`,
    );
  });
});

describe("MinMaxScaler model", () => {
  const OP = "MinMaxScalerPredictBatchOp";
  const model = (eMins: number[], eMaxs: number[], min = 0, max = 1, cols = ["x"]) =>
    minMaxScalerModelToTable({ selectedCols: cols, min, max, eMins: Float64Array.from(eMins), eMaxs: Float64Array.from(eMaxs) });
  const predict = (table: Table) => new MinMaxScalerPredictBatchOp().linkFrom(asOp(table), mem([[3]], "x double")).collect();

  it("a sound model maps [eMin, eMax] to [min, max]: (3 − 1)/(5 − 1) = 0.5; no values in training (NaN, NaN) → midpoint", () => {
    expect(predict(model([1], [5]))).toEqual([[0.5]]);
    expect(predict(model([NaN], [NaN], 0, 4))).toEqual([[2]]);
  });

  it("statistics must be finite with eMin ≤ eMax (or both NaN); min and max finite", () => {
    expectError(
      () => predict(model([5], [1])),
      `${OP}: the MinMaxScaler model is not valid: for column "x" the training minimum is 5 and maximum 1; expected finite numbers with minimum ≤ maximum (or both NaN for a column without values).`,
    );
    expectError(() => predict(model([NaN], [1])), /for column "x" the training minimum is NaN and maximum 1;/);
    expectError(() => predict(model([1], [Infinity])), /for column "x" the training minimum is 1 and maximum Infinity;/);
    expectError(() => predict(model([1], [5], -Infinity, 1)), `${OP}: the MinMaxScaler model is not valid: its min is -Infinity; expected a finite number.`);
  });

  it("the meta's selectedCols must name the table's columns", () => {
    const rows = model([1], [5]).toRows();
    rows[0][1] = (rows[0][1] as string).replace('[\\"x\\"]', '[\\"x\\",\\"z\\"]');
    expectError(
      () => new MinMaxScalerPredictBatchOp().linkFrom(mem(rows, "model_id bigint, model_info string, x double"), mem([[3]], "x double")).collect(),
      `${OP}: the MinMaxScaler model is not valid: its meta names the columns ["x","z"] but the table carries x.`,
    );
  });
});

describe("OneHot model", () => {
  const OP = "OneHotPredictBatchOp";
  const META = '{"selectedCols":"[\\"c\\"]","selectedColTypes":"[\\"VARCHAR\\"]","enableElse":"false"}';
  const predict = (rows: unknown[][]) =>
    new OneHotPredictBatchOp().setOutputCols(["o"]).linkFrom(mem(rows, ONE_HOT_MODEL_SCHEMA.toString()), mem([["a"], ["b"]], "c string")).collect();

  it("a sound model encodes (a → 0, b last → dropped, KEEP adds a slot)", () => {
    const model = mem([[-1, META, null], [0, "a", 0], [0, "b", 1]], ONE_HOT_MODEL_SCHEMA.toString());
    const out = new OneHotPredictBatchOp().setOutputCols(["o"]).linkFrom(model, mem([["a"], ["b"]], "c string"));
    expect(rowsOf(out)).toEqual([
      ["a", "$2$0:1.0"],
      ["b", "$2$"],
    ]);
  });

  it("a token twice, a null token, a bad token_index, two meta rows", () => {
    const e = expectError(
      () => predict([[-1, META, null], [0, "a", 0], [0, "b", 1], [0, "a", 1]]),
      `${OP}: the model input is not a OneHot model (row 3: token "a" of column "c" appears twice (token_index 0 and 1)). Link the output of OneHotTrainBatchOp as the first input.`,
    );
    expect(e.context).toMatchObject({ operator: OP, row: 3 });
    expectError(() => predict([[-1, META, null], [0, null, 0]]), /row 1 \(column 0\) has a null token/);
    expectError(() => predict([[-1, META, null], [0, "a", -2]]), /row 1 \(token "a"\) has token_index -2; expected an integer ≥ 0/);
    expectError(() => predict([[-1, META, null], [0, "a", 0], [-1, META, null]]), /rows 0 and 2 are both meta rows \(column_index −1\): two models mixed\?/);
  });

  it("a meta that is not JSON, selectedColTypes of another length, a non-boolean enableElse", () => {
    expectError(() => predict([[-1, "{", null], [0, "a", 0]]), `${OP}: the model input is not a OneHot model (the meta row 0 is not a JSON object of parameters: "{"). Link the output of OneHotTrainBatchOp as the first input.`);
    expectError(() => predict([[-1, META.replace('[\\"VARCHAR\\"]', '[\\"VARCHAR\\",\\"INT\\"]'), null]]), /the meta's selectedColTypes \["VARCHAR","INT"\] do not name one type per selected column \(c\)/);
    expectError(() => predict([[-1, META.replace('"enableElse":"false"', '"enableElse":"\\"no\\""'), null]]), /the meta's enableElse is "no"; expected true or false/);
  });

  it("two output columns of one name", () => {
    expectError(
      () =>
        new OneHotPredictBatchOp()
          .setEncode("VECTOR")
          .setSelectedCols(["c", "d"])
          .setOutputCols(["o", "O"])
          .linkFrom(mem([[-1, '{"selectedCols":"[\\"c\\",\\"d\\"]","enableElse":"false"}', null], [0, "a", 0], [1, "z", 0]], ONE_HOT_MODEL_SCHEMA.toString()), mem([["a", "z"]], "c string, d string"))
          .collect(),
      `${OP}: the output column "O" is named twice (o, O); give each output column its own name.`,
    );
  });
});
