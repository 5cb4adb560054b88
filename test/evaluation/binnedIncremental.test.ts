import { describe, expect, it } from "vitest";
import { BinnedBinarySummary, DETAIL_BIN_NUMBER, sampleLogLoss } from "../../src";
import type { BinaryMetricsData } from "../../src/evaluation/binaryClass/metricsData";
import { middleThresholdIndex } from "../../src/evaluation/binaryClass/metricsData";
import { expectError } from "../helpers";
import { rng } from "../feature/util";

/**
 * BinnedBinarySummary keeps an occupancy bit per bin and walks only the non-empty bins. The
 * reference below is the whole-scan computation it replaced (every one of the 100 000 bins tested,
 * every walked point kept in plain arrays, then down-sampled): the two must agree bit for bit.
 */
function wholeScanMetrics(pos: Float64Array, neg: Float64Array, total: number, logLoss: number, nanForOneClass = false) {
  if (total === 0) throw new Error("no samples");
  const idx: number[] = [];
  let totalTrue = 0;
  let totalFalse = 0;
  for (let i = 0; i < DETAIL_BIN_NUMBER; i++) {
    if (pos[i] !== 0 || neg[i] !== 0 || i === DETAIL_BIN_NUMBER / 2) {
      idx.push(i);
      totalTrue += pos[i];
      totalFalse += neg[i];
    }
  }
  if (totalTrue + totalFalse !== total) throw new Error("effective number");
  // All points: [threshold, tp, fp, fpr, tpr, precision, positiveRate]; point 0 first.
  const pts: number[][] = [];
  let tp = 0;
  let fp = 0;
  for (let k = idx.length - 1; k >= 0; k--) {
    const i = idx[k];
    tp += pos[i];
    fp += neg[i];
    const precision = tp === 0 ? 1.0 : tp / (tp + fp);
    pts.push([i * (1.0 / DETAIL_BIN_NUMBER), tp, fp, totalFalse === 0 ? 1.0 : fp / totalFalse, totalTrue === 0 ? 1.0 : tp / totalTrue, precision, (tp + fp) / total]);
  }
  pts.unshift([1.0, 0, 0, 0, 0, pts[0][5], 0]);
  let auc = 0;
  let prc = 0;
  let lorenz = 0;
  let ks = 0;
  for (let k = 1; k < pts.length; k++) {
    const [a, b] = [pts[k - 1], pts[k]];
    auc += ((b[3] - a[3]) * (b[4] + a[4])) / 2;
    prc += ((b[4] - a[4]) * (b[5] + a[5])) / 2;
    lorenz += ((b[6] - a[6]) * (b[4] + a[4])) / 2;
    ks = Math.max(ks, Math.abs(b[3] - b[4]));
  }
  const keep = [0];
  let last = 1.0;
  for (let k = 1; k < pts.length; k++) {
    const t = pts[k][0];
    if (Math.abs(last - t) >= 0.001 - 0.00001 || Math.abs(t - 0.5) < 0.00001) {
      keep.push(k);
      last = t;
    }
  }
  const one = totalTrue === 0 || totalFalse === 0;
  const nan = nanForOneClass && one;
  const col = (c: number) => Float64Array.from(keep, (k) => pts[k][c]);
  const thresholds = col(0).subarray(1);
  return {
    auc: nan ? NaN : auc,
    prc: nan ? NaN : prc,
    ks: nan ? NaN : ks,
    gini: nan ? NaN : (lorenz - 0.5) / 0.5,
    logLoss: logLoss / total,
    thresholds: Array.from(thresholds),
    matrices: keep.slice(1).map((k) => [pts[k][1], pts[k][2], totalTrue - pts[k][1], totalFalse - pts[k][2]]),
    roc: [Array.from(col(3)), Array.from(col(4))],
    pr: [Array.from(col(4)), Array.from(col(5))],
    lift: [Array.from(col(6)), Array.from(col(1))],
    lorenz: [Array.from(col(6)), Array.from(col(4))],
    decisionIndex: middleThresholdIndex(thresholds),
  };
}

function shape(d: BinaryMetricsData) {
  return {
    auc: d.auc,
    prc: d.prc,
    ks: d.ks,
    gini: d.gini,
    logLoss: d.logLoss,
    thresholds: Array.from(d.thresholds),
    matrices: d.matrices.map((m) => [...m]),
    roc: [Array.from(d.rocCurve.x), Array.from(d.rocCurve.y)],
    pr: [Array.from(d.precisionRecallCurve.x), Array.from(d.precisionRecallCurve.y)],
    lift: [Array.from(d.liftChart.x), Array.from(d.liftChart.y)],
    lorenz: [Array.from(d.lorenzCurve.x), Array.from(d.lorenzCurve.y)],
    decisionIndex: d.decisionIndex,
  };
}

/** Bit-for-bit: toEqual treats NaN as equal to NaN and tells −0 from +0 (Object.is). */
function expectSameAsWholeScan(s: BinnedBinarySummary, nanForOneClass = false) {
  const ref = wholeScanMetrics(s.positiveBin, s.negativeBin, s.total, s.logLoss, nanForOneClass);
  expect(shape(s.value(["1", "0"], { nanForOneClass }))).toStrictEqual(ref);
}

const add = (s: BinnedBinarySummary, p: number, y: boolean) => s.add(p, y, sampleLogLoss(y ? p : 1 - p));

describe("BinnedBinarySummary: occupancy walk = whole 100 000-bin scan (bit for bit)", () => {
  it("ties: many samples in few bins, bin edges 0, 1, 0.5, 0.99999, word edges (multiples of 32)", () => {
    const s = new BinnedBinarySummary();
    const r = rng(1);
    const grid = [0, 1, 0.5, 0.49999, 0.50001, 0.99999, 31 / DETAIL_BIN_NUMBER, 32 / DETAIL_BIN_NUMBER, 0.00031, 0.3, 0.7];
    for (let i = 0; i < 5000; i++) add(s, grid[Math.floor(r() * grid.length)], r() < 0.3);
    expectSameAsWholeScan(s);
    expectSameAsWholeScan(s, true);
  });

  it("all one label (positives only, negatives only), one sample, bin 50000 empty or not", () => {
    for (const y of [true, false]) {
      const s = new BinnedBinarySummary();
      const r = rng(y ? 2 : 3);
      for (let i = 0; i < 3000; i++) add(s, r(), y);
      expectSameAsWholeScan(s);
      expectSameAsWholeScan(s, true);
    }
    expectSameAsWholeScan(add(new BinnedBinarySummary(), 0.8, true));
    expectSameAsWholeScan(add(new BinnedBinarySummary(), 0.5, false));
    expectSameAsWholeScan(add(new BinnedBinarySummary(), 0.5, false), true);
  });

  it("a growing cumulative summary read after every window, as the stream evaluation does", () => {
    const s = new BinnedBinarySummary();
    const r = rng(4);
    for (let w = 0; w < 12; w++) {
      const n = w === 5 ? 0 : 1 + Math.floor(r() * 4000); // an empty window adds nothing
      for (let i = 0; i < n; i++) {
        const p = 1 / (1 + Math.exp(-(r() * 6 - 4)));
        add(s, p, r() < p);
      }
      expectSameAsWholeScan(s, true);
    }
  });

  it("revert down to empty bins (and to no sample), merge and clone keep the walk right", () => {
    const r = rng(5);
    const samples = Array.from({ length: 3000 }, () => [Math.round(r() * 2000) / 2000, r() < 0.4 ? 1 : 0]);
    const s = new BinnedBinarySummary();
    for (const [p, y] of samples) add(s, p, y === 1);
    for (const [p, y] of samples.slice(0, 2500)) s.revert(p, y === 1, sampleLogLoss(y ? p : 1 - p));
    expectSameAsWholeScan(s);
    const other = new BinnedBinarySummary();
    for (let i = 0; i < 700; i++) add(other, r(), r() < 0.5);
    const merged = s.clone().merge(other);
    expectSameAsWholeScan(merged);
    expectSameAsWholeScan(other.clone());
    // a clone is independent of its source
    const copy = other.clone();
    add(other, 0.123, true);
    expect(copy.positiveBin[12300]).toBe(0);
    expectSameAsWholeScan(copy);
    for (const [p, y] of samples.slice(2500)) s.revert(p, y === 1, sampleLogLoss(y ? p : 1 - p));
    expect(s.total).toBe(0);
    expectError(() => s.value(["1", "0"]), "Binary evaluation: there are no samples to evaluate.");
    add(s, 0.25, false);
    expectSameAsWholeScan(s);
  });

  it("NaN and out-of-range scores are still rejected when read", () => {
    for (const bad of [NaN, 1.5, -0.1]) {
      const s = add(add(new BinnedBinarySummary(), 0.3, true), 0.6, false);
      s.add(bad, true, 0.1);
      expect(() => wholeScanMetrics(s.positiveBin, s.negativeBin, s.total, s.logLoss)).toThrow("effective number");
      expectError(() => s.value(["1", "0"]), "Binary evaluation: the effective number in bins must be equal to total (a score outside [0, 1] was added).");
    }
  });
});
