import { StreamlabError } from "../../core/errors";

type WorkerThreads = typeof import("worker_threads");

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

/**
 * A worker thread called synchronously. The stream scheduler pulls sources and pushes sinks
 * synchronously (`SourceTask.next()` returns a chunk), but a Kafka client is asynchronous: it runs
 * in a worker thread with its own event loop, and this thread blocks (`Atomics.wait`, as the CSV
 * reader does for its parsing worker) until the worker answered.
 *
 * The worker handles requests one at a time, in order, and answers each: `post` sends one without
 * waiting (a sink's batches), `call` sends one and waits for every answer up to its own. An
 * answer that is an error is thrown by the `call` (or `post`) that reads it, as a StreamlabError
 * naming the operator.
 */
export class SyncWorker {
  private readonly threads: WorkerThreads;
  private readonly worker: import("worker_threads").Worker;
  private readonly port: import("worker_threads").MessagePort;
  private readonly counters: Int32Array;
  private nextId = 0;
  private pending = 0;
  private closed = false;

  constructor(
    code: string,
    data: Record<string, unknown>,
    private readonly operator: string,
    private readonly describe: string,
  ) {
    this.threads = require("worker_threads") as WorkerThreads;
    const signal = new SharedArrayBuffer(4);
    this.counters = new Int32Array(signal);
    const { port1, port2 } = new this.threads.MessageChannel();
    this.port = port1;
    this.worker = new this.threads.Worker(code, { eval: true, workerData: { ...data, signal, port: port2 }, transferList: [port2] });
    // Never keeps the process alive: the operator closes it at the end of its run.
    this.worker.unref();
    port1.unref();
  }

  /** Sends a request without waiting; at most `maxPending` stay unanswered (older answers are read first). */
  post(op: string, payload: unknown, timeoutMs: number, maxPending = 8): void {
    while (this.pending >= maxPending) this.take(timeoutMs, op);
    this.port.postMessage({ id: this.nextId++, op, payload });
    this.pending++;
  }

  /** Sends a request and waits (blocking) for its answer. */
  call<T>(op: string, payload: unknown, timeoutMs: number): T {
    this.post(op, payload, timeoutMs, Infinity);
    let reply: Reply;
    do reply = this.take(timeoutMs, op);
    while (this.pending > 0);
    return reply.result as T;
  }

  /** Ends the worker (after a final request such as disconnecting, when given; returns its answer). */
  close<T>(op?: string, timeoutMs = 10_000): T | undefined {
    if (this.closed) return undefined;
    this.closed = true;
    try {
      if (op !== undefined) return this.call<T>(op, null, timeoutMs);
      return undefined;
    } finally {
      this.port.close();
      void this.worker.terminate();
    }
  }

  private take(timeoutMs: number, op: string): Reply {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const seen = Atomics.load(this.counters, 0);
      const received = this.threads.receiveMessageOnPort(this.port);
      if (received !== undefined) {
        this.pending--;
        const reply = received.message as Reply;
        if (!reply.ok) throw new StreamlabError(`${this.operator}: ${this.describe}: ${reply.error}`, { operator: this.operator });
        return reply;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new StreamlabError(`${this.operator}: ${this.describe}: no answer from the Kafka client within ${Math.round(timeoutMs / 1000)} s (${op}); is the broker running?`, {
          operator: this.operator,
          param: "bootstrapServers",
        });
      }
      // The worker raises the counter right after posting; wake then (or re-check after a while).
      Atomics.wait(this.counters, 0, seen, Math.min(left, 200));
    }
  }
}
