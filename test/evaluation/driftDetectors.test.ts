/**
 * The drift detectors (ADWIN, Page-Hinkley, DDM) against two independent truths:
 *
 * - hand-computed small cases (Page-Hinkley and DDM are short formulas, worked out below);
 * - River 0.26 on the same sequences (abrupt and gradual mean shifts, Bernoulli error streams, no
 *   drift, the FTRL tutorial's prediction errors): the indices of every detection must be River's.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Random } from "../../src/core/random";
import { AdwinDetector, DdmDetector, DriftDetector, PageHinkleyDetector } from "../../src/evaluation/drift";
import { REQUIRE_TOOLS, RIVER_SKIP_REASON, RiverCase, RiverResult, riverDetections } from "./driftOracle";
import { tutorialErrors } from "./driftStreams";

function detections(detector: DriftDetector, values: readonly number[]): { drifts: number[]; warnings: number[] } {
  const drifts: number[] = [];
  const warnings: number[] = [];
  let warned = false;
  values.forEach((x, i) => {
    if (detector.update(x)) drifts.push(i);
    if (detector.warningDetected && !warned) warnings.push(i);
    warned = detector.warningDetected;
  });
  return { drifts, warnings };
}

describe("Page-Hinkley by hand", () => {
  it("signals when the cumulative deviation passes λ, and starts afresh after a drift", () => {
    // minInstances 1, δ 0, λ 1.5, α 1, mode UP. Values 0, 0, 0, 3, 3:
    // means 0, 0, 0, 0.75, 1.2; deviations 0, 0, 0, 2.25, 1.8; m⁺ = 0, 0, 0, 2.25, 4.05; min m⁺ = 0.
    // Statistic m⁺ − min: 0, 0, 0, 2.25 > 1.5 → drift at index 3. Index 4 resets first: a single
    // value, mean 3, deviation 0, statistic 0 → no drift.
    const ph = new PageHinkleyDetector({ minInstances: 1, delta: 0, threshold: 1.5, alpha: 1, mode: "UP" });
    const flags = [0, 0, 0, 3, 3].map((x) => ph.update(x));
    expect(flags).toEqual([false, false, false, true, false]);
    expect(ph.statistic).toBe(0);
  });

  it("DOWN watches decreases; δ is subtracted from increases and added for decreases; minInstances delays", () => {
    // mode DOWN, δ 0.1, λ 1, α 1, minInstances 3. Values 2, 2, 0:
    // means 2, 2, 4/3; deviations 0, 0, −4/3; m⁻ = 0.1, 0.2, 0.2 − 4/3 + 0.1 = −31/30;
    // max m⁻ = 0.2 (the start value −1 is below); statistic 0.2 + 31/30 = 37/30 > 1 → drift at index 2.
    const ph = new PageHinkleyDetector({ minInstances: 3, delta: 0.1, threshold: 1, alpha: 1, mode: "DOWN" });
    expect([2, 2, 0].map((x) => ph.update(x))).toEqual([false, false, true]);
    expect(ph.statistic).toBeCloseTo(37 / 30, 12);
    // The same values with UP: m⁺ = −0.1, −0.2, −0.2 − 4/3 − 0.1; never above its minimum.
    const up = new PageHinkleyDetector({ minInstances: 3, delta: 0.1, threshold: 1, alpha: 1, mode: "UP" });
    expect([2, 2, 0].map((x) => up.update(x))).toEqual([false, false, false]);
    expect(up.statistic).toBe(0);
    // minInstances 4: the same third value is not judged yet.
    const late = new PageHinkleyDetector({ minInstances: 4, delta: 0.1, threshold: 1, alpha: 1, mode: "DOWN" });
    expect([2, 2, 0].map((x) => late.update(x))).toEqual([false, false, false]);
  });

  it("the fading factor α shrinks old evidence", () => {
    // α 0.5, δ 0, mode UP, λ 1, minInstances 1. Values 0, 4, 4:
    // means 0, 2, 8/3; deviations 0, 2, 4/3; m⁺ = 0, 2, 0.5·2 + 4/3 = 7/3 → drift at index 1 (2 > 1).
    const ph = new PageHinkleyDetector({ minInstances: 1, delta: 0, threshold: 1, alpha: 0.5, mode: "UP" });
    expect([0, 4].map((x) => ph.update(x))).toEqual([false, true]);
    const slow = new PageHinkleyDetector({ minInstances: 1, delta: 0, threshold: 2.2, alpha: 0.5, mode: "UP" });
    expect([0, 4, 4].map((x) => slow.update(x))).toEqual([false, false, true]);
    expect(slow.statistic).toBeCloseTo(7 / 3, 12);
  });
});

describe("DDM by hand", () => {
  it("warns and signals from p + s against p_min + k·s_min", () => {
    // warmStart 2. Values 0, 1, 0, 0, 1, 1, 1:
    // n=3: p=1/3, s=√(2/27)=0.27217, p+s=0.60550 → minimum (p_min 1/3, s_min 0.27217), no warning.
    // n=4: p=1/4, s=√(3/64)=0.21651, p+s=0.46651 → new minimum (0.25, 0.21651).
    // n=5: p=2/5, s=√(6/125)=0.21909, p+s=0.61909; warn bound 0.25+2·0.21651=0.68301 → none.
    // n=6: p=1/2, s=√(1/24)=0.20412, p+s=0.70412 > 0.68301 → warning; drift bound 0.89952 → none.
    // n=7: p=4/7, s=√(12/343)=0.18704, p+s=0.75847 → still warning (not a new entry).
    const ddm = new DdmDetector({ warmStart: 2 });
    const seen = detections(ddm, [0, 1, 0, 0, 1, 1, 1]);
    expect(seen).toEqual({ drifts: [], warnings: [5] });
    expect(ddm.statistic).toBeCloseTo(4 / 7 + Math.sqrt(12 / 343), 12);
    expect(ddm.threshold).toBeCloseTo(0.25 + 3 * Math.sqrt(3 / 64), 12);
  });

  it("no error during the warm-up makes the first error a drift; then it starts afresh", () => {
    // warmStart 2: n=3 p=0 s=0 → p_min=s_min=0; n=4: p=1/4 > 0 + 3·0 → drift at index 3.
    // Index 4 starts a new detector (n=1).
    const ddm = new DdmDetector({ warmStart: 2 });
    expect(detections(ddm, [0, 0, 0, 1, 1]).drifts).toEqual([3]);
  });
});

describe("ADWIN by hand", () => {
  it("keeps a constant stream whole and cuts a jump", () => {
    const adwin = new AdwinDetector({ clock: 1 });
    for (let i = 0; i < 1000; i++) expect(adwin.update(1)).toBe(false);
    expect(adwin.width).toBe(1000);
    expect(adwin.mean).toBe(1);
    // Exponential buckets: 1000 values = at most maxBuckets + 1 buckets per size, sums intact.
    let at = -1;
    for (let i = 0; i < 100 && at < 0; i++) if (adwin.update(10)) at = i;
    expect(at).toBeGreaterThanOrEqual(0);
    expect(adwin.statistic).toBeGreaterThan(adwin.threshold);
    // The shrunken window's mean moved towards the new values.
    expect(adwin.mean).toBeGreaterThan(1);
  });
});

// ------------------------------------------------------------------- River as the oracle

function gaussian(random: Random, n: number, mean: (i: number) => number, sd: number): number[] {
  return Array.from({ length: n }, (_, i) => mean(i) + sd * random.nextGaussian());
}

function bernoulli(random: Random, n: number, p: (i: number) => number): number[] {
  return Array.from({ length: n }, (_, i) => (random.nextDouble() < p(i) ? 1 : 0));
}

interface Case extends RiverCase {
  name: string;
}

function cases(tutorial: number[]): Case[] {
  const r = new Random(7);
  const abrupt = gaussian(r, 3000, (i) => (i < 1500 ? 0 : 1.5), 1);
  const abruptDown = gaussian(r, 3000, (i) => (i < 1200 ? 5 : 2), 1);
  const gradual = gaussian(r, 4000, (i) => (i < 1500 ? 0 : i < 2500 ? (i - 1500) / 500 : 2), 1);
  const flat = gaussian(r, 5000, () => 0.3, 1);
  const several = gaussian(r, 6000, (i) => [0, 3, -1, 2][Math.floor(i / 1500)], 0.7);
  const errorsAbrupt = bernoulli(r, 4000, (i) => (i < 2000 ? 0.2 : 0.45));
  const errorsGradual = bernoulli(r, 5000, (i) => (i < 2000 ? 0.1 : Math.min(0.5, 0.1 + (i - 2000) / 5000)));
  const errorsFlat = bernoulli(r, 5000, () => 0.25);
  const errorsNone = bernoulli(r, 400, (i) => (i < 200 ? 0 : 0.05));
  const list: Case[] = [];
  for (const [name, values] of Object.entries({ abrupt, abruptDown, gradual, flat, several })) {
    list.push({ name: `ADWIN ${name}`, detector: "ADWIN", values });
    list.push({ name: `ADWIN clock 1 ${name}`, detector: "ADWIN", params: { clock: 1, delta: 0.01, min_window_length: 10, grace_period: 30 }, values });
    list.push({ name: `PH ${name}`, detector: "PageHinkley", values });
    list.push({ name: `PH up, λ 20 ${name}`, detector: "PageHinkley", params: { threshold: 20, mode: "up", delta: 0.05 }, values });
    list.push({ name: `PH down, α 0.99 ${name}`, detector: "PageHinkley", params: { threshold: 10, mode: "down", alpha: 0.99, min_instances: 50 }, values });
  }
  for (const [name, values] of Object.entries({ errorsAbrupt, errorsGradual, errorsFlat, errorsNone, tutorial })) {
    list.push({ name: `DDM ${name}`, detector: "DDM", values });
    list.push({ name: `DDM strict ${name}`, detector: "DDM", params: { warm_start: 100, warning_threshold: 1.5, drift_threshold: 2.5 }, values });
    list.push({ name: `ADWIN ${name}`, detector: "ADWIN", values });
    list.push({ name: `ADWIN clock 1 ${name}`, detector: "ADWIN", params: { clock: 1 }, values });
    list.push({ name: `PH ${name}`, detector: "PageHinkley", params: { threshold: 15 }, values });
  }
  return list;
}

function ours(c: RiverCase): DriftDetector {
  const p = c.params ?? {};
  const num = (k: string) => p[k] as number | undefined;
  if (c.detector === "ADWIN") {
    return new AdwinDetector({ delta: num("delta"), clock: num("clock"), maxBuckets: num("max_buckets"), minWindowLength: num("min_window_length"), gracePeriod: num("grace_period") });
  }
  if (c.detector === "PageHinkley") {
    const mode = p.mode === undefined ? undefined : (String(p.mode).toUpperCase() as "UP" | "DOWN" | "BOTH");
    return new PageHinkleyDetector({ minInstances: num("min_instances"), delta: num("delta"), threshold: num("threshold"), alpha: num("alpha"), mode });
  }
  return new DdmDetector({ warmStart: num("warm_start"), warningThreshold: num("warning_threshold"), driftThreshold: num("drift_threshold") });
}

describe.skipIf(RIVER_SKIP_REASON !== null && !REQUIRE_TOOLS)(`River 0.26 as the oracle${RIVER_SKIP_REASON ? ` (skipped: ${RIVER_SKIP_REASON})` : ""}`, () => {
  let all: Case[] = [];
  let river: RiverResult[] = [];
  beforeAll(async () => {
    all = cases(await tutorialErrors());
    river = riverDetections(all);
  });

  it("every case gives River's detections, index for index", () => {
    expect(all.length).toBe(50);
    const mismatches: string[] = [];
    all.forEach((c, i) => {
      const got = detections(ours(c), c.values);
      const want = c.detector === "DDM" ? river[i] : { drifts: river[i].drifts, warnings: [] };
      if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${c.name}: ours ${JSON.stringify(got)}, River ${JSON.stringify(want)}`);
    });
    expect(mismatches).toEqual([]);
  });

  it("the tutorial error stream is the real one: thousands of predictions, an error rate between 5 % and 40 %", () => {
    const tutorial = all.find((c) => c.name === "DDM tutorial")!;
    expect(tutorial.values.length).toBeGreaterThan(8000);
    const rate = tutorial.values.reduce((a, b) => a + b, 0) / tutorial.values.length;
    expect(rate).toBeGreaterThan(0.05);
    expect(rate).toBeLessThan(0.4);
  });

  it("the cases are informative: drifts where there are shifts, none where there are none", () => {
    const byName = new Map(all.map((c, i) => [c.name, river[i]]));
    for (const name of ["ADWIN abrupt", "PH abrupt", "ADWIN gradual", "DDM errorsAbrupt", "ADWIN errorsAbrupt"]) expect(byName.get(name)!.drifts.length).toBeGreaterThan(0);
    expect(byName.get("ADWIN flat")!.drifts).toEqual([]);
    // (Page-Hinkley's default λ = 50 is no guard against noise of sd 1 over 5000 values: its sums are
    // random walks, and River alarms on "PH flat" too — which the per-case comparison pins.)
    expect(byName.get("DDM errorsFlat")!.drifts.length).toBeLessThanOrEqual(1);
    expect(byName.get("ADWIN several")!.drifts.length).toBeGreaterThanOrEqual(3);
    // The first abrupt detection comes after the shift, not before.
    expect(byName.get("ADWIN abrupt")!.drifts[0]).toBeGreaterThanOrEqual(1500);
    expect(byName.get("DDM errorsAbrupt")!.drifts.some((i) => i >= 2000)).toBe(true);
  });
});
