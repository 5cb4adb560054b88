import { ErrorContext } from "../core/errors";
import { formatTimestamp } from "../core/javaFormat";

/**
 * Where a chunk sits in an operator's input, so that a mapper's error can name the row the user
 * can find: the row index in the whole input (not in the chunk) and, in a stream, its event time.
 * Batch operators map their whole input at once and pass nothing (row i of the chunk is row i).
 */
export interface ChunkPosition {
  /** Index, in the operator's input, of the chunk's first row. */
  readonly firstRow: number;
  /** Event time (seconds) of each row of the chunk; null for batch input. */
  readonly times: Float64Array | null;
}

/** Row `i` of a chunk as an error names it. */
export interface RowRef {
  /** 0-based row in the operator's input. */
  row: number;
  /** Event time (seconds), for stream input. */
  eventTime?: number;
  /** `row 12`, or `row 12 (event time 1623347390 s (2021-06-10 17:49:50.000 UTC))` in a stream. */
  text: string;
}

export function rowRef(at: ChunkPosition | undefined, i: number): RowRef {
  const row = (at?.firstRow ?? 0) + i;
  const times = at?.times ?? null;
  if (times === null || i >= times.length) return { row, text: `row ${row}` };
  const eventTime = times[i];
  return { row, eventTime, text: `row ${row} (event time ${eventTimeText(eventTime)})` };
}

/**
 * An event time (seconds) as messages show it: the exact number, plus the UTC date-time when it
 * looks like epoch seconds, so the row can be found in the data either way.
 */
export function eventTimeText(seconds: number): string {
  if (Number.isFinite(seconds) && seconds > 1e8 && seconds < 1e11) return `${seconds} s (${formatTimestamp(Math.round(seconds * 1000))} UTC)`;
  return `${seconds} s`;
}

/** The error-context fields of a row reference. */
export function rowContext(ref: RowRef): Pick<ErrorContext, "row" | "eventTime"> {
  return ref.eventTime === undefined ? { row: ref.row } : { row: ref.row, eventTime: ref.eventTime };
}

/** "NaN", "Infinity" or "-Infinity" for a non-finite number (as Java prints them). */
export function describeNonFinite(v: number): string {
  return Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
}
