import type { StreamNode, StreamTask } from "./task";

/** A sink attached to an operator's output: a task fed with that output during a run. */
export interface StreamSink {
  /** A task for this run (sinks keep their results on themselves). */
  start(): StreamTask;
}

/** Sinks registered since the last `StreamOperator.execute()` (print, collect, file sinks). */
const pending: { op: StreamNode; port: number; sink: StreamSink }[] = [];

export function registerStreamSink(op: StreamNode, sink: StreamSink, port = 0): void {
  pending.push({ op, port, sink });
}

export function takeStreamSinks(): { op: StreamNode; port: number; sink: StreamSink }[] {
  return pending.splice(0, pending.length);
}
