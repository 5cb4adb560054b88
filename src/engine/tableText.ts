/**
 * Tables as text, the way Alink's `print` writes them. This is the engine's own, plain-Node
 * rendering (the default display when no notebook is installed); the notebook's HTML table
 * (src/notebook/tableFormat.ts) shares its cell formatting and row layout.
 */
import { Column } from "../core/column";
import { formatTimestamp, javaFormatFixed } from "../core/javaFormat";
import { Table } from "../core/table";
import { DenseVector, SparseVector } from "../core/vector";

/** Options shared by the text and HTML renderings of a table. */
export interface TableFormatOptions {
  title?: string;
  /** Rows shown before the ellipsis; the rest are summarised. */
  headRows?: number;
  /** Rows shown after the ellipsis (Java `print` shows the last 10 of long tables). */
  tailRows?: number;
  /** Longest vector text shown in a cell before it is abbreviated. */
  maxVectorChars?: number;
  /** Longest plain string shown in a cell before it is abbreviated. */
  maxStringChars?: number;
  /** A note under the table (e.g. how many malformed lines a lenient CSV source skipped). */
  footnote?: string;
}

/** @internal */
export const TABLE_FORMAT_DEFAULTS = { headRows: 10, tailRows: 10, maxVectorChars: 80, maxStringChars: 200 };

/**
 * One cell as Alink's `print` writes it: doubles as `%.4f` (Java HALF_UP rounding), timestamps as
 * `Timestamp.toString()`, vectors in their string form, nulls as `null`.
 */
export function formatCell(column: Column, row: number, maxVectorChars = Infinity, maxStringChars = Infinity): string {
  if (column.isNull(row)) return "null";
  switch (column.kind) {
    case "number": {
      const v = column.values[row];
      if (column.type === "DOUBLE" || column.type === "FLOAT") return javaFormatFixed(v, 4);
      if (column.type === "TIMESTAMP") return formatTimestamp(v);
      return String(v);
    }
    case "boolean":
      return column.values[row] === 1 ? "true" : "false";
    case "string": {
      const s = column.values[row] as string;
      return s.length > maxStringChars ? s.slice(0, maxStringChars) + "…" : s;
    }
    case "vector":
      return abbreviateVector(column.get(row) as DenseVector | SparseVector, maxVectorChars);
  }
}

/** The vector's string form, cut after `max` characters with a count of what was left out. */
export function abbreviateVector(vector: DenseVector | SparseVector, max: number): string {
  const full = vector.toString();
  if (full.length <= max) return full;
  const cut = full.lastIndexOf(" ", max);
  const shown = full.slice(0, cut > 0 ? cut : max);
  const total = vector instanceof DenseVector ? vector.data.length : vector.indices.length;
  const kept = shown.split(" ").length;
  const noun = vector instanceof DenseVector ? "values" : "entries";
  return `${shown} … (${total - kept} more ${noun}, ${total} in all)`;
}

/** @internal Which rows a table shows: its head, its tail and how many rows lie between. */
export interface Layout {
  head: number[];
  tail: number[];
  omitted: number;
}

/** @internal */
export function layout(table: Table, options: TableFormatOptions): Layout {
  const headRows = options.headRows ?? TABLE_FORMAT_DEFAULTS.headRows;
  const tailRows = options.tailRows ?? TABLE_FORMAT_DEFAULTS.tailRows;
  const n = table.numRows;
  if (n <= headRows + tailRows + 1) return { head: range(0, n), tail: [], omitted: 0 };
  return { head: range(0, headRows), tail: range(n - tailRows, n), omitted: n - headRows - tailRows };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

/** @internal The "n rows × m columns" line under a table. */
export function summary(table: Table): string {
  return `${table.numRows} row${table.numRows === 1 ? "" : "s"} × ${table.schema.size} column${table.schema.size === 1 ? "" : "s"}`;
}

/** Aligned text table for consoles: `name|name` header, type line, `---` rule, then rows. */
export function formatTableText(table: Table, options: TableFormatOptions = {}): string {
  const maxVector = options.maxVectorChars ?? TABLE_FORMAT_DEFAULTS.maxVectorChars;
  const maxString = options.maxStringChars ?? TABLE_FORMAT_DEFAULTS.maxStringChars;
  const { head, tail, omitted } = layout(table, options);
  const names = table.schema.names.map(String);
  const types = table.schema.types.map(String);
  const cells = (rows: number[]) =>
    rows.map((r) => table.columns.map((c) => formatCell(c, r, maxVector, maxString)));
  const headCells = cells(head);
  const tailCells = cells(tail);
  const widths = names.map((name, c) =>
    Math.max(3, name.length, types[c].length, ...headCells.map((row) => row[c].length), ...tailCells.map((row) => row[c].length)),
  );
  const line = (values: string[]) => values.map((v, c) => v.padEnd(widths[c])).join("|").trimEnd();
  const out: string[] = [];
  if (options.title) out.push(options.title);
  out.push(line(names));
  out.push(line(types));
  out.push(widths.map((w) => "-".repeat(w)).join("|"));
  for (const row of headCells) out.push(line(row));
  if (omitted > 0) out.push(` …… ${omitted} more rows ……`);
  for (const row of tailCells) out.push(line(row));
  out.push(`[${summary(table)}]`);
  if (options.footnote) out.push(options.footnote);
  return out.join("\n");
}
