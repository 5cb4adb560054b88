import type { Value } from "../core/column";
import { StreamlabError } from "../core/errors";
import { Schema } from "../core/schema";
import { Table } from "../core/table";

/**
 * Rows with named columns, as pandas' `df.to_dict("records")` gives them: `r.AUC` instead of
 * `r[4]`. `collect()` keeps returning arrays (Alink's `List<Row>`); these helpers are the named view.
 *
 * ```ts
 * for (const r of toRecords(verdicts)) if (!r.accepted) console.log(r.model_version, r.failed);
 * ```
 */
export type RowRecord = Record<string, Value>;

/** Anything that holds a table: a batch operator, a stream collection (`lazyCollect()`), a table. */
export type TableLike = Table | { getOutputTable(): Table } | { getTable(): Table };

/** The table behind a batch operator, a stream collection or a table. */
export function tableOf(source: TableLike, what = "toRecords"): Table {
  if (source instanceof Table) return source;
  if (source !== null && typeof source === "object") {
    if ("getOutputTable" in source && typeof source.getOutputTable === "function") return source.getOutputTable();
    if ("getTable" in source && typeof source.getTable === "function") return source.getTable();
  }
  throw new StreamlabError(`${what}: expected a BatchOperator, a stream collection (lazyCollect()) or a Table, got ${describe(source)}.`);
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array (pass it with a schema to showRows)";
  return typeof v === "object" ? `a ${(v as object).constructor?.name ?? "object"}` : typeof v;
}

/** Every row as an object keyed by column name (a batch operator is executed if needed). */
export function toRecords(source: TableLike): RowRecord[] {
  const table = tableOf(source);
  const names = table.schema.names;
  const out: RowRecord[] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const record: RowRecord = {};
    for (let c = 0; c < names.length; c++) record[names[c]] = table.columns[c].get(r);
    out[r] = record;
  }
  return out;
}

/** One row array (e.g. a `LocalPredictor.map` result) as an object keyed by the schema's column names. */
export function toRecord(row: readonly unknown[], schema: Schema | readonly string[]): RowRecord {
  const names = schema instanceof Schema ? schema.names : schema;
  if (row.length !== names.length) {
    throw new StreamlabError(`toRecord: the row has ${row.length} values but the schema has ${names.length} columns (${names.join(", ")}).`);
  }
  const record: RowRecord = {};
  names.forEach((name, i) => (record[name] = row[i] as Value));
  return record;
}
