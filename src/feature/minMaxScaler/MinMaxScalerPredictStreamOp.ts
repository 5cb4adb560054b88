import { ParamAccessors } from "../../params/withParams";
import { predictStreamOp } from "../../base/predictOps";
import { MIN_MAX_SCALER } from "./spec";

export interface MinMaxScalerPredictStreamOp extends ParamAccessors<MinMaxScalerPredictStreamOp, typeof MinMaxScalerPredictStreamOp.PARAMS> {}

/**
 * The stream form of `MinMaxScalerPredictBatchOp` (Alink's `MinMaxScalerPredictStreamOp`): built with the model,
 * `linkFrom(data[, modelStream])`; the same mapper as the batch op and the pipeline stage. With a
 * model stream linked it switches to each new model at that model's event time.
 */
export class MinMaxScalerPredictStreamOp extends predictStreamOp(MIN_MAX_SCALER) {}
