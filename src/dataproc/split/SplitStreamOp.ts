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
 */
export class SplitStreamOp extends StreamOperator {
  static override readonly PARAMS = PARAMS;

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
          const main: number[] = [];
          const side: number[] = [];
          for (let i = 0; i < chunk.numRows; i++) (random.nextDouble() < fraction ? main : side).push(i);
          if (main.length > 0) out.emit(chunk.take(main), 0);
          if (side.length > 0) out.emit(chunk.take(side), 1);
        }
      },
      finish() {},
    };
  }
}
