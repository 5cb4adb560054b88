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
    let current = chunk;
    for (const mapper of this.mappers) current = mapper.map(current, at);
    return current;
  }
}
