import { Random } from "../core/random";
import { Schema } from "../core/schema";
import { Table } from "../core/table";
import { BatchOperator, registerHelperOperator } from "../engine/batchOperator";
import { Param } from "../params/param";
import { ParamAccessors, ParamInit } from "../params/withParams";

const PARAMS = {
  size: Param.int({ doc: "Number of rows to draw (all rows when the input has fewer and no replacement).", min: 0 }),
  withReplacement: Param.bool({ doc: "Draw with replacement (rows may repeat).", default: false }),
  randomSeed: Param.int({
    doc: "Seed of the sampler. streamlab samples reproducibly (Alink draws a new seed on every run).",
    default: 0,
  }),
};

export interface SampleWithSizeBatchOp extends ParamAccessors<SampleWithSizeBatchOp, typeof PARAMS> {}

/** Exactly `size` random rows, kept in input order (Alink's `SampleWithSizeBatchOp`). */
export class SampleWithSizeBatchOp extends BatchOperator {
  static override readonly PARAMS = PARAMS;

  constructor(params?: ParamInit<typeof PARAMS>) {
    super(params);
  }

  protected override outputSchema([input]: readonly Schema[]): Schema {
    return input;
  }

  protected compute([input]: readonly Table[]): Table {
    const random = new Random(this.getRandomSeed());
    const n = input.numRows;
    const size = this.getSize();
    if (this.getWithReplacement()) {
      if (n === 0) return input;
      const rows = Array.from({ length: size }, () => random.nextInt(n)).sort((a, b) => a - b);
      return input.take(rows);
    }
    if (size >= n) return input;
    // Reservoir sampling keeps memory at `size` and is one pass.
    const reservoir = Array.from({ length: size }, (_, i) => i);
    for (let i = size; i < n; i++) {
      const j = random.nextInt(i + 1);
      if (j < size) reservoir[j] = i;
    }
    return input.take(reservoir.sort((a, b) => a - b));
  }
}

registerHelperOperator("SampleWithSizeBatchOp", SampleWithSizeBatchOp);
