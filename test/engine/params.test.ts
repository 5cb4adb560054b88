import { describe, expect, expectTypeOf, it } from "vitest";
import { CsvSourceBatchOp } from "../../src/io/csv/CsvSourceBatchOp";
import { FirstNBatchOp } from "../../src/engine/batchOperator";
import { SampleBatchOp } from "../../src/engine/batchOperator";
import { expectError } from "../helpers";

describe("declared parameters", () => {
  it("fluent setters chain, getters return the value or the default", () => {
    const op = new CsvSourceBatchOp().setFilePath("a.csv").setIgnoreFirstLine(true);
    expect(op.getFilePath()).toBe("a.csv");
    expect(op.getIgnoreFirstLine()).toBe(true);
    expect(op.getFieldDelimiter()).toBe(",");
    expect(op.getQuoteChar()).toBe('"');
    expect(op.getParams()).toEqual({ filePath: "a.csv", ignoreFirstLine: true });
  });

  it("setter and getter types derive from the declaration", () => {
    const op = new CsvSourceBatchOp();
    expectTypeOf(op.setLenient).parameter(0).toEqualTypeOf<boolean>();
    expectTypeOf(op.setQuoteChar).parameter(0).toEqualTypeOf<string | null>();
    expectTypeOf(op.setFilePath("x")).toEqualTypeOf<CsvSourceBatchOp>();
    expectTypeOf(op.getHandleInvalidMethod()).toEqualTypeOf<"ERROR" | "SKIP">();
  });

  it("a misspelt parameter name suggests the closest one (set, constructor, accessor)", () => {
    expectError(
      () => new CsvSourceBatchOp().set("filPath", "x"),
      'CsvSourceBatchOp has no parameter "filPath". Did you mean "filePath"? Valid parameters: filePath, schemaStr, fieldDelimiter, rowDelimiter, quoteChar, ignoreFirstLine, skipBlankLine, lenient, handleInvalidMethod.',
    );
    expectError(() => new CsvSourceBatchOp({ ignoreFirstLines: true } as never), /^CsvSourceBatchOp has no parameter "ignoreFirstLines"\. Did you mean "ignoreFirstLine"\?/);
    expectError(() => (new FirstNBatchOp() as unknown as { setSise(n: number): void }).setSise(3), "FirstNBatchOp has no parameter \"sise\" (method setSise). Did you mean setSize? Valid parameters: size.");
  });

  it("a wrongly typed or out-of-range value names the parameter and what it accepts", () => {
    expectError(() => new FirstNBatchOp().setSize(-1), 'FirstNBatchOp.setSize: "size" must be an integer ≥ 0; got -1.');
    expectError(() => new FirstNBatchOp().setSize(2.5), 'FirstNBatchOp.setSize: "size" must be an integer ≥ 0; got 2.5.');
    expectError(() => new FirstNBatchOp().set("size", "3"), 'FirstNBatchOp.setSize: "size" must be an integer ≥ 0; got string "3".');
    expectError(() => new SampleBatchOp().setRatio(1.5), 'SampleBatchOp.setRatio: "ratio" must be a number ≥ 0 and ≤ 1; got 1.5.');
    expectError(() => new CsvSourceBatchOp().setQuoteChar("ab"), 'CsvSourceBatchOp.setQuoteChar: "quoteChar" must be a single character or null; got "ab".');
    expectError(
      () => new CsvSourceBatchOp().setHandleInvalidMethod("IGNORE" as never),
      'CsvSourceBatchOp.setHandleInvalidMethod: "handleInvalidMethod" must be one of ERROR, SKIP (case-insensitive); got "IGNORE".',
    );
    expectError(() => new CsvSourceBatchOp().setSchemaStr("a int, b str"), /^CsvSourceBatchOp\.setSchemaStr: "schemaStr" must be a schema string such as "f0 double, label int"; Unknown type "str" for column "b"/);
  });

  it("enums match case-insensitively and aliases resolve (Alink's searchEnum / aliases)", () => {
    const op = new CsvSourceBatchOp().setHandleInvalidMethod("skip" as never);
    expect(op.getHandleInvalidMethod()).toBe("SKIP");
    op.set("handleInvalid", "error");
    expect(op.getHandleInvalidMethod()).toBe("ERROR");
  });

  it("a required parameter that was never set is an error naming its setter", () => {
    expectError(
      () => new CsvSourceBatchOp().getFilePath(),
      'CsvSourceBatchOp: parameter "filePath" is required but was not set; call setFilePath(…) with a non-empty string.',
    );
  });

  it("constructor objects set parameters like PyAlink keyword arguments", () => {
    const op = new CsvSourceBatchOp({ filePath: "x.csv", schemaStr: "a int", lenient: true });
    expect(op.getLenient()).toBe(true);
    expect(op.getColNames()).toEqual(["a"]);
  });
});
