import { Param } from "../../params/param";
import { LabelColParam, ModelVectorColParam } from "../../params/shared";
import { FILTER_DRIFT_PARAMS } from "../driftTrigger/params";

/** Where a model's validation rows come from, relative to the event time the model completes at. */
export const MODEL_FILTER_EVAL_MODES = ["PRECEDING", "FOLLOWING"] as const;
export type ModelFilterEvalMode = (typeof MODEL_FILTER_EVAL_MODES)[number];

/** Alink's `logLossThreshold` default: Java's `Double.MAX_VALUE`, i.e. no log-loss limit. */
export const NO_LOG_LOSS_LIMIT = Number.MAX_VALUE;

/**
 * Parameters of the model filters (Alink's `BinaryClassModelFilterParams` + `ModelFilterParams`,
 * reference §7.1), defaults as Alink's; `featureCols` and `evalMode` are streamlab additions.
 */
export const MODEL_FILTER_PARAMS = {
  ...LabelColParam,
  positiveLabelValueString: Param.string({
    doc:
      "The positive label, written as text (cast to the label column's type). null = the larger of the two labels in their natural " +
      "order, as EvalBinaryClassBatchOp chooses it (for 1/0 that is 1).",
    optional: true,
    aliases: ["predPositiveLabelValueString", "positiveValue"],
  }),
  aucThreshold: Param.double({
    doc: "A model passes only if its AUC on the validation rows is ≥ this (Alink's default 0.5). An AUC that is undefined (one class only) fails.",
    default: 0.5,
    min: 0,
    max: 1,
  }),
  accuracyThreshold: Param.double({
    doc: "A model passes only if its accuracy (decision threshold 0.5) on the validation rows is ≥ this (Alink's default 0.5).",
    default: 0.5,
    min: 0,
    max: 1,
  }),
  logLossThreshold: Param.double({
    doc: "A model passes only if its mean log loss on the validation rows is strictly < this. Default Java's Double.MAX_VALUE: no limit.",
    default: NO_LOG_LOSS_LIMIT,
    min: 0,
    minExclusive: true,
    aliases: ["logLoss"],
  }),
  numEvalSamples: Param.int({
    doc:
      "How many validation rows each model is judged on: the most recent ones before the model (evalMode PRECEDING) or the next ones " +
      "after it (FOLLOWING). Alink's FTRL filter ignores this parameter; streamlab honours it.",
    default: 200000,
    min: 1,
  }),
  ...ModelVectorColParam,
  featureCols: Param.strings({
    doc: "Numeric feature columns of the validation rows, one per model feature (streamlab addition); null = the model's own featureColNames or vector column.",
    optional: true,
    aliases: ["featureColNames"],
  }),
  evalMode: Param.enum(MODEL_FILTER_EVAL_MODES, {
    doc:
      "PRECEDING (default): a model completing at event time T is judged at T on the most recent numEvalSamples validation rows before T. " +
      "FOLLOWING: it is judged on the next numEvalSamples validation rows from T on, and passed on (if it passes) when the last of them " +
      "arrives, or at the end of the stream (streamlab addition).",
    default: "PRECEDING",
  }),
  /** Other thresholds for a while after a drift of a linked detections input (streamlab addition). */
  ...FILTER_DRIFT_PARAMS,
};
