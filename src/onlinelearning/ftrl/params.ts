import { Param } from "../../params/param";
import { FeatureColsParam, LabelColParam } from "../../params/shared";

/** Parameters of FtrlTrainStreamOp (Alink's `FtrlTrainParams`, reference §6.1), defaults as Alink's. */
export const FTRL_TRAIN_PARAMS = {
  ...LabelColParam,
  vectorCol: Param.string({
    doc: "Name of the vector (or vector-string) feature column; null = use featureCols.",
    optional: true,
    aliases: ["vectorColName", "selectedCol"],
  }),
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
    doc: "Seconds of event time between emitted models: a model is emitted at every multiple of it, holding every training row before that time.",
    default: 1800,
    min: 0,
    minExclusive: true,
  }),
  miniBatchSize: Param.int({ doc: "Rows whose gradients are averaged into one FTRL step (Alink's global mini-batch).", default: 512, min: 1 }),
};
