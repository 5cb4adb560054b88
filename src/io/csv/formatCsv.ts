import { Column } from "../../core/column";
import { formatTimestamp, javaDoubleToString, javaFloatToString } from "../../core/javaFormat";
import { Table } from "../../core/table";

/**
 * Writes a table as CSV text the way Alink's `CsvFormatter` does: nulls as empty fields, numbers
 * with Java's `toString`, vectors in their string form, and a STRING quoted when it is empty or
 * holds the field delimiter, the quote char or the row delimiter (embedded quotes doubled).
 */
export function formatCsv(table: Table, fieldDelimiter: string, rowDelimiter: string, quoteChar: string | null): string {
  const parts: string[] = [];
  const cols = table.columns;
  for (let r = 0; r < table.numRows; r++) {
    let line = "";
    for (let c = 0; c < cols.length; c++) {
      if (c > 0) line += fieldDelimiter;
      line += formatField(cols[c], r, fieldDelimiter, rowDelimiter, quoteChar);
    }
    parts.push(line);
  }
  return parts.length === 0 ? "" : parts.join(rowDelimiter) + rowDelimiter;
}

function formatField(column: Column, r: number, fieldDelimiter: string, rowDelimiter: string, quoteChar: string | null): string {
  if (column.isNull(r)) return "";
  switch (column.kind) {
    case "number": {
      const v = column.values[r];
      if (column.type === "DOUBLE") return javaDoubleToString(v);
      if (column.type === "FLOAT") return javaFloatToString(v);
      if (column.type === "TIMESTAMP") return formatTimestamp(v);
      return String(v);
    }
    case "boolean":
      return column.values[r] === 1 ? "true" : "false";
    case "string":
      return quoteIfNeeded(column.values[r] as string, fieldDelimiter, rowDelimiter, quoteChar);
    case "vector":
      return quoteIfNeeded(String(column.get(r)), fieldDelimiter, rowDelimiter, quoteChar);
  }
}

function quoteIfNeeded(s: string, fieldDelimiter: string, rowDelimiter: string, quoteChar: string | null): string {
  if (quoteChar === null) return s;
  if (s.length === 0 || s.includes(fieldDelimiter) || s.includes(quoteChar) || s.includes(rowDelimiter) || s.includes("\r")) {
    return quoteChar + s.split(quoteChar).join(quoteChar + quoteChar) + quoteChar;
  }
  return s;
}
