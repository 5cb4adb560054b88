import { Param } from "../../params/param";

/** What FtrlTrainStreamOp does when its detections input reports a drift. */
export const DRIFT_ACTIONS = ["RESET", "REBASE", "NONE"] as const;
export type DriftAction = (typeof DRIFT_ACTIONS)[number];

/** Which detection rows act: shared by every operator with a detections input (trainers, model filters). */
export const DRIFT_TRIGGER_KIND_PARAMS = {
  triggerOnWarning: Param.bool({
    doc:
      "Whether rows of kind \"warning\" of the detections input (DDM entering its warning zone) act like drifts. " +
      "Default false: only rows of kind \"drift\" do.",
    default: false,
  }),
};

/** FtrlTrainStreamOp's drift trigger (streamlab addition): `linkFrom(trainData, detections)`. */
export const FTRL_DRIFT_PARAMS = {
  driftAction: Param.enum(DRIFT_ACTIONS, {
    doc:
      "What a drift on the detections input (linkFrom(trainData, detections)) does at its event time T. RESET (default): back to the " +
      "initial model, FTRL's n and z zeroed, as a trainer started at T. REBASE: back to the newest model of modelStreamFilePath " +
      "rebased to before T (the initial model if none yet), n and z zeroed; needs modelStreamFilePath. NONE: drifts are only recorded " +
      "(getDriftActions()). After RESET or REBASE a model is emitted at T, so predictors switch at the drift.",
    default: "RESET",
  }),
  ...DRIFT_TRIGGER_KIND_PARAMS,
};

/** The model filters' stricter bar after a drift (streamlab addition): `linkFrom(models, validation, detections)`. */
export const FILTER_DRIFT_PARAMS = {
  driftPeriod: Param.double({
    doc:
      "Seconds of event time after a drift on the detections input (linkFrom(models, validation, detections)) during which models are " +
      "judged with the drift thresholds: a verdict at event time t uses them when a drift at T has T ≤ t < T + driftPeriod. " +
      "Required when a detections input is linked.",
    optional: true,
    min: 0,
    minExclusive: true,
  }),
  driftAucThreshold: Param.double({
    doc: "aucThreshold in force for driftPeriod seconds after a drift (typically stricter); null = aucThreshold.",
    optional: true,
    min: 0,
    max: 1,
  }),
  driftAccuracyThreshold: Param.double({
    doc: "accuracyThreshold in force for driftPeriod seconds after a drift (typically stricter); null = accuracyThreshold.",
    optional: true,
    min: 0,
    max: 1,
  }),
  driftLogLossThreshold: Param.double({
    doc: "logLossThreshold in force for driftPeriod seconds after a drift (typically stricter, i.e. lower); null = logLossThreshold.",
    optional: true,
    min: 0,
    minExclusive: true,
  }),
  ...DRIFT_TRIGGER_KIND_PARAMS,
};
