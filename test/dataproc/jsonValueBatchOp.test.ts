import { describe, expect, it } from "vitest";
import { EvalBinaryClassBatchOp, JsonValueBatchOp, MemSourceBatchOp, compileJsonPath, parseRelaxedJson } from "../../src";
import { expectError, expectTable } from "../helpers";

const source = (rows: (string | null)[], extra = false) =>
  extra
    ? new MemSourceBatchOp(rows.map((r, i) => [i, r]), "id int, str string")
    : new MemSourceBatchOp(rows.map((r) => [r]), "str string");

const extract = (paths: string[], outputs: string[], skipFailed = false) =>
  new JsonValueBatchOp().setSelectedCol("str").setJsonPath(paths).setOutputCols(outputs).setSkipFailed(skipFailed);

// Alink's documented example JsonValueBatchOp__1 is run by test/contract/alinkDocs.test.ts.

describe("JsonValueBatchOp: values and paths", () => {
  it("strings without quotes, other values as their JSON text (Java number formats), JSON null as null", () => {
    const op = extract(
      ["$.s", "$.i", "$.d", "$.e", "$.t", "$.n", "$.arr", "$.obj", "$['k']", "$.arr[-1]", "$.nested.list[1].v"],
      ["s", "i", "d", "e", "t", "n", "arr", "obj", "k", "last", "deep"],
    ).linkFrom(
      source([
        '{"s":"text","i":42,"d":1.0,"e":1e10,"t":true,"n":null,"arr":[[5535,5007],[112297,561587]],"obj":{"x":1,"y":"z"},"k":\'single\',' +
          '"nested":{"list":[{"v":1},{"v":2.5}]}}',
      ]),
    );
    expect(op.collect()[0].slice(1)).toEqual(["text", "42", "1.0", "1.0E10", "true", null, "[[5535,5007],[112297,561587]]", '{"x":1,"y":"z"}', "single", "[112297,561587]", "2.5"]);
  });

  it("reads Alink's metrics JSON as in the FTRL demo (Figure 8.3): $.Accuracy, $.AUC, $.ConfusionMatrix", () => {
    const metrics = new EvalBinaryClassBatchOp()
      .setLabelCol("label")
      .setPredictionDetailCol("detail")
      .linkFrom(new MemSourceBatchOp([["1", '{"1":0.8,"0":0.2}'], ["0", '{"1":0.3,"0":0.7}']], "label string, detail string"));
    const op = new JsonValueBatchOp()
      .setSelectedCol("Data")
      .setJsonPath(["$.Accuracy", "$.AUC", "$.ConfusionMatrix"])
      .setOutputCols(["Accuracy", "AUC", "ConfusionMatrix"])
      .setReservedCols([])
      .linkFrom(metrics);
    expectTable(op.getOutputTable(), ["Accuracy", "AUC", "ConfusionMatrix"], [["1.0", "1.0", "[[1,0],[0,1]]"]]);
  });

  it("places outputs by Alink's rules: an output named like an input replaces it; reservedCols limits kept inputs", () => {
    const replaced = extract(["$.a"], ["str"]).linkFrom(source(['{"a":"x"}'], true));
    expectTable(replaced.getOutputTable(), ["id", "str"], [[0, "x"]]);
    const reserved = extract(["$.a"], ["a"]).setReservedCols(["id"]).linkFrom(source(['{"a":"x"}'], true));
    expectTable(reserved.getOutputTable(), ["id", "a"], [[0, "x"]]);
  });

  it("a path without $ is read from the root, as Jayway does", () => {
    expect(compileJsonPath("a.b[0]").normalized).toBe("$['a']['b'][0]");
  });
});

describe("JsonValueBatchOp: failures and skipFailed", () => {
  const rows = ['{"a":1}', '{"b":2}', "not json {", "", null];

  it("skipFailed writes null for missing paths, invalid JSON and empty text", () => {
    const op = extract(["$.a", "$.b"], ["a", "b"], true).linkFrom(source(rows));
    expect(op.collect().map((r) => r.slice(1))).toEqual([
      ["1", null],
      [null, "2"],
      // "not json {" is read as the unquoted string "not json {"; a path into a string finds nothing.
      [null, null],
      [null, null],
      [null, null],
    ]);
  });

  it("without skipFailed a missing path is an error naming the row, the path and the text", () => {
    expectError(
      () => extract(["$.a"], ["a"]).linkFrom(source(rows.slice(0, 2))).collect(),
      'JsonValueBatchOp: row 1, column "str": Fail to get json path "$.a": no value at $[\'a\'] in {"b":2}. Set skipFailed(true) to write null instead.',
    );
  });

  it("without skipFailed invalid JSON and empty text are errors", () => {
    expectError(
      () => extract(["$.a"], ["a"]).linkFrom(source(['{"a":[1,2}'])).collect(),
      /^JsonValueBatchOp: row 0, column "str": Fail to get json path: the text is not JSON \(expected "," or "\]" at position 9\): \{"a":\[1,2\}\. Set skipFailed\(true\) to write null instead\.$/,
    );
    expectError(
      () => extract(["$.a"], ["a"]).linkFrom(source(["  "])).collect(),
      'JsonValueBatchOp: row 0, column "str": empty json string. Set skipFailed(true) to write null instead.',
    );
    expectError(
      () => extract(["$.a"], ["a"]).linkFrom(source([null])).collect(),
      'JsonValueBatchOp: row 0, column "str": empty json string (null). Set skipFailed(true) to write null instead.',
    );
  });

  it("checks paths, output count and the column type when linked", () => {
    expectError(
      () => extract(["$.a", "$.b"], ["a"]).linkFrom(source(["{}"])),
      'JsonValueBatchOp: jsonPath and outputColName mismatch: 2 vs 1 (give one output column per path).',
    );
    expectError(
      () => extract(["$..a"], ["a"]).linkFrom(source(["{}"])),
      'JsonValueBatchOp: JSONPath "$..a": deep scan (..) is not supported. Supported forms: $.a, $.a.b, $.a[0], $[\'a\'], $.a.b[1].c (negative indices count from the end).',
    );
    expectError(() => extract(["$.a[*]"], ["a"]).linkFrom(source(["{}"])), /the selector \[\*\] is not supported/);
    expectError(() => extract(["$.*"], ["a"]).linkFrom(source(["{}"])), /wildcards \(\*\) are not supported/);
    expectError(
      () => extract(["$.a"], ["a"]).linkFrom(new MemSourceBatchOp([[1]], "str int")),
      'JsonValueBatchOp: selected column "str" must be STRING (JSON text), got INT.',
    );
  });
});

describe("relaxed JSON reader", () => {
  it("accepts unquoted keys and values, single quotes, trailing commas; keeps integer vs decimal numbers", () => {
    const v = parseRelaxedJson("{a: hello world , 'b':'x\\'y', c:[1, 2.50, -3e2,], d:{}, e:true, f:null,}") as Map<string, unknown>;
    expect(v.get("a")).toBe("hello world");
    expect(v.get("b")).toBe("x'y");
    expect(v.get("e")).toBe(true);
    expect(v.get("f")).toBe(null);
    expect((v.get("c") as { toJavaText(): string }[]).map((x) => x.toJavaText())).toEqual(["1", "2.5", "-300.0"]);
  });

  it("reports where it stopped", () => {
    expectError(() => parseRelaxedJson('{"a" 1}'), 'expected ":" after key "a" at position 5');
  });
});
