import { StreamChunk } from "./chunk";

/** Where a task sends its output: port 0 is the main output, port i+1 side output i. */
export interface Emitter {
  emit(chunk: StreamChunk, port?: number): void;
}

/**
 * The running state of one stream operator during one `StreamOperator.execute()`.
 *
 * The scheduler advances the whole graph in steps of event time. In every step each task gets,
 * per input, the chunks its inputs produced in that step (each in time order), and `stepEnd`,
 * the event time the whole graph has reached: no input will later deliver a row earlier than
 * `stepEnd`. Multi-input tasks interleave their inputs with `mergeByTime`; tasks with timers
 * (model emission every N seconds, evaluation windows) fire those up to `stepEnd`.
 */
export interface StreamTask {
  process(inputs: readonly (readonly StreamChunk[])[], stepEnd: number, out: Emitter): void;
  /** The stream has ended: emit what is left (the last window, a final model...). */
  finish(out: Emitter): void;
}

/** A source: produces chunks in event-time order, `null` at the end. */
export interface SourceTask {
  next(): StreamChunk | null;
  close?(): void;
}
