import { ParamAccessors } from "../../params/withParams";
import { predictStreamOp } from "../../base/predictOps";
import { ONE_HOT } from "./spec";

export interface OneHotPredictStreamOp extends ParamAccessors<OneHotPredictStreamOp, typeof OneHotPredictStreamOp.PARAMS> {}

/**
 * The stream form of `OneHotPredictBatchOp` (Alink's `OneHotPredictStreamOp`): built with the model,
 * `linkFrom(data[, modelStream])`; the same mapper as the batch op and the pipeline stage. With a
 * model stream linked it switches to each new model at that model's event time.
 */
export class OneHotPredictStreamOp extends predictStreamOp(ONE_HOT) {}
