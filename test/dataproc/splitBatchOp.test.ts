import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { MemSourceBatchOp, SplitBatchOp, splitMask } from "../../src";
import { FIXTURES, expectError } from "../helpers";

function fixture(name: string) {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, "alink-docs", `${name}.json`), "utf8"));
}

const numbered = (n: number) => new MemSourceBatchOp(Array.from({ length: n }, (_, i) => [i, `r${i}`]), "id int, name string");
const ids = (rows: unknown[][]) => rows.map((r) => r[0] as number);

function checkPartition(input: unknown[][], main: unknown[][], side: unknown[][]) {
  const key = (r: unknown[]) => JSON.stringify(r);
  expect(main.length + side.length).toBe(input.length);
  const all = new Set(input.map(key));
  const seen = new Set<string>();
  for (const r of [...main, ...side]) {
    expect(all.has(key(r))).toBe(true);
    expect(seen.has(key(r))).toBe(false);
    seen.add(key(r));
  }
}

describe("SplitBatchOp: Alink doc fixtures", () => {
  for (const name of ["SplitBatchOp__1", "SplitBatchOp__2"]) {
    it(`${name}: fraction 0.5 → exactly half the rows in the main output, the rest in side output 0`, () => {
      const f = fixture(name);
      const input = f.inputs[0];
      const source = new MemSourceBatchOp(input.rows, input.schemaStr);
      const spliter = new SplitBatchOp().setFraction(f.params[0].params[0].args[0]).linkFrom(source);
      const main = spliter.collect();
      const side = spliter.getSideOutput(0).collect();
      const expectedMain = f.expected.kind === "tables" ? f.expected.tables[0].rows : f.expected.rows;
      expect(main.length).toBe(expectedMain.length);
      checkPartition(source.collect(), main, side);
      expect(spliter.getColNames()).toEqual(["f1", "f2", "f3"]);
      expect(spliter.getSideOutput(0).getColTypes()).toEqual(source.getColTypes());
    });
  }
});

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
