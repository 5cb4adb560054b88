// Public API of src/onlinelearning (re-exported by src/index.ts).
export { FtrlTrainStreamOp } from "./ftrl/FtrlTrainStreamOp";
export type { SkippedRow } from "./ftrl/FtrlTrainStreamOp";
export { FtrlPredictStreamOp } from "./ftrl/FtrlPredictStreamOp";
export { FtrlLearner } from "./ftrl/FtrlLearner";
export type { FtrlHyperParams } from "./ftrl/FtrlLearner";
export { BinaryClassModelFilterStreamOp } from "./filter/BinaryClassModelFilterStreamOp";
export { FtrlModelFilterStreamOp } from "./filter/FtrlModelFilterStreamOp";
export type { ModelFilterDecision } from "./filter/report";
export { MODEL_FILTER_REPORT_SCHEMA } from "./filter/report";
export type { ModelFilterEvalMode } from "./filter/params";
export * from "./experiments";
export * from "./inspector";
export * from "./driftTrigger";
