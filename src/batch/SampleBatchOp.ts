import { Random } from "../core/random";
import { Schema } from "../core/schema";
import { Table } from "../core/table";
import { BatchOperator, registerHelperOperator } from "../engine/batchOperator";
import { Param } from "../params/param";
import { ParamAccessors, ParamInit } from "../params/withParams";

const PARAMS = {
  ratio: Param.double({ doc: "Expected fraction of rows kept (each row independently), in [0, 1].", min: 0, max: 1 }),
  withReplacement: Param.bool({
    doc: "Draw with replacement: each row appears a Poisson(ratio)-distributed number of times.",
    default: false,
  }),
  randomSeed: Param.int({
    doc: "Seed of the sampler. streamlab samples reproducibly (Alink draws a new seed on every run).",
    default: 0,
  }),
};

export interface SampleBatchOp extends ParamAccessors<SampleBatchOp, typeof PARAMS> {}

/** A random sample of about `ratio` of the rows, in input order (Alink's `SampleBatchOp`). */
export class SampleBatchOp extends BatchOperator {
  static override readonly PARAMS = PARAMS;

  constructor(params?: ParamInit<typeof PARAMS>) {
    super(params);
  }

  protected override outputSchema([input]: readonly Schema[]): Schema {
    return input;
  }

  protected compute([input]: readonly Table[]): Table {
    const random = new Random(this.getRandomSeed());
    const ratio = this.getRatio();
    const picked: number[] = [];
    for (let i = 0; i < input.numRows; i++) {
      if (this.getWithReplacement()) {
        // Poisson(ratio) copies by inversion: the count of uniforms whose running product stays above e^-ratio.
        const limit = Math.exp(-ratio);
        let product = random.nextDouble();
        while (product > limit) {
          picked.push(i);
          product *= random.nextDouble();
        }
      } else if (random.nextDouble() < ratio) {
        picked.push(i);
      }
    }
    return input.take(picked);
  }
}

registerHelperOperator("SampleBatchOp", SampleBatchOp);
