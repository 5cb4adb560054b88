import { Column } from "../../core/column";
import { formatTimestamp, javaDoubleToString, javaFloatToString } from "../../core/javaFormat";

/**
 * Java's `String.valueOf(value)` for a cell, as Alink computes category keys (OneHot tokens,
 * FeatureHasher `col=value` keys): strings as they are, integers in decimal, DOUBLE in
 * `Double.toString` form (`1.0`, `1.0E-4`), FLOAT in `Float.toString` form, booleans
 * `true`/`false`, timestamps as `java.sql.Timestamp.toString()` (UTC), vectors in Alink's text
 * form. The returned function reads one row.
 * Null cells must be checked by the caller (the function is not called for them).
 */
export function javaStringifier(column: Column): (row: number) => string {
  if (column.kind === "string") {
    const values = column.values;
    return (row) => values[row] as string;
  }
  return (row) => javaStringOf(column, row);
}

/** Row `row` of a column (not null) in Java's `String.valueOf` form, without making a function first (one-row chunks). */
export function javaStringOf(column: Column, row: number): string {
  switch (column.kind) {
    case "string":
      return column.values[row] as string;
    case "boolean":
      return column.values[row] === 1 ? "true" : "false";
    case "number": {
      const v = column.values[row];
      switch (column.type) {
        case "DOUBLE":
          return javaDoubleToString(v);
        case "FLOAT":
          return javaFloatToString(v);
        case "TIMESTAMP":
          return formatTimestamp(v);
        default:
          return String(v);
      }
    }
    case "vector":
      return String(column.get(row));
  }
}
