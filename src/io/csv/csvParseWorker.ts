/**
 * Worker thread of {@link readCsvChunksInWorker}: for each job (one read of one file) it reads and
 * parses the file chunk by chunk and posts each parsed table (see csvTransfer) to the stream that
 * reads it, staying at most `MAX_AHEAD` chunks ahead of what that stream has taken. With a row
 * mapper (stream/pushdown.ts) it also maps the chunks it parses while it is ahead, so that both
 * threads stay busy. A worker that finished a job waits for the next one: kept by the reader's
 * side, its compiled code serves the next run warm.
 */
import { MessagePort, parentPort } from "worker_threads";
import { Mapper } from "../../common/mapper";
import { mapperFromRecipe } from "../../common/mapperRecipe";
import { NumberColumn } from "../../core/column";
import { StreamlabError } from "../../core/errors";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { CsvChunkParser } from "./CsvChunkParser";
import { CsvFieldTexts } from "./csvFieldTexts";
import { TableEncoder } from "./csvTransfer";
import { CsvWorkerData, MAP_WHEN_AHEAD, MAX_AHEAD, PRODUCED, TAKEN, TimeColumnMessage, WorkerRowMapper } from "./csvWorkerProtocol";
import { readCsvChunks } from "./readCsvFile";

/** Tests: map every chunk, ahead or not (STREAMLAB_CSV_WORKER_MAP=always). */
const mapAlways = process.env.STREAMLAB_CSV_WORKER_MAP === "always";

/**
 * Maps a parsed chunk for the stream, or returns null to send it as parsed (the stream's own map
 * operators then map it, and raise any error with its usual row numbers and event times).
 */
class RowMapping {
  /** undefined: not built yet; null: cannot be used (the recipe failed, another output schema). */
  private mapper: Mapper | null | undefined = undefined;

  constructor(private readonly spec: WorkerRowMapper) {}

  map(table: Table): Table | null {
    if (this.mapper === undefined) this.mapper = build(this.spec);
    const mapper = this.mapper;
    if (mapper === null) return null;
    let mapped: Table;
    try {
      mapped = mapper.map(table);
    } catch {
      return null;
    }
    // STRING columns still in the parser's form travel as dictionary codes kept per column
    // position: a mapper may pass them on, but only at the position they were parsed at.
    for (let c = 0; c < mapped.columns.length; c++) {
      const column = mapped.columns[c];
      if (column.kind !== "string" || !(column.origin instanceof CsvFieldTexts)) continue;
      const parsed = table.columns[c];
      if (parsed === undefined || parsed.kind !== "string" || parsed.origin !== column.origin) return null;
    }
    return mapped;
  }
}

/** The parsed time column of a chunk, as its own copies of the arrays (moved with the message). */
function encodeTimeColumn(column: NumberColumn, transfer: ArrayBuffer[]): TimeColumnMessage {
  const values = column.values.slice();
  const nulls = column.nulls === null ? null : column.nulls.slice();
  transfer.push(values.buffer as ArrayBuffer);
  if (nulls !== null) transfer.push(nulls.buffer as ArrayBuffer);
  return { type: column.type, values, nulls };
}

function build(spec: WorkerRowMapper): Mapper | null {
  try {
    const mapper = mapperFromRecipe(spec.recipe);
    return mapper.outputSchema.equals(new Schema(spec.mappedNames, spec.mappedTypes)) ? mapper : null;
  } catch {
    return null;
  }
}

/** One read of one file: every chunk posted to `port`, then a `done` (or an `error`) message. */
function runJob({ config, rowMapper, port, signal, chunkBytes }: CsvWorkerData & { port: MessagePort }): void {
  const counters = new Int32Array(signal);
  const post = (message: unknown, transfer: ArrayBuffer[] = []): void => {
    port.postMessage(message, transfer);
    Atomics.add(counters, PRODUCED, 1);
    Atomics.notify(counters, PRODUCED);
  };
  const started = performance.now();
  /** Time spent waiting for the reader to take chunks (reported in the last message, for the benchmark). */
  let idleMs = 0;
  let rows = 0;
  let mappedRows = 0;
  try {
    const parser = new CsvChunkParser(new Schema(config.names, config.types), config.format, config.fileName, config.ignoreFirstLine, config.operator, true, config.layout);
    const encoder = new TableEncoder();
    const mapping = rowMapper === null ? null : new RowMapping(rowMapper);
    for (const table of readCsvChunks(config.file, parser, chunkBytes)) {
      // Back-pressure: wait while the reader has MAX_AHEAD chunks it has not taken yet.
      let waiting: number;
      for (;;) {
        waiting = Atomics.load(counters, PRODUCED) - Atomics.load(counters, TAKEN);
        if (waiting < MAX_AHEAD) break;
        const waitFrom = performance.now();
        Atomics.wait(counters, TAKEN, Atomics.load(counters, TAKEN), 1000);
        idleMs += performance.now() - waitFrom;
      }
      // Ahead of the reader: spend the time on its mapping rather than waiting.
      const mapped = mapping !== null && (waiting >= MAP_WHEN_AHEAD || mapAlways) ? mapping.map(table) : null;
      rows += table.numRows;
      if (mapped !== null) mappedRows += table.numRows;
      const { message, transfer } = encoder.encode(mapped === null ? table : mapped);
      // A mapped chunk may no longer hold the time column as parsed: it travels beside it.
      const timeColumn = mapped !== null && rowMapper!.timeIndex >= 0 ? encodeTimeColumn(table.columns[rowMapper!.timeIndex] as NumberColumn, transfer) : null;
      post({ table: message, timeColumn, skipped: parser.skippedCount, skippedLines: parser.skipped }, transfer);
    }
    post({ done: true, skipped: parser.skippedCount, skippedLines: parser.skipped, workerMs: performance.now() - started, workerIdleMs: idleMs, rows, mappedRows });
  } catch (error) {
    const e = error as Error;
    post({ error: { message: e.message, context: e instanceof StreamlabError ? e.context : {}, stack: e instanceof StreamlabError ? undefined : e.stack } });
  }
  // The reader closes its end of the port when it has taken everything.
}

parentPort!.on("message", (job: CsvWorkerData & { port: MessagePort }) => runJob(job));
