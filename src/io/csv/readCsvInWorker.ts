import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { StreamlabError } from "../../core/errors";
import { Table } from "../../core/table";
import { TableDecoder, TableMessage } from "./csvTransfer";
import { SkippedLine } from "./CsvChunkParser";
import { CsvParserConfig, CsvSkipTally, CsvWorkerTimes, PRODUCED, TAKEN, TimeColumnMessage, WorkerRowMapper } from "./csvWorkerProtocol";
import { NumberColumn } from "../../core/column";

type WorkerThreads = typeof import("worker_threads");

type Message =
  | { table: TableMessage; timeColumn: TimeColumnMessage | null; skipped: number; skippedLines: SkippedLine[] }
  | { done: true; skipped: number; skippedLines: SkippedLine[]; workerMs: number; workerIdleMs: number; rows: number; mappedRows: number }
  | { error: { message: string; context: Record<string, unknown>; stack?: string } };

/**
 * Reads a CSV file like `readCsvChunks`, with the reading and parsing done by a worker thread, so
 * that a stream's operators and its CSV source use two cores. Tables come out in file order, the
 * same tables the in-thread parser gives (STRING fields decoded when read), and a parse error is
 * thrown at the chunk where the in-thread parser would throw it. Lines a lenient parser skipped
 * are reported in `skips` as they are (like the in-thread parser's own counters).
 *
 * Returns null where a worker cannot be used (one core, no compiled worker script — e.g. when
 * running the TypeScript sources directly — or `STREAMLAB_CSV_WORKER=0`); the caller then parses
 * in its own thread.
 */
export function readCsvChunksInWorker(
  config: CsvParserConfig,
  chunkBytes: number,
  skips: CsvSkipTally = { skippedCount: 0, skipped: [] },
  rowMapper: WorkerRowMapper | null = null,
): Generator<Table> | null {
  if (process.env.STREAMLAB_CSV_WORKER === "0") return null;
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  const script = path.join(__dirname, "csvParseWorker.js");
  if (cores < 2 || typeof SharedArrayBuffer === "undefined" || !fs.existsSync(script)) return null;
  let threads: WorkerThreads;
  try {
    threads = require("worker_threads") as WorkerThreads;
  } catch {
    return null;
  }
  return run(threads, script, config, chunkBytes, skips, rowMapper);
}

/** The parsed time column of each table the worker mapped (with a row mapper and a time column). */
const parsedTimeColumns = new WeakMap<Table, NumberColumn>();

/** The time column as parsed, for a table the worker mapped (which may hold it no longer as it was); see WorkerRowMapper. */
export function parsedTimeColumn(table: Table): NumberColumn | undefined {
  return parsedTimeColumns.get(table);
}

let lastTimes: CsvWorkerTimes | null = null;

/** How the latest worker-parsed read that reached the end of its file used the two threads (for bench/; null before any). */
export function lastCsvWorkerTimes(): CsvWorkerTimes | null {
  return lastTimes;
}

/**
 * Workers that finished a read and wait for the next (at most {@link MAX_IDLE}, each for at most
 * {@link IDLE_MS}): a run that follows gets one whose compiled code (parser, transfer, a pushed-down
 * mapper) is warm, instead of a new thread that compiles it all again — ~0.3 s of CPU per run on a
 * 2-core machine. Idle workers do not keep the process alive.
 */
const idleWorkers: import("worker_threads").Worker[] = [];
const MAX_IDLE = 2;
/** An idle worker holds ~60 MB (its heap is not collected while it waits): ended after this long unused. */
const IDLE_MS = 30_000;
const idleTimers = new Map<import("worker_threads").Worker, ReturnType<typeof setTimeout>>();

function keepIdle(worker: import("worker_threads").Worker): void {
  idleWorkers.push(worker);
  const timer = setTimeout(() => {
    const at = idleWorkers.indexOf(worker);
    if (at >= 0) idleWorkers.splice(at, 1);
    idleTimers.delete(worker);
    void worker.terminate();
  }, IDLE_MS);
  timer.unref();
  idleTimers.set(worker, timer);
}

/** Workers waiting for a read (for tests). */
export function idleCsvWorkerCount(): number {
  return idleWorkers.length;
}

/** Ends the workers waiting for a read (their memory is returned; the next read starts a new one). */
export async function releaseIdleCsvWorkers(): Promise<void> {
  const workers = idleWorkers.splice(0, idleWorkers.length);
  for (const worker of workers) {
    clearTimeout(idleTimers.get(worker));
    idleTimers.delete(worker);
  }
  await Promise.all(workers.map((worker) => worker.terminate()));
}

function acquireWorker(threads: WorkerThreads, script: string): import("worker_threads").Worker {
  const kept = idleWorkers.pop();
  if (kept !== undefined) {
    clearTimeout(idleTimers.get(kept));
    idleTimers.delete(kept);
    return kept;
  }
  const worker = new threads.Worker(script);
  worker.unref();
  worker.on("exit", () => {
    const at = idleWorkers.indexOf(worker);
    if (at >= 0) idleWorkers.splice(at, 1);
  });
  worker.on("error", () => {}); // a worker that failed is not reused (its "exit" removes it)
  return worker;
}

function* run(threads: WorkerThreads, script: string, config: CsvParserConfig, chunkBytes: number, skips: CsvSkipTally, rowMapper: WorkerRowMapper | null): Generator<Table> {
  const signal = new SharedArrayBuffer(8);
  const counters = new Int32Array(signal);
  const { port1, port2 } = new threads.MessageChannel();
  const worker = acquireWorker(threads, script);
  worker.postMessage({ config, rowMapper, signal, chunkBytes, port: port2 }, [port2]);
  port1.unref();
  /** Set when the worker finished its read: it can take the next one. */
  let finished = false;
  const decoder = new TableDecoder();
  let taken = 0;
  let readerWaitMs = 0;
  try {
    for (;;) {
      // Wait (blocking this thread, as the in-thread parser would) until the worker posted the next message.
      if (Atomics.load(counters, PRODUCED) <= taken) {
        const waitFrom = performance.now();
        while (Atomics.load(counters, PRODUCED) <= taken) Atomics.wait(counters, PRODUCED, taken, 1000);
        readerWaitMs += performance.now() - waitFrom;
      }
      let received = threads.receiveMessageOnPort(port1);
      // The counter is raised right after postMessage; the message itself may take a moment to arrive.
      while (received === undefined) {
        Atomics.wait(counters, PRODUCED, taken + 1, 1);
        received = threads.receiveMessageOnPort(port1);
      }
      taken++;
      Atomics.store(counters, TAKEN, taken);
      Atomics.notify(counters, TAKEN);
      const message = received.message as Message;
      if ("error" in message) {
        const { message: text, context, stack } = message.error;
        const error = new StreamlabError(text, context);
        if (stack !== undefined) error.stack = stack;
        throw error;
      }
      skips.skippedCount = message.skipped;
      skips.skipped.splice(0, skips.skipped.length, ...message.skippedLines);
      if ("done" in message) {
        lastTimes = { workerMs: message.workerMs, workerIdleMs: message.workerIdleMs, readerWaitMs, rows: message.rows, mappedRows: message.mappedRows };
        finished = true;
        return;
      }
      const table = decoder.decode(message.table);
      const time = message.timeColumn;
      if (time !== null) parsedTimeColumns.set(table, new NumberColumn(time.type, time.values, time.nulls));
      yield table;
    }
  } finally {
    port1.close();
    // A read stopped midway (or failed) may still be running there: only a finished worker is kept.
    if (finished && idleWorkers.length < MAX_IDLE) keepIdle(worker);
    else void worker.terminate();
  }
}
