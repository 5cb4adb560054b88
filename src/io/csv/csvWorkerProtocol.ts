import { TypeName } from "../../core/types";
import { CsvFormat, CsvLayout, SkippedLine } from "./CsvChunkParser";

/** What the CSV parsing worker needs to build its parser. */
export interface CsvParserConfig {
  file: string;
  /** The output schema. */
  names: readonly string[];
  types: readonly TypeName[];
  /** Where the output columns are in the file's lines (null: by position); see headerProjection. */
  layout: CsvLayout | null;
  format: CsvFormat;
  fileName: string;
  ignoreFirstLine: boolean;
  operator: string;
}

export interface CsvWorkerData {
  config: CsvParserConfig;
  /** Int32 counters shared by the reader and the worker: [PRODUCED, TAKEN]. */
  signal: SharedArrayBuffer;
  chunkBytes: number;
}

/** Messages posted so far. */
export const PRODUCED = 0;
/** Messages the reader has taken. */
export const TAKEN = 1;
/** Parsed chunks the worker may hold ready before the reader takes them (bounds memory). */
export const MAX_AHEAD = 4;

/** Lines a lenient parser skipped so far: the count and the first few with their reasons. */
export interface CsvSkipTally {
  skippedCount: number;
  readonly skipped: SkippedLine[];
}

/**
 * How a worker-parsed read used its two threads, for the benchmark: the worker's time from start
 * to its last message, the part of it spent waiting because the reader had MAX_AHEAD chunks
 * untaken (the worker idle), and the reader's time waiting for the worker's next chunk.
 */
export interface CsvWorkerTimes {
  workerMs: number;
  workerIdleMs: number;
  readerWaitMs: number;
}
