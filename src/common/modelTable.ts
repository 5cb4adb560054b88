import { StreamlabError } from "../core/errors";
import { Schema } from "../core/schema";
import { Table } from "../core/table";
import { TypeName } from "../core/types";
import { Value } from "../core/column";

/**
 * Alink's generic "labeled model" table (reference §4.1): `model_id BIGINT, model_info STRING,
 * label_value <label type>`. Row keys: `1048576·stringIndex + slice`; string 0 is the meta
 * (a Params JSON), strings 1.. the model data, each cut into slices of at most 32 768 UTF-16
 * code units; labels sit at string index 2^31 − 1 with a null `model_info`.
 */
export const MAX_NUM_SLICES = 1048576;
export const SEGMENT_SIZE = 32 * 1024;
export const LABEL_STRING_INDEX = 2147483647;
export const LABEL_ROW_BASE = MAX_NUM_SLICES * LABEL_STRING_INDEX; // 2251799812636672

export const MODEL_COLUMNS = ["model_id", "model_info", "label_value"] as const;

export function labeledModelSchema(labelType: TypeName): Schema {
  return new Schema([...MODEL_COLUMNS], ["BIGINT", "STRING", labelType]);
}

/** Rows a string of `length` UTF-16 code units takes in a model table (one even when empty). */
export function sliceCount(length: number): number {
  return length === 0 ? 1 : Math.ceil(length / SEGMENT_SIZE);
}

/** The `model_id` of every row of a model table whose strings have these lengths, then the label rows. */
export function labeledModelRowIds(stringLengths: readonly number[], numLabels: number): Float64Array {
  const ids: number[] = [];
  stringLengths.forEach((length, stringIndex) => {
    for (let slice = 0; slice < sliceCount(length); slice++) ids.push(MAX_NUM_SLICES * stringIndex + slice);
  });
  for (let i = 0; i < numLabels; i++) ids.push(LABEL_ROW_BASE + i);
  return Float64Array.from(ids);
}

/** The `model_info` cells of strings cut into slices (as {@link labeledModelRowIds} numbers them), then null per label. */
export function labeledModelInfoCells(strings: readonly string[], numLabels: number): (string | null)[] {
  const cells: (string | null)[] = [];
  for (const text of strings) {
    for (let slice = 0; slice < sliceCount(text.length); slice++) cells.push(text.slice(slice * SEGMENT_SIZE, (slice + 1) * SEGMENT_SIZE));
  }
  for (let i = 0; i < numLabels; i++) cells.push(null);
  return cells;
}

/** The labels of a model table (rows at string index 2^31 − 1), in key order, without reading its texts. */
export function readModelLabels(table: Table): { labels: Value[]; labelType: TypeName } {
  const ids = table.column("model_id");
  const labelIndex = table.schema.indexOf("label_value");
  const rows: { id: number; label: Value }[] = [];
  for (let r = 0; r < table.numRows; r++) {
    const id = ids.get(r) as number;
    if (Math.floor(id / MAX_NUM_SLICES) === LABEL_STRING_INDEX) rows.push({ id, label: labelIndex >= 0 ? table.columns[labelIndex].get(r) : null });
  }
  rows.sort((a, b) => a.id - b.id);
  return { labels: rows.map((r) => r.label), labelType: labelIndex >= 0 ? table.schema.types[labelIndex] : "STRING" };
}

/** Builds the model table from a meta JSON, data strings and labels (in label order). */
export function buildLabeledModelTable(meta: string, data: readonly string[], labels: readonly Value[], labelType: TypeName = "STRING"): Table {
  const strings = [meta, ...data];
  const ids = labeledModelRowIds(strings.map((text) => text.length), labels.length);
  const info = labeledModelInfoCells(strings, labels.length);
  const textRows = ids.length - labels.length;
  const rows = Array.from(ids, (id, r) => [id, info[r], r >= textRows ? labels[r - textRows] : null]);
  return Table.fromRows(rows, labeledModelSchema(labelType), "model table");
}

/**
 * Reads a labeled model table back: meta text, data strings, labels, in key order.
 *
 * The table is checked as a whole, since a damaged one would otherwise be read as a different
 * model: every `model_id` must be a non-negative integer and appear once, and each string's
 * slices must be numbered 0, 1, 2… without a gap (a missing row would silently cut a string).
 * `operator` (when given) starts every message.
 */
export function readLabeledModelTable(
  table: Table,
  what = "model",
  operator?: string,
): { meta: string; data: string[]; labels: Value[]; labelType: TypeName } {
  const context = operator === undefined ? {} : { operator };
  const fail = (message: string, row?: number): never => {
    const text = operator === undefined ? message[0].toUpperCase() + message.slice(1) : `${operator}: ${message}`;
    throw new StreamlabError(text, row === undefined ? context : { ...context, row });
  };
  const idIndex = table.schema.indexOf("model_id");
  const infoIndex = table.schema.indexOf("model_info");
  const labelIndex = table.schema.indexOf("label_value");
  if (idIndex < 0 || infoIndex < 0) {
    fail(
      `the ${what} input is not a model table: expected columns model_id, model_info[, label_value], got ${table.schema.names.join(", ")}. ` +
        "Link the model (the trainer's output) as the first input.",
    );
  }
  const damaged = (why: string, row: number): never => fail(`the ${what} table is damaged: ${why}.`, row);
  const rows: { id: number; info: string | null; label: Value; row: number }[] = [];
  for (let r = 0; r < table.numRows; r++) {
    const id = table.columns[idIndex].get(r);
    if (typeof id !== "number" || !Number.isInteger(id) || id < 0) {
      damaged(`row ${r} has model_id ${id === null ? "null" : String(id)}; model ids are integers ≥ 0`, r);
    }
    rows.push({
      id: id as number,
      info: table.columns[infoIndex].get(r) as string | null,
      label: labelIndex >= 0 ? table.columns[labelIndex].get(r) : null,
      row: r,
    });
  }
  rows.sort((a, b) => a.id - b.id);
  const strings = new Map<number, string[]>();
  const labels: Value[] = [];
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k];
    if (k > 0 && rows[k - 1].id === row.id) damaged(`model_id ${row.id} appears in rows ${rows[k - 1].row} and ${row.row}; each model row must appear once (two models mixed?)`, row.row);
    const stringIndex = Math.floor(row.id / MAX_NUM_SLICES);
    if (stringIndex === LABEL_STRING_INDEX) {
      labels.push(row.label);
      continue;
    }
    const slice = row.id - stringIndex * MAX_NUM_SLICES;
    let slices = strings.get(stringIndex);
    if (slices === undefined) strings.set(stringIndex, (slices = []));
    if (slice !== slices.length) {
      damaged(
        `string ${stringIndex} ${stringIndex === 0 ? "(the meta) " : ""}lacks slice ${slices.length} (model_id ${stringIndex * MAX_NUM_SLICES + slices.length}) ` +
          `before model_id ${row.id}; a model row is missing`,
        row.row,
      );
    }
    slices.push(row.info ?? "");
  }
  const meta = strings.get(0);
  if (meta === undefined) fail(`the ${what} table has no meta row (model_id 0).`);
  const data = [...strings.keys()].filter((k) => k > 0).sort((a, b) => a - b).map((k) => strings.get(k)!.join(""));
  return { meta: meta!.join(""), data, labels, labelType: labelIndex >= 0 ? table.schema.types[labelIndex] : "STRING" };
}
