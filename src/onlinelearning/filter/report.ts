import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { StreamChunk } from "../../stream/chunk";
import { ModelFilterThresholds, ModelMetrics, ModelVerdict } from "./thresholds";

/**
 * What the filter decided about one candidate model — a row of its side output 0, and an entry of
 * `getDecisions()`. Alink's filters drop models without a trace; streamlab shows every verdict.
 */
export interface ModelFilterDecision {
  /** The model's version: its `alinkmodelstreamtimestamp`, epoch milliseconds. */
  modelVersionMs: number;
  /** Event time (seconds) of the verdict; an accepted model is passed on at this time. */
  eventTime: number;
  /** Event times (seconds) of the first and last validation row the model was judged on; null without rows. */
  evalFrom: number | null;
  evalTo: number | null;
  /** Validation rows scored (0: none were available). */
  samples: number;
  /** Exact metrics on those rows (NaN without rows; AUC is NaN when the rows hold one label only). */
  auc: number;
  accuracy: number;
  logLoss: number;
  thresholds: ModelFilterThresholds;
  accepted: boolean;
  /** Which conditions failed (`"auc<0.6"`, `"accuracy<0.5, logloss>=0.7"`, `"no validation rows"`, `"invalid model: …"`); null when accepted. */
  failed: string | null;
}

/** Side output 0 of the model filters: one row per candidate model, at the event time of its verdict. */
export const MODEL_FILTER_REPORT_SCHEMA = new Schema(
  [
    "model_version",
    "event_time",
    "eval_from",
    "eval_to",
    "samples",
    "auc",
    "accuracy",
    "logloss",
    "auc_threshold",
    "accuracy_threshold",
    "logloss_threshold",
    "accepted",
    "failed",
  ],
  ["TIMESTAMP", "TIMESTAMP", "TIMESTAMP", "TIMESTAMP", "BIGINT", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE", "BOOLEAN", "STRING"],
);

export function makeDecision(
  modelVersionMs: number,
  eventTime: number,
  evalTimes: Float64Array | null,
  metrics: ModelMetrics | null,
  thresholds: ModelFilterThresholds,
  verdict: ModelVerdict,
): ModelFilterDecision {
  const has = evalTimes !== null && evalTimes.length > 0;
  return {
    modelVersionMs,
    eventTime,
    evalFrom: has ? evalTimes[0] : null,
    evalTo: has ? evalTimes[evalTimes.length - 1] : null,
    samples: metrics?.samples ?? 0,
    auc: metrics?.auc ?? NaN,
    accuracy: metrics?.accuracy ?? NaN,
    logLoss: metrics?.logLoss ?? NaN,
    thresholds: { ...thresholds },
    accepted: verdict.accepted,
    failed: verdict.failed,
  };
}

const timestamp = (seconds: number | null): Date | null => (seconds === null ? null : new Date(Math.round(seconds * 1000)));
const metric = (x: number, samples: number): number | null => (samples === 0 ? null : x);

/** The side-output row of a decision, as a one-row chunk at the verdict's event time. */
export function decisionChunk(d: ModelFilterDecision): StreamChunk {
  const row = [
    new Date(d.modelVersionMs),
    timestamp(d.eventTime),
    timestamp(d.evalFrom),
    timestamp(d.evalTo),
    d.samples,
    metric(d.auc, d.samples),
    metric(d.accuracy, d.samples),
    metric(d.logLoss, d.samples),
    d.thresholds.auc,
    d.thresholds.accuracy,
    d.thresholds.logLoss,
    d.accepted,
    d.failed,
  ];
  return new StreamChunk(Table.fromRows([row], MODEL_FILTER_REPORT_SCHEMA), Float64Array.of(d.eventTime));
}
