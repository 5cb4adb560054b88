import { Random } from "../../core/random";
import { Schema } from "../../core/schema";
import { Param } from "../../params/param";
import { RandomSeedParam } from "../../params/shared";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { StreamOperator } from "../../stream/streamOperator";
import { StreamTask } from "../../stream/task";

const PARAMS = {
  fraction: Param.double({ doc: "Probability that a row goes to the main output (the rest go to side output 0).", min: 0, max: 1 }),
  ...RandomSeedParam,
};

export interface SplitStreamOp extends ParamAccessors<SplitStreamOp, typeof PARAMS> {}

/**
 * Splits a stream at random (Alink's `SplitStreamOp`): each row goes to the main output with
 * probability `fraction`, else to `getSideOutput(0)`. Seeded (see `randomSeed`).
 *
 * Speed: the two halves are disjoint, so a feature pipeline applied to each half (the usual
 * graph) hashes every row once. When the input is a CSV source parsing in a worker thread and the
 * same fitted pipeline transforms both halves, that thread may map rows before the split.
 */
export class SplitStreamOp extends StreamOperator {
  static override readonly PARAMS = PARAMS;
  /** Rows go out as they came in, only to one output or the other: a feature pipeline after both may run before (stream/pushdown.ts). */
  readonly routesRows = true;

  constructor(fraction?: number | ParamInit<typeof PARAMS>) {
    super(typeof fraction === "number" ? { fraction } : fraction);
  }

  override getSideOutputCount(): number {
    return 1;
  }

  protected outputSchema([input]: readonly Schema[]): Schema {
    return input;
  }

  protected override sideOutputSchema(_index: number, [input]: readonly Schema[]): Schema {
    return input;
  }

  createTask(): StreamTask {
    const random = new Random(this.getRandomSeed());
    const fraction = this.getFraction();
    return {
      process(inputs, _stepEnd, out) {
        for (const chunk of inputs[0]) {
          // One draw per row, in row order (the same draws as ever); the two index lists fill one
          // Int32Array from both ends, so a chunk costs one typed array and no growing JS arrays.
          const n = chunk.numRows;
          const order = new Int32Array(n);
          let mains = 0;
          let sides = n;
          for (let i = 0; i < n; i++) {
            if (random.nextDouble() < fraction) order[mains++] = i;
            else order[--sides] = i;
          }
          if (mains === n) out.emit(chunk, 0);
          else if (mains > 0) out.emit(chunk.take(order.subarray(0, mains)), 0);
          if (mains === 0) out.emit(chunk, 1);
          else if (mains < n) out.emit(chunk.take(order.subarray(mains).reverse()), 1);
        }
      },
      finish() {},
    };
  }
}
