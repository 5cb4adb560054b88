import { describe, expect, it } from "vitest";
import { Schema, parseSchemaStr } from "../../src/core/schema";
import { expectError } from "../helpers";

describe("schema strings (Alink grammar)", () => {
  it("parses names and case-insensitive types, and prints Alink's writer form", () => {
    const s = parseSchemaStr("id string, click INT, f  Double,  big long, v vector, d DENSE_VECTOR, sv sparse_vector, ok boolean, t timestamp, x float");
    expect(s.names).toEqual(["id", "click", "f", "big", "v", "d", "sv", "ok", "t", "x"]);
    expect(s.types).toEqual(["STRING", "INT", "DOUBLE", "BIGINT", "VECTOR", "DENSE_VECTOR", "SPARSE_VECTOR", "BOOLEAN", "TIMESTAMP", "FLOAT"]);
    expect(s.toString()).toBe(
      "id STRING,click INT,f DOUBLE,big BIGINT,v VECTOR,d DENSE_VECTOR,sv SPARSE_VECTOR,ok BOOLEAN,t TIMESTAMP,x FLOAT",
    );
  });

  it("accepts Flink/Alink synonyms and prefixes", () => {
    const s = parseSchemaStr("a VARCHAR, b bigint, c VEC_TYPES_SPARSE_VECTOR, d tinyint, e smallint, f byte, g short");
    expect(s.types).toEqual(["STRING", "BIGINT", "SPARSE_VECTOR", "TINYINT", "SMALLINT", "TINYINT", "SMALLINT"]);
  });

  it("round-trips through its printed form", () => {
    const s = parseSchemaStr("model_id BIGINT,model_info VARCHAR,label_value DOUBLE");
    expect(parseSchemaStr(s.toString()).equals(s)).toBe(true);
  });

  it("looks names up case-insensitively but keeps them as written", () => {
    const s = parseSchemaStr("Click int");
    expect(s.indexOf("click")).toBe(0);
    expect(s.names[0]).toBe("Click");
  });

  it("rejects INTEGER with a pointer to INT", () => {
    expectError(
      () => parseSchemaStr("id string, click integer"),
      'Unknown type "integer" for column "click" in field 2 ("click integer") of schema "id string, click integer". Did you mean "INT"? ' +
        "Supported types (case-insensitive): BOOLEAN, TINYINT, BYTE, SMALLINT, SHORT, INT, BIGINT, LONG, FLOAT, DOUBLE, STRING, VARCHAR, TIMESTAMP, SQL_TIMESTAMP, VECTOR, DENSE_VECTOR, SPARSE_VECTOR.",
    );
  });

  it("suggests the closest type for a typo and names the column", () => {
    const error = expectError(() => parseSchemaStr("id strng"), /^Unknown type "strng" for column "id" in field 1 \("id strng"\) of schema "id strng"\. Did you mean "STRING"\?/);
    expect(error.context.column).toBe("id");
  });

  it("reports a missing type", () => {
    expectError(
      () => parseSchemaStr("id string, click"),
      'Missing type in field 2 ("click") of schema "id string, click": expected "name type", e.g. "click double".',
    );
  });

  it("reports empty fields and empty strings", () => {
    expectError(() => parseSchemaStr("a int,, b int"), 'Empty field 2 ("") of schema "a int,, b int": two commas in a row or a trailing comma.');
    expectError(() => parseSchemaStr("   "), 'Schema string is empty; expected "name type" pairs separated by commas, e.g. "f0 double, label int".');
  });

  it("says which Alink types streamlab does not support", () => {
    expectError(
      () => parseSchemaStr("d decimal"),
      /^Type "decimal" of column "d" in field 1 \("d decimal"\) of schema "d decimal" is valid in Alink but not supported by streamlab\./,
    );
  });

  it("rejects duplicate column names (case-insensitively)", () => {
    expectError(() => parseSchemaStr("a int, A double"), 'Duplicate column name "A" in schema (names are compared case-insensitively, as in Alink).');
  });

  it("explains a missing column with the closest name", () => {
    const s = Schema.parse("click int, banner_pos int");
    expectError(
      () => s.require("baner_pos", { operator: "X", param: "selectedCols" }),
      'X: column "baner_pos" (parameter "selectedCols") is not in the input. Did you mean "banner_pos"? Available columns: click, banner_pos.',
    );
  });
});
