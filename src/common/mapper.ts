import { Schema } from "../core/schema";
import { Table } from "../core/table";

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
  map(chunk: Table): Table;
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

  map(chunk: Table): Table {
    let current = chunk;
    for (const mapper of this.mappers) current = mapper.map(current);
    return current;
  }
}
