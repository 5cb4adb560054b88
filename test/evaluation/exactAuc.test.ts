import { describe, expect, it } from "vitest";
import { Random } from "../../src/core/random";
import { exactAuc } from "../../src/evaluation/binaryClass/exactAuc";
import { computeExactBinaryMetrics } from "../../src/evaluation/binaryClass/exactMetrics";
import { ProgressiveValidation } from "../../src/evaluation/binaryClass/progressiveValidation";

/** Java's Double.compare, written out: NaN above everything and equal to itself, −0.0 below 0.0. */
function javaCompare(x: number, y: number): number {
  const nx = Number.isNaN(x);
  const ny = Number.isNaN(y);
  if (nx || ny) return nx && ny ? 0 : nx ? 1 : -1;
  if (x !== y) return x < y ? -1 : 1;
  if (x !== 0) return 0;
  const zx = Object.is(x, -0);
  const zy = Object.is(y, -0);
  return zx === zy ? 0 : zx ? -1 : 1;
}

/** AUC by definition: over every (positive, negative) pair, 1 if the positive scores higher, ½ if tied. */
function pairwiseAuc(scores: number[], labels: number[]): number {
  let u = 0;
  let pairs = 0;
  for (let a = 0; a < scores.length; a++) {
    if (labels[a] !== 1) continue;
    for (let b = 0; b < scores.length; b++) {
      if (labels[b] !== 0) continue;
      pairs++;
      const c = javaCompare(scores[a], scores[b]);
      u += c > 0 ? 1 : c === 0 ? 0.5 : 0;
    }
  }
  return u / pairs;
}

function batchAuc(scores: Float64Array, labels: Uint8Array): number {
  return computeExactBinaryMetrics({ length: scores.length, scores, positive: labels, logLoss: new Float64Array(scores.length) }, ["1", "0"]).auc;
}

const bits = (x: number) => Array.from(new Uint32Array(Float64Array.of(x).buffer));

describe("exactAuc", () => {
  it("is the batch evaluation's AUC bit for bit, with ties, coarse scores, one-class windows, NaN and −0", () => {
    const random = new Random(17);
    let compared = 0;
    for (let trial = 0; trial < 400; trial++) {
      const n = 1 + Math.floor(random.nextDouble() * (trial < 300 ? 60 : 5000));
      const kind = trial % 5;
      const scores = new Float64Array(n);
      const labels = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const u = random.nextDouble();
        // kind 0: continuous; 1: few distinct values (many ties); 2: with 0, −0 and NaN; 3: mostly one class; 4: sigmoid-like
        scores[i] = kind === 1 ? Math.floor(u * 7) / 7 : kind === 2 ? [0, -0, NaN, 1, u][Math.floor(random.nextDouble() * 5)] : kind === 4 ? 1 / (1 + Math.exp(-(u - 0.5) * 40)) : u;
        labels[i] = random.nextDouble() < (kind === 3 ? 0.02 : 0.35) ? 1 : 0;
      }
      const fast = exactAuc(scores, labels, n);
      const batch = batchAuc(scores, labels);
      expect(bits(fast)).toEqual(bits(batch));
      const positives = labels.reduce((a, y) => a + y, 0);
      if (positives === 0 || positives === n) expect(fast).toBeNaN();
      else if (n <= 60) expect(fast).toBeCloseTo(pairwiseAuc(Array.from(scores), Array.from(labels)), 12);
      compared++;
    }
    expect(compared).toBe(400);
  });

  it("hand-computed: ties share their mean rank; one class gives NaN; only the first n samples count", () => {
    // positives 0.9, 0.5; negatives 0.5, 0.1: pairs (0.9>0.5) (0.9>0.1) (0.5=0.5 → ½) (0.5>0.1) → 3.5 / 4
    expect(exactAuc(Float64Array.of(0.9, 0.5, 0.5, 0.1, 0.0), Uint8Array.of(1, 1, 0, 0, 1), 4)).toBe(0.875);
    expect(exactAuc(Float64Array.of(0.2, 0.4), Uint8Array.of(1, 1), 2)).toBeNaN();
  });

  it("ProgressiveValidation reports that AUC, log loss and accuracy of its window", () => {
    const pv = new ProgressiveValidation();
    pv.reserve(4);
    [
      [0.9, 1],
      [0.5, 1],
      [0.5, 0],
      [0.1, 0],
    ].forEach(([p, y]) => pv.add(p, y));
    const s = pv.summary(["1", "0"]);
    expect(s.samples).toBe(4);
    expect(s.auc).toBe(0.875);
    expect(s.accuracy).toBe(0.75); // 0.5 predicts the positive class
    expect(s.logloss).toBeCloseTo((-Math.log(0.9) - Math.log(0.5) - Math.log(0.5) - Math.log(0.9)) / 4, 14);
  });
});

describe("exactAuc working arrays kept between calls", () => {
  it("gives the curve walk's AUC for windows of changing sizes (larger, smaller, tied, larger again)", () => {
    const random = new Random(41);
    for (const n of [5000, 37, 4000, 1, 2, 12000, 600, 5000]) {
      const scores = new Float64Array(n);
      const positive = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        scores[i] = random.nextDouble() < 0.3 ? Math.round(random.nextDouble() * 20) / 20 : random.nextDouble();
        positive[i] = random.nextDouble() < 0.4 ? 1 : 0;
      }
      positive[0] = 1;
      if (n > 1) positive[n - 1] = 0;
      const expected = n > 1 ? computeExactBinaryMetrics({ length: n, scores, positive, logLoss: new Float64Array(n) }, ["1", "0"]).auc : NaN;
      expect(Object.is(exactAuc(scores, positive, n), expected)).toBe(true);
    }
  });
});
