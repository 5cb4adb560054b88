/**
 * Scaler training statistics stay exact for large offsets. The oracle is exact rational arithmetic
 * on BigInts (every double is an integer times 2^-1074), rounded once to a double at the end: an
 * independent computation, not a re-run of the library's formula.
 */
import { describe, expect, it } from "vitest";
import { MemSourceBatchOp, MinMaxScalerTrainBatchOp, StandardScaler, StandardScalerTrainBatchOp, MinMaxScaler } from "../../src";
import { numericColumnStats, summaryMean, summaryStd } from "../../src/feature/common/columnStats";
import { Schema } from "../../src/core/schema";
import { Table } from "../../src/core/table";

// ------------------------------------------------------------------ exact oracle

const SCALE = 1074n; // every finite double is an integer multiple of 2^-1074

/** x · 2^1074 as an exact BigInt. */
function scaled(x: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const exponent = (bits >> 52n) & 0x7ffn;
  const fraction = bits & ((1n << 52n) - 1n);
  // value = mantissa · 2^(e − 1075) for normal numbers, fraction · 2^-1074 for subnormals.
  const mantissa = exponent === 0n ? fraction : fraction | (1n << 52n);
  const shift = exponent === 0n ? 0n : exponent - 1n;
  return sign * (mantissa << shift);
}

/** The double nearest to num / den (den > 0), via a 64-bit quotient and one final rounding. */
function toDouble(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const negative = num < 0n;
  const a = negative ? -num : num;
  // Scale so the integer quotient has ≥ 70 significant bits: its rounding to 53 bits is then final
  // (a sticky bit keeps ties honest).
  let shift = BigInt(den.toString(2).length - a.toString(2).length + 70);
  if (shift < 0n) shift = 0n;
  const q = (a << shift) / den;
  const sticky = (a << shift) % den === 0n ? 0n : 1n;
  const value = Number((q << 1n) | sticky) / 2 ** (Number(shift) + 1);
  return negative ? -value : value;
}

/** Exact mean and sample variance of doubles, each rounded once to the nearest double; std = sqrt(var). */
function exactStats(xs: readonly number[]): { mean: number; variance: number; std: number } {
  const n = BigInt(xs.length);
  let s = 0n;
  let s2 = 0n;
  for (const x of xs) {
    const v = scaled(x);
    s += v;
    s2 += v * v;
  }
  const mean = toDouble(s, n << SCALE);
  // Σ(x − μ)² = (nΣx² − (Σx)²) / n, exactly; divided by n − 1 and by 2^(2·1074).
  const variance = xs.length <= 1 ? 0 : toDouble(n * s2 - s * s, n * (n - 1n) << (2n * SCALE));
  return { mean, variance, std: Math.sqrt(variance) };
}

const ulp = (x: number) => {
  if (x === 0) return Number.MIN_VALUE;
  const e = Math.floor(Math.log2(Math.abs(x)));
  return 2 ** (e - 52);
};

function statsOf(xs: readonly (number | null)[]) {
  const table = Table.fromRows(xs.map((x) => [x]), Schema.parse("x double"));
  const [s] = numericColumnStats(table, [0], "test");
  return { mean: summaryMean(s), std: summaryStd(s), min: s.min, max: s.max };
}

/** Alink's one-pass formula (errata E15), to show each case defeats it. */
function alinkStd(xs: readonly number[]): number {
  const n = xs.length;
  const sum = xs.reduce((a, b) => a + b, 0);
  const sum2 = xs.reduce((a, b) => a + b * b, 0);
  return Math.sqrt(Math.max(0, (sum2 - (sum * sum) / n) / (n - 1)));
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ------------------------------------------------------------------ tests

describe("the exact oracle itself", () => {
  it("agrees with hand-computed values", () => {
    expect(exactStats([1, 2, 3, 4])).toEqual({ mean: 2.5, variance: 5 / 3, std: Math.sqrt(5 / 3) });
    expect(exactStats([0.1, 0.2])).toMatchObject({ mean: 0.15000000000000002 }); // (0.1 + 0.2)/2 of the doubles, exactly rounded
    expect(exactStats([1e9 + 1, 1e9 + 2, 1e9 + 3])).toEqual({ mean: 1e9 + 2, variance: 1, std: 1 });
  });
});

describe("StandardScaler statistics are exact for large offsets", () => {
  it("1e9+1, 1e9+2, 1e9+3 → mean 1e9+2, std 1 (Alink's formula gives 0 here)", () => {
    const xs = [1e9 + 1, 1e9 + 2, 1e9 + 3];
    expect(alinkStd(xs)).not.toBe(1);
    expect(statsOf(xs)).toMatchObject({ mean: 1e9 + 2, std: 1 });
    // Through the operator and the fitted model, as a user sees it.
    const data = new MemSourceBatchOp(xs.map((x) => [x]), "x double");
    const model = new StandardScalerTrainBatchOp().setSelectedCols(["x"]).linkFrom(data);
    expect(model.collect().map((r) => r[1])).toEqual(['{"withMean":"true","withStd":"true"}', "[1.000000002E9]", "[1.0]"]);
    expect(new StandardScaler().setSelectedCols(["x"]).fit(data).transform(data).collect()).toEqual([[-1], [0], [1]]);
  });

  it("1e15 + quarter steps (ulp 0.125): std 0.25 exactly", () => {
    const xs = [1e15 + 0.25, 1e15 + 0.5, 1e15 + 0.75];
    expect(alinkStd(xs)).not.toBe(0.25);
    expect(statsOf(xs)).toMatchObject({ mean: 1e15 + 0.5, std: 0.25 });
  });

  it("random data around ±1e8 with spread 1e-3: within 1 ulp of the exact values", () => {
    const random = mulberry32(13);
    for (const offset of [1e8, -1e8, 12345.678]) {
      const xs = Array.from({ length: 2000 }, () => offset + (random() - 0.5) * 1e-3);
      const exact = exactStats(xs);
      const got = statsOf(xs);
      expect(Math.abs(got.mean - exact.mean), `mean at ${offset}`).toBeLessThanOrEqual(ulp(exact.mean));
      expect(Math.abs(got.std - exact.std), `std at ${offset}`).toBeLessThanOrEqual(ulp(exact.std));
    }
  });

  it("ordinary data: the exact values (so Alink's results are kept where Alink is right)", () => {
    const random = mulberry32(7);
    const cases = [
      [1, 2, 3, 4],
      [-3.5, 0, 2.25, 10, 7],
      Array.from({ length: 500 }, () => random() * 100 - 50),
      Array.from({ length: 50 }, () => Math.round(random() * 1000)),
    ];
    for (const xs of cases) {
      const exact = exactStats(xs);
      const got = statsOf(xs);
      expect(Math.abs(got.mean - exact.mean)).toBeLessThanOrEqual(ulp(exact.mean));
      expect(Math.abs(got.std - exact.std)).toBeLessThanOrEqual(ulp(exact.std));
      expect(Math.abs(alinkStd(xs) - exact.std) / exact.std).toBeLessThan(1e-12); // Alink is right here too
    }
  });

  it("nulls are skipped; one value gives std 0, none gives mean NaN and std 0 (Alink's conventions)", () => {
    expect(statsOf([null, 1e9 + 1, null, 1e9 + 3])).toMatchObject({ mean: 1e9 + 2, std: Math.SQRT2 });
    expect(statsOf([5e9])).toMatchObject({ mean: 5e9, std: 0 });
    const none = statsOf([null, null]);
    expect(none.mean).toBeNaN();
    expect(none.std).toBe(0);
  });

  it("the same rows give the same bits however the table was assembled from chunks", () => {
    const random = mulberry32(3);
    const xs = Array.from({ length: 1000 }, () => 1e9 + random());
    const whole = statsOf(xs);
    const chunks = [0, 333, 777, 1000].slice(1).map((end, i, ends) => Table.fromRows(xs.slice(i === 0 ? 0 : ends[i - 1], end).map((x) => [x]), Schema.parse("x double")));
    const [s] = numericColumnStats(Table.concat(chunks), [0], "test");
    expect([summaryMean(s), summaryStd(s)]).toEqual([whole.mean, whole.std]);
  });
});

describe("MinMaxScaler statistics and scaling with large offsets", () => {
  it("1e9+1..1e9+3 → min/max exact, scaled to 0, 0.5, 1", () => {
    const data = new MemSourceBatchOp([[1e9 + 2], [1e9 + 1], [1e9 + 3]], "x double");
    const model = new MinMaxScalerTrainBatchOp().setSelectedCols(["x"]).linkFrom(data);
    expect(model.collect().map((r) => String(r[1]))).toContain("[1.000000001E9]");
    expect(model.collect().map((r) => String(r[1]))).toContain("[1.000000003E9]");
    expect(new MinMaxScaler().setSelectedCols(["x"]).fit(data).transform(data).collect()).toEqual([[0.5], [0], [1]]);
    expect(statsOf([1e15 + 0.25, -1e15, 1e15 + 0.125])).toMatchObject({ min: -1e15, max: 1e15 + 0.25 });
  });
});
