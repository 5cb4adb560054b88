import { describe, expect, it } from "vitest";
import { Random } from "../../src/core/random";
import { FtrlLearner, sigmoid } from "../../src/onlinelearning/ftrl/FtrlLearner";

/**
 * FtrlLearner picks sign(z)·l1 without a branch. These cases push that select where a slip would
 * show: l1 = 0 (the picked value is ±0), an l1 large enough that most coordinates sit at w = 0 and
 * cross back and forth, and gradients of both signs, on both the fused per-row path and the
 * mini-batch path, against the textbook update written with a branch (bit for bit, −0 included).
 */
function textbookRun(w0: Float64Array, rows: { idx: number[]; val: number[]; y: number }[], p: { alpha: number; beta: number; l1: number; l2: number }, batch: number) {
  const w = Float64Array.from(w0);
  const z = new Float64Array(w.length);
  const n = new Float64Array(w.length);
  const probabilities: number[] = [];
  let sum = new Map<number, number>();
  let count = new Map<number, number>();
  const apply = () => {
    for (const [i, s] of sum) {
      const g = s / count.get(i)!;
      const sigma = (Math.sqrt(n[i] + g * g) - Math.sqrt(n[i])) / p.alpha;
      z[i] += g - sigma * w[i];
      n[i] += g * g;
      if (Math.abs(z[i]) <= p.l1) w[i] = 0;
      else if (z[i] < 0) w[i] = (-p.l1 - z[i]) / ((p.beta + Math.sqrt(n[i])) / p.alpha + p.l2);
      else w[i] = (p.l1 - z[i]) / ((p.beta + Math.sqrt(n[i])) / p.alpha + p.l2);
    }
    sum = new Map();
    count = new Map();
  };
  rows.forEach((row, r) => {
    let dot = w[0];
    row.idx.forEach((i, k) => (dot += w[i + 1] * row.val[k]));
    const q = sigmoid(dot);
    probabilities.push(q);
    const add = (i: number, g: number) => {
      sum.set(i, (sum.get(i) ?? 0) + g);
      count.set(i, (count.get(i) ?? 0) + 1);
    };
    add(0, q - row.y);
    row.idx.forEach((i, k) => add(i + 1, (q - row.y) * row.val[k]));
    if ((r + 1) % batch === 0) apply();
  });
  apply();
  return { w, z, n, probabilities };
}

const bits = (a: Float64Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length * 2));

describe("FtrlLearner sign(z)·l1 without a branch", () => {
  const settings = [
    { alpha: 0.1, beta: 1, l1: 0, l2: 0 },
    { alpha: 0.5, beta: 0.1, l1: 0.8, l2: 0.05 },
    { alpha: 2, beta: 1, l1: 0.05, l2: 3 },
  ];
  for (const p of settings)
    for (const batch of [1, 5]) {
      it(`matches the textbook update bit for bit (alpha ${p.alpha}, l1 ${p.l1}, l2 ${p.l2}, miniBatchSize ${batch})`, () => {
        const random = new Random(17);
        const dim = 40;
        const rows = Array.from({ length: 3000 }, () => {
          const idx = [...new Set(Array.from({ length: 1 + Math.floor(random.nextDouble() * 8) }, () => Math.floor(random.nextDouble() * dim)))].sort((a, b) => a - b);
          // Values of both signs (and some −0), so gradients and z change sign often.
          const val = idx.map(() => (random.nextDouble() < 0.1 ? -0 : random.nextGaussian() * 2));
          return { idx, val, y: random.nextDouble() < 0.4 ? 1 : 0 };
        });
        const w0 = Float64Array.from({ length: dim + 1 }, () => random.nextGaussian() * 0.3);
        const expected = textbookRun(w0, rows, p, batch);
        const learner = new FtrlLearner(w0, true, { ...p, miniBatchSize: batch });
        const offsets = [0];
        rows.forEach((row) => offsets.push(offsets[offsets.length - 1] + row.idx.length));
        const indices = Int32Array.from(rows.flatMap((row) => row.idx));
        const values = Float64Array.from(rows.flatMap((row) => row.val));
        const probabilities = rows.map((row, r) => {
          const q = learner.accumulate(indices, values, offsets[r], offsets[r + 1], row.y);
          if (learner.pending >= batch) learner.applyBatch();
          return q;
        });
        if (learner.pending > 0) learner.applyBatch();
        expect(probabilities).toEqual(expected.probabilities);
        // Both signs and zeros really occurred (else the case would not test the select).
        expect(expected.z.some((v) => v < -p.l1) && expected.z.some((v) => v > p.l1)).toBe(true);
        expect(bits(learner.w)).toEqual(bits(expected.w));
        expect(bits(learner.z)).toEqual(bits(expected.z));
        expect(bits(learner.n)).toEqual(bits(expected.n));
      });
    }
});
