import { StreamlabError } from "../../core/errors";
import { Schema } from "../../core/schema";
import { TypeName } from "../../core/types";
import { DenseVector, SparseVector } from "../../core/vector";

/**
 * Infers column types from JS values (memory sources, DataFrames without a schema string).
 * Numbers become INT when every value is an int32 integer, BIGINT when integers exceed int32,
 * DOUBLE otherwise; booleans BOOLEAN; strings STRING; Dates TIMESTAMP; vectors VECTOR.
 * An all-null column is STRING (as Alink). Mixed kinds are an error asking for a schema string.
 */
export function inferColumnType(values: Iterable<unknown>, column: string, operator: string): TypeName {
  let kind: string | undefined;
  let allInt32 = true;
  let allInteger = true;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    const k =
      typeof v === "number" || typeof v === "bigint"
        ? "number"
        : typeof v === "boolean"
          ? "boolean"
          : typeof v === "string"
            ? "string"
            : v instanceof Date
              ? "date"
              : v instanceof DenseVector || v instanceof SparseVector
                ? "vector"
                : `unsupported ${Object.prototype.toString.call(v)}`;
    if (k.startsWith("unsupported")) {
      throw new StreamlabError(`${operator}: column "${column}" holds a value of ${k.slice(12)}; supported: numbers, strings, booleans, Dates and vectors.`, {
        column,
        operator,
      });
    }
    if (kind !== undefined && kind !== k) {
      throw new StreamlabError(
        `${operator}: column "${column}" mixes ${kind} and ${k} values, so its type cannot be inferred; pass a schema string such as "${column} string".`,
        { column, operator },
      );
    }
    kind = k;
    if (k === "number") {
      const n = Number(v);
      if (!Number.isInteger(n)) {
        allInteger = false;
        allInt32 = false;
      } else if (n < -2147483648 || n > 2147483647) allInt32 = false;
    }
  }
  switch (kind) {
    case undefined:
      return "STRING";
    case "number":
      return allInt32 ? "INT" : allInteger ? "BIGINT" : "DOUBLE";
    case "boolean":
      return "BOOLEAN";
    case "date":
      return "TIMESTAMP";
    case "vector":
      return "VECTOR";
    default:
      return "STRING";
  }
}

export function inferSchemaFromRows(rows: readonly (readonly unknown[])[], colNames: readonly string[], operator: string): Schema {
  const types = colNames.map((name, c) => inferColumnType(column(rows, c), name, operator));
  return new Schema(colNames, types);
}

function* column(rows: readonly (readonly unknown[])[], c: number): Iterable<unknown> {
  for (const row of rows) yield row[c];
}
