import { Column } from "../../core/column";
import { formatTimestamp, javaDoubleToString, javaFloatToString } from "../../core/javaFormat";

/**
 * Java's `String.valueOf(value)` for a cell, as Alink computes category keys (OneHot tokens,
 * FeatureHasher `col=value` keys): strings as they are, integers in decimal, DOUBLE in
 * `Double.toString` form (`1.0`, `1.0E-4`), FLOAT in `Float.toString` form, booleans
 * `true`/`false`, timestamps as `java.sql.Timestamp.toString()` (UTC), vectors in Alink's text
 * form. Dispatches on the column kind once; the returned function reads one row.
 * Null cells must be checked by the caller (the function is not called for them).
 */
export function javaStringifier(column: Column): (row: number) => string {
  switch (column.kind) {
    case "string": {
      const values = column.values;
      return (row) => values[row] as string;
    }
    case "boolean": {
      const values = column.values;
      return (row) => (values[row] === 1 ? "true" : "false");
    }
    case "number": {
      const values = column.values;
      switch (column.type) {
        case "DOUBLE":
          return (row) => javaDoubleToString(values[row]);
        case "FLOAT":
          return (row) => javaFloatToString(values[row]);
        case "TIMESTAMP":
          return (row) => formatTimestamp(values[row]);
        default:
          return (row) => String(values[row]);
      }
    }
    case "vector":
      return (row) => String(column.get(row));
  }
}
