import { StreamlabError } from "../../core/errors";
import { Confusion } from "./confusion";
import { javaDoubleCompare } from "../../common/labels";
import { BinarySamples } from "./labels";
import { BinaryMetricsData, Curve, middleThresholdIndex } from "./metricsData";
import { descendingOrder } from "./sort";

/**
 * Exact binary-classification metrics, as Alink's batch evaluation computes them
 * (`ClassificationEvaluationUtil.calLabelPredDetailLocal` + `updateAccurateBinaryMetricsSummary`
 * + `AccurateBinaryMetricsSummary.toMetrics`; reference §8.3 with errata E12).
 *
 * - Samples are walked from the highest score down, ties in input order (see {@link descendingOrder}).
 * - AUC is the rank-sum (Mann–Whitney) statistic with tied scores sharing their mean rank, so it does
 *   not depend on the order of ties. AUC, PRC, K-S and GINI are NaN when either class is absent
 *   (they measure how the scores separate the classes; Alink's batch evaluation reports NaN for AUC
 *   only, and numbers that merely reflect its 0/0 conventions for the others).
 * - PRC (trapezoids over recall), K-S (max |FPR − TPR|) and GINI (Lorenz area) are accumulated one
 *   sample at a time, as Alink does; they depend on the order inside a tie.
 * - Confusion matrices are recorded at thresholds: the first at +∞ (nothing predicted positive),
 *   then a new one whenever the score is at least 0.001 away from the last recorded threshold,
 *   otherwise the last one is overwritten; a synthetic "middle point" at the decision threshold 0.5
 *   is inserted after every sample scoring ≥ 0.5 and always opens a matrix at threshold 0.5.
 * - The decision metrics (Precision, Recall, F1, Accuracy, Kappa and the macro / micro / weighted
 *   variants) use that threshold-0.5 matrix. Because later samples within 0.001 of 0.5 are merged
 *   into it, it counts as "predicted positive" every sample with score ≥ 0.5 **and** every sample
 *   with 0.499 < score < 0.5 (exactly: `Math.abs(score − 0.5) < 0.001`). This is Alink's rule,
 *   replicated for parity; the binned (stream) evaluation uses plain `score ≥ 0.5`.
 *
 * One deliberate difference: when exactly one sample scores ≥ 0.5, Alink records the +∞ matrix
 * twice (its "first sample" check also fires on the middle point); streamlab records it once.
 */
export interface ExactBinaryOptions {
  /** Decision threshold of the middle point; Alink's batch evaluation always uses 0.5. */
  decisionThreshold?: number;
}

/** Alink's `PROBABILITY_ERROR`: scores closer than this to the last recorded threshold are merged. */
const THRESHOLD_MERGE = 0.001;

/** Same double for grouping tied scores (Java `Double.equals`: −0.0 ≠ 0.0, NaN equals NaN — else a NaN score would never end its tie group). */
function sameDouble(a: number, b: number): boolean {
  return a === b ? a !== 0 || Object.is(a, b) : a !== a && b !== b;
}

export function computeExactBinaryMetrics(
  samples: BinarySamples,
  labels: readonly [string, string],
  options: ExactBinaryOptions = {},
): BinaryMetricsData {
  const n = samples.length;
  if (n === 0) throw new StreamlabError("Binary evaluation: there are no samples to evaluate.");
  const decision = options.decisionThreshold ?? 0.5;
  const { scores, positive, logLoss } = samples;
  const order = descendingOrder(scores.length === n ? scores : scores.subarray(0, n));

  let totalTrue = 0;
  for (let i = 0; i < n; i++) totalTrue += positive[i];
  const totalFalse = n - totalTrue;

  // AUC: ranks (highest score = rank n) averaged over ties, summed over positives.
  let rankSum = 0;
  for (let k = 0; k < n; ) {
    const s = scores[order[k]];
    let sum = 0;
    let cnt = 0;
    let pos = 0;
    let j = k;
    for (; j < n && sameDouble(scores[order[j]], s); j++) {
      sum += n - j;
      cnt++;
      pos += positive[order[j]];
    }
    rankSum += (sum / cnt) * pos;
    k = j;
  }
  const auc =
    totalTrue > 0 && totalFalse > 0 ? (rankSum - (totalTrue * (totalTrue + 1)) / 2) / (totalTrue * totalFalse) : Number.NaN;

  // One walk over the sorted samples plus the middle point.
  let curTrue = 0;
  let curFalse = 0;
  let total = 0;
  let logLossSum = 0;
  let recTpr = 0;
  let recPrecision = 0;
  let recPositiveRate = 0;
  let gini = 0;
  let prc = 0;
  let ks = 0;
  let infinityRecorded = false;
  // Recorded points: threshold and the (TP, FP) counts at it; FN and TN follow from the totals.
  const thresholds: number[] = [];
  const pointTrue: number[] = [];
  const pointFalse: number[] = [];
  const all = totalTrue + totalFalse;

  // The middle point goes after every sample scoring ≥ the decision threshold (Java's stable sort
  // of the list with the middle point appended last).
  let middleAt = 0;
  while (middleAt < n && javaDoubleCompare(scores[order[middleAt]], decision) >= 0) middleAt++;

  // A plain loop (no closure) keeps the counters in registers: this walk is the hot path.
  for (let t = 0; t <= n; t++) {
    const middle = t === middleAt;
    const i = middle ? -1 : order[t < middleAt ? t : t - 1];
    const score = middle ? decision : scores[i];
    if (total === 0) {
      recTpr = totalTrue === 0 ? 1.0 : curTrue / totalTrue;
      recPrecision = curTrue + curFalse === 0 ? 1.0 : curTrue / (curTrue + curFalse);
      recPositiveRate = (curTrue + curFalse) / all;
    }
    if (!middle) {
      total++;
      logLossSum += logLoss[i];
      if (positive[i] === 1) curTrue++;
      else curFalse++;
    }
    const tpr = totalTrue === 0 ? 1.0 : curTrue / totalTrue;
    const fpr = totalFalse === 0 ? 1.0 : curFalse / totalFalse;
    const precision = curTrue + curFalse === 0 ? 1.0 : curTrue / (curTrue + curFalse);
    const positiveRate = (curTrue + curFalse) / all;
    if (total === 1 && !infinityRecorded) {
      recPrecision = precision;
      thresholds.push(Number.POSITIVE_INFINITY);
      pointTrue.push(0);
      pointFalse.push(0);
      infinityRecorded = true;
    }
    gini += ((positiveRate - recPositiveRate) * (tpr + recTpr)) / 2;
    prc += ((tpr - recTpr) * (precision + recPrecision)) / 2;
    ks = Math.max(Math.abs(fpr - tpr), ks);
    recTpr = tpr;
    recPrecision = precision;
    recPositiveRate = positiveRate;

    const last = thresholds.length - 1;
    if (last < 0 || (middle && thresholds[last] !== decision) || Math.abs(score - thresholds[last]) >= THRESHOLD_MERGE) {
      thresholds.push(score);
      pointTrue.push(curTrue);
      pointFalse.push(curFalse);
    } else {
      pointTrue[last] = curTrue;
      pointFalse[last] = curFalse;
    }
  }

  // Recorded points in descending threshold order (a stable sort, as Java's List.sort).
  const idx = thresholds.map((_, i) => i).sort((a, b) => javaDoubleCompare(-thresholds[a], -thresholds[b]) || a - b);
  const sortedThresholds = Float64Array.from(idx, (i) => thresholds[i]);
  const sortedMatrices = idx.map((i): Confusion => [pointTrue[i], pointFalse[i], totalTrue - pointTrue[i], totalFalse - pointFalse[i]]);
  const curves = curvePoints(sortedThresholds, sortedMatrices);

  // The ranking metrics compare the two classes' scores: with one class absent they are undefined
  // (Alink reports K-S, PRC and GINI numbers that only reflect its 0/0 conventions).
  const oneClass = totalTrue === 0 || totalFalse === 0;
  return {
    labels: [labels[0], labels[1]],
    auc,
    prc: oneClass ? Number.NaN : prc,
    ks: oneClass ? Number.NaN : ks,
    gini: oneClass ? Number.NaN : (gini - 0.5) / 0.5,
    logLoss: logLossSum / total,
    thresholds: sortedThresholds,
    matrices: sortedMatrices,
    ...curves,
    decisionIndex: middleThresholdIndex(sortedThresholds, decision),
  };
}

/** Alink `AccurateBinaryMetricsSummary.setCurvePointsParams`: one curve point per recorded matrix. */
function curvePoints(
  thresholds: Float64Array,
  matrices: readonly Confusion[],
): Pick<BinaryMetricsData, "rocCurve" | "precisionRecallCurve" | "liftChart" | "lorenzCurve"> {
  const k = thresholds.length;
  const [tp0, fp0, fn0, tn0] = matrices[0];
  const totalTrue = tp0 + fn0;
  const totalFalse = fp0 + tn0;
  const total = totalTrue + totalFalse;
  const make = (): Curve => ({ x: new Float64Array(k), y: new Float64Array(k) });
  const roc = make();
  const pr = make();
  const lift = make();
  const lorenz = make();
  for (let i = 0; i < k; i++) {
    const [curTrue, curFalse] = matrices[i];
    // Quirk kept from Alink: at a threshold of exactly 1.0 the precision repeats the previous point's.
    const precision =
      javaDoubleCompare(thresholds[i], 1.0) === 0 && i >= 1
        ? pr.y[i - 1]
        : curTrue + curFalse === 0
          ? 1.0
          : curTrue / (curTrue + curFalse);
    const tpr = totalTrue === 0 ? 1.0 : curTrue / totalTrue;
    const fpr = totalFalse === 0 ? 1.0 : curFalse / totalFalse;
    const positiveRate = (curTrue + curFalse) / total;
    roc.x[i] = fpr;
    roc.y[i] = tpr;
    pr.x[i] = tpr;
    pr.y[i] = precision;
    lift.x[i] = positiveRate;
    lift.y[i] = curTrue;
    lorenz.x[i] = positiveRate;
    lorenz.y[i] = tpr;
  }
  return { rocCurve: roc, precisionRecallCurve: pr, liftChart: lift, lorenzCurve: lorenz };
}

/**
 * A growing set of (score, label) samples whose exact metrics can be read at any time: the exact
 * counterpart of {@link BinnedBinarySummary} for windows that must not be binned. `revert` removes
 * a sample equal to the one given, searching from the oldest, so a FIFO window reverts in O(1).
 */
export class ExactBinarySummary {
  private scores = new Float64Array(64);
  private positives = new Uint8Array(64);
  private losses = new Float64Array(64);
  private head = 0;
  private tail = 0;

  get length(): number {
    return this.tail - this.head;
  }

  add(score: number, isPositive: boolean, logLoss: number): this {
    if (this.tail === this.scores.length) this.compact(Math.max(64, this.length * 2));
    this.scores[this.tail] = score;
    this.positives[this.tail] = isPositive ? 1 : 0;
    this.losses[this.tail] = logLoss;
    this.tail++;
    return this;
  }

  /** Removes one sample equal to (score, isPositive, logLoss); throws if there is none. */
  revert(score: number, isPositive: boolean, logLoss: number): this {
    const p = isPositive ? 1 : 0;
    for (let i = this.head; i < this.tail; i++) {
      if (this.scores[i] === score && this.positives[i] === p && Object.is(this.losses[i], logLoss)) {
        if (i === this.head) {
          this.head++;
        } else {
          this.scores.copyWithin(i, i + 1, this.tail);
          this.positives.copyWithin(i, i + 1, this.tail);
          this.losses.copyWithin(i, i + 1, this.tail);
          this.tail--;
        }
        return this;
      }
    }
    throw new StreamlabError(`Binary evaluation: cannot revert a sample (score ${score}) that was never added.`);
  }

  merge(other: ExactBinarySummary): this {
    const s = other.samples();
    for (let i = 0; i < s.length; i++) this.add(s.scores[i], s.positive[i] === 1, s.logLoss[i]);
    return this;
  }

  /** The samples in insertion order (views, valid until the next change). */
  samples(): BinarySamples {
    return {
      length: this.length,
      scores: this.scores.subarray(this.head, this.tail),
      positive: this.positives.subarray(this.head, this.tail),
      logLoss: this.losses.subarray(this.head, this.tail),
    };
  }

  value(labels: readonly [string, string], options?: ExactBinaryOptions): BinaryMetricsData {
    return computeExactBinaryMetrics(this.samples(), labels, options);
  }

  private compact(capacity: number): void {
    const n = this.length;
    const scores = new Float64Array(capacity);
    const positives = new Uint8Array(capacity);
    const losses = new Float64Array(capacity);
    scores.set(this.scores.subarray(this.head, this.tail));
    positives.set(this.positives.subarray(this.head, this.tail));
    losses.set(this.losses.subarray(this.head, this.tail));
    this.scores = scores;
    this.positives = positives;
    this.losses = losses;
    this.head = 0;
    this.tail = n;
  }
}
