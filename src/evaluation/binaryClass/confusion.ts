/**
 * Metrics of a 2×2 confusion matrix, written as Alink computes them
 * (`ConfusionMatrix`, `ClassificationMetricComputers`, `ClassificationEvaluationUtil.getAllValues`;
 * reference §8.5), so every derived number matches to the last bit.
 *
 * A matrix is `[TP, FP, FN, TN]` for the positive label, i.e. Alink's `[[TP, FP], [FN, TN]]`:
 * rows are the predicted label (positive, negative), columns the actual label.
 */
export type Confusion = readonly [tp: number, fp: number, fn: number, tn: number];

/** Per-label metrics Alink derives from a confusion matrix, in its `Computations` enum order. */
export const COMPUTATIONS = [
  "TrueNegativeRate",
  "TruePositiveRate",
  "FalseNegativeRate",
  "FalsePositiveRate",
  "Precision",
  "Specificity",
  "Sensitivity",
  "Recall",
  "F1",
  "Accuracy",
  "Kappa",
] as const;
export type ComputationName = (typeof COMPUTATIONS)[number];

/** Counts of one label seen as "positive" (label index 0 or 1), or summed over both (micro, `null`). */
interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/** Alink `ConfusionMatrix` for two labels. */
export class ConfusionMatrix2 {
  /** `M[predicted][actual]`. */
  private readonly m: [[number, number], [number, number]];
  readonly total: number;
  /** Column sums: how many samples actually have each label. */
  readonly actualLabelFrequency: [number, number];
  /** Row sums: how many samples were predicted as each label. */
  readonly predictLabelFrequency: [number, number];
  private readonly micro: Counts;

  constructor(readonly matrix: Confusion) {
    const [tp, fp, fn, tn] = matrix;
    this.m = [
      [tp, fp],
      [fn, tn],
    ];
    this.actualLabelFrequency = [tp + fn, fp + tn];
    this.predictLabelFrequency = [tp + fp, fn + tn];
    this.total = tp + fp + fn + tn;
    const micro: Counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
    for (let i = 0; i < 2; i++) {
      const c = this.counts(i);
      micro.tn += c.tn;
      micro.tp += c.tp;
      micro.fn += c.fn;
      micro.fp += c.fp;
    }
    this.micro = micro;
  }

  /** Counts with label `i` as the positive class; `null` = micro (summed over labels). */
  counts(i: number | null): Counts {
    if (i === null) return this.micro;
    const mii = this.m[i][i];
    return {
      tp: mii,
      tn: mii + this.total - this.predictLabelFrequency[i] - this.actualLabelFrequency[i],
      fp: this.predictLabelFrequency[i] - mii,
      fn: this.actualLabelFrequency[i] - mii,
    };
  }

  get actualLabelProportion(): [number, number] {
    return [this.actualLabelFrequency[0] / this.total, this.actualLabelFrequency[1] / this.total];
  }

  /** `ConfusionMatrix.getTotalAccuracy`. */
  get totalAccuracy(): number {
    return (this.m[0][0] + this.m[1][1]) / this.total;
  }

  /** `ConfusionMatrix.getTotalKappa`. */
  get totalKappa(): number {
    let pa = 0;
    let pe = 0;
    for (let i = 0; i < 2; i++) {
      pe += this.predictLabelFrequency[i] * this.actualLabelFrequency[i];
      pa += this.m[i][i];
    }
    pe /= this.total * this.total;
    pa /= this.total;
    return pe < 1 ? (pa - pe) / (1 - pe) : 1.0;
  }

  /** One metric for label `i` (0 = positive, 1 = negative) or micro-averaged (`null`). */
  metric(name: ComputationName, i: number | null): number {
    const { tp, fp, fn, tn } = this.counts(i);
    switch (name) {
      case "TruePositiveRate":
      case "Sensitivity":
      case "Recall": {
        const d = tp + fn;
        return d === 0 ? 0.0 : tp / d;
      }
      case "TrueNegativeRate":
      case "Specificity": {
        const d = fp + tn;
        return d === 0 ? 0.0 : tn / d;
      }
      case "FalsePositiveRate": {
        const d = fp + tn;
        return d === 0 ? 0.0 : fp / d;
      }
      case "FalseNegativeRate": {
        const d = tp + fn;
        return d === 0 ? 0.0 : fn / d;
      }
      case "Precision": {
        const d = tp + fp;
        return d === 0 ? 1.0 : tp / d;
      }
      case "F1": {
        const d = 2 * tp + fp + fn;
        return d === 0 ? 0.0 : (2 * tp) / d;
      }
      case "Accuracy": {
        const total = fn + fp + tn + tp;
        return (tp + tn) / total;
      }
      case "Kappa": {
        const total = fn + fp + tn + tp;
        let pa = tp + tn;
        pa /= total;
        let pe = (tp + fn) * (tp + fp);
        pe += (tn + fp) * (tn + fn);
        pe /= total * total;
        return pe < 1 ? (pa - pe) / (1 - pe) : 1.0;
      }
    }
  }

  /** Mean over the two labels weighted by their actual proportion (Alink `frequencyAvgValue`). */
  weighted(name: ComputationName): number {
    const proportion = this.actualLabelProportion;
    let total = 0;
    for (let i = 0; i < 2; i++) total += this.metric(name, i) * proportion[i];
    return total;
  }

  /** Plain mean over the two labels (Alink `macroAvgValue`). */
  macro(name: ComputationName): number {
    let total = 0;
    for (let i = 0; i < 2; i++) total += this.metric(name, i);
    return total / 2;
  }

  /** The metric of the summed TP/FP/FN/TN of both labels (Alink `microAvgValue`). */
  microValue(name: ComputationName): number {
    return this.metric(name, null);
  }
}
