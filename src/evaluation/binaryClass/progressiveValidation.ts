import { exactAuc } from "./exactAuc";

/** Quality of the predictions made in one interval, before each row was learnt from. */
export interface ProgressiveSummary {
  samples: number;
  /** Mean log loss (probabilities clamped to [1e-15, 1 − 1e-15]); NaN without samples. */
  logloss: number;
  /** Share of rows whose prediction at 0.5 was the label; NaN without samples. */
  accuracy: number;
  /** Exact AUC (equal to the batch evaluation's, bit for bit); NaN without samples. */
  auc: number;
}

/**
 * Progressive validation of an online learner (FtrlTrainStreamOp's progress side output): each row
 * is scored by the model as it stood before the row was learnt from, and an interval's scores are
 * summarised when it closes. Keeps the interval's (probability, label) pairs in arrays that grow
 * by doubling and are reused across intervals.
 */
export class ProgressiveValidation {
  private probs = new Float64Array(1024);
  private labels = new Uint8Array(1024);
  private n = 0;

  /** Rows added since the last reset. */
  get count(): number {
    return this.n;
  }

  /** Makes room for `extra` more rows (call before a run of {@link add}). */
  reserve(extra: number): void {
    if (this.n + extra <= this.probs.length) return;
    const capacity = Math.max(this.probs.length * 2, this.n + extra);
    const p = new Float64Array(capacity);
    p.set(this.probs.subarray(0, this.n));
    const l = new Uint8Array(capacity);
    l.set(this.labels.subarray(0, this.n));
    this.probs = p;
    this.labels = l;
  }

  /** One row: the positive-class probability predicted for it and its label (1 = positive). Room must be reserved. */
  add(probability: number, label: number): void {
    this.probs[this.n] = probability;
    this.labels[this.n++] = label;
  }

  /** The interval's quality; `_labels`, the [positive, negative] label texts, change none of its numbers. */
  summary(_labels: readonly [string, string]): ProgressiveSummary {
    const n = this.n;
    const probs = this.probs;
    const ys = this.labels;
    let loss = 0;
    let correct = 0;
    for (let i = 0; i < n; i++) {
      const p = probs[i];
      const y = ys[i];
      loss += -Math.log(Math.min(Math.max(y === 1 ? p : 1 - p, 1e-15), 1 - 1e-15));
      if ((p >= 0.5 ? 1 : 0) === y) correct++;
    }
    // The AUC alone (no curves): the same double as the batch evaluation's, a fraction of its cost.
    const auc = n > 0 ? exactAuc(probs, ys, n) : NaN;
    return { samples: n, logloss: n > 0 ? loss / n : NaN, accuracy: n > 0 ? correct / n : NaN, auc };
  }

  /** Starts the next interval. */
  reset(): void {
    this.n = 0;
  }
}
