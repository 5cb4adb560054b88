/**
 * The pass rule of Alink's binary-class model filters (reference §7.1): a model passes iff
 * `auc ≥ aucThreshold`, `accuracy ≥ accuracyThreshold` and `logLoss < logLossThreshold` (strict).
 * streamlab also says which conditions failed, so a rejection can be read, not just observed.
 */
export interface ModelFilterThresholds {
  auc: number;
  accuracy: number;
  logLoss: number;
}

export interface ModelMetrics {
  /** Validation rows the model was scored on. */
  samples: number;
  /** Exact AUC; NaN when the rows hold only one of the two labels. */
  auc: number;
  /** Accuracy at the decision threshold 0.5. */
  accuracy: number;
  /** Mean log loss. */
  logLoss: number;
}

export interface ModelVerdict {
  accepted: boolean;
  /** The failed conditions, e.g. `"auc<0.6, accuracy<0.7"`; null when the model passed. */
  failed: string | null;
}

/** Reason given when a model is judged before any validation row is available. */
export const NO_VALIDATION_ROWS = "no validation rows";

/** Applies the thresholds to a model's metrics (null metrics: there were no rows to judge it on). */
export function judgeModel(metrics: ModelMetrics | null, thresholds: ModelFilterThresholds): ModelVerdict {
  if (metrics === null || metrics.samples === 0) return { accepted: false, failed: NO_VALIDATION_ROWS };
  const failed: string[] = [];
  // Written as negations so that NaN (an undefined metric) fails, as in Java's comparisons.
  if (!(metrics.auc >= thresholds.auc)) failed.push(`auc<${thresholds.auc}`);
  if (!(metrics.accuracy >= thresholds.accuracy)) failed.push(`accuracy<${thresholds.accuracy}`);
  if (!(metrics.logLoss < thresholds.logLoss)) failed.push(`logloss>=${thresholds.logLoss}`);
  return failed.length === 0 ? { accepted: true, failed: null } : { accepted: false, failed: failed.join(", ") };
}
