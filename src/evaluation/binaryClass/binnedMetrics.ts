import { StreamlabError } from "../../core/errors";
import { Confusion } from "./confusion";
import { BinaryMetricsData, middleThresholdIndex } from "./metricsData";

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

/** 32-bit words of the occupancy bitset (one bit per bin). */
const OCCUPANCY_WORDS = Math.ceil(DETAIL_BIN_NUMBER / 32);
/** Bin 50000 (threshold 0.5) is always a point of the walk, occupied or not. */
const MIDDLE_BIN = DETAIL_BIN_NUMBER / 2;

/**
 * The state of a binned evaluation: positive / negative counts per bin, the summed log loss and
 * the sample count. An accumulator in River's sense: `add`, `revert`, `merge`, `value`.
 *
 * Besides the counts it keeps, as samples arrive, one bit per non-empty bin and the bins' totals, so
 * `value` visits only the non-empty bins instead of scanning all 100 000 twice (a stream evaluation
 * reads its cumulative summary at every window; the results are the same to the bit). Change the
 * bins through the methods only: `positiveBin` and `negativeBin` are exposed for reading.
 */
export class BinnedBinarySummary {
  readonly positiveBin: Float64Array;
  readonly negativeBin: Float64Array;
  /** Bit `i & 31` of word `i >>> 5` is set when bin i holds a sample. */
  private readonly occupied = new Int32Array(OCCUPANCY_WORDS);
  /** Sums of `positiveBin` and `negativeBin` (whole numbers, so the same in any order). */
  private binnedPositives = 0;
  private binnedNegatives = 0;
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
    if (idx >= 0) {
      if (isPositive) {
        this.positiveBin[idx] += 1;
        this.binnedPositives++;
      } else {
        this.negativeBin[idx] += 1;
        this.binnedNegatives++;
      }
      this.occupied[idx >>> 5] |= 1 << (idx & 31);
    }
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
    if (idx >= 0) {
      bins[idx] -= 1;
      if (isPositive) this.binnedPositives--;
      else this.binnedNegatives--;
      if (this.positiveBin[idx] === 0 && this.negativeBin[idx] === 0) this.occupied[idx >>> 5] &= ~(1 << (idx & 31));
    }
    return this;
  }

  /** Adds another summary's counts (Alink `merge`, used for the "all" row of stream evaluation). */
  merge(other: BinnedBinarySummary): this {
    // Only the other's non-empty bins change anything (adding +0 to a count leaves it as it is).
    const { positiveBin, negativeBin, occupied } = this;
    for (let w = 0; w < OCCUPANCY_WORDS; w++) {
      let bits = other.occupied[w];
      occupied[w] |= bits;
      while (bits !== 0) {
        const b = 31 - Math.clz32(bits);
        bits &= ~(1 << b);
        const i = (w << 5) | b;
        positiveBin[i] += other.positiveBin[i];
        negativeBin[i] += other.negativeBin[i];
      }
    }
    this.binnedPositives += other.binnedPositives;
    this.binnedNegatives += other.binnedNegatives;
    this.logLoss += other.logLoss;
    this.total += other.total;
    return this;
  }

  clone(): BinnedBinarySummary {
    const copy = new BinnedBinarySummary();
    copy.positiveBin.set(this.positiveBin);
    copy.negativeBin.set(this.negativeBin);
    copy.occupied.set(this.occupied);
    copy.binnedPositives = this.binnedPositives;
    copy.binnedNegatives = this.binnedNegatives;
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
    return computeBinnedMetrics(this, this.occupied, this.binnedPositives, this.binnedNegatives, labels, options);
  }
}

/**
 * Walks Alink's effective bins, highest first: the non-empty ones (the set bits of `occupied`,
 * 3 125 words, rather than testing 2 × 100 000 counts) plus bin 50000.
 */
function computeBinnedMetrics(
  summary: BinnedBinarySummary,
  occupied: Int32Array,
  totalTrue: number,
  totalFalse: number,
  labels: readonly [string, string],
  options: BinnedBinaryOptions,
): BinaryMetricsData {
  const { positiveBin, negativeBin, total } = summary;
  if (total === 0) throw new StreamlabError("Binary evaluation: there are no samples to evaluate.");
  const decision = options.decisionThreshold ?? 0.5;

  // extractMatrixThreCurve; the totals of the bins are kept as samples arrive.
  if (totalTrue + totalFalse !== total) {
    throw new StreamlabError("Binary evaluation: the effective number in bins must be equal to total (a score outside [0, 1] was added).");
  }
  const m = 1.0 / DETAIL_BIN_NUMBER;
  // One pass over the points from the highest threshold down: the curve areas and K-S are summed
  // as Alink's `calcArea` / `calcKs` do (same terms, same order). Of the points the reported arrays
  // keep (one per 0.001 of threshold, ~1 000) the walk records only threshold and counts; their
  // rates are recomputed afterwards with the same expressions, so the hot loop stays small (a
  // long-running cumulative summary fills most of the 100 000 bins, and it is read every window).
  const kept = new KeptPoints();
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
  let first = true;
  let firstPrecision = 0;
  for (let w = OCCUPANCY_WORDS - 1; w >= 0; w--) {
    let bits = occupied[w];
    if (w === MIDDLE_BIN >>> 5) bits |= 1 << (MIDDLE_BIN & 31);
    while (bits !== 0) {
      const b = 31 - Math.clz32(bits);
      bits ^= 1 << b;
      const index = (w << 5) | b;
      curTrue += positiveBin[index];
      curFalse += negativeBin[index];
      const threshold = index * m;
      const tpr = totalTrue === 0 ? 1.0 : curTrue / totalTrue;
      const fpr = totalFalse === 0 ? 1.0 : curFalse / totalFalse;
      const precision = curTrue + curTrue === 0 ? 1.0 : curTrue / (curTrue + curFalse);
      const positiveRate = (curTrue + curFalse) / total;
      if (first) {
        prY = precision;
        firstPrecision = precision;
        first = false;
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
        kept.push(threshold, curTrue, curFalse);
        previousKept = threshold;
      }
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

  // The reported points: point 0 (threshold 1.0, its precision that of the first walked bin) and
  // the kept ones, with the walk's expressions.
  const points = kept.length + 1;
  const sampledThresholds = kept.thresholds.slice(0, kept.length);
  const sampledMatrices: Confusion[] = new Array(points - 1);
  const column = () => new Float64Array(points);
  const [rocFpr, rocTpr, prRecall, prPrecision, liftRate, liftTrue, lorenzRate, lorenzTpr] = [column(), column(), column(), column(), column(), column(), column(), column()];
  // point 0: every other value is 0
  prPrecision[0] = firstPrecision;
  for (let j = 1; j < points; j++) {
    const pt = kept.positives[j - 1];
    const pf = kept.negatives[j - 1];
    const tpr = totalTrue === 0 ? 1.0 : pt / totalTrue;
    const fpr = totalFalse === 0 ? 1.0 : pf / totalFalse;
    const precision = pt + pt === 0 ? 1.0 : pt / (pt + pf);
    const positiveRate = (pt + pf) / total;
    sampledMatrices[j - 1] = [pt, pf, totalTrue - pt, totalFalse - pf];
    rocFpr[j] = fpr;
    rocTpr[j] = tpr;
    prRecall[j] = tpr;
    prPrecision[j] = precision;
    liftRate[j] = positiveRate;
    liftTrue[j] = pt;
    lorenzRate[j] = positiveRate;
    lorenzTpr[j] = tpr;
  }

  return {
    labels: [labels[0], labels[1]],
    auc,
    prc,
    ks,
    gini,
    logLoss: summary.logLoss / total,
    thresholds: sampledThresholds,
    matrices: sampledMatrices,
    rocCurve: { x: rocFpr, y: rocTpr },
    precisionRecallCurve: { x: prRecall, y: prPrecision },
    liftChart: { x: liftRate, y: liftTrue },
    lorenzCurve: { x: lorenzRate, y: lorenzTpr },
    decisionIndex: middleThresholdIndex(sampledThresholds, decision),
  };
}

/** Growable columns of the kept points: threshold and the cumulative counts at it. */
class KeptPoints {
  thresholds = new Float64Array(1024);
  positives = new Float64Array(1024);
  negatives = new Float64Array(1024);
  length = 0;

  push(threshold: number, positives: number, negatives: number): void {
    if (this.length === this.thresholds.length) {
      const grow = (a: Float64Array) => {
        const grown = new Float64Array(a.length * 2);
        grown.set(a);
        return grown;
      };
      this.thresholds = grow(this.thresholds);
      this.positives = grow(this.positives);
      this.negatives = grow(this.negatives);
    }
    this.thresholds[this.length] = threshold;
    this.positives[this.length] = positives;
    this.negatives[this.length] = negatives;
    this.length++;
  }
}
