import { DriftDetector } from "./detector";

export interface AdwinOptions {
  /** Significance δ of the cut test (default 0.002): smaller = fewer false alarms, later detections. */
  delta?: number;
  /** Check for a cut every `clock` values (default 32; 1 = after every value). */
  clock?: number;
  /** Buckets kept per size before two are merged (ADWIN2's M, default 5). */
  maxBuckets?: number;
  /** Both sub-windows of a cut must hold at least this many values (default 5). */
  minWindowLength?: number;
  /** No check before the window holds more than this many values (default 10). */
  gracePeriod?: number;
}

/** The buckets of one size 2^level: their sums and variances (sums of squared deviations), oldest first. */
class BucketRow {
  count = 0;
  readonly totals: Float64Array;
  readonly variances: Float64Array;

  constructor(capacity: number) {
    this.totals = new Float64Array(capacity);
    this.variances = new Float64Array(capacity);
  }

  push(total: number, variance: number): void {
    this.totals[this.count] = total;
    this.variances[this.count] = variance;
    this.count++;
  }

  /** Drops the `k` oldest buckets. */
  dropOldest(k: number): void {
    this.totals.copyWithin(0, k, this.count);
    this.variances.copyWithin(0, k, this.count);
    this.count -= k;
  }
}

/**
 * ADWIN, adaptive windowing (Bifet & Gavaldà 2007), in its ADWIN2 form with exponential buckets,
 * as River's `drift.ADWIN` (River 0.26 runs it in Rust; the arithmetic here is in the same order,
 * so the same values give the same detections).
 *
 * The window W of recent values is kept as buckets summarising 1, 2, 4 ... values (at most
 * `maxBuckets` + 1 of each size before the two oldest merge). Every `clock` values, once W holds
 * more than `gracePeriod` values, every split of W into an older part W0 and a newer part W1 at a
 * bucket boundary (both with ≥ `minWindowLength` values) is tested:
 *
 *   |μ0 − μ1| > ε = √(2·m·σ²_W·δ') + (2/3)·δ'·m,   m = 1/(n0 − L + 1) + 1/(n1 − L + 1),
 *   δ' = ln(2·ln|W| / δ),  L = minWindowLength,  σ²_W the variance of W;
 *
 * on a cut the oldest bucket is dropped and the splits are tested again, until none cuts. The
 * statistic of a detection is |μ0 − μ1| of the first cut found, its threshold that cut's ε.
 *
 * **As River, not the paper, after a detection**: the published ADWIN goes on with the shrunken
 * window (W1); River's `ADWIN.update` starts a new, empty window with the value after a detection,
 * and so does this class, so that detections match River's index for index. `width` and `mean`
 * read the window after the last value (the shrunken one right after a detection).
 */
export class AdwinDetector implements DriftDetector {
  readonly name = "ADWIN";
  readonly delta: number;
  readonly clock: number;
  readonly maxBuckets: number;
  readonly minWindowLength: number;
  readonly gracePeriod: number;

  /** rows[i]: buckets of 2^i values. */
  private rows: BucketRow[] = [];
  private total = 0;
  /** Sum of squared deviations from the mean over W. */
  private variance = 0;
  private widthValue = 0;
  private tick = 0;
  driftDetected = false;
  readonly warningDetected = false;
  readonly warningBound = NaN;
  statistic = NaN;
  threshold = NaN;

  constructor(options: AdwinOptions = {}) {
    this.delta = options.delta ?? 0.002;
    this.clock = options.clock ?? 32;
    this.maxBuckets = options.maxBuckets ?? 5;
    this.minWindowLength = options.minWindowLength ?? 5;
    this.gracePeriod = options.gracePeriod ?? 10;
    this.reset();
  }

  /** Number of values in the window. */
  get width(): number {
    return this.widthValue;
  }

  /** Mean of the window (0 when empty, as River's `estimation`). */
  get mean(): number {
    return this.widthValue === 0 ? 0 : this.total / this.widthValue;
  }

  reset(): void {
    this.rows = [new BucketRow(this.maxBuckets + 1)];
    this.total = 0;
    this.variance = 0;
    this.widthValue = 0;
    this.tick = 0;
    this.driftDetected = false;
    this.statistic = NaN;
    this.threshold = NaN;
  }

  update(x: number): boolean {
    if (this.driftDetected) this.reset();
    this.insert(x);
    this.driftDetected = this.checkCuts();
    return this.driftDetected;
  }

  private insert(x: number): void {
    this.rows[0].push(x, 0);
    // Streaming variance (Welford): the new value against the mean of the values before it.
    const w = ++this.widthValue;
    if (w > 1) {
      const d = x - this.total / (w - 1);
      this.variance += ((w - 1) * d * d) / w;
    }
    this.total += x;
    this.mergeFullRows();
  }

  /** A row holding maxBuckets + 1 buckets merges its two oldest into one of the next size, and so on up. */
  private mergeFullRows(): void {
    for (let level = 0; this.rows[level].count === this.maxBuckets + 1; level++) {
      const row = this.rows[level];
      const size = 2 ** level;
      const mean0 = row.totals[0] / size;
      const mean1 = row.totals[1] / size;
      const total = row.totals[0] + row.totals[1];
      const variance = row.variances[0] + row.variances[1] + size * 0.5 * (mean0 - mean1) * (mean0 - mean1);
      if (level + 1 === this.rows.length) this.rows.push(new BucketRow(this.maxBuckets + 1));
      this.rows[level + 1].push(total, variance);
      row.dropOldest(2);
    }
  }

  /** Drops the oldest bucket (it lives in the last row), updating the window's sums. */
  private dropOldestBucket(): void {
    const last = this.rows.length - 1;
    const row = this.rows[last];
    const size = 2 ** last;
    const total = row.totals[0];
    this.widthValue -= size;
    this.total -= total;
    const bucketMean = total / size;
    const restMean = this.total / this.widthValue;
    this.variance -= row.variances[0] + (size * this.widthValue * (bucketMean - restMean) * (bucketMean - restMean)) / (size + this.widthValue);
    row.dropOldest(1);
    if (row.count === 0) this.rows.pop();
  }

  /** Tests every split of the window (every `clock` values), dropping old buckets while one cuts. */
  private checkCuts(): boolean {
    this.tick++;
    if (this.tick % this.clock !== 0 || !(this.widthValue > this.gracePeriod)) return false;
    let detected = false;
    for (let cut = true; cut; ) {
      cut = false;
      let n0 = 0;
      let n1 = this.widthValue;
      let u0 = 0;
      let u1 = this.total;
      // Oldest buckets first: the largest sizes, and in each row the oldest bucket first.
      scan: for (let level = this.rows.length - 1; level >= 0; level--) {
        const row = this.rows[level];
        const size = 2 ** level;
        for (let k = 0; k < row.count; k++) {
          n0 += size;
          n1 -= size;
          u0 += row.totals[k];
          u1 -= row.totals[k];
          // The newest bucket is never a W0 of its own: W1 would be empty.
          if (level === 0 && k === row.count - 1) break scan;
          const diff = u0 / n0 - u1 / n1;
          if (n1 >= this.minWindowLength && n0 >= this.minWindowLength) {
            const epsilon = this.epsilon(n0, n1);
            if (Math.abs(diff) > epsilon) {
              if (!detected) {
                this.statistic = Math.abs(diff);
                this.threshold = epsilon;
              }
              detected = true;
              cut = true;
              this.dropOldestBucket();
              break scan;
            }
          }
        }
      }
    }
    return detected;
  }

  /** ε_cut of a split into n0 older and n1 newer values. */
  private epsilon(n0: number, n1: number): number {
    const deltaPrime = Math.log((2 * Math.log(this.widthValue)) / this.delta);
    const m = 1 / (n0 - this.minWindowLength + 1) + 1 / (n1 - this.minWindowLength + 1);
    return Math.sqrt(2 * m * (this.variance / this.widthValue) * deltaPrime) + (2 / 3) * deltaPrime * m;
  }
}
