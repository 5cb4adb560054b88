import { Random } from "../../core/random";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { BatchOperator, BatchResult } from "../../engine/batchOperator";
import { Param } from "../../params/param";
import { ParamAccessors, ParamInit } from "../../params/withParams";

const PARAMS = {
  fraction: Param.double({ doc: "Share of the rows sent to the main output (the rest go to side output 0), in [0, 1].", min: 0, max: 1 }),
  randomSeed: Param.int({
    doc:
      "Seed of the random choice. null uses the fixed default seed 0, so a split is the same on every run " +
      "(Alink without a seed depends on its task layout).",
    optional: true,
    aliases: ["seed"],
  }),
};

/** Seed used when `randomSeed` is null. */
export const DEFAULT_SPLIT_SEED = 0;

export interface SplitBatchOp extends ParamAccessors<SplitBatchOp, typeof PARAMS> {}

/**
 * Splits rows at random into two parts (Alink's `SplitBatchOp`, reference §10): exactly
 * `Math.round(n · fraction)` rows (half up) go to the main output, the others to
 * `getSideOutput(0)`. Both parts keep the input's schema and row order.
 *
 * The choice is a uniform sample of that many rows drawn with streamlab's seeded generator, so it
 * is reproducible: the same input, fraction and seed give the same split on every run and machine.
 * It does not reproduce Alink's particular rows (those depend on Flink's partitioning).
 *
 * ```ts
 * const spliter = new SplitBatchOp(0.8).linkFrom(data);   // or new SplitBatchOp().setFraction(0.8)
 * const train = spliter;                                  // 80 % of the rows
 * const test = spliter.getSideOutput(0);                  // the other 20 %
 * ```
 */
export class SplitBatchOp extends BatchOperator {
  static override readonly PARAMS = PARAMS;

  /** `new SplitBatchOp(0.8)` or `new SplitBatchOp({ fraction: 0.8, randomSeed: 7 })`. */
  constructor(fractionOrParams?: number | ParamInit<typeof PARAMS>) {
    super(typeof fractionOrParams === "number" ? { fraction: fractionOrParams } : fractionOrParams);
  }

  override getSideOutputCount(): number {
    return 1;
  }

  protected override outputSchema([input]: readonly Schema[]): Schema {
    return input;
  }

  protected compute([input]: readonly Table[]): BatchResult {
    const n = input.numRows;
    const selected = splitMask(n, this.getFraction(), this.getRandomSeed() ?? DEFAULT_SPLIT_SEED);
    const main = new Int32Array(countOnes(selected));
    const rest = new Int32Array(n - main.length);
    let a = 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      if (selected[i] === 1) main[a++] = i;
      else rest[b++] = i;
    }
    return { output: input.take(main), sideOutputs: [input.take(rest)] };
  }
}

/**
 * Which of `n` rows a split selects: exactly `Math.round(n · fraction)` of them, chosen uniformly
 * by a partial Fisher–Yates shuffle driven by `new Random(seed)`. 1 = selected.
 */
export function splitMask(n: number, fraction: number, seed: number): Uint8Array {
  const k = Math.min(n, Math.max(0, Math.round(n * fraction)));
  const mask = new Uint8Array(n);
  const random = new Random(seed);
  const positions = new Int32Array(n);
  for (let i = 0; i < n; i++) positions[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + random.nextInt(n - i);
    const t = positions[i];
    positions[i] = positions[j];
    positions[j] = t;
    mask[positions[i]] = 1;
  }
  return mask;
}

function countOnes(mask: Uint8Array): number {
  let c = 0;
  for (let i = 0; i < mask.length; i++) c += mask[i];
  return c;
}
