import { StreamlabError } from "../../core/errors";
import { Confusion } from "./confusion";
import { BinaryMetricsData, Curve, middleThresholdIndex } from "./metricsData";

/**
 * Binned binary-classification metrics, as Alink's stream evaluation and model filters compute
 * them (`BinaryMetricsSummary`, `EvaluationUtil.updateBinaryMetricsSummary`; reference §8.4 with
 * errata E13, E14).
 *
 * [0, 1] is cut into 100 000 bins; a sample with positive-label probability p goes to bin
 * `p == 1 ? 99999 : floor(p · 100000)`. Adding, reverting and merging are O(1) / O(bins), so the
 * same summary serves a tumbling window, a sliding window (add + revert) and the running total of
 * all windows (merge).
 *
 * Metrics: walking the non-empty bins (plus bin 50000, always) from high to low gives one point
 * per bin with threshold `index · (1.0 / 100000)` (so 0.7000000000000001 for bin 70000, E13);
 * point 0 has threshold 1.0, matrix `[[0,0],[P,N]]` and ROC (0, 0). AUC, PRC (recall–precision
 * trapezoids), K-S and GINI (Lorenz area) come from all points; the reported arrays keep point 0
 * plus every point at least 0.001 − 1e-5 below the last kept one and the point at 0.5, and drop
 * the threshold-1.0 point from `ThresholdArray` and the per-threshold arrays (not from the curves).
 * The decision metrics use the kept threshold closest to 0.5, i.e. exactly `score ≥ 0.5`.
 *
 * Alink quirk kept: the binned precision is 1.0 whenever TP = 0, even when FP > 0 (the source
 * tests `curTrue + curTrue == 0`).
 */
export const DETAIL_BIN_NUMBER = 100000;

/** Alink's `PROBABILITY_INTERVAL`: spacing of the reported thresholds. */
const PROBABILITY_INTERVAL = 0.001;
/** Alink's `PROBABILITY_ERROR` in the down-sampling of `BinaryMetricsSummary`. */
const PROBABILITY_ERROR = 0.00001;

export interface BinnedBinaryOptions {
  /** Decision threshold; Alink always uses 0.5. */
  decisionThreshold?: number;
  /**
   * Write AUC as NaN when one class is absent, as Alink did from 2021-06 to 2022-07 (the version
   * behind the stream-evaluation doc example). The current Alink (and the default) reports the
   * trapezoid area (0.5 for a single sample), errata E14.
   */
  nanAucForOneClass?: boolean;
  /**
   * AUC, PRC, K-S and GINI NaN when one class is absent, as streamlab's exact evaluation reports them
   * (EvalBinaryClassStreamOp's cumulative rows use this). Alink's binned summary reports the
   * trapezoid areas of its 0/0 conventions there (e.g. AUC 0.5 for one sample).
   */
  nanForOneClass?: boolean;
}

/** Bin of a positive-label probability (Alink `updateBinaryMetricsSummary`); −1 when out of [0, 1]. */
export function binIndex(p: number): number {
  const idx = p === 1.0 ? DETAIL_BIN_NUMBER - 1 : Math.floor(p * DETAIL_BIN_NUMBER);
  return idx >= 0 && idx < DETAIL_BIN_NUMBER ? idx : -1;
}

/**
 * The state of a binned evaluation: positive / negative counts per bin, the summed log loss and
 * the sample count. An accumulator in River's sense: `add`, `revert`, `merge`, `value`.
 */
export class BinnedBinarySummary {
  readonly positiveBin: Float64Array;
  readonly negativeBin: Float64Array;
  logLoss = 0;
  total = 0;

  constructor() {
    this.positiveBin = new Float64Array(DETAIL_BIN_NUMBER);
    this.negativeBin = new Float64Array(DETAIL_BIN_NUMBER);
  }

  /** Adds one sample: its positive-label probability, whether it is actually positive, its log loss. */
  add(score: number, isPositive: boolean, logLoss: number): this {
    this.total++;
    this.logLoss += logLoss;
    const idx = binIndex(score);
    if (idx >= 0) (isPositive ? this.positiveBin : this.negativeBin)[idx] += 1;
    return this;
  }

  /** Removes a sample added before (sliding windows). */
  revert(score: number, isPositive: boolean, logLoss: number): this {
    const idx = binIndex(score);
    const bins = isPositive ? this.positiveBin : this.negativeBin;
    if (this.total === 0 || (idx >= 0 && bins[idx] === 0)) {
      throw new StreamlabError(`Binary evaluation: cannot revert a sample (score ${score}) that was never added.`);
    }
    this.total--;
    this.logLoss -= logLoss;
    if (idx >= 0) bins[idx] -= 1;
    return this;
  }

  /** Adds another summary's counts (Alink `merge`, used for the "all" row of stream evaluation). */
  merge(other: BinnedBinarySummary): this {
    for (let i = 0; i < DETAIL_BIN_NUMBER; i++) {
      this.positiveBin[i] += other.positiveBin[i];
      this.negativeBin[i] += other.negativeBin[i];
    }
    this.logLoss += other.logLoss;
    this.total += other.total;
    return this;
  }

  clone(): BinnedBinarySummary {
    const copy = new BinnedBinarySummary();
    copy.positiveBin.set(this.positiveBin);
    copy.negativeBin.set(this.negativeBin);
    copy.logLoss = this.logLoss;
    copy.total = this.total;
    return copy;
  }

  /** Adds columnar samples (scores, 0/1 positives, log losses). */
  addAll(scores: ArrayLike<number>, positive: ArrayLike<number>, logLoss: ArrayLike<number>, length = scores.length): this {
    for (let i = 0; i < length; i++) this.add(scores[i], positive[i] === 1, logLoss[i]);
    return this;
  }

  /** The metrics of the samples added so far (Alink `BinaryMetricsSummary.toMetrics`). */
  value(labels: readonly [string, string], options: BinnedBinaryOptions = {}): BinaryMetricsData {
    return computeBinnedMetrics(this, labels, options);
  }
}

function computeBinnedMetrics(summary: BinnedBinarySummary, labels: readonly [string, string], options: BinnedBinaryOptions): BinaryMetricsData {
  const { positiveBin, negativeBin, total } = summary;
  if (total === 0) throw new StreamlabError("Binary evaluation: there are no samples to evaluate.");
  const decision = options.decisionThreshold ?? 0.5;

  // extractMatrixThreCurve
  // Typed arrays throughout: a long-running cumulative summary fills most of the 100 000 bins, and
  // one object per bin per evaluation would keep the garbage collector busy.
  const effective = new Int32Array(DETAIL_BIN_NUMBER);
  let length = 0;
  let totalTrue = 0;
  let totalFalse = 0;
  for (let i = 0; i < DETAIL_BIN_NUMBER; i++) {
    if (positiveBin[i] !== 0 || negativeBin[i] !== 0 || i === DETAIL_BIN_NUMBER / 2) {
      effective[length++] = i;
      totalTrue += positiveBin[i];
      totalFalse += negativeBin[i];
    }
  }
  if (totalTrue + totalFalse !== total) {
    throw new StreamlabError("Binary evaluation: the effective number in bins must be equal to total (a score outside [0, 1] was added).");
  }
  const newLen = length + 1;
  const m = 1.0 / DETAIL_BIN_NUMBER;
  // One pass over the points from the highest threshold down: the curve areas and K-S are summed
  // as Alink's `calcArea` / `calcKs` do (same terms, same order), and only the points the reported
  // arrays keep (one per 0.001 of threshold, ~1 000) are stored. A long-running cumulative summary
  // fills most of the 100 000 bins, and it is evaluated at every window.
  const kept = new PointBuffer();
  // Point 0: threshold 1.0, nothing predicted positive; its PR precision is point 1's.
  let rocX = 0;
  let rocY = 0;
  let prX = 0;
  let prY = 0; // point 1's precision, set there
  let lorenzX = 0;
  let lorenzY = 0;
  let auc = 0.0;
  let prc = 0.0;
  let lorenzArea = 0.0;
  let ks = 0.0;
  let previousKept = 1.0;
  let curTrue = 0;
  let curFalse = 0;
  for (let i = 1; i < newLen; i++) {
    const index = effective[length - i];
    curTrue += positiveBin[index];
    curFalse += negativeBin[index];
    const threshold = index * m;
    const tpr = totalTrue === 0 ? 1.0 : curTrue / totalTrue;
    const fpr = totalFalse === 0 ? 1.0 : curFalse / totalFalse;
    const precision = curTrue + curTrue === 0 ? 1.0 : curTrue / (curTrue + curFalse);
    const positiveRate = (curTrue + curFalse) / total;
    if (i === 1) {
      prY = precision;
      kept.push(1.0, 0, 0, 0, 0, 0, precision, 0, 0, 0, 0);
    }
    auc += ((fpr - rocX) * (tpr + rocY)) / 2;
    prc += ((tpr - prX) * (precision + prY)) / 2;
    lorenzArea += ((positiveRate - lorenzX) * (tpr + lorenzY)) / 2;
    ks = Math.max(ks, Math.abs(fpr - tpr));
    rocX = fpr;
    rocY = tpr;
    prX = tpr;
    prY = precision;
    lorenzX = positiveRate;
    lorenzY = tpr;
    if (Math.abs(previousKept - threshold) >= PROBABILITY_INTERVAL - PROBABILITY_ERROR || Math.abs(threshold - 0.5) < PROBABILITY_ERROR) {
      kept.push(threshold, curTrue, curFalse, fpr, tpr, tpr, precision, positiveRate, curTrue, positiveRate, tpr);
      previousKept = threshold;
    }
  }
  const oneClass = totalTrue === 0 || totalFalse === 0;
  if ((options.nanAucForOneClass || options.nanForOneClass) && oneClass) auc = Number.NaN;
  const undefinedRanking = options.nanForOneClass === true && oneClass;
  const gini = undefinedRanking ? Number.NaN : (lorenzArea - 0.5) / 0.5;
  if (undefinedRanking) {
    prc = Number.NaN;
    ks = Number.NaN;
  }

  const points = kept.length;
  const sampledThresholds = kept.column(0).subarray(1);
  const sampledMatrices: Confusion[] = new Array(points - 1);
  const tp = kept.column(1);
  const fp = kept.column(2);
  for (let k = 1; k < points; k++) sampledMatrices[k - 1] = [tp[k], fp[k], totalTrue - tp[k], totalFalse - fp[k]];
  const pick = (x: number, y: number): Curve => ({ x: kept.column(x), y: kept.column(y) });

  return {
    labels: [labels[0], labels[1]],
    auc,
    prc,
    ks,
    gini,
    logLoss: summary.logLoss / total,
    thresholds: sampledThresholds,
    matrices: sampledMatrices,
    rocCurve: pick(3, 4),
    precisionRecallCurve: pick(5, 6),
    liftChart: pick(7, 8),
    lorenzCurve: pick(9, 10),
    decisionIndex: middleThresholdIndex(sampledThresholds, decision),
  };
}

/** Growable columns of numbers, one row per kept point. */
class PointBuffer {
  private columns: Float64Array[] = [];
  private capacity = 0;
  length = 0;

  push(...values: number[]): void {
    if (this.length === this.capacity) {
      this.capacity = Math.max(1024, this.capacity * 2);
      this.columns = values.map((_, c) => {
        const grown = new Float64Array(this.capacity);
        if (this.columns[c] !== undefined) grown.set(this.columns[c]);
        return grown;
      });
    }
    for (let c = 0; c < values.length; c++) this.columns[c][this.length] = values[c];
    this.length++;
  }

  column(c: number): Float64Array {
    return this.columns[c].slice(0, this.length);
  }
}
