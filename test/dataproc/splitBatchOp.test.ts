import { describe, expect, it } from "vitest";
import { MemSourceBatchOp, SplitBatchOp, splitMask } from "../../src";
import { expectError } from "../helpers";

const numbered = (n: number) => new MemSourceBatchOp(Array.from({ length: n }, (_, i) => [i, `r${i}`]), "id int, name string");
const ids = (rows: unknown[][]) => rows.map((r) => r[0] as number);

// Alink's documented examples SplitBatchOp__1/__2 are run by test/contract/alinkDocs.test.ts.

describe("SplitBatchOp", () => {
  it("selects exactly Math.round(n · fraction) rows (half up) and keeps input order in both outputs", () => {
    for (const [n, fraction, expected] of [
      [10, 0.35, 4],
      [10, 0.25, 3],
      [7, 0.5, 4],
      [1000, 0.8, 800],
      [5, 0, 0],
      [5, 1, 5],
      [0, 0.5, 0],
    ] as const) {
      const spliter = new SplitBatchOp(fraction).linkFrom(numbered(n));
      const main = ids(spliter.collect());
      const side = ids(spliter.getSideOutput(0).collect());
      expect(main.length, `${n} × ${fraction}`).toBe(expected);
      expect(main).toEqual([...main].sort((a, b) => a - b));
      expect(side).toEqual([...side].sort((a, b) => a - b));
      expect([...main, ...side].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });

  it("is reproducible: same seed → same split; null uses the documented default seed 0", () => {
    const split = (op: SplitBatchOp) => ids(op.linkFrom(numbered(200)).collect());
    const a = split(new SplitBatchOp(0.3).setRandomSeed(42));
    expect(split(new SplitBatchOp({ fraction: 0.3, randomSeed: 42 }))).toEqual(a);
    expect(split(new SplitBatchOp(0.3).setRandomSeed(43))).not.toEqual(a);
    expect(split(new SplitBatchOp(0.3))).toEqual(split(new SplitBatchOp(0.3).setRandomSeed(0)));
    expect(split(new SplitBatchOp(0.3))).toEqual(split(new SplitBatchOp(0.3)));
    // Alink's alias "seed".
    expect(split(new SplitBatchOp(0.3).set("seed", 42) as SplitBatchOp)).toEqual(a);
  });

  it("draws every row with the same probability (a uniform sample)", () => {
    const n = 20;
    const counts = new Array(n).fill(0);
    const trials = 4000;
    for (let seed = 0; seed < trials; seed++) splitMask(n, 0.25, seed).forEach((v, i) => (counts[i] += v));
    for (const c of counts) expect(Math.abs(c / trials - 0.25)).toBeLessThan(0.035);
  });

  it("rejects a fraction outside [0, 1] and requires one", () => {
    expectError(() => new SplitBatchOp(1.5), 'SplitBatchOp.setFraction: "fraction" must be a number ≥ 0 and ≤ 1; got 1.5.');
    expectError(() => new SplitBatchOp().setFraction(-0.1), 'SplitBatchOp.setFraction: "fraction" must be a number ≥ 0 and ≤ 1; got -0.1.');
    expectError(
      () => new SplitBatchOp().linkFrom(numbered(3)).collect(),
      'SplitBatchOp: parameter "fraction" is required but was not set; call setFraction(…) with a number ≥ 0 and ≤ 1.',
    );
  });

  it("has exactly one side output", () => {
    const spliter = new SplitBatchOp(0.5).linkFrom(numbered(4));
    expect(spliter.getSideOutputCount()).toBe(1);
    expectError(() => spliter.getSideOutput(1), "SplitBatchOp.getSideOutput(1): index out of range, it has 1 side output (0..0).");
  });
});
