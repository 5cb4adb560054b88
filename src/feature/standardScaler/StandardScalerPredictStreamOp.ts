import { ParamAccessors } from "../../params/withParams";
import { predictStreamOp } from "../../base/predictOps";
import { STANDARD_SCALER } from "./spec";

export interface StandardScalerPredictStreamOp extends ParamAccessors<StandardScalerPredictStreamOp, typeof StandardScalerPredictStreamOp.PARAMS> {}

/**
 * The stream form of `StandardScalerPredictBatchOp` (Alink's `StandardScalerPredictStreamOp`): built with the model,
 * `linkFrom(data[, modelStream])`; the same mapper as the batch op and the pipeline stage. With a
 * model stream linked it switches to each new model at that model's event time.
 */
export class StandardScalerPredictStreamOp extends predictStreamOp(STANDARD_SCALER) {}
