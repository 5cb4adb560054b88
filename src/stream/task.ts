import { MapperRecipe } from "../common/mapperRecipe";
import { Schema } from "../core/schema";
import { StreamChunk } from "./chunk";

/** Where a task sends its output: port 0 is the main output, port i+1 side output i. */
export interface Emitter {
  emit(chunk: StreamChunk, port?: number): void;
  /**
   * Whether anything downstream reads output `port` (the graph is fixed for a run), so a task can
   * skip building an output nobody reads. Emitters that cannot tell leave it out.
   */
  isConnected?(port: number): boolean;
}

/** Whether anything reads output `port` of the task given `out` (true when the emitter cannot tell). */
export function isPortConnected(out: Emitter, port: number): boolean {
  return out.isConnected === undefined ? true : out.isConnected(port);
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

/** A task that passes its single input through unchanged (side-output readers, sinks inside a graph). */
export function passThroughTask(): StreamTask {
  return {
    process(inputs, _stepEnd, out) {
      for (const chunk of inputs[0]) out.emit(chunk);
    },
    finish() {},
  };
}

/** A source: produces chunks in event-time order, `null` at the end. */
export interface SourceTask {
  next(): StreamChunk | null;
  close?(): void;
  /**
   * Live input in a paced run (`execute({ speedFactor })`) only: called between steps with the event
   * time the run has reached; returns what arrived in wall-clock time since the last call, stamped
   * at `reached`, or null. Such input keeps a run going only from a `live` source: otherwise the run
   * ends when every source's `next()` has ended. (A model-stream folder followed live: models
   * committed while the run goes.)
   */
  poll?(reached: number): StreamChunk | null;
  /**
   * An unbounded source (a Kafka topic): in a paced run, after every `next()` has ended, the run
   * keeps polling it — its event time going on with the wall clock × speedFactor — until stopped
   * (`ExecuteOptions.signal` / `stopAfterSeconds`). Unpaced runs ignore it (a bounded replay).
   */
  readonly live?: boolean;
}

/**
 * What the scheduler and the sink registry need of an operator in the graph; StreamOperator
 * implements it. Declared here, beside the tasks, so that the scheduler does not import the
 * operator class whose `execute()` calls it (a circle, even if only through types).
 */
export interface StreamNode {
  readonly operatorName: string;
  /** Upstream operators and which of their ports (0 = main output, i+1 = side output i) feed this one. */
  readonly inputs: readonly { readonly op: StreamNode; readonly port: number }[];
  portSchema(port: number): Schema;
  createTask(inputSchemas: readonly Schema[]): StreamTask | SourceTask;
  /** Side outputs (ports 1…count). */
  getSideOutputCount(): number;
  /**
   * A row router (SplitStreamOp): each output carries some of its one input's rows, their columns
   * as they came — so a row-wise map after every output may as well run before it.
   */
  readonly routesRows?: boolean;
  /** A row-wise map another thread may run ahead of this operator, or null (see pushdown.ts). */
  pushableMap?(): PushableMap | null;
  /**
   * Sources that parse on a thread of their own: run `recipe` on that thread, where it pays, for
   * the next run; returns whether the source will (chunks it maps carry `mappedSchema`).
   */
  offerRowMapper?(recipe: MapperRecipe, mappedSchema: Schema): boolean;
  /** Forgets an accepted offer its task did not take (the graph failed to build). */
  withdrawRowMapper?(): void;
}

/** A map operator's offer to let its source's thread map rows for it (see pushdown.ts). */
export interface PushableMap {
  /** Maps with the same key (and input schema) compute the same rows. */
  readonly key: object;
  readonly inputSchema: Schema;
  readonly outputSchema: Schema;
  /** How to build this mapper in another thread; null when it cannot be. */
  recipe(): MapperRecipe | null;
  /** For the next run: chunks whose schema is `outputSchema` arrive mapped already; pass them on. */
  acceptPremapped(): void;
  /** Forgets {@link acceptPremapped} if its task did not take it. */
  withdraw(): void;
}
