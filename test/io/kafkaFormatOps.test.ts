import { describe, expect, it } from "vitest";
import { CsvToColumnsBatchOp, CsvToColumnsStreamOp, JsonToColumnsBatchOp, JsonToColumnsStreamOp, MemSourceBatchOp, MemSourceStreamOp } from "../../src";
import { expectError, expectTable } from "../helpers";

// Alink's documented example of the four operators (alibaba/Alink 84ec459,
// docs/en/operator/dataproc/format/{Json,Csv}ToColumns{Batch,Stream}Op.md and the docs/cn pages of the
// same names): input rows, parameters and the printed result, copied as data.
const DOC_SCHEMA = "row string, json string, vec string, kv string, csv string, f0 double, f1 double";
const DOC_ROWS = [
  ["1", '{"f0":"1.0","f1":"2.0"}', "$3$0:1.0 1:2.0", "f0:1.0,f1:2.0", "1.0,2.0", 1.0, 2.0],
  ["2", '{"f0":"4.0","f1":"8.0"}', "$3$0:4.0 1:8.0", "f0:4.0,f1:8.0", "4.0,8.0", 4.0, 8.0],
];
const DOC_RESULT = [
  ["1", 1.0, 2.0],
  ["2", 4.0, 8.0],
];

const texts = (rows: (string | null)[]) => new MemSourceBatchOp(rows.map((t, i) => [i, t]), "id int, message string");
const json = (schemaStr: string, skip = false) =>
  new JsonToColumnsBatchOp().setJsonCol("message").setSchemaStr(schemaStr).setReservedCols(["id"]).setHandleInvalid(skip ? "SKIP" : "ERROR");
const csv = (schemaStr: string, skip = false) =>
  new CsvToColumnsBatchOp().setCsvCol("message").setSchemaStr(schemaStr).setReservedCols(["id"]).setHandleInvalid(skip ? "SKIP" : "ERROR");

describe("JsonToColumns / CsvToColumns: Alink's documented example", () => {
  it("batch: JsonToColumnsBatchOp and CsvToColumnsBatchOp give the documented table", () => {
    const data = new MemSourceBatchOp(DOC_ROWS, DOC_SCHEMA);
    const j = new JsonToColumnsBatchOp().setJsonCol("json").setReservedCols(["row"]).setSchemaStr("f0 double, f1 double").linkFrom(data);
    expectTable(j.getOutputTable(), ["row", "f0", "f1"], DOC_RESULT);
    const c = new CsvToColumnsBatchOp().setCsvCol("csv").setSchemaStr("f0 double, f1 double").setReservedCols(["row"]).linkFrom(data);
    expectTable(c.getOutputTable(), ["row", "f0", "f1"], DOC_RESULT);
  });

  it("stream: JsonToColumnsStreamOp and CsvToColumnsStreamOp give the documented table", async () => {
    const j = new JsonToColumnsStreamOp().setJsonCol("json").setReservedCols(["row"]).setSchemaStr("f0 double, f1 double").linkFrom(new MemSourceStreamOp(DOC_ROWS, DOC_SCHEMA));
    expect(await j.collect()).toEqual(DOC_RESULT);
    const c = new CsvToColumnsStreamOp().setCsvCol("csv").setSchemaStr("f0 double, f1 double").setReservedCols(["row"]).linkFrom(new MemSourceStreamOp(DOC_ROWS, DOC_SCHEMA));
    expect(await c.collect()).toEqual(DOC_RESULT);
  });

  it("without reservedCols every input column is kept; an output named like an input replaces it in place", () => {
    const data = new MemSourceBatchOp(DOC_ROWS, DOC_SCHEMA);
    const op = new JsonToColumnsBatchOp().setJsonCol("json").setSchemaStr("f1 double, extra string").linkFrom(data);
    expect([...op.getOutputTable().schema.names]).toEqual(["row", "json", "vec", "kv", "csv", "f0", "f1", "extra"]);
    expect(op.collect().map((r) => [r[6], r[7]])).toEqual([[2.0, null], [8.0, null]]);
  });
});

describe("JsonToColumns: values as Alink's JsonReader + ColumnsWriter convert them", () => {
  it("numbers, strings, booleans, nested objects and arrays; missing fields are null; unknown fields ignored", () => {
    const op = json("i int, b bigint, d double, f float, s string, t boolean, o string, a string, n string, missing double, ts timestamp").linkFrom(
      texts(['{"i":-7,"b":"12345678901","d":1e2,"f":"0.1","s":"x,y","t":"TRUE","o":{"k":[1,2.50]},"a":[1,"z",2.0],"n":3.0,"other":1,"ts":"2014-10-21 08:51:15.5"}']),
    );
    // Hand-derived: Jackson reads 1e2 as Double 100.0; the object is written back as compact JSON
    // (2.50 → 2.5); the list as Java's List.toString; 3.0 → "3.0" for a STRING column.
    expectTable(op.getOutputTable(), ["id", "i", "b", "d", "f", "s", "t", "o", "a", "n", "missing", "ts"], [
      [0, -7, 12345678901, 100, Math.fround(0.1), "x,y", true, '{"k":[1,2.5]}', "[1, z, 2.0]", "3.0", null, new Date(Date.UTC(2014, 9, 21, 8, 51, 15, 500))],
    ]);
  });

  it("a bad value stops the run naming row, field and expected type", () => {
    const err = expectError(() => json("a double, b int").linkFrom(texts(['{"a":1,"b":2}', '{"a":1,"b":2.0}'])).collect(), /row 1, jsonCol "message": field "b": "2.0" is not an integer; expected INT/);
    expect(err.context.row).toBe(1);
    expectError(() => json("a double").linkFrom(texts(['{"a":null}'])).collect(), /row 0.*field "a": the value is null; expected DOUBLE/);
    expectError(() => json("a double").linkFrom(texts(["{a:1}"])).collect(), /row 0.*the text is not JSON/);
    expectError(() => json("a double").linkFrom(texts(["[1,2]"])).collect(), /row 0.*not an object/);
    expectError(() => json("a double").linkFrom(texts([null])).collect(), /row 0.*the text is null/);
    expectError(() => json("a double").linkFrom(texts(['{"a":" 1"}'])).collect(), /surrounding blanks; expected DOUBLE/);
  });

  it("handleInvalid SKIP keeps every row, with null in each output column of a bad one", () => {
    const rows = ['{"a":1,"b":"x"}', '{"a":"oops","b":"y"}', "not json", '{"a":2.5}', null, '{"b":"z"}'];
    const op = json("a double, b string", true).linkFrom(texts(rows));
    expectTable(op.getOutputTable(), ["id", "a", "b"], [
      [0, 1, "x"],
      [1, null, null],
      [2, null, null],
      [3, 2.5, null],
      [4, null, null],
      [5, null, "z"],
    ]);
  });

  it("the column must exist and be STRING", () => {
    expectError(() => new JsonToColumnsBatchOp().setJsonCol("nope").setSchemaStr("a double").linkFrom(texts(["{}"])), /nope/);
    expectError(() => new JsonToColumnsBatchOp().setJsonCol("id").setSchemaStr("a double").linkFrom(texts(["{}"])), /jsonCol "id" must be a STRING column, got INT/);
  });
});

describe("CsvToColumns: the project's CSV rules, Alink's invalid rows", () => {
  it("types, quotes with delimiters inside, a multi-character delimiter, no quoting", () => {
    const op = csv("s string, i int, d double, t boolean").linkFrom(texts(['"a,b",1,2.5,true', 'plain,-3,1e3,false', '"say ""hi""",0,NaN,true']));
    expectTable(op.getOutputTable(), ["id", "s", "i", "d", "t"], [
      [0, "a,b", 1, 2.5, true],
      [1, "plain", -3, 1000, false],
      [2, 'say "hi"', 0, NaN, true],
    ]);
    const multi = csv("a string, b double").setCsvFieldDelimiter("||").linkFrom(texts(["x||1.5"]));
    expectTable(multi.getOutputTable(), ["id", "a", "b"], [[0, "x", 1.5]]);
    const alias = new CsvToColumnsBatchOp({ csvCol: "message", schemaStr: "a string, b double", fieldDelimiter: ";", quoteChar: null } as never).linkFrom(texts(['"x;1']));
    expectTable(alias.getOutputTable(), ["id", "message", "a", "b"], [[0, '"x;1', '"x', 1]]);
  });

  it("empty STRING field is null, quoted empty is the empty string; a quoted line break stays in the field", () => {
    const op = csv("a string, b string, c double").linkFrom(texts([',"",1', '"two\nlines",x,2']));
    expectTable(op.getOutputTable(), ["id", "a", "b", "c"], [
      [0, null, "", 1],
      [1, "two\nlines", "x", 2],
    ]);
  });

  it("bad rows stop the run naming row, column and expected type (also after good rows of the same chunk)", () => {
    const err = expectError(() => csv("a string, b double").linkFrom(texts(["x,1", "y,1", "z,abc", "w,2"])).collect(), /row 2, csvCol "message": column "b" \(DOUBLE\)/);
    expect(err.context.row).toBe(2);
    // Alink refuses an empty number field (CsvParser reads null, ColumnsWriter rejects null).
    expectError(() => csv("a string, b double").linkFrom(texts(["x,"])).collect(), /row 0.*field 2 \(column "b"\) is empty; expected DOUBLE/);
    expectError(() => csv("a string, b double").linkFrom(texts(["x"])).collect(), /row 0/);
    expectError(() => csv("a string, b double").linkFrom(texts(["x,1,extra"])).collect(), /row 0/);
    expectError(() => csv("a string, b double").linkFrom(texts([""])).collect(), /row 0.*the text is empty/);
  });

  it("handleInvalid SKIP: nulls in every output column of each bad row, good rows unchanged (more bad rows than the parser keeps reasons for)", () => {
    const rows: (string | null)[] = [];
    const expected: unknown[][] = [];
    for (let i = 0; i < 100; i++) {
      const bad = i % 3 === 1;
      rows.push(bad ? `r${i},not-a-number` : i % 7 === 0 ? `r${i},${i}.5` : `"r${i}",${i}`);
      expected.push(bad ? [i, null, null] : [i, `r${i}`, i % 7 === 0 ? i + 0.5 : i]);
    }
    rows.push(null, "", "a,1\nb,2");
    expected.push([100, null, null], [101, null, null], [102, null, null]);
    const op = csv("s string, v double", true).linkFrom(texts(rows));
    expectTable(op.getOutputTable(), ["id", "s", "v"], expected);
  });

  it("stream: errors name the input row and its event time", async () => {
    const rows = [
      [1, "a,1"],
      [2, "b,2"],
      [3, "c,x"],
    ];
    const op = new CsvToColumnsStreamOp().setCsvCol("m").setSchemaStr("s string, v double").linkFrom(new MemSourceStreamOp(rows, "t double, m string").setTimeCol("t"));
    await expect(op.collect()).rejects.toThrow(/row 2 \(event time 3 s\), csvCol "m": column "v" \(DOUBLE\)/);
  });
});
