import { DriftDetector, runningMean } from "./detector";

/** Which changes of the mean Page-Hinkley watches: increases, decreases or both. */
export const PAGE_HINKLEY_MODES = ["UP", "DOWN", "BOTH"] as const;
export type PageHinkleyMode = (typeof PAGE_HINKLEY_MODES)[number];

export interface PageHinkleyOptions {
  /** Values needed before a change can be signalled (River `min_instances`, default 30). */
  minInstances?: number;
  /** Magnitude of change tolerated: subtracted from (added to) every deviation (default 0.005). */
  delta?: number;
  /** λ, the detection threshold on the cumulative deviation (default 50). */
  threshold?: number;
  /** Forgetting factor of the cumulative sums (default 1 − 0.0001). */
  alpha?: number;
  /** Watch increases (UP), decreases (DOWN) or both (default). */
  mode?: PageHinkleyMode;
}

/**
 * The Page-Hinkley test (Page 1954; two-sided, with a fading factor, as in River's `PageHinkley`):
 * for each value x_t, with x̄_t the running mean of the values so far,
 *
 *   m⁺_t = α·m⁺_{t−1} + (x_t − x̄_t) − δ     (evidence of an increase)
 *   m⁻_t = α·m⁻_{t−1} + (x_t − x̄_t) + δ     (evidence of a decrease)
 *
 * and a drift is signalled, from the `minInstances`-th value on, when m⁺_t − min m⁺ > λ (UP) or
 * max m⁻ − m⁻_t > λ (DOWN). The statistic is that difference (the larger of the two in BOTH), the
 * threshold λ. Defaults are River's. (River starts the running maximum of m⁻ at −1, not −∞; kept,
 * though it never matters: m⁻ of the first value is δ ≥ 0.)
 */
export class PageHinkleyDetector implements DriftDetector {
  readonly name = "PageHinkley";
  readonly minInstances: number;
  readonly delta: number;
  readonly lambda: number;
  readonly alpha: number;
  readonly mode: PageHinkleyMode;

  private n = 0;
  private mean = 0;
  private sumIncrease = 0;
  private sumDecrease = 0;
  private minIncrease = Infinity;
  private maxDecrease = -1;
  driftDetected = false;
  readonly warningDetected = false;
  readonly warningBound = NaN;
  statistic = NaN;

  constructor(options: PageHinkleyOptions = {}) {
    this.minInstances = options.minInstances ?? 30;
    this.delta = options.delta ?? 0.005;
    this.lambda = options.threshold ?? 50;
    this.alpha = options.alpha ?? 1 - 0.0001;
    this.mode = options.mode ?? "BOTH";
  }

  get threshold(): number {
    return this.lambda;
  }

  reset(): void {
    this.n = 0;
    this.mean = 0;
    this.sumIncrease = 0;
    this.sumDecrease = 0;
    this.minIncrease = Infinity;
    this.maxDecrease = -1;
    this.driftDetected = false;
    this.statistic = NaN;
  }

  update(x: number): boolean {
    if (this.driftDetected) this.reset();
    this.n++;
    this.mean = runningMean(this.mean, this.n, x);
    const deviation = x - this.mean;
    this.sumIncrease = this.alpha * this.sumIncrease + deviation - this.delta;
    this.sumDecrease = this.alpha * this.sumDecrease + deviation + this.delta;
    if (this.sumIncrease < this.minIncrease) this.minIncrease = this.sumIncrease;
    if (this.sumDecrease > this.maxDecrease) this.maxDecrease = this.sumDecrease;
    if (this.n < this.minInstances) return false;
    const increase = this.sumIncrease - this.minIncrease;
    const decrease = this.maxDecrease - this.sumDecrease;
    this.statistic = this.mode === "UP" ? increase : this.mode === "DOWN" ? decrease : Math.max(increase, decrease);
    this.driftDetected = this.statistic > this.lambda;
    return this.driftDetected;
  }
}
