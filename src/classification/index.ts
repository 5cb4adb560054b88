// Public API of src/classification (re-exported by src/index.ts).
export { LogisticRegressionTrainBatchOp } from "./logisticRegression/LogisticRegressionTrainBatchOp";
export { LogisticRegressionPredictBatchOp } from "./logisticRegression/LogisticRegressionPredictBatchOp";
export { LogisticRegression } from "./logisticRegression/LogisticRegression";
export { LogisticRegressionModel } from "./logisticRegression/LogisticRegressionModel";

// The shared linear-model pieces (model format, mapper, loss), reused by FTRL.
export { LinearModelMapper, linearScoresOfVectors } from "./linear/mapper";
export type { LinearPredictParams } from "./linear/mapper";
export { linearModelFromTable, linearModelToTable, linearModelMetaJson, linearModelDataJson, LOGISTIC_REGRESSION_MODEL_NAME } from "./linear/model";
export type { LinearModelData, LinearModelType } from "./linear/model";
export { logLoss, logLossSlope } from "./linear/kernels";
export type { LinearTrainingInfo } from "./linear/trainInfo";
export type { OptimizerTrace, OptimMethodName, StopReason } from "./linear/optimizer";
export { LogisticRegressionPredictStreamOp } from "./logisticRegression/LogisticRegressionPredictStreamOp";
