import { StreamlabError } from "../../core/errors";
import { Schema } from "../../core/schema";
import { mergeByTime } from "../chunk";
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
        for (const [, chunk] of mergeByTime(inputs)) out.emit(chunk);
      },
      finish() {},
    };
  }
}
