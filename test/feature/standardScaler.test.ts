import { describe, expect, it } from "vitest";
import {
  Pipeline,
  PipelineModel,
  StandardScaler,
  StandardScalerModel,
  StandardScalerModelMapper,
  StandardScalerPredictBatchOp,
  StandardScalerTrainBatchOp,
  Table,
  TableSourceBatchOp,
} from "../../src";
import { standardScalerModelFromTable } from "../../src/feature/standardScaler/model";
import { expectError } from "../helpers";
import { expectChunkInvariant, mem, rng, rowsOf, saveAndLoad } from "./util";

/** A plainly written reference: two-pass mean and sample std of the non-null values. */
function reference(values: (number | null)[]): { mean: number; std: number } {
  const xs = values.filter((v): v is number => v !== null);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const std = xs.length <= 1 ? 0 : Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
  return { mean, std };
}

function randomData(n: number, seed: number): unknown[][] {
  const next = rng(seed);
  return Array.from({ length: n }, (_, i) => [
    `r${i}`,
    next() < 0.1 ? null : (next() - 0.3) * 1000,
    next() < 0.05 ? null : Math.floor(next() * 200) - 50,
  ]);
}

describe("StandardScaler", () => {
  it("matches a plain two-pass reimplementation on random data with nulls", () => {
    const data = randomData(500, 1);
    const src = mem(data, "id string, x double, k int");
    const model = new StandardScalerTrainBatchOp().setSelectedCols(["x", "k"]).linkFrom(src);
    const out = rowsOf(new StandardScalerPredictBatchOp().linkFrom(model, src));
    [1, 2].forEach((c) => {
      const { mean, std } = reference(data.map((r) => r[c] as number | null));
      out.forEach((row, i) => {
        const v = data[i][c] as number | null;
        if (v === null) expect(row[c]).toBeNull();
        else expect(row[c] as number).toBeCloseTo((v - mean) / std, 10);
      });
    });
  });

  it("standardizes with the sample std: numbers by hand", () => {
    // x = 1, 2, 3, 4: mean 2.5, sample variance 5/3.
    const src = mem([[1], [2], [3], [4]], "x int");
    const out = new StandardScaler().setSelectedCols(["x"]).fit(src).transform(src);
    const s = Math.sqrt(5 / 3);
    expect(out.getColTypes()).toEqual(["DOUBLE"]);
    expect(rowsOf(out).map((r) => r[0])).toEqual([-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s]);
  });

  it("writes Alink's model table: meta, means, stds, one DOUBLE column per selected column", () => {
    const src = mem([[1, 10.0], [2, 20.0], [3, 60.0]], "a int, b double");
    const model = new StandardScalerTrainBatchOp().setSelectedCols(["a", "b"]).linkFrom(src);
    expect(model.getSchema().toString()).toBe("model_id BIGINT,model_info STRING,a DOUBLE,b DOUBLE");
    expect(rowsOf(model)).toEqual([
      [0, '{"withMean":"true","withStd":"true"}', null, null],
      [1048576, "[2.0,30.0]", null, null],
      [2097152, "[1.0,26.457513110645905]", null, null],
    ]);
    const noCentering = new StandardScalerTrainBatchOp().setSelectedCols(["a", "b"]).setWithMean(false).setWithStd(false).linkFrom(src);
    expect(rowsOf(noCentering).map((r) => r[1])).toEqual(['{"withMean":"false","withStd":"false"}', "[0.0,0.0]", "[1.0,1.0]"]);
    expect(rowsOf(new StandardScalerPredictBatchOp().linkFrom(noCentering, src))).toEqual([[1, 10], [2, 20], [3, 60]]);
  });

  it("withStd false only centres, withMean false only divides", () => {
    const src = mem([[1.0], [3.0]], "x double");
    const s = Math.sqrt(2);
    expect(rowsOf(new StandardScaler().setSelectedCols(["x"]).setWithStd(false).fit(src).transform(src))).toEqual([[-1], [1]]);
    expect(rowsOf(new StandardScaler().setSelectedCols(["x"]).setWithMean(false).fit(src).transform(src))).toEqual([[1 / s], [3 / s]]);
  });

  it("a constant column, a single value and an all-null column map to 0.0; nulls stay null", () => {
    const src = mem([[5, 7.0, null], [5, null, null], [5, null, null]], "c int, one double, none double");
    const model = new StandardScalerTrainBatchOp().setSelectedCols(["c", "one", "none"]).linkFrom(src);
    expect(rowsOf(model).map((r) => r[1])).toEqual(['{"withMean":"true","withStd":"true"}', "[5.0,7.0,NaN]", "[0.0,0.0,0.0]"]);
    expect(rowsOf(new StandardScalerPredictBatchOp().linkFrom(model, src))).toEqual([[0, 0, null], [0, null, null], [0, null, null]]);
    expect(rowsOf(new StandardScalerPredictBatchOp().linkFrom(model, mem([[1, 2.0, 3.0]], "c int, one double, none double")))).toEqual([[0, 0, 0]]);
  });

  it("outputCols append new columns; reservedCols choose the kept inputs", () => {
    const src = mem([["a", 1.0, 10], ["b", 3.0, 30]], "s string, x double, k long");
    const model = new StandardScalerTrainBatchOp().setSelectedCols(["x", "k"]).linkFrom(src);
    const appended = new StandardScalerPredictBatchOp().setOutputCols(["x_z", "k_z"]).linkFrom(model, src);
    expect(appended.getSchema().toString()).toBe("s STRING,x DOUBLE,k BIGINT,x_z DOUBLE,k_z DOUBLE");
    const s = Math.SQRT2;
    expect(rowsOf(appended)).toEqual([["a", 1, 10, -1 / s, -1 / s], ["b", 3, 30, 1 / s, 1 / s]]);
    const reserved = new StandardScalerPredictBatchOp().setOutputCols(["x_z", "k_z"]).setReservedCols(["s"]).linkFrom(model, src);
    expect(reserved.getColNames()).toEqual(["s", "x_z", "k_z"]);
    const inPlace = new StandardScalerPredictBatchOp().setReservedCols(["s"]).linkFrom(model, src);
    expect(inPlace.getColNames()).toEqual(["s", "x", "k"]);
  });

  it("knows its output schema at link time (before any data is read)", () => {
    const src = mem([[1.0, 2]], "x double, k int");
    const model = new StandardScalerTrainBatchOp().setSelectedCols(["k"]).linkFrom(src);
    const op = new StandardScalerPredictBatchOp().linkFrom(model, src);
    expect(op.getSchema().toString()).toBe("x DOUBLE,k DOUBLE");
    expectError(
      () => new StandardScalerPredictBatchOp().linkFrom(model, mem([[1.0]], "other double")),
      'StandardScalerPredictBatchOp: column "k", which the model was trained on, is not in the input. Available columns: other.',
    );
  });

  it("rejects NaN and Infinity with the row and column", () => {
    const src = mem([[1.0], [NaN], [3.0]], "x double");
    expectError(
      () => new StandardScalerTrainBatchOp().setSelectedCols(["x"]).linkFrom(src).collect(),
      'StandardScalerTrainBatchOp: row 1, column "x" is NaN; scalers need finite numbers (filter the row or impute the value first; null values are allowed and stay null).',
    );
    const model = new StandardScalerTrainBatchOp().setSelectedCols(["x"]).linkFrom(mem([[1.0], [2.0]], "x double"));
    expectError(
      () => new StandardScalerPredictBatchOp().linkFrom(model, mem([[1.0], [-Infinity]], "x double")).collect(),
      'StandardScalerPredictBatchOp: row 1, column "x" is -Infinity; scalers need finite numbers (filter the row or impute the value first; null values are allowed and stay null).',
    );
  });

  it("names missing and non-numeric columns at link time", () => {
    const src = mem([["a", 1.0]], "s string, x double");
    expectError(
      () => new StandardScalerTrainBatchOp().setSelectedCols(["s"]).linkFrom(src),
      'StandardScalerTrainBatchOp: column "s" (parameter "selectedCols") is STRING; expected a numeric column (TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE).',
    );
    expectError(
      () => new StandardScalerTrainBatchOp().setSelectedCols(["xx"]).linkFrom(src),
      'StandardScalerTrainBatchOp: column "xx" (parameter "selectedCols") is not in the input. Did you mean "x"? Available columns: s, x.',
    );
    const model = new StandardScalerTrainBatchOp().setSelectedCols(["x"]).linkFrom(src);
    expectError(
      () => new StandardScalerPredictBatchOp().setOutputCols(["a", "b"]).linkFrom(model, src),
      "StandardScalerPredictBatchOp: outputCols has 2 names (a, b) but there is 1 selected column (x); give one output name per selected column, or null to write in place.",
    );
    expectError(
      () => new StandardScalerPredictBatchOp().linkFrom(model, mem([["1"]], "x string")),
      'StandardScalerPredictBatchOp: column "x", which the model was trained on, is STRING in the input; expected a numeric column (TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE).',
    );
    expectError(
      () => new StandardScalerPredictBatchOp().linkFrom(src, src).collect(),
      "StandardScalerPredictBatchOp: the first input is not a model table: expected columns model_id, model_info and the trained columns, got s, x. Link the model (the train operator's output) first: linkFrom(model, data).",
    );
  });

  it("pipeline stage = batch op, and a saved PipelineModel gives the same output", () => {
    const data = randomData(60, 2);
    const src = mem(data, "id string, x double, k int");
    const batch = rowsOf(new StandardScalerPredictBatchOp().setOutputCols(["x_z", "k_z"]).linkFrom(new StandardScalerTrainBatchOp().setSelectedCols(["x", "k"]).linkFrom(src), src));
    const pipeline = new Pipeline(new StandardScaler().setSelectedCols(["x", "k"]).setOutputCols(["x_z", "k_z"])).fit(src);
    expect(rowsOf(pipeline.transform(src))).toEqual(batch);
    const loaded = saveAndLoad(pipeline);
    expect(loaded.getStages()[0]).toBeInstanceOf(StandardScalerModel);
    expect(rowsOf(loaded.transform(src))).toEqual(batch);
    expect((loaded.getStages()[0] as StandardScalerModel).getOutputCols()).toEqual(["x_z", "k_z"]);
  });

  it("the mapper gives the same rows chunk by chunk", () => {
    const data = randomData(40, 3);
    const src = mem(data, "id string, x double, k int");
    const table = src.getOutputTable();
    const model = standardScalerModelFromTable(new StandardScalerTrainBatchOp().setSelectedCols(["x", "k"]).linkFrom(src).getOutputTable(), "test");
    const params = new StandardScalerModel(null).setOutputCols(["x_z", "k_z"]);
    expectChunkInvariant(() => new StandardScalerModelMapper(model, table.schema, params, "test"), table);
  });

  it("a model rebuilt from its table (e.g. a loaded one) predicts the same", () => {
    const src = mem(randomData(30, 4), "id string, x double, k int");
    const table = new StandardScalerTrainBatchOp().setSelectedCols(["x", "k"]).linkFrom(src).getOutputTable();
    const copy = new Table(table.schema, table.columns);
    const a = rowsOf(new StandardScalerModel(table).transform(src));
    const b = rowsOf(new StandardScalerPredictBatchOp().linkFrom(new TableSourceBatchOp(copy), src));
    expect(b).toEqual(a);
    expect(new PipelineModel(new StandardScalerModel(copy)).transform(src).collect()).toEqual(new StandardScalerModel(table).transform(src).collect());
  });
});
