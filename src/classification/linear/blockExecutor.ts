import { StreamlabError } from "../../core/errors";
import { BlockState, gradientBlock, lineLossBlock, marginsBlock, runBlock, workerLoop } from "./kernels";

/**
 * Runs the training kernels of `kernels.ts` over fixed row blocks, on the calling thread and,
 * for big inputs, on worker threads that share the data through SharedArrayBuffers.
 *
 * Determinism: the rows are cut into a number of blocks that depends only on the row count; each
 * block's sums and gradient go to their own slots and are added up in block order on the
 * calling thread. So the result is bit-for-bit the same whatever the number of threads.
 *
 * Synchronisation is synchronous (the public training API is synchronous): the calling thread
 * posts a command through `Atomics` on a shared control array, runs its own blocks, then blocks
 * in `Atomics.wait` until every worker has stored the command's generation. Workers never touch
 * the event loop, so this works on Node's main thread, inside vitest workers and in tslab.
 * Where `worker_threads` or SharedArrayBuffer are unavailable the executor runs single-threaded.
 */

/** The training rows in CSR form (see `trainingData.ts`). */
export interface CsrRows {
  readonly numRows: number;
  /** Number of feature columns (raw feature space, no intercept). */
  readonly numFeatures: number;
  readonly offsets: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
  /** +1 for the positive label, −1 for the other. */
  readonly y: Float64Array;
  /** Row weights; 0 = row not used. */
  readonly weights: Float64Array;
}

/** Sums over all rows of one line-loss command. */
export interface LineSums {
  loss: number;
  slope: number;
  rSum: number;
}

const COMMAND = { margins: 1, direction: 2, line: 3, lossAtTrial: 4, gradient: 5, exit: 9 } as const;
/** Blocks for inputs of at least this many rows; smaller inputs form one block. */
const MIN_ROWS_FOR_BLOCKS = 8192;
const NUM_BLOCKS = 8;
/** Below this many stored entries, threads cost more than they save. */
const MIN_ENTRIES_FOR_THREADS = 2_000_000;
const WORKER_START_TIMEOUT_MS = 10_000;

function blockBounds(numRows: number): Int32Array {
  const blocks = numRows >= MIN_ROWS_FOR_BLOCKS ? NUM_BLOCKS : 1;
  const bounds = new Int32Array(blocks + 1);
  for (let b = 0; b <= blocks; b++) bounds[b] = Math.round((numRows * b) / blocks);
  return bounds;
}

/** Threads used when the caller leaves the choice open: all cores (up to the block count) for big inputs. */
export function autoThreads(entries: number): number {
  if (entries < MIN_ENTRIES_FOR_THREADS || typeof SharedArrayBuffer === "undefined") return 1;
  let cores = 1;
  try {
    const os = require("os") as typeof import("os");
    cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  } catch {
    cores = 1;
  }
  return Math.max(1, Math.min(cores, NUM_BLOCKS));
}

/** Entries that are not exactly 1 may be at most this share of all entries for the unit-value kernels. */
const MAX_EXCEPTION_SHARE = 1 / 16;

export class BlockExecutor {
  readonly numRows: number;
  readonly numFeatures: number;
  /** Threads actually running (1 = calling thread only). */
  readonly threads: number;
  /** True when the unit-value kernels run (nearly every stored value is 1). */
  readonly unitValues: boolean;
  private readonly state: BlockState;
  private workers: { terminate(): unknown; unref(): unknown }[] = [];
  private generation = 0;

  constructor(rows: CsrRows, requestedThreads: number) {
    this.numRows = rows.numRows;
    this.numFeatures = rows.numFeatures;
    const bounds = blockBounds(rows.numRows);
    const blocks = bounds.length - 1;
    let threads = Math.max(1, Math.min(requestedThreads, blocks));
    if (threads > 1 && (typeof SharedArrayBuffer === "undefined" || loadWorkerThreads() === null)) threads = 1;
    const shared = threads > 1;
    const f64 = (n: number) => (shared ? new Float64Array(new SharedArrayBuffer(8 * Math.max(1, n))).subarray(0, n) : new Float64Array(n));
    const i32 = (n: number) => (shared ? new Int32Array(new SharedArrayBuffer(4 * Math.max(1, n))).subarray(0, n) : new Int32Array(n));
    const share = <T extends Int32Array | Float64Array>(a: T): T => {
      if (!shared || a.buffer instanceof SharedArrayBuffer) return a;
      const copy = (a instanceof Int32Array ? i32(a.length) : f64(a.length)) as T;
      copy.set(a);
      return copy;
    };

    // Rows whose stored values are (nearly) all 1: keep only the exceptions, as value − 1.
    const start = rows.offsets[0];
    const end = rows.offsets[rows.numRows];
    let exceptions = 0;
    for (let k = start; k < end; k++) if (rows.values[k] !== 1) exceptions++;
    this.unitValues = end > start && exceptions <= (end - start) * MAX_EXCEPTION_SHARE;
    const exRows = i32(this.unitValues ? exceptions : 0);
    const exIndices = i32(this.unitValues ? exceptions : 0);
    const exValues = f64(this.unitValues ? exceptions : 0);
    const exBounds = new Int32Array(blocks + 1);
    if (this.unitValues) {
      let e = 0;
      let block = 0;
      for (let i = 0; i < rows.numRows; i++) {
        while (i >= bounds[block + 1]) exBounds[++block] = e;
        for (let k = rows.offsets[i]; k < rows.offsets[i + 1]; k++) {
          if (rows.values[k] === 1) continue;
          exRows[e] = i;
          exIndices[e] = rows.indices[k];
          exValues[e] = rows.values[k] - 1;
          e++;
        }
      }
      while (block < blocks) exBounds[++block] = e;
    }
    const n = rows.numRows;
    this.state = {
      worker: 0,
      threads,
      bounds,
      exBounds,
      ctrl: new Int32Array(shared ? new SharedArrayBuffer(4 * (4 + threads)) : new ArrayBuffer(4 * (4 + threads))),
      args: f64(4),
      offsets: share(rows.offsets),
      indices: share(rows.indices),
      values: this.unitValues ? null : share(rows.values),
      exRows,
      exIndices,
      exValues,
      y: share(rows.y),
      weights: share(rows.weights),
      mA: f64(n),
      mB: f64(n),
      rA: f64(n),
      rB: f64(n),
      q: f64(n),
      w: f64(rows.numFeatures),
      dw: f64(rows.numFeatures),
      sums: f64(4 * blocks),
      grads: f64(blocks * rows.numFeatures),
      dim: rows.numFeatures,
    };
    this.threads = shared ? this.startWorkers(threads) : 1;
    this.state.threads = this.threads;
  }

  /** Margins at the current point. */
  get margins(): Float64Array {
    return this.state.args[3] === 0 ? this.state.mA : this.state.mB;
  }

  /** Margins of the raw weights `w` and bias `b` into the trial buffer (then {@link lossAtTrial}). */
  marginsAt(w: Float64Array, b: number): void {
    this.state.w.set(w);
    this.state.args[0] = b;
    this.run(COMMAND.margins);
  }

  /** Loss of the trial margins (from {@link marginsAt}); the trial can then be accepted. */
  lossAtTrial(): LineSums {
    this.run(COMMAND.lossAtTrial);
    return this.sumUp();
  }

  /** Prepares the line through the current point along the raw direction (`dw`, `db`). */
  setDirection(dw: Float64Array, db: number): void {
    this.state.dw.set(dw);
    this.state.args[1] = db;
    this.run(COMMAND.direction);
  }

  /** Loss, slope and intercept gradient at the current point moved by `t` along the direction. */
  lossAlong(t: number): LineSums {
    this.state.args[2] = t;
    this.run(COMMAND.line);
    return this.sumUp();
  }

  /** Makes the last trial the current point (swaps the double buffers). */
  accept(): void {
    this.state.args[3] = this.state.args[3] === 0 ? 1 : 0;
  }

  /** `out = Xᵀ·r` at the current point (raw feature space). */
  gradient(out: Float64Array): void {
    this.run(COMMAND.gradient);
    const d = this.numFeatures;
    const grads = this.state.grads;
    const blocks = this.state.bounds.length - 1;
    out.set(grads.subarray(0, d));
    for (let b = 1; b < blocks; b++) {
      const at = b * d;
      for (let j = 0; j < d; j++) out[j] += grads[at + j];
    }
  }

  /** Stops the worker threads. Safe to call more than once. */
  close(): void {
    if (this.workers.length === 0) return;
    this.state.ctrl[1] = COMMAND.exit;
    Atomics.add(this.state.ctrl, 0, 1);
    Atomics.notify(this.state.ctrl, 0);
    for (const worker of this.workers) worker.unref();
    this.workers = [];
  }

  private sumUp(): LineSums {
    const sums = this.state.sums;
    const blocks = this.state.bounds.length - 1;
    let loss = 0;
    let slope = 0;
    let rSum = 0;
    for (let b = 0; b < blocks; b++) {
      loss += sums[4 * b];
      slope += sums[4 * b + 1];
      rSum += sums[4 * b + 2];
    }
    return { loss, slope, rSum };
  }

  private run(command: number): void {
    const { ctrl, bounds } = this.state;
    const threads = this.threads;
    if (threads > 1) {
      this.generation++;
      Atomics.store(ctrl, 1, command);
      Atomics.store(ctrl, 0, this.generation);
      Atomics.notify(ctrl, 0);
    }
    const blocks = bounds.length - 1;
    for (let b = 0; b < blocks; b += threads) runBlock(this.state, command, b);
    if (threads > 1) {
      for (let k = 1; k < threads; k++) {
        for (;;) {
          const done = Atomics.load(ctrl, 4 + k);
          if (done === this.generation) break;
          Atomics.wait(ctrl, 4 + k, done, 1000);
        }
      }
      if (Atomics.load(ctrl, 2) !== 0) {
        this.close();
        throw new StreamlabError("Linear model training failed inside a worker thread (numeric kernel error).");
      }
    }
  }

  /** Starts `threads − 1` workers; returns the number of threads running (1 if they did not start). */
  private startWorkers(threads: number): number {
    const workerThreads = loadWorkerThreads();
    if (workerThreads === null) return 1;
    const source = workerSource();
    const started: { terminate(): unknown; unref(): unknown }[] = [];
    const ctrl = this.state.ctrl;
    try {
      for (let k = 1; k < threads; k++) {
        const worker = new workerThreads.Worker(source, { eval: true, workerData: { ...this.state, worker: k, threads } });
        // An error event is delivered only once the caller returns to the event loop; the start-up
        // wait below is what detects a worker that never runs.
        worker.on("error", () => undefined);
        started.push(worker);
      }
      const deadline = Date.now() + WORKER_START_TIMEOUT_MS;
      for (let k = 1; k < threads; k++) {
        while (Atomics.load(ctrl, 4 + k) !== -1) {
          const left = deadline - Date.now();
          if (left <= 0) throw new Error("worker did not start");
          Atomics.wait(ctrl, 4 + k, 0, Math.min(left, 100));
        }
      }
    } catch {
      this.workers = started;
      this.close();
      for (const worker of started) void worker.terminate();
      return 1;
    }
    this.workers = started;
    return threads;
  }
}

type WorkerThreadsModule = typeof import("worker_threads");
let workerThreadsModule: WorkerThreadsModule | null | undefined;

function loadWorkerThreads(): WorkerThreadsModule | null {
  if (workerThreadsModule === undefined) {
    try {
      workerThreadsModule = require("worker_threads") as WorkerThreadsModule;
    } catch {
      workerThreadsModule = null;
    }
  }
  return workerThreadsModule;
}

let cachedSource: string | undefined;

/** The worker's script: the very functions of `kernels.ts`, then the loop. */
function workerSource(): string {
  if (cachedSource === undefined) {
    const functions = [marginsBlock, lineLossBlock, gradientBlock, runBlock, workerLoop].map((f) => f.toString());
    cachedSource = `"use strict";\nconst { workerData } = require("worker_threads");\n${functions.join("\n")}\nworkerLoop(workerData);\n`;
  }
  return cachedSource;
}
