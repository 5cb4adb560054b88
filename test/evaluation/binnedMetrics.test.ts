import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import {
  BinaryClassMetrics,
  BinnedBinarySummary,
  DETAIL_BIN_NUMBER,
  binIndex,
  binaryMetricsToJson,
  computeExactBinaryMetrics,
  sampleLogLoss,
} from "../../src";
import { FIXTURES, expectError } from "../helpers";
import { randomSamples } from "./helpers";

const streamFixture = JSON.parse(fs.readFileSync(path.join(FIXTURES, "alink-docs", "EvalBinaryClassStreamOp__1.json"), "utf8"));
const WINDOW_JSON = streamFixture.expected.rows.find((r: string[]) => r[0] === "window")[1] as string;
const LABELS = ["prefix1", "prefix0"] as const;

/** The fixture's window: one sample (label prefix1, P(prefix1) = 0.8). */
const oneSample = () => new BinnedBinarySummary().add(0.8, true, sampleLogLoss(0.8));

describe("BinnedBinarySummary: Alink doc fixture EvalBinaryClassStreamOp__1 (1-sample window)", () => {
  it("reproduces the printed metrics JSON exactly with the fixture's Alink-version options", () => {
    const json = binaryMetricsToJson(oneSample().value(LABELS, { nanAucForOneClass: true }), { precisionRecallCurveKey: "RecallPrecisionCurve" });
    expect(json).toBe(WINDOW_JSON);
  });

  it("with the current Alink's behaviour differs only in AUC (0.5, errata E14) and the curve key name", () => {
    const json = binaryMetricsToJson(oneSample().value(LABELS));
    const ours = JSON.parse(json) as Record<string, string>;
    const theirs = JSON.parse(WINDOW_JSON) as Record<string, string>;
    expect(ours.AUC).toBe("0.5");
    expect(ours.PrecisionRecallCurve).toBe(theirs.RecallPrecisionCurve);
    const rest = (o: Record<string, string>) =>
      Object.fromEntries(Object.entries(o).filter(([k]) => !["AUC", "PrecisionRecallCurve", "RecallPrecisionCurve"].includes(k)));
    expect(rest(ours)).toEqual(rest(theirs));
    expect(Object.keys(ours).length).toBe(64);
  });
});

describe("BinnedBinarySummary: binning rules (§8.4)", () => {
  it("bins p as floor(p·100000), p = 1 in the last bin; thresholds are idx·(1.0/100000) (E13)", () => {
    expect(binIndex(0)).toBe(0);
    expect(binIndex(1)).toBe(DETAIL_BIN_NUMBER - 1);
    expect(binIndex(0.7)).toBe(70000);
    expect(binIndex(1.5)).toBe(-1);
    const m = new BinaryClassMetrics(binaryMetricsToJson(new BinnedBinarySummary().add(0.7, true, 0.1).add(0.2, false, 0.1).value(["1", "0"])));
    expect(m.getThresholdArray()).toEqual([0.7000000000000001, 0.5, 0.2]);
    expect(m.json).toContain('"ThresholdArray":"[0.7000000000000001,0.5,0.2]"');
  });

  it("decides with score ≥ 0.5 exactly (no 0.001 merging as in the exact path)", () => {
    const m = new BinaryClassMetrics(
      binaryMetricsToJson(new BinnedBinarySummary().add(0.4995, false, 0.1).add(0.5, true, 0.1).add(0.9, true, 0.1).value(["1", "0"])),
    );
    expect(m.getConfusionMatrix()).toEqual([[2, 0], [0, 1]]);
  });

  it("keeps Alink's precision quirk: 1.0 whenever TP = 0, even with false positives", () => {
    const data = new BinnedBinarySummary().add(0.9, false, 0.1).add(0.2, true, 0.1).value(["1", "0"]);
    // points: threshold 1.0, 0.9 (FP only), 0.5, 0.2
    expect(Array.from(data.precisionRecallCurve.y)).toEqual([1, 1, 1, 0.5]);
    expect(data.prc).toBe(0.75);
  });

  it("down-samples the reported thresholds to ≥ 0.001 − 1e-5 apart, keeping 0.5, but computes areas on every bin", () => {
    const s = new BinnedBinarySummary();
    const scores = [0.9, 0.9004, 0.9008, 0.95, 0.5002, 0.3, 0.30001];
    scores.forEach((p, i) => s.add(p, i % 2 === 0, 0.1));
    const data = s.value(["1", "0"]);
    // bins from the top: 0.95, 0.9008, 0.9004 (< 0.00099 below 0.9008: dropped), 0.9 (dropped), 0.5002, 0.5 (always kept),
    // 0.30001, 0.3 (dropped)
    expect(Array.from(data.thresholds)).toEqual([0.9500000000000001, 0.9008, 0.5002000000000001, 0.5, 0.30001]);
    expect(data.rocCurve.x.length).toBe(6); // the threshold-1.0 point stays in the curves
  });

  it("add / revert / merge: a window's summary equals the summary of its samples", () => {
    const { scores, labels } = randomSamples(400, 7, 3);
    const all = new BinnedBinarySummary();
    const first = new BinnedBinarySummary();
    const second = new BinnedBinarySummary();
    scores.forEach((p, i) => {
      const loss = sampleLogLoss(labels[i] ? p : 1 - p);
      all.add(p, labels[i] === 1, loss);
      (i < 150 ? first : second).add(p, labels[i] === 1, loss);
    });
    // revert the first 150 from "all" → second half
    scores.slice(0, 150).forEach((p, i) => all.revert(p, labels[i] === 1, sampleLogLoss(labels[i] ? p : 1 - p)));
    expect(Array.from(all.positiveBin)).toEqual(Array.from(second.positiveBin));
    expect(Array.from(all.negativeBin)).toEqual(Array.from(second.negativeBin));
    expect(all.total).toBe(250);
    expect(all.logLoss).toBeCloseTo(second.logLoss, 9);
    const merged = first.clone().merge(second);
    expect(merged.total).toBe(400);
    const whole = new BinaryClassMetrics(binaryMetricsToJson(merged.value(["1", "0"])));
    expect(whole.getTotalSamples()).toBe(400);
    expectError(() => new BinnedBinarySummary().revert(0.3, true, 0.1), "Binary evaluation: cannot revert a sample (score 0.3) that was never added.");
  });

  it("agrees with the exact AUC when scores are on the bin grid", () => {
    for (const seed of [1, 2, 3]) {
      const { scores, labels } = randomSamples(2000, seed, 3);
      const binned = new BinnedBinarySummary();
      scores.forEach((p, i) => binned.add(p, labels[i] === 1, 0));
      const exact = computeExactBinaryMetrics(
        { length: scores.length, scores: Float64Array.from(scores), positive: Uint8Array.from(labels), logLoss: new Float64Array(scores.length) },
        ["1", "0"],
      );
      expect(binned.value(["1", "0"]).auc).toBeCloseTo(exact.auc, 12);
    }
  });

  it("AUC NaN for one class only with the legacy option", () => {
    const s = new BinnedBinarySummary().add(0.3, false, 0.1).add(0.6, false, 0.1);
    // Trapezoids over ROC points (0,0), (0.5,1), (0.5,1), (1,1): TPR is 1.0 when there is no positive.
    expect(s.value(["1", "0"]).auc).toBe(0.75);
    expect(s.value(["1", "0"], { nanAucForOneClass: true }).auc).toBeNaN();
    expectError(() => new BinnedBinarySummary().value(["1", "0"]), "Binary evaluation: there are no samples to evaluate.");
  });
});
