/**
 * What every drift detector of streamlab is: a small state machine fed one value at a time (an
 * error, a loss, a metric), which says after each value whether it sees a change. The detectors
 * follow River 0.26 (`river.drift`), parameter for parameter, so that the same sequence gives the
 * same detections at the same indices; the stream operators (`...DriftDetectStreamOp`) wrap them.
 *
 * As in River, a detector that reported a drift starts afresh with the next value: the detection
 * closes the old concept, and what comes after is judged on its own.
 */
export interface DriftDetector {
  /** Short name shown in the detections stream, e.g. `ADWIN`. */
  readonly name: string;
  /** Adds one value; true when it completes a drift. */
  update(x: number): boolean;
  /** Whether the last value completed a drift. */
  readonly driftDetected: boolean;
  /** Whether the last value is in the warning zone (detectors without warnings: always false). */
  readonly warningDetected: boolean;
  /**
   * The detector's test statistic after the last value, and the bound it is compared with:
   * a drift is `statistic > threshold` (NaN while the detector is still warming up). What they
   * measure is detector-specific (see each detector).
   */
  readonly statistic: number;
  readonly threshold: number;
  /** The bound of the warning zone that `statistic` passed on entering it (NaN: no warnings). */
  readonly warningBound: number;
  /** Forgets everything seen (the state of a new detector). */
  reset(): void;
}

/** River's `stats.Mean` update, `mean += (1/n)(x − mean)`, kept in that order so the rounding matches. */
export function runningMean(mean: number, n: number, x: number): number {
  return mean + (1 / n) * (x - mean);
}
