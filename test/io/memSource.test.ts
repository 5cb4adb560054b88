import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { BatchOperator } from "../../src/engine/batchOperator";
import { MemSourceBatchOp } from "../../src/io/memory/MemSourceBatchOp";
import { CsvSinkBatchOp } from "../../src/io/csv/CsvSinkBatchOp";
import { CsvSourceBatchOp } from "../../src/io/csv/CsvSourceBatchOp";
import { DenseVector, SparseVector } from "../../src/core/vector";
import { expectError, tempDir } from "../helpers";

describe("MemSourceBatchOp", () => {
  it("takes rows with a schema string", () => {
    const op = new MemSourceBatchOp([["1:2.0 2:1.0 4:0.5", 1.5], ["1:2.0 2:1.0 4:0.5", 1.7]], "f1 string, f2  double");
    expect(op.getSchema().toString()).toBe("f1 STRING,f2 DOUBLE");
    expect(op.collect()).toEqual([["1:2.0 2:1.0 4:0.5", 1.5], ["1:2.0 2:1.0 4:0.5", 1.7]]);
  });

  it("infers types from column names only", () => {
    const op = new MemSourceBatchOp(
      [[1, 2.5, "a", true, new Date(0), 3000000000, null], [2, 3, null, false, new Date(1000), 1, null]],
      ["i", "d", "s", "b", "t", "l", "n"],
    );
    expect(op.getColTypes()).toEqual(["INT", "DOUBLE", "STRING", "BOOLEAN", "TIMESTAMP", "BIGINT", "STRING"]);
  });

  it("takes a single column of values", () => {
    expect(new MemSourceBatchOp([1.5, 2.5], "x").collect()).toEqual([[1.5], [2.5]]);
  });

  it("parses vector strings into vector columns", () => {
    const op = new MemSourceBatchOp([["$3$0:1.0"], ["1 2"]], "v vector");
    const [a, b] = op.collect().map((r) => r[0]);
    expect(a).toBeInstanceOf(SparseVector);
    expect(b).toBeInstanceOf(DenseVector);
  });

  it("names the row and column of a value that does not fit its type", () => {
    expectError(
      () => new MemSourceBatchOp([[1, "a"], [2.5, "b"]], "id int, s string"),
      "MemSourceBatchOp: row 1, column \"id\" (INT): cannot use 2.5 (number); expected an integer.",
    );
    expectError(
      () => new MemSourceBatchOp([["x", 1]], "s string, v vector"),
      "MemSourceBatchOp: row 0, column \"v\" (VECTOR): cannot use 1 (number); expected a vector or a vector string such as \"1.0 2.0\" or \"$3$0:1.0\".",
    );
    expectError(() => new MemSourceBatchOp([[1]], "a int, b int"), "MemSourceBatchOp: row 0 has 1 values but the schema has 2 columns (a, b).");
    expectError(
      () => new MemSourceBatchOp([[1, "a"], ["b", 2]], ["x", "y"]),
      'MemSourceBatchOp: column "x" mixes number and string values, so its type cannot be inferred; pass a schema string such as "x string".',
    );
    expectError(() => new MemSourceBatchOp([], ["x"]), /values can not be empty/);
  });

  it("an empty table is fine with a schema string", () => {
    expect(new MemSourceBatchOp([], "a int").count()).toBe(0);
  });
});

describe("CsvSinkBatchOp", () => {
  it("writes on execute() and reads back identically (quotes, nulls, vectors, timestamps)", () => {
    const dir = tempDir();
    const file = path.join(dir, "out.csv");
    const schemaStr = "s string, i int, d double, b boolean, v vector, t timestamp";
    const rows = [
      ['a,"b"', 1, 0.1, true, "$4$1:0.5", new Date(Date.UTC(2021, 5, 10, 1, 2, 3, 45))],
      ["", null, null, null, null, null],
      ["multi\nline", -7, 1e-7, false, "1.0 2.0", new Date(0)],
    ];
    const src = new MemSourceBatchOp(rows, schemaStr);
    src.link(new CsvSinkBatchOp().setFilePath(file));
    expect(fs.existsSync(file)).toBe(false);
    BatchOperator.execute();
    const text = fs.readFileSync(file, "utf8");
    expect(text.split("\n")[0]).toBe('"a,""b""",1,0.1,true,$4$1:0.5,2021-06-10 01:02:03.045');
    const back = new CsvSourceBatchOp().setFilePath(file).setSchemaStr(schemaStr).collect();
    expect(back.map((r) => r.map((v) => (v instanceof Date ? v.getTime() : v === null ? null : typeof v === "object" ? String(v) : v)))).toEqual(
      rows.map((r) => r.map((v) => (v instanceof Date ? v.getTime() : v === null ? null : typeof v === "string" && /^\$|^1\.0 /.test(v) ? String(v) : v))),
    );
  });

  it("refuses to overwrite unless asked", () => {
    const file = path.join(tempDir(), "x.csv");
    fs.writeFileSync(file, "old");
    new MemSourceBatchOp([[1]], "a int").link(new CsvSinkBatchOp().setFilePath(file));
    expectError(() => BatchOperator.execute(), /already exists; setOverwriteSink\(true\) to replace it\.$/);
    new MemSourceBatchOp([[1]], "a int").link(new CsvSinkBatchOp().setFilePath(file).setOverwriteSink(true));
    BatchOperator.execute();
    expect(fs.readFileSync(file, "utf8")).toBe("1\n");
  });
});
