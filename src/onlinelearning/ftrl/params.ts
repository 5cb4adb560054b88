import { Param } from "../../params/param";
import { FeatureColsParam, LabelColParam, ModelStreamScanParams, VectorColParam } from "../../params/shared";

/** Values of `handleInvalidMethod` (Alink's `HasHandleInvalid`: ERROR / SKIP). */
export const FTRL_HANDLE_INVALID = ["ERROR", "SKIP"] as const;

/** Parameters of FtrlTrainStreamOp (Alink's `FtrlTrainParams`, reference §6.1), defaults as Alink's. */
export const FTRL_TRAIN_PARAMS = {
  ...LabelColParam,
  ...VectorColParam,
  ...FeatureColsParam,
  vectorSize: Param.int({
    doc: "Number of features (without the intercept). Every training vector must have exactly this size, and it must equal the initial model's size.",
    min: 1,
    aliases: ["inputDim"],
  }),
  withIntercept: Param.bool({ doc: "Whether the model has an intercept (coefficient 0, updated and regularised like the others).", default: true, aliases: ["hasInterceptItem"] }),
  alpha: Param.double({ doc: "FTRL learning-rate scale α (per-coordinate rate α / (β + √n)).", default: 0.1, min: 0, minExclusive: true }),
  beta: Param.double({ doc: "FTRL learning-rate smoothing β.", default: 1, min: 0 }),
  l1: Param.double({ doc: "L1 regularisation of FTRL-Proximal (drives weights to exactly 0).", default: 0.1, min: 0, aliases: ["L1"] }),
  l2: Param.double({ doc: "L2 regularisation of FTRL-Proximal.", default: 0.1, min: 0, aliases: ["L2"] }),
  timeInterval: Param.double({
    doc:
      "Seconds of event time per model interval: event time is cut at the multiples of timeInterval, and at the end of every interval " +
      "in which rows were trained a model is emitted (timestamped with the interval's end), holding every training row before that " +
      "time. Intervals without trained rows emit nothing, so a gap in the data costs nothing; a final model follows at the end of a bounded stream.",
    default: 1800,
    min: 0,
    minExclusive: true,
  }),
  miniBatchSize: Param.int({ doc: "Rows whose gradients are averaged into one FTRL step (Alink's global mini-batch).", default: 512, min: 1 }),
  handleInvalidMethod: Param.enum(FTRL_HANDLE_INVALID, {
    doc:
      "What to do with a training row whose label is null, whose feature vector is null, or which holds a null, NaN or ±Infinity " +
      "feature value: ERROR (default) stops the stream with an error naming the row, column, event time and value; SKIP leaves the row " +
      "out and counts it (getSkippedRowCount(), getSkippedRows(), the skipped column of side output 0). A label outside the model's two " +
      "labels and a vector of the wrong size are always errors: they mean the stream does not fit the model.",
    default: "ERROR",
    aliases: ["handleInvalid"],
  }),
  /** Rebase from a model-stream folder (Alink §6.5): see FtrlTrainStreamOp. */
  ...ModelStreamScanParams,
};
