import { Param } from "../../params/param";
import { PAGE_HINKLEY_MODES } from "./PageHinkley";

/** Values of `handleInvalidMethod`: stop on a value a detector cannot take, or leave the row out (counted). */
export const DRIFT_HANDLE_INVALID = ["ERROR", "SKIP"] as const;

/** What every drift-detection operator reads, and what it does with bad values. */
export const DRIFT_INPUT_PARAMS = {
  selectedCol: Param.string({
    doc:
      "Numeric column the detector watches (an error, a loss, a metric of an evaluation stream): DOUBLE, FLOAT, an integer type, " +
      "BOOLEAN (true = 1) or a STRING holding a number (as JsonValueStreamOp writes metrics).",
    nonEmpty: true,
    aliases: ["selectedColName"],
  }),
  whereCol: Param.string({
    doc:
      'Only rows whose whereCol equals whereValue (compared as text) are watched, e.g. whereCol "Statistics" and whereValue "window" for ' +
      "the per-window rows of EvalBinaryClassStreamOp; the other rows pass through unwatched. Null = every row is watched.",
    optional: true,
    nonEmpty: true,
  }),
  whereValue: Param.string({ doc: "The value of whereCol whose rows are watched (see whereCol).", optional: true }),
  handleInvalidMethod: Param.enum(DRIFT_HANDLE_INVALID, {
    doc:
      "A watched row whose value is null, NaN, ±Infinity or (STRING) not a number: ERROR (default) stops the stream with an error naming the " +
      "column, row and event time; SKIP passes the row through unwatched and counts it (getSkippedRowCount()). E.g. SKIP for an AUC column, " +
      "which is NaN in windows holding one class only.",
    default: "ERROR",
    aliases: ["handleInvalid"],
  }),
};

/** ADWIN's settings (River's `drift.ADWIN` defaults), named as `AdwinOptions`: the operator hands them to the detector as read. */
export const ADWIN_DETECTOR_PARAMS = {
  delta: Param.double({ doc: "Significance δ of ADWIN's cut test: smaller values give fewer false alarms and later detections.", default: 0.002, min: 0, minExclusive: true, max: 1 }),
  clock: Param.int({ doc: "ADWIN tests for a cut every `clock` watched values (1 = after every value; higher is faster and detects later).", default: 32, min: 1 }),
  maxBuckets: Param.int({ doc: "Buckets of each size ADWIN keeps before merging two (ADWIN2's M): more buckets, finer cut points, more memory.", default: 5, min: 1 }),
  minWindowLength: Param.int({ doc: "Each of ADWIN's two sub-windows must hold at least this many values for a cut between them to count.", default: 5, min: 1 }),
  gracePeriod: Param.int({ doc: "ADWIN tests nothing until its window holds more than this many values.", default: 10, min: 0 }),
};

/** ADWIN on a column of a stream. */
export const ADWIN_PARAMS = { ...DRIFT_INPUT_PARAMS, ...ADWIN_DETECTOR_PARAMS };

/** Page-Hinkley's settings (River's `drift.PageHinkley` defaults), named as `PageHinkleyOptions`. */
export const PAGE_HINKLEY_DETECTOR_PARAMS = {
  minInstances: Param.int({ doc: "Values watched before Page-Hinkley may signal a change (counted again after each detection).", default: 30, min: 1 }),
  delta: Param.double({ doc: "Magnitude of change Page-Hinkley tolerates: subtracted from each deviation from the mean (added when watching decreases).", default: 0.005, min: 0 }),
  threshold: Param.double({ doc: "λ: Page-Hinkley signals a change when the cumulative deviation exceeds its extreme by more than this.", default: 50, min: 0, minExclusive: true, aliases: ["lambda"] }),
  alpha: Param.double({ doc: "Forgetting factor of Page-Hinkley's cumulative deviations (1 = no forgetting).", default: 1 - 0.0001, min: 0, minExclusive: true, max: 1 }),
  mode: Param.enum(PAGE_HINKLEY_MODES, { doc: "Which changes of the mean Page-Hinkley watches: increases (UP), decreases (DOWN) or both (BOTH).", default: "BOTH" }),
};

/** Page-Hinkley on a column of a stream. */
export const PAGE_HINKLEY_PARAMS = { ...DRIFT_INPUT_PARAMS, ...PAGE_HINKLEY_DETECTOR_PARAMS };

/** DDM's settings (River's `drift.binary.DDM` defaults), named as `DdmOptions`. */
export const DDM_DETECTOR_PARAMS = {
  warmStart: Param.int({ doc: "Values DDM watches before it may warn or signal (counted again after each detection).", default: 30, min: 0, aliases: ["minNumInstances"] }),
  warningThreshold: Param.double({ doc: "DDM warns when p + s > p_min + warningThreshold·s_min (2 ≈ 95 % confidence).", default: 2, min: 0 }),
  driftThreshold: Param.double({ doc: "DDM signals a drift when p + s > p_min + driftThreshold·s_min (3 ≈ 99 % confidence).", default: 3, min: 0 }),
};

/** DDM on a column of 0/1 errors, or on a label and a prediction column. */
export const DDM_PARAMS = {
  ...DRIFT_INPUT_PARAMS,
  selectedCol: Param.string({
    doc:
      "Column of 0/1 errors DDM watches (1 = the model was wrong): a numeric column holding 0 or 1, BOOLEAN (true = error) or such a number " +
      "as text. Null = build the error from labelCol and predictionCol.",
    optional: true,
    nonEmpty: true,
    aliases: ["selectedColName"],
  }),
  labelCol: Param.string({ doc: "With predictionCol, instead of selectedCol: the error of a row is 1 when its label differs from its prediction (compared as text, so 1 and \"1\" agree).", optional: true, nonEmpty: true, aliases: ["labelColName"] }),
  predictionCol: Param.string({ doc: "The predicted-label column compared with labelCol (see labelCol).", optional: true, nonEmpty: true, aliases: ["predictionColName", "predResultColName"] }),
  ...DDM_DETECTOR_PARAMS,
};
