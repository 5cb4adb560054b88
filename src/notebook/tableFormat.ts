import { Column } from "../core/column";
import { formatTimestamp, javaFormatFixed } from "../core/javaFormat";
import { Table } from "../core/table";
import { TypeName, isVectorType } from "../core/types";
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

const DEFAULTS = { headRows: 10, tailRows: 10, maxVectorChars: 80, maxStringChars: 200 };

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

interface Layout {
  head: number[];
  tail: number[];
  omitted: number;
}

function layout(table: Table, options: TableFormatOptions): Layout {
  const headRows = options.headRows ?? DEFAULTS.headRows;
  const tailRows = options.tailRows ?? DEFAULTS.tailRows;
  const n = table.numRows;
  if (n <= headRows + tailRows + 1) return { head: range(0, n), tail: [], omitted: 0 };
  return { head: range(0, headRows), tail: range(n - tailRows, n), omitted: n - headRows - tailRows };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

function summary(table: Table): string {
  return `${table.numRows} row${table.numRows === 1 ? "" : "s"} × ${table.schema.size} column${table.schema.size === 1 ? "" : "s"}`;
}

/** Aligned text table for consoles: `name|name` header, type line, `---` rule, then rows. */
export function formatTableText(table: Table, options: TableFormatOptions = {}): string {
  const maxVector = options.maxVectorChars ?? DEFAULTS.maxVectorChars;
  const maxString = options.maxStringChars ?? DEFAULTS.maxStringChars;
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

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** HTML table for notebooks: column types under the names, numbers right-aligned, long vectors cut. */
export function formatTableHtml(table: Table, options: TableFormatOptions = {}): string {
  const maxVector = options.maxVectorChars ?? DEFAULTS.maxVectorChars;
  const maxString = options.maxStringChars ?? DEFAULTS.maxStringChars;
  const { head, tail, omitted } = layout(table, options);
  const numeric = table.schema.types.map((t: TypeName) => !isVectorType(t) && t !== "STRING" && t !== "BOOLEAN" && t !== "TIMESTAMP");
  const cellStyle = (c: number) => (numeric[c] ? ' style="text-align:right"' : ' style="text-align:left"');
  const th = table.schema.names
    .map(
      (name, c) =>
        `<th${cellStyle(c)}>${escapeHtml(name)}<br><span style="font-weight:normal;color:#888;font-size:85%">${table.schema.types[c]}</span></th>`,
    )
    .join("");
  const tr = (r: number) =>
    "<tr>" +
    table.columns
      .map((col, c) => {
        const text = formatCell(col, r, maxVector, maxString);
        const style = col.isNull(r) ? ' style="color:#999;font-style:italic"' : cellStyle(c);
        return `<td${style}>${escapeHtml(text)}</td>`;
      })
      .join("") +
    "</tr>";
  const body = [
    ...head.map(tr),
    ...(omitted > 0
      ? [`<tr><td colspan="${table.schema.size}" style="text-align:center;color:#888">… ${omitted} more rows …</td></tr>`]
      : []),
    ...tail.map(tr),
  ].join("");
  const title = options.title ? `<div style="font-weight:bold;margin:4px 0">${escapeHtml(options.title)}</div>` : "";
  const foot = options.footnote ? `<div style="color:#a60;font-size:90%">${escapeHtml(options.footnote)}</div>` : "";
  return (
    `<div class="streamlab-table">${title}` +
    `<table class="dataframe" style="border-collapse:collapse;font-family:monospace;font-size:12px">` +
    `<thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>` +
    `<div style="color:#888;font-size:85%">${summary(table)}</div>${foot}</div>`
  );
}
