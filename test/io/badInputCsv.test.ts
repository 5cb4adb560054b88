import { describe, expect, it } from "vitest";
import { Schema } from "../../src/core/schema";
import { StreamlabError } from "../../src/core/errors";
import { Table } from "../../src/core/table";
import { CsvChunkParser, CsvFormat } from "../../src/io/csv/CsvChunkParser";
import { readCsvChunks } from "../../src/io/csv/readCsvFile";
import { CsvSourceBatchOp } from "../../src/io/csv/CsvSourceBatchOp";
import { CsvSourceStreamOp } from "../../src/io/csv/CsvSourceStreamOp";
import { expectError, writeTemp } from "../helpers";

/**
 * Bad CSV input (issue 13): every malformed line is an error naming file, line and what was
 * expected, or — with lenient — skipped and counted; nothing is silently truncated, padded,
 * re-split or replaced.
 */

const FORMAT: CsvFormat = { fieldDelimiter: ",", rowDelimiter: "\n", quoteChar: '"', skipBlankLine: true, lenient: false, handleInvalidMethod: "ERROR" };

function source(text: string | Buffer, schemaStr: string, setup: (op: CsvSourceBatchOp) => void = () => {}): CsvSourceBatchOp {
  const op = new CsvSourceBatchOp().setFilePath(writeTemp("data.csv", text)).setSchemaStr(schemaStr);
  setup(op);
  return op;
}

/** Rows of a file read through the chunked parser with `chunkBytes`-byte reads, plus the skipped lines. */
function readChunked(text: string | Buffer, schemaStr: string, chunkBytes: number, format: Partial<CsvFormat> = {}, ignoreFirstLine = false) {
  const file = writeTemp("chunks.csv", text);
  const schema = Schema.parse(schemaStr);
  const parser = new CsvChunkParser(schema, { ...FORMAT, ...format }, "chunks.csv", ignoreFirstLine);
  const rows = Table.concat([...readCsvChunks(file, parser, chunkBytes)], schema).toRows();
  return { rows, skipped: parser.skipped.map((s) => s.line), count: parser.skippedCount };
}

const CHUNK_SIZES = [1, 2, 3, 5, 7, 11, 64, 1 << 20];

describe("field count: every line has exactly the schema's number of fields", () => {
  it("a line with MORE fields is an error naming file, line, the count found and expected (not silently truncated)", () => {
    const op = source("1,a\n2,b,extra\n3,c\n", "id int, s string");
    const file = op.getFilePath();
    const error = expectError(
      () => op.collect(),
      `CsvSourceBatchOp: cannot parse ${file} line 2: expected 2 fields separated by "," but the line has 3. Line text: "2,b,extra". ` +
        "Fix the file or the schema, or setLenient(true) to skip such lines.",
    );
    expect(error.context).toMatchObject({ operator: "CsvSourceBatchOp", file, line: 2 });
  });

  it("counts every extra field, says when the line merely ends with a delimiter, and honours quotes in extra fields", () => {
    expectError(() => source("1,a,x,y,z\n", "id int, s string").collect(), /line 1: expected 2 fields separated by "," but the line has 5\./);
    expectError(() => source("1,a,\n", "id int, s string").collect(), /line 1: expected 2 fields separated by "," but the line has 3 \(it ends with a field delimiter\)\./);
    expectError(() => source('1,a,"x,y"\n', "id int, s string").collect(), /line 1: expected 2 fields separated by "," but the line has 3\./);
    // Multi-character delimiter.
    expectError(() => source("1::a::b\n", "id int, s string", (o) => o.setFieldDelimiter("::")).collect(), /expected 2 fields separated by "::" but the line has 3/);
  });

  it("with lenient, such lines are skipped and counted, and a quoted line break in an extra field keeps later line numbers right", () => {
    const op = source('1,a\n2,b,"x\ny"\n3,c,d\n4,d\n5\n', "id int, s string", (o) => o.setLenient(true));
    expect(op.collect()).toEqual([[1, "a"], [4, "d"]]);
    expect(op.getSkippedLineCount()).toBe(3);
    expect(op.getSkippedLines()).toEqual([
      { line: 2, reason: 'line 2: expected 2 fields separated by "," but the line has 3' },
      { line: 4, reason: 'line 4: expected 2 fields separated by "," but the line has 3' },
      { line: 6, reason: 'line 6: expected 2 fields separated by "," but the line has 1' },
    ]);
  });

  it("a line with FEWER fields is an error too (Alink errata E18: not padded with nulls); whitespace-only lines are blank", () => {
    expectError(() => source("1,2,3\n4,5\n", "a int, b int, c int").collect(), /line 2: expected 3 fields separated by "," but the line has 2\./);
    // A single-column schema: a whitespace-only line is a blank line (skipBlankLine), not a row holding "  ".
    expect(source("x\n  \ny\n", "s string").collect()).toEqual([["x"], ["y"]]);
    expect(source("x\n  \ny\n", "s string", (o) => o.setSkipBlankLine(false)).collect()).toEqual([["x"], ["  "], ["y"]]);
  });

  it("gives the same rows and skipped line numbers whatever the read chunk size", () => {
    const text = '1,a\n2,b,"x\r\ny"\r\n3,c\r4,d,e\n5,"q\rq"\n6,f';
    const whole = readChunked(text, "id int, s string", 1 << 20, { lenient: true });
    expect(whole.rows).toEqual([[1, "a"], [3, "c"], [5, "q\rq"], [6, "f"]]);
    expect(whole.skipped).toEqual([2, 5]);
    for (const size of CHUNK_SIZES) expect(readChunked(text, "id int, s string", size, { lenient: true })).toEqual(whole);
  });
});

describe("line endings: \\n, \\r\\n and a bare \\r all end a row", () => {
  const lines = ["id,s,x", "1,a,0.5", "2,,1.5", '3,"q,1",2.5', "4,d,"];
  const expected = [[1, "a", 0.5], [2, null, 1.5], [3, "q,1", 2.5], [4, "d", null]];

  it("reads LF, CRLF, CR and mixed files alike, with or without a final line end", () => {
    const files = {
      lf: lines.join("\n") + "\n",
      crlf: lines.join("\r\n") + "\r\n",
      cr: lines.join("\r") + "\r",
      mixed: lines[0] + "\r\n" + lines[1] + "\r" + lines[2] + "\n" + lines[3] + "\r\n" + lines[4],
      crNoEnd: lines.join("\r"),
      crlfNoEnd: lines.join("\r\n"),
    };
    for (const [name, text] of Object.entries(files)) {
      const rows = source(text, "id int, s string, x double", (o) => o.setIgnoreFirstLine(true)).collect();
      expect(rows, name).toEqual(expected);
      for (const size of CHUNK_SIZES) expect(readChunked(text, "id int, s string, x double", size, {}, true).rows, `${name} / ${size}`).toEqual(expected);
    }
  });

  it("counts each line end as one line in error messages (CR, CRLF, LF mixed)", () => {
    const text = "1,a\r2,b\r\n3,c\n\r\n5,x,y\r6,f\n";
    expectError(() => source(text, "id int, s string").collect(), /line 5: expected 2 fields separated by "," but the line has 3\. Line text: "5,x,y"/);
    // A bad value on a CR-terminated line: the error names that line, and the text shown stops at the \r.
    expectError(() => source("1,a\r2,b\rx,c\r", "id int, s string").collect(), /line 3, column "id" \(INT\): "x" is not an integer\. Line text: "x,c"\./);
  });

  it("keeps line breaks inside quoted STRING fields as data and counts them as lines", () => {
    const text = 's,n\r\n"two\r\nlines",1\r\n"cr\ronly",2\n"lf\nonly",3\r"x",bad\n';
    const op = source(text, "s string, n int", (o) => o.setIgnoreFirstLine(true).setLenient(true));
    expect(op.collect()).toEqual([["two\r\nlines", 1], ["cr\ronly", 2], ["lf\nonly", 3]]);
    expect(op.getSkippedLines().map((s) => s.line)).toEqual([8]);
  });

  it("never leaves a \\r at the end of a value (STRING, last column, CRLF and CR files, stream source)", async () => {
    const text = "a,b\r\nc,d\re,f\r\n";
    expect(source(text, "x string, y string").collect()).toEqual([["a", "b"], ["c", "d"], ["e", "f"]]);
    const rows = await new CsvSourceStreamOp().setFilePath(writeTemp("s.csv", text)).setSchemaStr("x string, y string").collect();
    expect(rows).toEqual([["a", "b"], ["c", "d"], ["e", "f"]]);
  });

  it("with another rowDelimiter a \\r is data, as in Alink", () => {
    expect(source("a\r;b;", "s string", (o) => o.setRowDelimiter(";")).collect()).toEqual([["a\r"], ["b"]]);
  });
});

describe("invalid UTF-8 in STRING fields", () => {
  const latin1 = (text: string) => Buffer.from(text, "latin1"); // "é" → the single byte 0xE9: not UTF-8

  it("is an error naming line, column and the bad bytes (never silently replaced by U+FFFD)", () => {
    const op = source(Buffer.concat([Buffer.from("id,name\n1,Zoe\n"), latin1("2,André\n")]), "id int, name string", (o) => o.setIgnoreFirstLine(true));
    const error = expectError(
      () => op.collect(),
      /^CsvSourceBatchOp: cannot parse .*data\.csv line 3, column "name" \(STRING\): the field is not valid UTF-8 \(bytes 0xE9 at byte 4 of the field\); the file must be UTF-8 encoded/,
    );
    expect(error.context).toMatchObject({ line: 3, column: "name" });
  });

  it("is caught in quoted fields, in vector columns, and for overlong / surrogate / cut sequences", () => {
    const bad = (bytes: number[], schemaStr = "id int, name string") =>
      source(Buffer.concat([Buffer.from('1,"a'), Buffer.from(bytes), Buffer.from('b"\n')]), schemaStr).collect();
    expectError(() => bad([0xe9]), /line 1, column "name" \(STRING\): the field is not valid UTF-8 \(bytes 0xE9 0x62/);
    expectError(() => bad([0xc0, 0xaf]), /not valid UTF-8 \(bytes 0xC0/); // overlong "/"
    expectError(() => bad([0xed, 0xa0, 0x80]), /not valid UTF-8 \(bytes 0xED 0xA0/); // a UTF-16 surrogate
    expectError(() => bad([0xf4, 0x90, 0x80, 0x80]), /not valid UTF-8/); // above U+10FFFF
    expectError(() => bad([0xe6, 0x97]), /not valid UTF-8/); // 日 cut short
    expectError(() => source(Buffer.from([0x31, 0x2c, 0x31, 0xff, 0x0a]), "id int, v vector").collect(), /column "v" \(VECTOR\): the field is not valid UTF-8/);
  });

  it("lenient skips and counts such lines; valid multi-byte text cut across read chunks is not mistaken for invalid", () => {
    const text = Buffer.concat([Buffer.from("1,日本語\n"), latin1("2,café\n"), Buffer.from("3,naïve ☃\n")]);
    const op = source(text, "id int, s string", (o) => o.setLenient(true));
    expect(op.collect()).toEqual([[1, "日本語"], [3, "naïve ☃"]]);
    expect(op.getSkippedLines()).toEqual([{ line: 2, reason: 'line 2, column "s" (STRING): the field is not valid UTF-8 (bytes 0xE9 at byte 3 of the field); the file must be UTF-8 encoded (convert it, e.g. iconv -f latin1 -t utf-8)' }]);
    for (const size of CHUNK_SIZES) {
      const got = readChunked(text, "id int, s string", size, { lenient: true });
      expect(got.rows, `chunk ${size}`).toEqual([[1, "日本語"], [3, "naïve ☃"]]);
      expect(got.skipped).toEqual([2]);
    }
  });

  it("is an error in the stream source too (fields decoded lazily are checked when parsed)", async () => {
    const file = writeTemp("s.csv", Buffer.concat([Buffer.from("a,1\n"), latin1("é,2\n")]));
    const op = new CsvSourceStreamOp().setFilePath(file).setSchemaStr("s string, t double").setTimeCol("t");
    await expect(op.collect()).rejects.toThrow(/line 2, column "s" \(STRING\): the field is not valid UTF-8 \(bytes 0xE9 at byte 0 of the field\)/);
  });

  it("does not matter in a column the schema does not read (header selection skips it undecoded)", () => {
    const text = Buffer.concat([Buffer.from("id,junk,n\n1,"), latin1("é"), Buffer.from(",5\n")]);
    expect(source(text, "id int, n int", (o) => o.setIgnoreFirstLine(true)).collect()).toEqual([[1, 5]]);
  });
});

describe("header names select columns, and never fall back silently", () => {
  const file = "id,click,hour,C1\n7,1,14,a\n8,0,15,b\n";

  it("selects the named columns by name (in any order and case), the rest skipped", () => {
    expect(source(file, "C1 string, ID int, click int", (o) => o.setIgnoreFirstLine(true)).collect()).toEqual([["a", 7, 1], ["b", 8, 0]]);
  });

  it("a schema column the header does not name is an error with the header's names and the closest match", () => {
    const op = source(file, "id int, clik int", (o) => o.setIgnoreFirstLine(true));
    const error = expectError(
      () => op.collect(),
      `CsvSourceBatchOp: ${op.getFilePath()} line 1: the header does not name schema column "clik" (did you mean "click"?); ` +
        "the header names 1 of the schema's 2 columns, so columns are selected by name (ignoreFirstLine). " +
        'Header names: "id", "click", "hour", "C1". Use the header\'s names in the schema string, or remove the header and set ignoreFirstLine(false) to read by position.',
    );
    expect(error.context).toMatchObject({ operator: "CsvSourceBatchOp", line: 1, column: "clik" });
  });

  it("a schema with fewer columns than the header, naming none of them, is an error (positional reading would take the first ones)", () => {
    expectError(
      () => source(file, "a int, b int", (o) => o.setIgnoreFirstLine(true)).collect(),
      /the header does not name schema columns "a" \(did you mean "id"\?\), "b" \(did you mean "id"\?\); the header has 4 fields but the schema only 2 columns, so columns would be selected by name/,
    );
  });

  it("a header naming a selected column twice is an error; unselected duplicates are fine", () => {
    expectError(
      () => source("id,x,x\n1,2,3\n", "id int, x int", (o) => o.setIgnoreFirstLine(true)).collect(),
      /line 1: the header names column "x" more than once \(fields 2 and 3\), so it is not clear which one to read/,
    );
    expect(source("id,x,X,n\n1,2,3,4\n", "id int, n int", (o) => o.setIgnoreFirstLine(true)).collect()).toEqual([[1, 4]]);
  });

  it("reads by position only when the header names none of the schema columns and has no more fields", () => {
    expect(source("x,y\n1,2\n", "a int, b int", (o) => o.setIgnoreFirstLine(true)).collect()).toEqual([[1, 2]]);
    expect(source("title\n1,2\n", "a int, b int", (o) => o.setIgnoreFirstLine(true)).collect()).toEqual([[1, 2]]);
  });

  it("every line must have the header's number of fields when columns are selected by name", () => {
    expectError(() => source("id,x,n\n1,2,3\n4,5\n", "n int", (o) => o.setIgnoreFirstLine(true)).collect(), /line 3: expected 3 fields separated by "," but the line has 2/);
    expectError(() => source("id,x,n\n1,2,3,4\n", "n int", (o) => o.setIgnoreFirstLine(true)).collect(), /line 2: expected 3 fields separated by "," but the line has 4/);
  });

  it("reads header names through a BOM, CR/CRLF line ends, quotes, blank lines and other delimiters", () => {
    expect(source("\ufeffid,n\r\n1,2\r\n", "n int", (o) => o.setIgnoreFirstLine(true)).collect()).toEqual([[2]]);
    expect(source("id;n\r1;2\r", "n int", (o) => o.setIgnoreFirstLine(true).setFieldDelimiter(";")).collect()).toEqual([[2]]);
    expect(source('"a,b",n\n"x,y",2\n', "n int", (o) => o.setIgnoreFirstLine(true)).collect()).toEqual([[2]]);
    expect(source('"a ""b""",n\n"x,y",2\n', "n int", (o) => o.setIgnoreFirstLine(true)).collect()).toEqual([[2]]);
    expect(source("\n\nid,n\n1,2\n", "n int", (o) => o.setIgnoreFirstLine(true)).collect()).toEqual([[2]]);
    expect(source("id|n#1|2#", "n int", (o) => o.setIgnoreFirstLine(true).setFieldDelimiter("|").setRowDelimiter("#")).collect()).toEqual([[2]]);
  });

  it("applies to the stream source the same way", async () => {
    const path = writeTemp("s.csv", file);
    const rows = await new CsvSourceStreamOp().setFilePath(path).setSchemaStr("hour double, C1 string").setIgnoreFirstLine(true).setTimeCol("hour").collect();
    expect(rows).toEqual([[14, "a"], [15, "b"]]);
    const bad = new CsvSourceStreamOp().setFilePath(path).setSchemaStr("hour double, c2 string").setIgnoreFirstLine(true).setTimeCol("hour");
    await expect(bad.collect()).rejects.toThrow(/CsvSourceStreamOp: .* line 1: the header does not name schema column "c2" \(did you mean "C1"\?\)/);
  });
});

describe("CsvSourceStreamOp lenient counts skipped lines", () => {
  it("has getSkippedLineCount()/getSkippedLines() like the batch source, and shows a note when the run ends", async () => {
    const file = writeTemp("s.csv", "t,v\n1,a\n2,b,c\nx,d\n4\n5,e\n");
    const op = new CsvSourceStreamOp().setFilePath(file).setSchemaStr("t double, v string").setIgnoreFirstLine(true).setTimeCol("t").setLenient(true);
    expect(op.getSkippedLineCount()).toBe(0);
    const printed: string[] = [];
    const original = console.log;
    console.log = (s: string) => printed.push(s);
    let rows: unknown[][];
    try {
      rows = await op.collect();
    } finally {
      console.log = original;
    }
    expect(rows).toEqual([[1, "a"], [5, "e"]]);
    expect(op.getSkippedLineCount()).toBe(3);
    expect(op.getSkippedLines().map((s) => s.line)).toEqual([3, 4, 5]);
    expect(op.getSkippedLines()[1].reason).toBe('line 4, column "t" (DOUBLE): "x" is not a number');
    expect(printed).toContain(
      `CsvSourceStreamOp (${file}): 3 malformed lines were skipped (lenient); first: line 3: expected 2 fields separated by "," but the line has 3. See getSkippedLines().`,
    );
  });
});

describe("numbers parse as Java's Double.parseDouble / Float.parseFloat / Long.parseLong", () => {
  const doubles = (cells: string[]) => source(cells.join("\n") + "\n", "x double").collect().map((r) => r[0]);

  it("DOUBLE: NaN, ±Infinity, signs, 1., .5, type suffixes, out-of-range magnitudes, hex with a p exponent", () => {
    const cases: [string, number][] = [
      ["NaN", NaN], ["Infinity", Infinity], ["-Infinity", -Infinity], ["+Infinity", Infinity], ["+NaN", NaN],
      ["+1.5", 1.5], ["-0", -0], ["1.", 1], [".5", 0.5], ["-.25e1", -2.5],
      ["1e400", Infinity], ["-1e400", -Infinity], ["1e-400", 0], ["4.9e-324", 5e-324],
      ["1.5d", 1.5], ["1.5D", 1.5], ["1.5f", 1.5], ["0.1f", 0.1], ["2F", 2], ["1e3d", 1000],
      ["0x10p0", 16], ["0X1.8P1", 3], ["-0x1p-2", -0.25], ["0x.8p1", 1], ["0x1p1024", Infinity],
      ["0x1.fffffffffffffp1023", Number.MAX_VALUE], ["0x0.0000000000001p-1022", 5e-324], ["0x1p-1075", 0], ["0x1.8p-1074", 2 * 5e-324],
      ["0x1.00000000000008p0", 1], ["0x1.00000000000018p0", 1 + 2 * 2 ** -52], ["0x1.000000000000081p0", 1 + 2 ** -52], ["0x10p0d", 16],
      ["123456789012345678901234567890", 1.2345678901234568e29], [" 2.5 ", 2.5], ['"3.5"', 3.5],
    ];
    const got = doubles(cases.map((c) => c[0]));
    cases.forEach(([text, want], i) => expect(Object.is(got[i], want), `${text} → ${got[i]}, expected ${want}`).toBe(true));
  });

  it("DOUBLE: texts Java rejects are errors naming line and column", () => {
    for (const bad of ["0x10", "0x", "0xp1", "NaNd", "Infinityf", "infinity", "Inf", "nan", "1e", "1e+", ".", "-", "1_000", "1,5", "1.5.2", "0b1", "1.5dd", "١"]) {
      const cell = bad.includes(",") ? `"${bad}"` : bad;
      expectError(() => source(`1\n${cell}\n`, "x double").collect(), new RegExp(`line 2, column "x" \\(DOUBLE\\): .* is not a number`));
    }
  });

  it("FLOAT: rounds the text directly to float, not via double (which is one float ulp off at exact double midpoints)", () => {
    // 1 + 2^-24 is halfway between the floats 1 and 1 + 2^-23. Texts a hair above / below it round to
    // the same double (exactly the midpoint), but Java's Float.parseFloat rounds them up / down.
    const up = "1.000000059604644775390625000001";
    const down = "1.000000059604644775390624999999";
    const tie = "1.000000059604644775390625"; // a true tie: to even, i.e. 1
    expect(Number(up)).toBe(1 + 2 ** -24);
    expect(Number(down)).toBe(1 + 2 ** -24);
    const rows = source([up, down, tie, `-${up}`, "0x1.0000010000000000001p0", "0.1", "3.4028235e38", "3.4028236e38", "1e39", "NaN", "1.4e-45", "7.1e-46", "7e-46"].join("\n") + "\n", "x float").collect();
    expect(rows.map((r) => r[0])).toEqual([
      // 3.4028236e38 is above the largest float + half an ulp (3.40282357e38): Infinity, as in Java.
      1 + 2 ** -23, 1, 1, -(1 + 2 ** -23), 1 + 2 ** -23, Math.fround(0.1), 3.4028234663852886e38, Infinity, Infinity, NaN, 2 ** -149, 2 ** -149, 0,
    ]);
  });

  it("INT/BIGINT: a fraction, exponent, NaN or hex is an error (with why), as is a value out of range; signs and leading zeros are fine", () => {
    expect(source("+5\n007\n-0\n 12 \n-2147483648\n", "n int").collect()).toEqual([[5], [7], [0], [12], [-2147483648]]);
    const big = source("-0\n9007199254740991\n", "n bigint").collect();
    expect(Object.is(big[0][0], 0)).toBe(true);
    expect(big[1][0]).toBe(9007199254740991);
    const hint = "cells hold whole numbers: no fraction, exponent or NaN";
    expectError(() => source("1\n1.0\n", "n int").collect(), new RegExp(`line 2, column "n" \\(INT\\): "1\\.0" is not an integer \\(INT ${hint}\\)\\. Line text: "1\\.0"`));
    expectError(() => source("1e3\n", "n bigint").collect(), new RegExp(`column "n" \\(BIGINT\\): "1e3" is not an integer \\(BIGINT ${hint}\\)`));
    expectError(() => source("NaN\n", "n int").collect(), /"NaN" is not an integer \(INT cells hold whole numbers/);
    expectError(() => source("0x10\n", "n int").collect(), /"0x10" is not an integer\. /);
    expectError(() => source("2147483648\n", "n int").collect(), /line 1, column "n" \(INT\): 2147483648 is outside the INT range \[-2147483648, 2147483647\]/);
    expectError(() => source("-2147483649\n", "n int").collect(), /-2147483649 is outside the INT range/);
    expectError(() => source("128\n", "n tinyint").collect(), /128 is outside the TINYINT range \[-128, 127\]/);
    expectError(() => source("9007199254740992\n", "n bigint").collect(), /9007199254740992 is outside the BIGINT range/);
    expectError(() => source("99999999999999999999\n", "n bigint").collect(), /99999999999999999999 is outside the BIGINT range/);
  });
});

describe("other bad input", () => {
  it("empty file, BOM only, header only, blank lines only: an empty table of the schema", () => {
    for (const text of ["", "\ufeff", "a,b\n", "a,b", "\ufeffa,b\r\n", "\n\n\r\n", "  \n"]) {
      for (const header of [false, true]) {
        if (!header && text.includes("a,b")) continue;
        const table = source(text, "a int, b string", (o) => o.setIgnoreFirstLine(header)).getOutputTable();
        expect(table.numRows, JSON.stringify(text)).toBe(0);
        expect([...table.schema.names]).toEqual(["a", "b"]);
      }
    }
  });

  it("a quote not closed at the end of the file names the line it opened on; lenient skips only that line", () => {
    const text = 'id,s\n1,a\n2,"open\n3,c\n4,d\n';
    expectError(
      () => source(text, "id int, s string", (o) => o.setIgnoreFirstLine(true)).collect(),
      /line 3, column "s" \(STRING\): a quoted field starting on line 3 has no closing quote \(it runs to the end of the file\)\. Line text: "2,\\"open"\./,
    );
    const op = source(text, "id int, s string", (o) => o.setIgnoreFirstLine(true).setLenient(true));
    expect(op.collect()).toEqual([[1, "a"], [3, "c"], [4, "d"]]);
    expect(op.getSkippedLines().map((s) => s.line)).toEqual([3]);
    for (const size of CHUNK_SIZES) {
      const got = readChunked(text, "id int, s string", size, { lenient: true }, true);
      expect(got.rows).toEqual([[1, "a"], [3, "c"], [4, "d"]]);
      expect(got.skipped).toEqual([3]);
    }
  });

  it("a delimiter inside quotes is data in STRING columns; in a number column the quote does not group it (as in Alink) and the error says so", () => {
    expect(source('"a,b",1\n', "s string, n int").collect()).toEqual([["a,b", 1]]);
    expectError(() => source('x,"1,5"\n', "s string, n double").collect(), /column "n" \(DOUBLE\): "\\"1" is not a number \(a quote groups delimiters only in STRING and vector columns, as in Alink/);
  });

  it("a line far longer than any real line (wrong rowDelimiter) is an error, not an endless read", () => {
    const parser = new CsvChunkParser(Schema.parse("s string"), { ...FORMAT, rowDelimiter: "#" }, "big.csv", false);
    expect(() => parser.failLineTooLong(70 * 1048576)).toThrow(/big\.csv line 1 is longer than 70 MB without a row delimiter \(rowDelimiter is "#"\)/);
  });

  it("schema string typos are caught when set, with the closest type", () => {
    expectError(() => new CsvSourceBatchOp().setSchemaStr("id strng, n int"), /Unknown type "strng" for column "id".*Did you mean "STRING"\?/);
    expectError(() => new CsvSourceBatchOp().setSchemaStr("id string n int"), /schemaStr/);
    expectError(() => new CsvSourceBatchOp().setSchemaStr("id string, ID int"), /Duplicate column name "ID"/);
  });

  it("every StreamlabError from the CSV reader carries operator, file and line", () => {
    const bad = ["1,2,3\n", "x\n", '"a\n'];
    for (const text of bad) {
      try {
        source(text, "a int, b int").collect();
        throw new Error("no error");
      } catch (error) {
        expect(error).toBeInstanceOf(StreamlabError);
        expect((error as StreamlabError).context).toMatchObject({ operator: "CsvSourceBatchOp", line: 1 });
        expect((error as StreamlabError).context.file).toMatch(/data\.csv$/);
      }
    }
  });
});
