import { Column, NumberColumn } from "../../core/column";
import { StreamlabError } from "../../core/errors";
import { formatTimestamp } from "../../core/javaFormat";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";

/**
 * Model streams in Alink's layout (reference §6.6): each model is a group of rows
 * `alinkmodelstreamtimestamp TIMESTAMP, alinkmodelstreamcount BIGINT, <model table columns>`, the
 * count telling how many rows the model has. In streamlab the timestamp is the model's event time.
 */
export const MODEL_STREAM_TIMESTAMP_COL = "alinkmodelstreamtimestamp";
export const MODEL_STREAM_COUNT_COL = "alinkmodelstreamcount";

export function modelStreamSchema(modelSchema: Schema): Schema {
  return new Schema([MODEL_STREAM_TIMESTAMP_COL, MODEL_STREAM_COUNT_COL, ...modelSchema.names], ["TIMESTAMP", "BIGINT", ...modelSchema.types]);
}

/** The model-table schema inside a model stream, or a clear error when the stream is not one. */
export function modelSchemaOfStream(schema: Schema, operator: string, expected?: Schema): Schema {
  if (schema.size < 3 || schema.names[0].toLowerCase() !== MODEL_STREAM_TIMESTAMP_COL || schema.names[1].toLowerCase() !== MODEL_STREAM_COUNT_COL) {
    throw new StreamlabError(
      `${operator}: the model-stream input must start with columns ${MODEL_STREAM_TIMESTAMP_COL} TIMESTAMP, ${MODEL_STREAM_COUNT_COL} BIGINT ` +
        `followed by the model table; got ${schema}. Link a trainer's model stream (e.g. FtrlTrainStreamOp) there.`,
      { operator },
    );
  }
  if (schema.types[0] !== "TIMESTAMP" || schema.types[1] !== "BIGINT") {
    throw new StreamlabError(`${operator}: model-stream columns must be ${MODEL_STREAM_TIMESTAMP_COL} TIMESTAMP, ${MODEL_STREAM_COUNT_COL} BIGINT; got ${schema}.`, {
      operator,
    });
  }
  const model = new Schema(schema.names.slice(2), schema.types.slice(2));
  if (expected !== undefined && !model.equals(expected)) {
    throw new StreamlabError(`${operator}: the model stream carries models of schema ${model}, but this predictor's model has ${expected}.`, { operator });
  }
  return model;
}

/** Prefixes a model table with the model-stream columns for one timestamp. */
export function toModelStreamRows(model: Table, timestampMs: number): Table {
  const n = model.numRows;
  const ts = new NumberColumn("TIMESTAMP", new Float64Array(n).fill(timestampMs), null);
  const count = new NumberColumn("BIGINT", new Float64Array(n).fill(n), null);
  return new Table(modelStreamSchema(model.schema), [ts, count, ...model.columns] as Column[]);
}

/** A complete model read from a model stream. */
export interface StreamedModel {
  /** The model's timestamp (epoch ms), its version. */
  timestampMs: number;
  table: Table;
}

/**
 * Collects model-stream rows until every row of a timestamp has arrived (Alink's predictors do
 * the same), then yields that model. Rows of several timestamps may interleave.
 */
export class ModelStreamAssembler {
  private readonly pending = new Map<number, { expected: number; parts: { table: Table; rows: number[] }[]; received: number }>();

  constructor(private readonly modelSchema: Schema, private readonly operator: string) {}

  push(rows: Table): StreamedModel[] {
    const done: StreamedModel[] = [];
    for (let i = 0; i < rows.numRows; i++) {
      const ts = rows.columns[0].get(i);
      const count = rows.columns[1].get(i);
      if (ts === null || count === null) {
        throw new StreamlabError(`${this.operator}: a model-stream row has a null ${ts === null ? MODEL_STREAM_TIMESTAMP_COL : MODEL_STREAM_COUNT_COL}.`, {
          operator: this.operator,
        });
      }
      const key = (ts as Date).getTime();
      let entry = this.pending.get(key);
      if (entry === undefined) {
        entry = { expected: count as number, parts: [], received: 0 };
        this.pending.set(key, entry);
      }
      const last = entry.parts[entry.parts.length - 1];
      if (last !== undefined && last.table === rows) last.rows.push(i);
      else entry.parts.push({ table: rows, rows: [i] });
      entry.received++;
      if (entry.received === entry.expected) {
        this.pending.delete(key);
        done.push({ timestampMs: key, table: new Table(this.modelSchema, assemble(entry.parts).columns.slice(2)) });
      } else if (entry.received > entry.expected) {
        throw new StreamlabError(`${this.operator}: model ${formatTimestamp(key)} has more rows than its count ${entry.expected}.`, { operator: this.operator });
      }
    }
    return done;
  }
}

/**
 * The rows of one model. A model that arrived as one run of rows of one chunk (as a trainer emits
 * it) is sliced, which keeps what its columns were rendered from (see `LinearModelTexts`).
 */
function assemble(parts: readonly { table: Table; rows: number[] }[]): Table {
  if (parts.length === 1) {
    const { table, rows } = parts[0];
    const first = rows[0];
    if (rows.every((r, k) => r === first + k)) return table.slice(first, first + rows.length);
  }
  return Table.concat(parts.map(({ table, rows }) => table.take(rows)));
}
