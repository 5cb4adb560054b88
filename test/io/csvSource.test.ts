import * as fs from "fs";
import { describe, expect, it } from "vitest";
import { Schema } from "../../src/core/schema";
import { Table } from "../../src/core/table";
import { CsvChunkParser, CsvFormat } from "../../src/io/csv/CsvChunkParser";
import { readCsvChunks } from "../../src/io/csv/readCsvFile";
import { CsvSourceBatchOp } from "../../src/io/csv/CsvSourceBatchOp";
import { CTR_SCHEMA_STR } from "../../src/datasets/ctr";
import { ROOT, expectError, expectTable, writeTemp } from "../helpers";

const FORMAT: CsvFormat = { fieldDelimiter: ",", rowDelimiter: "\n", quoteChar: '"', skipBlankLine: true, lenient: false, handleInvalidMethod: "ERROR" };

function source(text: string, schemaStr: string, setup: (op: CsvSourceBatchOp) => void = () => {}): CsvSourceBatchOp {
  const op = new CsvSourceBatchOp().setFilePath(writeTemp("data.csv", text)).setSchemaStr(schemaStr);
  setup(op);
  return op;
}

describe("CsvSourceBatchOp", () => {
  it("reads typed columns, nulls for empty fields, and ignores a header", () => {
    const op = source("a,b,c,d\n1,x,2.5,true\n2,,,false\n,z,-1e3,\n", "a int, b string, c double, d boolean", (o) => o.setIgnoreFirstLine(true));
    expectTable(op.getOutputTable(), ["a", "b", "c", "d"], [
      [1, "x", 2.5, true],
      [2, null, null, false],
      [null, "z", -1000, null],
    ]);
  });

  it("parses doubles exactly, including long and exponent forms", () => {
    const values = ["0.1", "2.823609", "1.836", "1.0E-5", "123456789012345678", "-0.000123456789012345678", "1e308", "NaN", "-Infinity", "+3"];
    const op = source(values.join("\n") + "\n", "x double");
    const got = op.collect().map((r) => r[0]);
    expect(got).toEqual(values.map((v) => (v === "NaN" ? NaN : Number(v))));
  });

  it("follows Alink's quote rules per column type", () => {
    // STRING: a leading quote runs to the closing quote (delimiters and newlines inside are data; "" is a quote).
    // Non-string: a quoted token is unwrapped; exactly "" is null.
    const text = 's,n\n"a,b",1\n"he said ""hi""",2\n"multi\nline","3"\n"",""\n';
    const op = source(text, "s string, n int", (o) => o.setIgnoreFirstLine(true));
    expectTable(op.getOutputTable(), ["s", "n"], [
      ["a,b", 1],
      ['he said "hi"', 2],
      ["multi\nline", 3],
      ["", null],
    ]);
  });

  it("can disable quoting", () => {
    const op = source('"a",b\n', "x string, y string", (o) => o.setQuoteChar(null));
    expect(op.collect()).toEqual([['"a"', "b"]]);
  });

  it("supports multi-character delimiters, CRLF line ends, a BOM and UTF-8 text", () => {
    const text = "\ufeff1_alink_héllo wörld\r\n2_alink_日本\r\n";
    const op = source(text, "id int, text string", (o) => o.setFieldDelimiter("_alink_"));
    expect(op.collect()).toEqual([[1, "héllo wörld"], [2, "日本"]]);
  });

  it("skips empty lines and whitespace-only lines (extra fields are an error: see badInputCsv.test.ts)", () => {
    const op = source("1,a\n\n   \n2,b\n", "id int, s string");
    expect(op.collect()).toEqual([[1, "a"], [2, "b"]]);
  });

  it("reads a file without a trailing newline", () => {
    expect(source("1,a\n2,b", "id int, s string").collect()).toEqual([[1, "a"], [2, "b"]]);
  });

  it("reads vectors and timestamps", () => {
    const op = source('"$5$1:0.5 3:1.0",2021-06-10 19:39:41.169\n1.0 2.0,2021-01-01 00:00:00\n', "v vector, t timestamp");
    const rows = op.collect();
    expect(String(rows[0][0])).toBe("$5$1:0.5 3:1.0");
    expect(String(rows[1][0])).toBe("1.0 2.0");
    expect((rows[0][1] as Date).toISOString()).toBe("2021-06-10T19:39:41.169Z");
  });

  it("fails on a malformed number with file, line, column and text", () => {
    const op = source("id,n\n1,2\n2,abc\n", "id int, n int", (o) => o.setIgnoreFirstLine(true));
    const file = op.getFilePath();
    const error = expectError(
      () => op.collect(),
      `CsvSourceBatchOp: cannot parse ${file} line 3, column "n" (INT): "abc" is not an integer. Line text: "2,abc". ` +
        "Fix the file or the schema, or setLenient(true) to skip such lines.",
    );
    expect(error.context).toMatchObject({ line: 3, column: "n", file });
  });

  it("fails on a line with too few fields (not padded, errata E18)", () => {
    const op = source("1,2,3\n4,5\n", "a int, b int, c int");
    expectError(
      () => op.collect(),
      `CsvSourceBatchOp: cannot parse ${op.getFilePath()} line 2: expected 3 fields separated by "," but the line has 2. Line text: "4,5". ` +
        "Fix the file or the schema, or setLenient(true) to skip such lines.",
    );
  });

  it("fails on integers out of range and on bad booleans / timestamps / vectors", () => {
    expectError(() => source("3000000000\n", "a int").collect(), /line 1, column "a" \(INT\): 3000000000 is outside the INT range \[-2147483648, 2147483647\]/);
    expectError(() => source("yes\n", "a boolean").collect(), /column "a" \(BOOLEAN\): "yes" is not a boolean \(expected true or false\)/);
    expectError(() => source("2021-13-01\n", "a timestamp").collect(), /column "a" \(TIMESTAMP\): "2021-13-01" is not a timestamp/);
    expectError(() => source("1:x\n", "a vector").collect(), /column "a" \(VECTOR\): Invalid sparse vector string "1:x": value "x" at index 1 is not a number/);
    expectError(() => source("9007199254740993\n", "a bigint").collect(), /is outside the BIGINT range/);
  });

  it("lenient: skips bad lines, counts them, and shows the count under print()", () => {
    const op = source("1,2\nx,3\n4\n5,6\n", "a int, b int", (o) => o.setLenient(true));
    expect(op.collect()).toEqual([[1, 2], [5, 6]]);
    expect(op.getSkippedLineCount()).toBe(2);
    expect(op.getSkippedLines().map((s) => s.line)).toEqual([2, 3]);
    expect(op.getSkippedLines()[0].reason).toBe('line 2, column "a" (INT): "x" is not an integer');
    const printed: string[] = [];
    const original = console.log;
    console.log = (s: string) => printed.push(s);
    try {
      op.print();
    } finally {
      console.log = original;
    }
    expect(printed.join("\n")).toContain('2 malformed lines were skipped (lenient); first: line 2, column "a" (INT): "x" is not an integer');
  });

  it("vector handleInvalidMethod SKIP stores null for a bad vector and keeps the row", () => {
    const op = source("1,1:x\n2,1:2\n", "id int, v vector", (o) => o.setHandleInvalidMethod("skip" as never));
    expect(op.collect().map((r) => [r[0], r[1] === null ? null : String(r[1])])).toEqual([[1, null], [2, "1:2.0"]]);
  });

  it("names a missing file and rejects URLs", () => {
    expectError(() => new CsvSourceBatchOp().setFilePath("/no/such.csv").setSchemaStr("a int").collect(), /^CsvSourceBatchOp: file "\/no\/such.csv" does not exist/);
    expectError(
      () => new CsvSourceBatchOp().setFilePath("https://x.org/iris.csv").setSchemaStr("a int").collect(),
      'CsvSourceBatchOp: "https://x.org/iris.csv" is a URL; streamlab reads local files only. Download it first and pass the local path.',
    );
  });

  it("knows its schema without reading the file", () => {
    const op = new CsvSourceBatchOp().setFilePath("/does/not/matter.csv").setSchemaStr("a int, b string");
    expect(op.getColNames()).toEqual(["a", "b"]);
    expect(op.getColTypes()).toEqual(["INT", "STRING"]);
  });
});

describe("CSV chunking", () => {
  it("gives the same table whatever the chunk size (records split across chunks, quotes across chunks)", () => {
    const file = writeTemp(
      "chunks.csv",
      'id,s,x,v\n1,"a,\nb",1.5,"$3$0:1.0"\n2,plain,2.25,1 2 3\n3,"q""uote",,\n4,é,1e-3,$4$3:2.0\n',
    );
    const schema = Schema.parse("id int, s string, x double, v vector");
    const read = (chunkBytes: number) => {
      const parser = new CsvChunkParser(schema, FORMAT, file, true);
      return Table.concat([...readCsvChunks(file, parser, chunkBytes)], schema).toRows().map((r) => r.map(String));
    };
    const whole = read(1 << 20);
    expect(whole.length).toBe(4);
    for (const size of [1, 2, 3, 7, 16]) expect(read(size)).toEqual(whole);
  });

  it("reads the shipped CTR training file (10 000 rows, 25 columns)", () => {
    const op = new CsvSourceBatchOp().setFilePath(`${ROOT}/datasets/ctr_train.csv`).setSchemaStr(CTR_SCHEMA_STR).setIgnoreFirstLine(true);
    const table = op.getOutputTable();
    expect(table.numRows).toBe(10000);
    expect(table.schema.size).toBe(25);
    const firstLine = fs.readFileSync(`${ROOT}/datasets/ctr_train.csv`, "utf8").split("\n")[1].split(",");
    const row = table.row(0);
    expect(row[0]).toBe(firstLine[0]);
    expect(row[1]).toBe(Number(firstLine[1]));
    expect(row[24]).toBe(Number(firstLine[24]));
  });
});

describe("CSV columns by header name", () => {
  it("reads the issue's quickstart schema (a few of the file's columns) by name", () => {
    const data = new CsvSourceBatchOp()
      .setFilePath(`${ROOT}/datasets/ctr_train.csv`)
      .setSchemaStr("id string, click int, C1 string, banner_pos int, C14 int, ts double")
      .setIgnoreFirstLine(true);
    const full = new CsvSourceBatchOp().setFilePath(`${ROOT}/datasets/ctr_train.csv`).setSchemaStr(CTR_SCHEMA_STR).setIgnoreFirstLine(true);
    const names = full.getColNames();
    const expected = full.collect().map((r) => ["id", "click", "C1", "banner_pos", "C14", "ts"].map((c) => r[names.indexOf(c)]));
    expect(data.collect()).toEqual(expected);
  });

  it("keeps Alink's positional reading when the header does not name the columns", () => {
    const op = source("x,y\n1,2\n", "a int, b int", (o) => o.setIgnoreFirstLine(true));
    expect(op.collect()).toEqual([[1, 2]]);
    const reordered = source("b,a\n1,2\n", "a int, b int", (o) => o.setIgnoreFirstLine(true));
    expect(reordered.collect()).toEqual([[2, 1]]);
  });

  it("works for the stream source too", async () => {
    const { CsvSourceStreamOp } = await import("../../src");
    const rows = await new CsvSourceStreamOp()
      .setFilePath(`${ROOT}/datasets/ctr_train.csv`)
      .setSchemaStr("click int, ts double")
      .setIgnoreFirstLine(true)
      .setTimeCol("ts")
      .collect();
    expect(rows.length).toBe(10000);
    expect(rows.every((r) => (r[1] as number) > 1.4e9)).toBe(true);
  });
});
