import { StreamlabError } from "../core/errors";
import { Schema } from "../core/schema";
import { Table } from "../core/table";
import { TypeName } from "../core/types";
import { DenseVector, SparseVector } from "../core/vector";
import { display, inNotebook } from "./display";
import { formatTableHtml, formatTableText } from "./tableFormat";

/**
 * A table view of plain rows — the notebook's own results (metrics per model, one row per
 * experiment) — formatted like `print()` of an operator: an HTML table in a notebook, aligned text
 * elsewhere, doubles with 4 decimals as Alink prints them. Replaces hand-built HTML.
 *
 * ```ts
 * showRows([{ set: "train", AUC: 0.71 }, { set: "test", AUC: 0.69 }], { title: "metrics" });
 * showRows([["train", 0.71]], { schema: "set string, AUC double" });
 * ```
 */
export interface ShowRowsOptions {
  /** Alink schema string (`name type, ...`); required for array rows, inferred for object rows. */
  schema?: string;
  title?: string;
  /** Rows shown before the rest are summarised (default: all). */
  maxRows?: number;
}

type Rows = readonly (readonly unknown[])[] | readonly Record<string, unknown>[];

function inferType(values: unknown[]): TypeName {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length === 0) return "STRING";
  if (present.every((v) => typeof v === "number")) return present.every((v) => Number.isInteger(v)) ? "BIGINT" : "DOUBLE";
  if (present.every((v) => typeof v === "boolean")) return "BOOLEAN";
  if (present.every((v) => v instanceof Date)) return "TIMESTAMP";
  if (present.every((v) => v instanceof DenseVector || v instanceof SparseVector)) return "VECTOR";
  return "STRING";
}

/** Rows (arrays with a schema string, or objects) as a table. */
export function rowsToTable(rows: Rows, schemaStr?: string): Table {
  if (rows.length > 0 && !Array.isArray(rows[0])) {
    const objects = rows as readonly Record<string, unknown>[];
    const names = schemaStr !== undefined ? Schema.parse(schemaStr).names : [...new Set(objects.flatMap((o) => Object.keys(o)))];
    const arrays = objects.map((o) => names.map((n) => (o[n] === undefined ? null : o[n])));
    const schema =
      schemaStr !== undefined
        ? Schema.parse(schemaStr)
        : new Schema(names, names.map((_, c) => inferType(arrays.map((r) => r[c]))));
    // Mixed columns inferred as STRING show each value's text.
    const cells = arrays.map((r) => r.map((v, c) => (schema.types[c] === "STRING" && v !== null && typeof v !== "string" ? String(v) : v)));
    return Table.fromRows(cells, schema, "showRows");
  }
  if (schemaStr === undefined) {
    if (rows.length === 0) throw new StreamlabError("showRows: no rows and no schema: pass { schema: \"name type, ...\" }.");
    throw new StreamlabError("showRows: rows given as arrays need a schema string, e.g. { schema: \"name string, AUC double\" } (or pass objects).");
  }
  return Table.fromRows(rows as readonly (readonly unknown[])[], Schema.parse(schemaStr), "showRows");
}

/** Shows rows as a table: HTML in a notebook, aligned text elsewhere. */
export function showRows(rows: Rows, options: ShowRowsOptions = {}): void {
  const table = rowsToTable(rows, options.schema);
  const format = { title: options.title, headRows: options.maxRows ?? table.numRows, tailRows: 0 };
  if (inNotebook()) display().html(formatTableHtml(table, format));
  else console.log(formatTableText(table, format));
}
