import { describe, expect, it } from "vitest";
import {
  MinMaxScaler,
  MinMaxScalerModel,
  MinMaxScalerModelMapper,
  MinMaxScalerPredictBatchOp,
  MinMaxScalerTrainBatchOp,
  Pipeline,
} from "../../src";
import { minMaxScalerModelFromTable } from "../../src/feature/minMaxScaler/model";
import { expectError } from "../helpers";
import { expectChunkInvariant, mem, rng, rowsOf, saveAndLoad } from "./util";

describe("MinMaxScaler", () => {
  it("rescales to [0, 1] by default: numbers by hand", () => {
    const src = mem([[2, 10.0], [4, null], [6, 30.0], [10, 20.0]], "a int, b double");
    const out = new MinMaxScaler().setSelectedCols(["a", "b"]).fit(src).transform(src);
    expect(out.getColTypes()).toEqual(["DOUBLE", "DOUBLE"]);
    expect(rowsOf(out)).toEqual([[0, 0], [0.25, null], [0.5, 1], [1, 0.5]]);
  });

  it("uses min and max as the output range, without clipping values outside the training range", () => {
    const train = mem([[0.0], [4.0]], "x double");
    const model = new MinMaxScalerTrainBatchOp().setSelectedCols(["x"]).setMin(-1).setMax(1).linkFrom(train);
    const test = mem([[0.0], [1.0], [4.0], [8.0], [-4.0]], "x double");
    expect(rowsOf(new MinMaxScalerPredictBatchOp().linkFrom(model, test))).toEqual([[-1], [-0.5], [1], [3], [-3]]);
  });

  it("maps a constant column to the midpoint (max + min) / 2, as Alink's ScalerUtil does", () => {
    const src = mem([[3.0, 1], [3.0, 2]], "c double, k int");
    const model = new MinMaxScaler().setSelectedCols(["c", "k"]).setMin(2).setMax(5).fit(src);
    expect(rowsOf(model.transform(src))).toEqual([[3.5, 2], [3.5, 5]]);
    expect(rowsOf(model.transform(mem([[100.0, 3]], "c double, k int")))).toEqual([[3.5, 8]]);
  });

  it("maps the values of a column that had none in training to the midpoint (Alink: NaN)", () => {
    const model = new MinMaxScalerTrainBatchOp().setSelectedCols(["x"]).linkFrom(mem([[null], [null]], "x double"));
    expect(rowsOf(model)[1][1]).toBe("[NaN]");
    expect(rowsOf(new MinMaxScalerPredictBatchOp().linkFrom(model, mem([[7.0], [null]], "x double")))).toEqual([[0.5], [null]]);
  });

  it("writes Alink's model table", () => {
    const src = mem([[1, 10.5], [3, -2.0]], "a int, b double");
    const model = new MinMaxScalerTrainBatchOp().setSelectedCols(["a", "b"]).linkFrom(src);
    expect(model.getSchema().toString()).toBe("model_id BIGINT,model_info STRING,a DOUBLE,b DOUBLE");
    expect(rowsOf(model)).toEqual([
      [0, '{"min":"0.0","max":"1.0","selectedCols":"[\\"a\\",\\"b\\"]"}', null, null],
      [1048576, "[1.0,-2.0]", null, null],
      [2097152, "[3.0,10.5]", null, null],
    ]);
  });

  it("matches a plain reimplementation on random data", () => {
    const next = rng(5);
    const data = Array.from({ length: 300 }, () => [next() < 0.1 ? null : next() * 50 - 20, Math.floor(next() * 1000)]);
    const src = mem(data, "x double, k long");
    const out = rowsOf(new MinMaxScalerPredictBatchOp().setOutputCols(["x2", "k2"]).linkFrom(new MinMaxScalerTrainBatchOp().setSelectedCols(["x", "k"]).linkFrom(src), src));
    [0, 1].forEach((c) => {
      const xs = data.map((r) => r[c]).filter((v): v is number => v !== null);
      const lo = Math.min(...xs);
      const hi = Math.max(...xs);
      out.forEach((row, i) => {
        const v = data[i][c];
        if (v === null) expect(row[c + 2]).toBeNull();
        else expect(row[c + 2] as number).toBeCloseTo((v - lo) / (hi - lo), 12);
      });
    });
  });

  it("errors: NaN input, string column, missing column", () => {
    expectError(
      () => new MinMaxScalerTrainBatchOp().setSelectedCols(["x"]).linkFrom(mem([[Infinity]], "x double")).collect(),
      'MinMaxScalerTrainBatchOp: row 0, column "x" is Infinity; scalers need finite numbers (filter the row or impute the value first; null values are allowed and stay null).',
    );
    expectError(
      () => new MinMaxScaler().setSelectedCols(["s"]).fit(mem([["a"]], "s string")),
      'MinMaxScalerTrainBatchOp: column "s" (parameter "selectedCols") is STRING; expected a numeric column (TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE).',
    );
    expectError(
      () => new MinMaxScaler().setSelectedCols(["nope"]).fit(mem([["a"]], "s string")),
      'MinMaxScalerTrainBatchOp: column "nope" (parameter "selectedCols") is not in the input. Available columns: s.',
    );
  });

  it("pipeline stage = batch op; save → load → same output; chunking does not matter", () => {
    const next = rng(6);
    const src = mem(Array.from({ length: 50 }, (_, i) => [i, next() * 10]), "i int, x double");
    const batch = rowsOf(new MinMaxScalerPredictBatchOp().linkFrom(new MinMaxScalerTrainBatchOp().setSelectedCols(["x"]).setMax(10).linkFrom(src), src));
    const fitted = new Pipeline(new MinMaxScaler().setSelectedCols(["x"]).setMax(10)).fit(src);
    expect(rowsOf(fitted.transform(src))).toEqual(batch);
    expect(rowsOf(saveAndLoad(fitted).transform(src))).toEqual(batch);
    const table = src.getOutputTable();
    const model = minMaxScalerModelFromTable(new MinMaxScalerTrainBatchOp().setSelectedCols(["x"]).linkFrom(src).getOutputTable(), "test");
    expectChunkInvariant(() => new MinMaxScalerModelMapper(model, table.schema, new MinMaxScalerModel(null), "test"), table);
  });
});
