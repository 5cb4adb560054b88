/**
 * Time to recover after a drift, defined on a strategy's windowed AUC (the windows of
 * `EvalBinaryClassStreamOp`: tumbling, `[end − interval, end)` in event time):
 *
 * - the **pre-drift level** is the mean AUC of the last `baselineWindows` windows that end at or
 *   before the drift (windows with a NaN AUC — one class only — are left out);
 * - the strategy has **recovered** at the end of the first window that lies entirely after the
 *   drift (start ≥ drift) and whose AUC is at least `level − tolerance`;
 * - the **recovery time** is that window's end minus the drift time, in seconds of event time. A
 *   strategy the drift did not hurt thus gets the end of the first whole window after the drift
 *   (the resolution of the measure), a strategy that never recovers — before the next drift or the
 *   end of the stream — gets null.
 *
 * Windows that straddle the drift count for neither side: they mix the old and the new regime.
 */
export interface RecoveryOptions {
  /** How far below the pre-drift level the AUC may stay and count as recovered (default 0.02). */
  tolerance?: number;
  /** How many windows before the drift make the pre-drift level (default 3). */
  baselineWindows?: number;
}

/** One evaluation window of a strategy. */
export interface MetricWindow {
  /** Event time (seconds) of the window's start and end. */
  start: number;
  end: number;
  auc: number;
  logLoss: number;
  samples: number;
}

export interface Recovery {
  /** The drift's event time (seconds). */
  drift: number;
  /** Mean AUC of the windows before the drift; null when no window ends before it. */
  level: number | null;
  /** End of the first window after the drift back within tolerance of the level; null if none. */
  recoveredAt: number | null;
  /** `recoveredAt − drift` in seconds; null when not recovered (or no level to recover to). */
  seconds: number | null;
}

export const DEFAULT_RECOVERY_TOLERANCE = 0.02;
export const DEFAULT_BASELINE_WINDOWS = 3;

/** Recovery after each drift (drift times ascending); windows in event-time order. */
export function recoveryTimes(windows: readonly MetricWindow[], drifts: readonly number[], options: RecoveryOptions = {}): Recovery[] {
  const tolerance = options.tolerance ?? DEFAULT_RECOVERY_TOLERANCE;
  const baselineWindows = options.baselineWindows ?? DEFAULT_BASELINE_WINDOWS;
  const sorted = [...drifts].sort((a, b) => a - b);
  return sorted.map((drift, k) => {
    const next = k + 1 < sorted.length ? sorted[k + 1] : Infinity;
    const before = windows.filter((w) => w.end <= drift && Number.isFinite(w.auc)).slice(-baselineWindows);
    if (before.length === 0) return { drift, level: null, recoveredAt: null, seconds: null };
    const level = before.reduce((s, w) => s + w.auc, 0) / before.length;
    // A window must be over before the next drift to speak about this one.
    const back = windows.find((w) => w.start >= drift && w.end <= next && Number.isFinite(w.auc) && w.auc >= level - tolerance);
    return back === undefined ? { drift, level, recoveredAt: null, seconds: null } : { drift, level, recoveredAt: back.end, seconds: back.end - drift };
  });
}
