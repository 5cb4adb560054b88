import { closest } from "../../core/suggest";
import { Param, ParamSpec } from "../../params/param";
import { ModelStreamScanParams } from "../../params/shared";
import { FTRL_HANDLE_INVALID } from "../../onlinelearning/ftrl/params";

/** Alink's `OnlineLearningTrainParams.OptimMethod`, spelt as Alink spells it (matched case-insensitively). */
export const OPTIM_METHODS = ["FTRL", "ADAM", "RMSprop", "ADAGRAD", "SGD", "MOMENTUM"] as const;
export type OptimMethod = (typeof OPTIM_METHODS)[number];

/** `Param.enum` whose refusal of a misspelt name also says which name was probably meant. */
function enumWithSuggestion<const V extends string>(values: readonly V[], options: { doc: string; default: V }): ParamSpec<V> {
  const spec = Param.enum(values, options);
  return {
    ...spec,
    check: (value) => {
      const result = spec.check(value);
      if (result.ok || typeof value !== "string") return result;
      const hit = closest(value, values);
      return hit === undefined ? result : { ok: false, why: `${result.why} (did you mean "${hit}"?)` };
    },
  };
}

/**
 * Parameters of OnlineLearningStreamOp: Alink's `OnlineLearningTrainParams` (names, defaults and
 * ranges as Alink's) plus streamlab's `miniBatchSize` and `handleInvalidMethod`.
 */
export const ONLINE_LEARNING_PARAMS = {
  optimMethod: enumWithSuggestion(OPTIM_METHODS, {
    doc:
      "How the last stage's coefficients are updated from each mini-batch's averaged gradient g: FTRL (FTRL-Proximal with alpha, beta, l1, l2; " +
      "the default), ADAM (learningRate, beta1, beta2), RMSprop (learningRate, gamma), ADAGRAD (learningRate), SGD (learningRate), " +
      "MOMENTUM (learningRate, gamma). l1 and l2 are used by FTRL only, as in Alink.",
    default: "FTRL",
  }),
  learningRate: Param.double({
    doc:
      "Step size of ADAM, RMSprop, ADAGRAD, SGD and MOMENTUM; null = Alink's per-method default (SGD 0.0005; ADAM, RMSprop, MOMENTUM 0.001; " +
      "ADAGRAD 0.01). FTRL ignores it (its step is alpha / (beta + √n)).",
    optional: true,
    min: 0,
    minExclusive: true,
  }),
  alpha: Param.double({ doc: "FTRL learning-rate scale α (per-coordinate rate α / (β + √n)).", default: 0.1, min: 0, minExclusive: true }),
  beta: Param.double({ doc: "FTRL learning-rate smoothing β.", default: 1, min: 0 }),
  l1: Param.double({ doc: "L1 regularisation of FTRL-Proximal (drives weights to exactly 0). The other methods do not regularise (as in Alink).", default: 0.1, min: 0, aliases: ["L1"] }),
  l2: Param.double({ doc: "L2 regularisation of FTRL-Proximal. The other methods do not regularise (as in Alink).", default: 0.1, min: 0, aliases: ["L2"] }),
  gamma: Param.double({ doc: "Decay of RMSprop's mean squared gradient and of MOMENTUM's velocity.", default: 0.9, min: 0, max: 1 }),
  beta1: Param.double({ doc: "ADAM's decay of the first moment (mean gradient); must be < 1.", default: 0.9, min: 0, max: 1 }),
  beta2: Param.double({ doc: "ADAM's decay of the second moment (mean squared gradient); must be < 1.", default: 0.999, min: 0, max: 1 }),
  timeInterval: Param.double({
    doc:
      "Seconds of event time per model interval: event time is cut at the multiples of timeInterval, and at the end of every interval " +
      "in which rows were trained a whole pipeline model is emitted (timestamped with the interval's end), holding every training row " +
      "before that time. Intervals without trained rows emit nothing; a final model follows at the end of a bounded stream.",
    default: 1800,
    min: 0,
    minExclusive: true,
  }),
  miniBatchSize: Param.int({
    doc:
      "Rows whose gradients are averaged into one update (streamlab: Alink's batch is whatever arrived while the previous update was " +
      "in flight, which depends on timing; a fixed size makes runs repeatable). Default 512, as FtrlTrainStreamOp.",
    default: 512,
    min: 1,
  }),
  handleInvalidMethod: Param.enum(FTRL_HANDLE_INVALID, {
    doc:
      "What to do with a training row whose label is null, or whose features (after the feature stages) are null, NaN or ±Infinity: " +
      "ERROR (default) stops with an error naming the row, column, event time and value; SKIP leaves the row out and counts it " +
      "(getSkippedRowCount(), getSkippedRows()). A label outside the model's two labels is always an error, as in FtrlTrainStreamOp.",
    default: "ERROR",
    aliases: ["handleInvalid"],
  }),
  /** Rebase from a folder of packed pipeline models (see OnlineLearningStreamOp). */
  ...ModelStreamScanParams,
};
