/**
 * Worker thread of {@link readCsvChunksInWorker}: reads and parses a CSV file chunk by chunk and
 * posts each parsed table (see csvTransfer) to the stream that reads it, staying at most
 * `MAX_AHEAD` chunks ahead of what that stream has taken.
 */
import { MessagePort, workerData } from "worker_threads";
import { StreamlabError } from "../../core/errors";
import { Schema } from "../../core/schema";
import { CsvChunkParser } from "./CsvChunkParser";
import { TableEncoder } from "./csvTransfer";
import { CsvWorkerData, MAX_AHEAD, PRODUCED, TAKEN } from "./csvWorkerProtocol";
import { readCsvChunks } from "./readCsvFile";

const { config, port, signal, chunkBytes } = workerData as CsvWorkerData & { port: MessagePort };
const counters = new Int32Array(signal);

function post(message: unknown, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
  Atomics.add(counters, PRODUCED, 1);
  Atomics.notify(counters, PRODUCED);
}

const started = performance.now();
/** Time spent waiting for the reader to take chunks (reported in the last message, for the benchmark). */
let idleMs = 0;

try {
  const parser = new CsvChunkParser(new Schema(config.names, config.types), config.format, config.fileName, config.ignoreFirstLine, config.operator, true, config.layout);
  const encoder = new TableEncoder();
  for (const table of readCsvChunks(config.file, parser, chunkBytes)) {
    // Back-pressure: wait while the reader has MAX_AHEAD chunks it has not taken yet.
    for (;;) {
      const produced = Atomics.load(counters, PRODUCED);
      const taken = Atomics.load(counters, TAKEN);
      if (produced - taken < MAX_AHEAD) break;
      const waitFrom = performance.now();
      Atomics.wait(counters, TAKEN, taken, 1000);
      idleMs += performance.now() - waitFrom;
    }
    const { message, transfer } = encoder.encode(table);
    post({ table: message, skipped: parser.skippedCount, skippedLines: parser.skipped }, transfer);
  }
  post({ done: true, skipped: parser.skippedCount, skippedLines: parser.skipped, workerMs: performance.now() - started, workerIdleMs: idleMs });
} catch (error) {
  const e = error as Error;
  post({ error: { message: e.message, context: e instanceof StreamlabError ? e.context : {}, stack: e instanceof StreamlabError ? undefined : e.stack } });
}
