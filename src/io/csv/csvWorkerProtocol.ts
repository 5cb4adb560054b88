import { MapperRecipe } from "../../common/mapperRecipe";
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

/**
 * A row-wise map the worker may run on the chunks it parses when it is ahead of the reader (see
 * stream/pushdown.ts). The parsed `timeIndex` column (−1: the stream counts event times from
 * `timePerSample`) travels beside a mapped chunk, for the stream's event-time assigner.
 */
export interface WorkerRowMapper {
  recipe: MapperRecipe;
  mappedNames: readonly string[];
  mappedTypes: readonly TypeName[];
  timeIndex: number;
}

/** A chunk's parsed time column, beside the chunk a row mapper mapped. */
export interface TimeColumnMessage {
  type: TypeName;
  values: Float64Array | Int32Array;
  nulls: Uint8Array | null;
}

export interface CsvWorkerData {
  config: CsvParserConfig;
  rowMapper: WorkerRowMapper | null;
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
  /** Rows the worker also mapped for the stream (a pushed-down row mapper), of all rows sent. */
  mappedRows: number;
  rows: number;
}

/** The worker maps a chunk when the reader has at least this many chunks waiting (it is ahead); 2 mapped so many that the stream waited for the worker. */
export const MAP_WHEN_AHEAD = 3;
