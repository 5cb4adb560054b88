import { NumberColumn, StringColumn } from "../../core/column";
import { StreamlabError } from "../../core/errors";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { StreamChunk } from "../../stream/chunk";

/**
 * The detections stream (side output 0 of every `...DriftDetectStreamOp`): one row per detection,
 * at the event time of the row that completed it. New columns go at the end: readers use names.
 *
 * - `event_time`: that row's event time (the chunk's time column carries the same, in seconds);
 * - `row`: its 0-based index in the operator's input (all rows, watched or not);
 * - `detector`: `ADWIN`, `PageHinkley` or `DDM`;
 * - `kind`: `drift`, or `warning` when DDM enters its warning zone;
 * - `statistic`, `threshold`: the detector's test statistic and the bound it passed (see each detector);
 * - `value`: the watched value of that row.
 */
export const DRIFT_DETECTIONS_SCHEMA = new Schema(
  ["event_time", "row", "detector", "kind", "statistic", "threshold", "value"],
  ["TIMESTAMP", "BIGINT", "STRING", "STRING", "DOUBLE", "DOUBLE", "DOUBLE"],
);

export type DriftKind = "drift" | "warning";

/** One detection, as a row of {@link DRIFT_DETECTIONS_SCHEMA} and as listeners receive it. */
export interface DriftDetection {
  /** Event time, seconds. */
  eventTime: number;
  row: number;
  detector: string;
  kind: DriftKind;
  statistic: number;
  threshold: number;
  value: number;
}

/** Detections as a chunk of the detections stream (times = their event times, in order). */
export function detectionsChunk(detections: readonly DriftDetection[]): StreamChunk {
  const n = detections.length;
  const number = (type: "TIMESTAMP" | "BIGINT" | "DOUBLE", f: (d: DriftDetection) => number) => new NumberColumn(type, Float64Array.from(detections, f), null);
  const table = new Table(DRIFT_DETECTIONS_SCHEMA, [
    number("TIMESTAMP", (d) => Math.round(d.eventTime * 1000)),
    number("BIGINT", (d) => d.row),
    new StringColumn(detections.map((d) => d.detector)),
    new StringColumn(detections.map((d) => d.kind)),
    number("DOUBLE", (d) => d.statistic),
    number("DOUBLE", (d) => d.threshold),
    number("DOUBLE", (d) => d.value),
  ], n);
  return new StreamChunk(table, Float64Array.from(detections, (d) => d.eventTime));
}

/**
 * The hook for operators that act on drift (**a drift trigger**): an operator that takes a
 * detections stream as one of its inputs — a trainer resetting its state, a filter tightening its
 * bar, a job retraining from the model stream — checks that input's schema when linked with this,
 * so a wrong stream fails at the `linkFrom` line.
 */
export function checkDriftDetectionsSchema(schema: Schema, operator: string, input = "the drift-detections input"): void {
  const missing = DRIFT_DETECTIONS_SCHEMA.names.filter((name, i) => schema.indexOf(name) < 0 || schema.types[schema.indexOf(name)] !== DRIFT_DETECTIONS_SCHEMA.types[i]);
  if (missing.length > 0) {
    throw new StreamlabError(
      `${operator}: ${input} must be the detections stream of a drift detector (getSideOutput(0) of AdwinDriftDetectStreamOp, ` +
        `PageHinkleyDriftDetectStreamOp or DdmDriftDetectStreamOp); it lacks ${missing.map((m) => `"${m}"`).join(", ")} ` +
        `(expected ${DRIFT_DETECTIONS_SCHEMA.toString()}, got ${schema.toString()}).`,
      { operator },
    );
  }
}

/**
 * The detections in a chunk of a detections stream (checked with {@link checkDriftDetectionsSchema}),
 * by default the drifts only (`kinds` to include warnings): what a drift trigger acts on, in its
 * task, at each detection's event time.
 */
export function readDriftDetections(chunk: StreamChunk, kinds: readonly DriftKind[] = ["drift"]): DriftDetection[] {
  const table = chunk.table;
  const col = (name: string) => table.columns[table.schema.indexOf(name)];
  const [rows, detector, kind, statistic, threshold, value] = ["row", "detector", "kind", "statistic", "threshold", "value"].map(col);
  const out: DriftDetection[] = [];
  for (let i = 0; i < chunk.numRows; i++) {
    const k = kind.get(i) as DriftKind;
    if (!kinds.includes(k)) continue;
    out.push({
      eventTime: chunk.times[i],
      row: rows.get(i) as number,
      detector: detector.get(i) as string,
      kind: k,
      statistic: statistic.get(i) as number,
      threshold: threshold.get(i) as number,
      value: value.get(i) as number,
    });
  }
  return out;
}
