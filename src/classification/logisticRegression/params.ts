import { Param } from "../../params/param";
import { FeatureColsParam, LabelColParam, VectorColParam, WeightColParam } from "../../params/shared";
import { LINEAR_PREDICT_PARAMS } from "../linear/params";

/** Parameters of LogisticRegressionTrainBatchOp (Alink's `LogisticRegressionTrainParams`, reference §5.1). */
export const LOGISTIC_REGRESSION_TRAIN_PARAMS = {
  ...LabelColParam,
  ...FeatureColsParam,
  ...VectorColParam,
  ...WeightColParam,
  withIntercept: Param.bool({ doc: "Fit an intercept (the first coefficient); it is regularized like the others, as in Alink.", default: true, aliases: ["hasInterceptItem"] }),
  standardization: Param.bool({
    doc: "Standardize features before fitting (dense: mean and sample std; sparse: max |x|); the model is stored in the original feature space.",
    default: true,
  }),
  l1: Param.double({ doc: "L1 penalty: adds l1·‖β‖₁ (intercept included) to the mean log loss; > 0 selects OWLQN by default.", default: 0, min: 0 }),
  l2: Param.double({ doc: "L2 penalty: adds l2·‖β‖² (no ½, intercept included) to the mean log loss.", default: 0, min: 0 }),
  maxIter: Param.int({ doc: "Maximum number of optimizer iterations.", default: 100, min: 1 }),
  epsilon: Param.double({
    doc: "Convergence tolerance: stop when the gradient norm or the objective drops below it, or the relative objective change does while the gradient norm is below its square root.",
    default: 1e-6,
    min: 0,
  }),
  optimMethod: Param.enum(["LBFGS", "GD", "Newton", "SGD", "OWLQN"] as const, {
    doc: "Optimizer: LBFGS, OWLQN (l1), GD, Newton (≤ 2000 coefficients); SGD is not supported yet. null = OWLQN when l1 > 0, else LBFGS.",
    optional: true,
  }),
  learningRate: Param.double({
    doc: "Learning rate of Alink's SGD (the only method that reads it); accepted for compatibility, unused while SGD is not supported.",
    default: 0.1,
    min: 0,
    minExclusive: true,
  }),
  numThreads: Param.int({
    doc: "Threads for training (streamlab addition); null = all cores for big inputs. The model does not depend on it.",
    optional: true,
    min: 1,
  }),
};

/** Parameters of LogisticRegressionPredictBatchOp and LogisticRegressionModel (Alink's `LinearModelMapperParams`). */
export const LOGISTIC_REGRESSION_PREDICT_PARAMS = LINEAR_PREDICT_PARAMS;
