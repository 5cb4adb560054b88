// Public API of src/onlinelearning (re-exported by src/index.ts).
export { FtrlTrainStreamOp } from "./ftrl/FtrlTrainStreamOp";
export { FtrlPredictStreamOp } from "./ftrl/FtrlPredictStreamOp";
export { FtrlLearner } from "./ftrl/FtrlLearner";
export type { FtrlHyperParams } from "./ftrl/FtrlLearner";
