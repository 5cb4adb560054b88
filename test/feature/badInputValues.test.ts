/**
 * The finite-value policy on the feature transformers' prediction side: NaN and ±Infinity are
 * errors naming the row, column and value (and event time in a stream) — or, in VectorAssembler,
 * follow handleInvalidMethod like null; nulls keep their Alink meaning.
 */
import { describe, expect, it } from "vitest";
import {
  FeatureHasherBatchOp,
  FeatureHasherStreamOp,
  MemSourceStreamOp,
  StandardScalerPredictStreamOp,
  StandardScalerTrainBatchOp,
  VectorAssemblerBatchOp,
  VectorAssemblerStreamOp,
} from "../../src";
import { expectError } from "../helpers";
import { mem, rowsOf } from "./util";

/** Runs a stream op and returns the error it fails with. */
async function streamError(run: () => Promise<unknown>): Promise<{ message: string; context: unknown }> {
  try {
    await run();
  } catch (error) {
    return error as { message: string; context: unknown };
  }
  throw new Error("expected the stream to fail");
}

describe("FeatureHasher", () => {
  // Alink's doc figure 9.4: with numFeatures 200, "double" → slot 38, "number" → 13, "bool=true" → 195, "str=A" → 45.
  const hasher = () => new FeatureHasherBatchOp().setSelectedCols(["double", "bool", "number", "str"]).setOutputCol("output").setNumFeatures(200);
  const SCHEMA = "double double, bool boolean, number int, str string";

  it("a null numeric value is skipped (Alink); finite values are added at the column's slot", () => {
    expect(rowsOf(hasher().linkFrom(mem([[null, true, 2, "A"], [1.1, true, 2, "A"]], SCHEMA))).map((r) => r[4])).toEqual([
      "$200$13:2.0 45:1.0 195:1.0",
      "$200$13:2.0 38:1.1 45:1.0 195:1.0",
    ]);
  });

  it("NaN or ±Infinity in a numeric column is an error naming row, column and value", () => {
    const e = expectError(
      () => hasher().linkFrom(mem([[1.1, true, 2, "A"], [null, false, 1, "B"], [NaN, true, 1, "B"]], SCHEMA)).collect(),
      'FeatureHasherBatchOp: row 2, column "double" is NaN; FeatureHasher adds numeric values to the vector, so they must be finite (filter the row or impute the value first; null values are skipped).',
    );
    expect(e.context).toMatchObject({ operator: "FeatureHasherBatchOp", column: "double", row: 2 });
    expectError(() => hasher().linkFrom(mem([[-Infinity, true, 2, "A"]], SCHEMA)).collect(), /^FeatureHasherBatchOp: row 0, column "double" is -Infinity;/);
  });

  it("in a stream, the row counts from the stream's start and the event time is named", async () => {
    const rows = [[1, 0.5], [2, 1.5], [3, Infinity]];
    const op = new FeatureHasherStreamOp().setSelectedCols(["x"]).setOutputCol("v").setNumFeatures(10).linkFrom(new MemSourceStreamOp(rows, "t double, x double").setTimeCol("t"));
    const error = await streamError(() => op.collect());
    expect(error.message).toBe(
      'FeatureHasherStreamOp: row 2 (event time 3 s), column "x" is Infinity; FeatureHasher adds numeric values to the vector, so they must be finite (filter the row or impute the value first; null values are skipped).',
    );
    expect(error.context).toMatchObject({ row: 2, eventTime: 3, column: "x" });
  });
});

describe("VectorAssembler: NaN / ±Infinity follow handleInvalidMethod, like null", () => {
  const OP = "VectorAssemblerBatchOp";
  const assemble = (rows: unknown[][], schema: string, cols: string[], method: "ERROR" | "SKIP" = "ERROR") =>
    rowsOf(new VectorAssemblerBatchOp().setSelectedCols(cols).setOutputCol("out").setHandleInvalidMethod(method).linkFrom(mem(rows, schema))).map((r) => r[r.length - 1]);

  it("ERROR: numbers, vector columns and vector strings name row, column (and index inside the vector)", () => {
    const e = expectError(
      () => assemble([[1, 2], [Infinity, 3]], "a double, b int", ["a", "b"]),
      `${OP}: row 1, column "a" is Infinity and handleInvalidMethod is ERROR; NaN and ±Infinity are invalid inputs like null. Set handleInvalidMethod to SKIP to output a null vector for such rows.`,
    );
    expect(e.context).toMatchObject({ operator: OP, column: "a", row: 1 });
    expectError(
      () => assemble([[1, "$4$1:2.0 3:NaN"]], "a double, v vector", ["a", "v"]),
      `${OP}: row 0, column "v" holds NaN at index 3 of its vector and handleInvalidMethod is ERROR; NaN and ±Infinity are invalid inputs like null. Set handleInvalidMethod to SKIP to output a null vector for such rows.`,
    );
    expectError(() => assemble([["1.0 -Infinity", 2]], "v string, b int", ["v", "b"]), /^VectorAssemblerBatchOp: row 0, column "v" holds -Infinity at index 1 of its vector and handleInvalidMethod is ERROR;/);
  });

  it("SKIP: the row's output vector is null and the row is kept; other rows are assembled as before", () => {
    expect(assemble([[1, 2], [NaN, 3], [4, 5]], "a double, b double", ["a", "b"], "SKIP")).toEqual(["1.0 2.0", null, "4.0 5.0"]);
    expect(assemble([[1, "$3$0:Infinity"], [2, "$3$2:1.0"]], "a double, v vector", ["a", "v"], "SKIP")).toEqual([null, "$4$0:2.0 3:1.0"]);
    expect(assemble([["NaN", 1], ["1 2", 3]], "v string, b int", ["v", "b"], "SKIP")).toEqual([null, "1.0 2.0 3.0"]);
  });

  it("in a stream, the error names the stream row and its event time", async () => {
    const op = new VectorAssemblerStreamOp().setSelectedCols(["a"]).setOutputCol("v").linkFrom(new MemSourceStreamOp([[10, 1], [20, NaN]], "t double, a double").setTimeCol("t"));
    const error = await streamError(() => op.collect());
    expect(error.message).toMatch(/^VectorAssemblerStreamOp: row 1 \(event time 20 s\), column "a" is NaN and handleInvalidMethod is ERROR;/);
  });
});

describe("scaler prediction in a stream", () => {
  it("NaN names the stream row and event time; null passes through as null", async () => {
    const model = new StandardScalerTrainBatchOp().setSelectedCols(["x"]).linkFrom(mem([[1], [3]], "x double"));
    const ok = new StandardScalerPredictStreamOp(model).linkFrom(new MemSourceStreamOp([[1, 3], [2, null]], "t double, x double").setTimeCol("t"));
    // mean 2, sample std √2: (3 − 2)/√2.
    expect((await ok.collect()).map((r) => r[1])).toEqual([1 / Math.SQRT2, null]);
    const bad = new StandardScalerPredictStreamOp(model).linkFrom(new MemSourceStreamOp([[1, 3], [2, null], [1e9 + 7, NaN]], "t double, x double").setTimeCol("t"));
    const error = await streamError(() => bad.collect());
    expect(error.message).toBe(
      'StandardScalerPredictStreamOp: row 2 (event time 1000000007 s (2001-09-09 01:46:47.0 UTC)), column "x" is NaN; scalers need finite numbers (filter the row or impute the value first; null values are allowed and stay null).',
    );
    expect(error.context).toMatchObject({ row: 2, eventTime: 1e9 + 7, column: "x" });
  });
});
