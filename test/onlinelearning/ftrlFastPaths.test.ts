import { describe, expect, it } from "vitest";
import { LinearModelData, linearModelToTable } from "../../src/classification/linear/model";
import { javaDoubleToString } from "../../src/core/javaFormat";
import { Random } from "../../src/core/random";
import { Table } from "../../src/core/table";
import { FtrlHyperParams, FtrlLearner, sigmoid } from "../../src/onlinelearning/ftrl/FtrlLearner";
import { LinearModelTableWriter, doubleText } from "../../src/onlinelearning/ftrl/modelTableWriter";

/** FtrlLearner as first written (three square roots per update, separate sum/count arrays): the fast one must match it bit for bit. */
class PlainFtrl {
  readonly w: Float64Array;
  readonly z: Float64Array;
  readonly n: Float64Array;
  private readonly gradSum: Float64Array;
  private readonly gradCount: Int32Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  pending = 0;
  constructor(w0: Float64Array, readonly withIntercept: boolean, readonly params: FtrlHyperParams) {
    this.w = Float64Array.from(w0);
    this.z = new Float64Array(w0.length);
    this.n = new Float64Array(w0.length);
    this.gradSum = new Float64Array(w0.length);
    this.gradCount = new Int32Array(w0.length);
    this.touched = new Int32Array(w0.length);
  }
  accumulate(indices: Int32Array, values: Float64Array, from: number, to: number, label: number): number {
    const shift = this.withIntercept ? 1 : 0;
    let dot = this.withIntercept ? this.w[0] : 0;
    for (let k = from; k < to; k++) dot += this.w[indices[k] + shift] * values[k];
    const p = sigmoid(dot);
    const residual = p - label;
    if (this.withIntercept) this.touch(0, residual);
    for (let k = from; k < to; k++) this.touch(indices[k] + shift, residual * values[k]);
    this.pending++;
    return p;
  }
  private touch(i: number, g: number): void {
    if (this.gradCount[i] === 0) this.touched[this.touchedCount++] = i;
    this.gradSum[i] += g;
    this.gradCount[i]++;
  }
  applyBatch(): void {
    const { alpha, beta, l1, l2 } = this.params;
    const { w, z, n, gradSum, gradCount, touched } = this;
    for (let t = 0; t < this.touchedCount; t++) {
      const i = touched[t];
      const g = gradSum[i] / gradCount[i];
      gradSum[i] = 0;
      gradCount[i] = 0;
      const sqrtN = Math.sqrt(n[i]);
      const sigma = (Math.sqrt(n[i] + g * g) - sqrtN) / alpha;
      z[i] += g - sigma * w[i];
      n[i] += g * g;
      const zi = z[i];
      if (Math.abs(zi) <= l1) w[i] = 0;
      else w[i] = ((zi < 0 ? -1 : 1) * l1 - zi) / ((beta + Math.sqrt(n[i])) / alpha + l2);
    }
    this.touchedCount = 0;
    this.pending = 0;
  }
  rebase(weights: Float64Array): void {
    this.w.set(weights);
    this.z.fill(0);
    this.n.fill(0);
  }
}

describe("FtrlLearner fast path", () => {
  for (const withIntercept of [true, false]) {
    it(`gives bit-identical probabilities, w, z and n to the plain update (withIntercept ${withIntercept}), across a rebase`, () => {
      const random = new Random(5);
      const dim = 200;
      const rows = 6000;
      const offsets = new Int32Array(rows + 1);
      const indices: number[] = [];
      const values: number[] = [];
      const labels = new Uint8Array(rows);
      for (let r = 0; r < rows; r++) {
        const picked = new Set<number>();
        const k = 1 + Math.floor(random.nextDouble() * 12);
        while (picked.size < k) picked.add(Math.floor(Math.pow(random.nextDouble(), 2) * dim));
        for (const i of [...picked].sort((a, b) => a - b)) {
          indices.push(i);
          values.push(random.nextDouble() < 0.7 ? 1 : random.nextGaussian() * 3);
        }
        offsets[r + 1] = indices.length;
        labels[r] = random.nextDouble() < 0.3 ? 1 : 0;
      }
      const idx = Int32Array.from(indices);
      const val = Float64Array.from(values);
      const params = { alpha: 0.1, beta: 1, l1: 0.01, l2: 0.02 };
      const w0 = Float64Array.from({ length: dim + (withIntercept ? 1 : 0) }, () => random.nextGaussian() * 0.1);
      const fast = new FtrlLearner(w0, withIntercept, params);
      const plain = new PlainFtrl(w0, withIntercept, params);
      for (let r = 0; r < rows; r++) {
        if (r === 3000) {
          const w1 = Float64Array.from(w0, (x) => x * 2);
          fast.rebase(w1);
          plain.rebase(w1);
        }
        const a = fast.accumulate(idx, val, offsets[r], offsets[r + 1], labels[r]);
        const b = plain.accumulate(idx, val, offsets[r], offsets[r + 1], labels[r]);
        expect(a).toBe(b);
        let dot = withIntercept ? plain.w[0] : 0;
        for (let k = offsets[r]; k < offsets[r + 1]; k++) dot += plain.w[idx[k] + (withIntercept ? 1 : 0)] * val[k];
        expect(fast.margin(idx, val, offsets[r], offsets[r + 1])).toBe(dot);
        if (fast.pending >= 37 || r % 500 === 499) {
          fast.applyBatch();
          plain.applyBatch();
        }
      }
      expect(Array.from(fast.w)).toEqual(Array.from(plain.w));
      expect(Array.from(fast.z)).toEqual(Array.from(plain.z));
      expect(Array.from(fast.n)).toEqual(Array.from(plain.n));
    });
  }
});

describe("FTRL model table writer", () => {
  it("doubleText is Java's Double.toString (javaDoubleToString) for every kind of double", () => {
    const random = new Random(9);
    const bits = new Float64Array(1);
    const words = new Uint32Array(bits.buffer);
    const samples: number[] = [0, -0, NaN, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, 1, -1, 5, 10, 100, 1e6, 9999999, 1e7, 1e7 - 1e-9, 0.001, 0.0009999999999999998, 0.0010000000000000002, 1e-4, 0.1, 0.5, 123456.789, 1e21, 1e-7, 2 ** 52, 1 / 3];
    for (let i = 0; i < 20000; i++) {
      words[0] = random.nextUint32();
      words[1] = random.nextUint32();
      samples.push(bits[0]);
      samples.push((random.nextDouble() - 0.5) * Math.pow(10, Math.floor(random.nextDouble() * 14) - 5));
      samples.push(Math.round((random.nextDouble() - 0.5) * 2e7));
      samples.push(Number((random.nextDouble() * 20).toFixed(Math.floor(random.nextDouble() * 6))));
    }
    for (const d of samples) expect(doubleText(d), String(d)).toBe(javaDoubleToString(d));
  });

  it("writes exactly linearModelToTable's table, also when only some coefficients change between models", () => {
    const random = new Random(3);
    const dim = 70000; // data string longer than one 32 768-character slice
    const template: LinearModelData = {
      modelName: "Logistic Regression",
      linearModelType: "LR",
      hasInterceptItem: true,
      vectorColName: "vec",
      vectorSize: dim,
      labelName: null,
      featureNames: null,
      featureTypes: null,
      coefVector: new Float64Array(dim + 1),
      labelValues: [1, 0],
      labelType: "INT",
      extraMeta: [["someKey", '"x"']],
    };
    const writer = new LinearModelTableWriter(template);
    const coef = new Float64Array(dim + 1);
    const written: [Table, Table][] = [];
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < coef.length; i++) {
        if (round > 0 && random.nextDouble() < 0.7) continue;
        const u = random.nextDouble();
        coef[i] = u < 0.3 ? 0 : u < 0.35 ? -0 : u < 0.36 ? NaN : (random.nextDouble() - 0.5) * Math.pow(10, Math.floor(random.nextDouble() * 12) - 6);
      }
      const pair: [Table, Table] = [writer.write(coef), linearModelToTable({ ...template, coefVector: coef })];
      written.push(pair);
      // Some read at once (the writer's own texts are still this table's), the others only below.
      if (round % 2 === 1) expect(pair[0].toRows()).toEqual(pair[1].toRows());
    }
    // Read only now: each table's texts are written on first read, from the coefficients it was made with.
    for (const [got, expected] of written) {
      expect(got.schema.equals(expected.schema)).toBe(true);
      expect(got.toRows()).toEqual(expected.toRows());
    }
    const withFeatures = { ...template, vectorColName: null, vectorSize: 2, featureNames: ['a"coefVector":{"data":[]}', "b"], featureTypes: ["double", "int"], coefVector: new Float64Array(3) };
    const w = Float64Array.of(0.25, -3, 1e-5);
    expect(new LinearModelTableWriter(withFeatures).write(w).toRows()).toEqual(linearModelToTable({ ...withFeatures, coefVector: w }).toRows());
  });
});

describe("FtrlLearner fused per-row path (miniBatchSize 1)", () => {
  for (const withIntercept of [true, false]) {
    it(`matches the plain update applied after every row bit for bit (withIntercept ${withIntercept}), with duplicate indices, −0 gradients, non-finite rows and a rebase`, () => {
      const random = new Random(11);
      const dim = 150;
      const rows = 5000;
      const offsets = new Int32Array(rows + 1);
      const indices: number[] = [];
      const values: number[] = [];
      const labels = new Uint8Array(rows);
      for (let r = 0; r < rows; r++) {
        const k = Math.floor(random.nextDouble() * 10);
        const row: number[] = [];
        for (let j = 0; j < k; j++) row.push(Math.floor(Math.pow(random.nextDouble(), 2) * dim));
        // Most rows sorted and distinct (as FeatureHasher writes them); some unsorted or with a repeated index.
        const shape = random.nextDouble();
        const slots = shape < 0.8 ? [...new Set(row)].sort((a, b) => a - b) : row;
        for (const i of slots) {
          indices.push(i);
          const u = random.nextDouble();
          // −0 and negative values make −0 gradients; a few NaN / ±Infinity rows must be refused untouched.
          values.push(u < 0.5 ? 1 : u < 0.6 ? -0 : u < 0.603 ? [NaN, Infinity, -Infinity][Math.floor(random.nextDouble() * 3)] : random.nextGaussian() * 3);
        }
        offsets[r + 1] = indices.length;
        labels[r] = random.nextDouble() < 0.3 ? 1 : 0;
      }
      const idx = Int32Array.from(indices);
      const val = Float64Array.from(values);
      const params = { alpha: 0.1, beta: 1, l1: 0.01, l2: 0.02 };
      const w0 = Float64Array.from({ length: dim + (withIntercept ? 1 : 0) }, () => random.nextGaussian() * 0.1);
      const fused = new FtrlLearner(w0, withIntercept, { ...params, miniBatchSize: 1 });
      const plain = new PlainFtrl(w0, withIntercept, params);
      const bits = (a: Float64Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length * 2));
      let refused = 0;
      for (let r = 0; r < rows; r++) {
        if (r === 2500) {
          const w1 = Float64Array.from(w0, (x) => x * 2);
          fused.rebase(w1);
          plain.rebase(w1);
        }
        const from = offsets[r];
        const to = offsets[r + 1];
        let finite = true;
        for (let k = from; k < to; k++) finite = finite && Number.isFinite(val[k]);
        const a = fused.accumulate(idx, val, from, to, labels[r]);
        expect(fused.pending).toBe(0);
        if (!finite) {
          refused++;
          expect(a).toBeNaN();
          continue;
        }
        const b = plain.accumulate(idx, val, from, to, labels[r]);
        plain.applyBatch();
        expect(Object.is(a, b)).toBe(true);
      }
      expect(refused).toBeGreaterThan(5);
      // Bit patterns, so +0 and −0 count as different.
      expect(bits(fused.w)).toEqual(bits(plain.w));
      expect(bits(fused.z)).toEqual(bits(plain.z));
      expect(bits(fused.n)).toEqual(bits(plain.n));
    });
  }
});
