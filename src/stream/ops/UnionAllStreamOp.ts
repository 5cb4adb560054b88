import { StreamlabError } from "../../core/errors";
import { Schema } from "../../core/schema";
import { StreamChunk } from "../chunk";
import { StreamOperator } from "../streamOperator";
import { StreamTask } from "../task";

/**
 * All rows of several streams with the same schema, interleaved by event time (ties: the input
 * linked first goes first) — Alink's `UnionAllStreamOp`, deterministic here.
 */
export class UnionAllStreamOp extends StreamOperator {
  static override readonly INPUTS: readonly [number, number] = [1, 64];

  protected outputSchema(inputSchemas: readonly Schema[]): Schema {
    const [first, ...rest] = inputSchemas;
    rest.forEach((s, i) => {
      if (!s.equals(first)) {
        throw new StreamlabError(`UnionAllStreamOp: input ${i + 1} has schema ${s}, but input 0 has ${first}; all inputs need the same columns and types.`, {
          operator: this.operatorName,
        });
      }
    });
    return first;
  }

  createTask(): StreamTask {
    return {
      process(inputs, _stepEnd, out) {
        const present = inputs.filter((chunks) => chunks.length > 0);
        if (present.length === 0) return;
        if (present.length === 1) {
          for (const chunk of present[0]) out.emit(chunk);
          return;
        }
        // One concatenation and one reordering per step (rows of a random split interleave row
        // by row; slicing per run of rows would make a table per row).
        const all = inputs.flat();
        const merged = StreamChunk.concat(all);
        const source = new Int32Array(merged.numRows);
        let at = 0;
        inputs.forEach((chunks, input) => {
          for (const chunk of chunks) for (let i = 0; i < chunk.numRows; i++) source[at++] = input;
        });
        const order = Array.from({ length: merged.numRows }, (_, i) => i);
        order.sort((a, b) => merged.times[a] - merged.times[b] || source[a] - source[b] || a - b);
        out.emit(merged.take(order));
      },
      finish() {},
    };
  }
}
