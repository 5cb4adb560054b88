import { Schema } from "../core/schema";
import { Table } from "../core/table";
import { ChunkPosition } from "./rowPosition";

/**
 * One transform, written once as "chunk in → chunk out" (Alink's `Mapper` / `ModelMapper`).
 * Batch predict ops, stream predict ops, pipeline stages and the single-row predictor are thin
 * wrappers around the same mapper, so what was tested in a notebook is what serves.
 *
 * A mapper is built for one input schema (and, for model mappers, one model); `map` keeps the
 * rows' order and count: output row i belongs to input row i.
 */
export interface Mapper {
  readonly outputSchema: Schema;
  /**
   * Maps one chunk. `at` tells where the chunk sits in the operator's input (stream operators
   * pass it) so that errors name the input row and its event time; without it row i is row i.
   */
  map(chunk: Table, at?: ChunkPosition): Table;
  /**
   * Why `next` — a mapper built from a newer model for the same data — must not replace this one
   * (a different feature space, other labels...), or null when it may. Model-stream predictors
   * ask before every swap; a mapper without the method accepts any model of the same output schema.
   */
  swapProblem?(next: Mapper): string | null;
  /**
   * Lets the mapper write each call's output columns into storage kept from its previous call
   * (same arithmetic, no new typed arrays). Only for a caller that has read everything it needs
   * from an output table before the next call and keeps none of its columns: LocalPredictor, whose
   * one-row chunks would otherwise pay more for a dozen typed arrays per stage than for the math.
   * A mapper without the method allocates as usual.
   */
  reuseOutputs?(): void;
}

/** Parameter values as a mapper reads them: the holder's value or default. */
export interface ParamReader {
  get(name: string): unknown;
}

/** Runs mappers one after another (a fitted pipeline's transform). */
export class MapperChain implements Mapper {
  readonly outputSchema: Schema;
  constructor(readonly mappers: readonly Mapper[], inputSchema: Schema) {
    this.outputSchema = mappers.length === 0 ? inputSchema : mappers[mappers.length - 1].outputSchema;
  }

  map(chunk: Table, at?: ChunkPosition): Table {
    // Every mapper keeps the rows' order and count, so `at` holds for each stage's input.
    // The first four stages are called from call sites of their own: one shared site would see
    // every mapper class of every pipeline in the process, and past four classes V8 stops inlining
    // there, which shows when LocalPredictor runs a one-row chunk through the chain.
    const mappers = this.mappers;
    const n = mappers.length;
    let current = chunk;
    if (n > 0) current = mappers[0].map(current, at);
    if (n > 1) current = mappers[1].map(current, at);
    if (n > 2) current = mappers[2].map(current, at);
    if (n > 3) current = mappers[3].map(current, at);
    for (let i = 4; i < n; i++) current = mappers[i].map(current, at);
    return current;
  }

  /** Each stage may reuse its output storage: a stage's output is read by the next one within the same call. */
  reuseOutputs(): void {
    for (const mapper of this.mappers) mapper.reuseOutputs?.();
  }

  /**
   * A chain may replace another of the same stages only: stage i's mapper is asked about stage i
   * of `next` (a hot-swapped pipeline model must keep each stage's feature space and labels).
   */
  swapProblem(next: Mapper): string | null {
    const others = next instanceof MapperChain ? next.mappers : [next];
    if (others.length !== this.mappers.length) {
      return `the new pipeline has ${others.length} stages, the serving one ${this.mappers.length}`;
    }
    for (let i = 0; i < others.length; i++) {
      const problem = this.mappers[i].swapProblem?.(others[i]) ?? null;
      if (problem !== null) return this.mappers.length === 1 ? problem : `stage ${i}: ${problem}`;
    }
    return null;
  }
}
