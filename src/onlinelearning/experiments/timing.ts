import type { Schema } from "../../core/schema";
import { StreamOperator } from "../../stream/streamOperator";
import { SourceTask, StreamTask } from "../../stream/task";

/**
 * CPU time spent in one strategy's operators during a shared run. The scheduler runs every
 * operator of the graph on one thread, one after another, so the time of a strategy is the sum of
 * the wall-clock time its operators' tasks spend in `process`/`finish` (and `next` for sources it
 * owns, such as a followed folder). The operators are found by walking up from the strategy's
 * outputs and stopping at the shared stream: what the stream and its upstream cost is shared by
 * all strategies and counted for none. An operator two strategies share is counted for both.
 */
export class StrategyTimer {
  seconds = 0;
  private readonly wrapped: StreamOperator[] = [];

  /** Times the operators from `outputs` up to (not including) `shared` during the next run. */
  constructor(outputs: readonly StreamOperator[], shared: StreamOperator) {
    const excluded = ancestors([shared]);
    const owned = [...ancestors(outputs)].filter((op) => !excluded.has(op));
    for (const op of owned) this.wrap(op);
  }

  private wrap(op: StreamOperator): void {
    const original = op.createTask;
    const timer = this;
    // An own property shadows the class's method for this run only (see restore()).
    op.createTask = function (this: StreamOperator, schemas: readonly Schema[]) {
      const task = original.call(this, schemas);
      return timedTask(task, timer);
    };
    this.wrapped.push(op);
  }

  /** Puts the operators' own createTask back. */
  restore(): void {
    for (const op of this.wrapped) delete (op as unknown as Record<string, unknown>).createTask;
    this.wrapped.length = 0;
  }
}

function ancestors(from: readonly StreamOperator[]): Set<StreamOperator> {
  const seen = new Set<StreamOperator>();
  const stack = [...from];
  while (stack.length > 0) {
    const op = stack.pop()!;
    if (seen.has(op)) continue;
    seen.add(op);
    for (const input of op.inputs) stack.push(input.op);
  }
  return seen;
}

function timedTask(task: StreamTask | SourceTask, timer: StrategyTimer): StreamTask | SourceTask {
  const timed = <A extends unknown[], R>(f: (...args: A) => R) =>
    (...args: A): R => {
      const t0 = performance.now();
      try {
        return f(...args);
      } finally {
        timer.seconds += (performance.now() - t0) / 1000;
      }
    };
  if (typeof (task as SourceTask).next === "function") {
    const source = task as SourceTask;
    const wrapped: SourceTask = { next: timed(() => source.next()) };
    if (source.close !== undefined) wrapped.close = () => source.close!();
    if (source.poll !== undefined) wrapped.poll = timed((reached: number) => source.poll!(reached));
    return wrapped;
  }
  const t = task as StreamTask;
  return { process: timed((inputs, stepEnd, out) => t.process(inputs, stepEnd, out)), finish: timed((out) => t.finish(out)) } as StreamTask;
}
