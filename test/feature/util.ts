import * as path from "path";
import { expect } from "vitest";
import { BatchOperator, Mapper, MemSourceBatchOp, PipelineModel, Table } from "../../src";
import { tempDir } from "../helpers";

/** Rows with vectors as their Alink strings (what print shows). */
export function rowsOf(op: BatchOperator | Table): unknown[][] {
  const table = op instanceof Table ? op : op.getOutputTable();
  return table.toRows().map((r) => r.map((v) => (v !== null && typeof v === "object" && !(v instanceof Date) ? String(v) : v)));
}

export function mem(rows: unknown[][], schemaStr: string): MemSourceBatchOp {
  return new MemSourceBatchOp(rows, schemaStr);
}

/** Saves a pipeline model to a temporary file and loads it back. */
export function saveAndLoad(model: PipelineModel): PipelineModel {
  const file = path.join(tempDir("streamlab-feature-"), "model.json");
  model.save(file);
  return PipelineModel.load(file);
}

/**
 * A mapper applied chunk by chunk (sizes 1, 7 and all rows) gives exactly the whole-table result,
 * as a stream operator wrapping it will see the data.
 */
export function expectChunkInvariant(makeMapper: () => Mapper, table: Table): void {
  const whole = rowsOf(makeMapper().map(table));
  for (const size of [1, 7, table.numRows]) {
    const mapper = makeMapper();
    const parts: Table[] = [];
    for (let start = 0; start < table.numRows; start += size) parts.push(mapper.map(table.slice(start, start + size)));
    expect(rowsOf(Table.concat(parts, mapper.outputSchema)), `chunks of ${size}`).toEqual(whole);
  }
}

/** A small deterministic PRNG for test data (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
