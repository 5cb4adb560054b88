import { Confusion } from "./confusion";

/** A curve as two parallel arrays (Alink `EvaluationCurve.getXYArray`). */
export interface Curve {
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/**
 * What a binary evaluation computes, before it is written as Alink's metrics JSON
 * ({@link binaryMetricsToJson}). The exact (batch) and the binned (stream, model filter)
 * computations both produce this; every other number (per-threshold arrays, macro / micro /
 * weighted variants, accuracy, kappa) is derived from the confusion matrices.
 */
export interface BinaryMetricsData {
  /** `[positive, negative]` as Java prints them. */
  readonly labels: readonly [string, string];
  readonly auc: number;
  readonly prc: number;
  readonly ks: number;
  /** Already normalised: `(area under the Lorenz curve − 0.5) / 0.5`. */
  readonly gini: number;
  /** Mean log loss. */
  readonly logLoss: number;
  /** Thresholds of the recorded confusion matrices, descending. */
  readonly thresholds: Float64Array;
  /** One confusion matrix per threshold. */
  readonly matrices: readonly Confusion[];
  readonly rocCurve: Curve;
  /** Recall (x) against precision (y). */
  readonly precisionRecallCurve: Curve;
  /** Positive rate (x) against the number of true positives (y). */
  readonly liftChart: Curve;
  /** Positive rate (x) against the true positive rate (y). */
  readonly lorenzCurve: Curve;
  /** Index of the matrix the decision metrics (Precision, Recall, F1, Accuracy, Kappa, …) use. */
  readonly decisionIndex: number;
}

/**
 * Alink `BinaryMetricsSummary.getMiddleThresholdIndex`: the first threshold closest to the
 * decision threshold (0.5).
 */
export function middleThresholdIndex(thresholds: ArrayLike<number>, decisionThreshold = 0.5): number {
  let min = Number.MAX_VALUE;
  let index = 0;
  for (let i = 0; i < thresholds.length; i++) {
    const d = Math.abs(thresholds[i] - decisionThreshold);
    if (d < min) {
      min = d;
      index = i;
    }
  }
  return index;
}

/** Alink `EvaluationCurve.calcArea`: trapezoid area under the points in their order. */
export function curveArea(curve: Curve): number {
  let s = 0.0;
  for (let i = 1; i < curve.x.length; i++) s += ((curve.x[i] - curve.x[i - 1]) * (curve.y[i] + curve.y[i - 1])) / 2;
  return s;
}

/** Alink `EvaluationCurve.calcKs`: the largest |x − y| over the points. */
export function curveKs(curve: Curve): number {
  let s = 0.0;
  for (let i = 0; i < curve.x.length; i++) s = Math.max(s, Math.abs(curve.x[i] - curve.y[i]));
  return s;
}
