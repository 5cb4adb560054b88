import { MemSourceBatchOp } from "../../src";
import { Random } from "../../src/core/random";

/** A batch source of (label, detail JSON) rows. */
export function predictions(rows: readonly (readonly unknown[])[], schemaStr = "label string, detail string"): MemSourceBatchOp {
  return new MemSourceBatchOp(rows as unknown[][], schemaStr);
}

/** Detail JSON for labels "1"/"0" with P("1") = p. */
export function detail(p: number, pos = "1", neg = "0"): string {
  return JSON.stringify({ [pos]: p, [neg]: 1 - p });
}

/** Random scored samples with ties: scores rounded to `decimals` places. */
export function randomSamples(n: number, seed: number, decimals = 2): { scores: number[]; labels: number[] } {
  const random = new Random(seed);
  const scores: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const y = random.nextDouble() < 0.4 ? 1 : 0;
    // Positives score higher on average, so the AUC is informative (≈ 0.75).
    // Kept inside [0.01, 0.99]: scikit-learn clips p and then derives 1 − p, which differs from Alink's clamp at 0 and 1.
    const raw = Math.min(0.99, Math.max(0.01, (y ? 0.6 : 0.4) + random.nextGaussian() * 0.25));
    const score = Number(raw.toFixed(decimals));
    // No score in (0.499, 0.5): there Alink's decision rule differs from "score ≥ 0.5" (tested separately).
    scores.push(score > 0.499 && score < 0.5 ? 0.498 : score);
    labels.push(y);
  }
  return { scores, labels };
}
