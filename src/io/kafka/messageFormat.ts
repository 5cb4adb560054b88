import { Column } from "../../core/column";
import { formatTimestamp, javaDoubleToString, javaFloatToString } from "../../core/javaFormat";
import { javaHashMapOrder, jsonString } from "../../core/javaJson";
import { Table } from "../../core/table";
import { formatCsv } from "../csv/formatCsv";

/**
 * A row as Alink's `RowToJsonSerialization` writes it: a `HashMap` of the non-null fields turned
 * into JSON by Gson — so keys come in Java's HashMap order, doubles in `Double.toString` form
 * (`1.0`), integers and booleans bare, strings and vectors quoted. TIMESTAMPs are written as
 * "yyyy-MM-dd HH:mm:ss.S" text (Gson would write its locale date format, e.g. "Oct 21, 2014 8:51:15 AM").
 */
export function jsonMessages(table: Table): string[] {
  const names = table.schema.names;
  const n = table.numRows;
  // Column by column (one kind of value per loop), then joined per row.
  const pieces = javaHashMapOrder(names).map((name) => {
    const column = table.columns[names.indexOf(name)];
    const prefix = jsonString(name) + ":";
    const out = new Array<string | null>(n);
    for (let r = 0; r < n; r++) out[r] = column.isNull(r) ? null : prefix + jsonField(column, r);
    return out;
  });
  const out = new Array<string>(n);
  for (let r = 0; r < n; r++) {
    let text = "{";
    for (const column of pieces) {
      const piece = column[r];
      if (piece === null) continue;
      text += text.length === 1 ? piece : "," + piece;
    }
    out[r] = text + "}";
  }
  return out;
}

function jsonField(column: Column, r: number): string {
  switch (column.kind) {
    case "number": {
      const v = column.values[r];
      if (column.type === "DOUBLE") return Number.isFinite(v) ? javaDoubleToString(v) : String(v);
      if (column.type === "FLOAT") return Number.isFinite(v) ? javaFloatToString(v) : String(v);
      if (column.type === "TIMESTAMP") return jsonString(formatTimestamp(v));
      return String(v);
    }
    case "boolean":
      return column.values[r] === 1 ? "true" : "false";
    case "string":
      return jsonString(column.values[r] as string);
    case "vector":
      return jsonString(String(column.get(r)));
  }
}

/** Rows as Alink's `RowToCsvSerialization` writes them: `CsvFormatter` lines (quote '"'), without a line break. */
export function csvMessages(table: Table, fieldDelimiter: string): string[] {
  const out = new Array<string>(table.numRows);
  for (let r = 0; r < table.numRows; r++) out[r] = formatCsv(table.slice(r, r + 1), fieldDelimiter, "\n", '"').slice(0, -1);
  return out;
}
