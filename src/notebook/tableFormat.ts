import { Table } from "../core/table";
import { TypeName, isVectorType } from "../core/types";
import { TABLE_FORMAT_DEFAULTS, TableFormatOptions, formatCell, layout, summary } from "../engine/tableText";

// The text rendering lives in the engine (plain-Node printing needs it without the notebook layer);
// re-exported here so both renderings stay importable from one module.
export { abbreviateVector, formatCell, formatTableText } from "../engine/tableText";
export type { TableFormatOptions } from "../engine/tableText";

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** HTML table for notebooks: column types under the names, numbers right-aligned, long vectors cut. */
export function formatTableHtml(table: Table, options: TableFormatOptions = {}): string {
  const maxVector = options.maxVectorChars ?? TABLE_FORMAT_DEFAULTS.maxVectorChars;
  const maxString = options.maxStringChars ?? TABLE_FORMAT_DEFAULTS.maxStringChars;
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
