import { ParamAccessors } from "../../params/withParams";
import { predictBatchOp } from "../../base/predictOps";
import { MIN_MAX_SCALER } from "./spec";

export interface MinMaxScalerPredictBatchOp extends ParamAccessors<MinMaxScalerPredictBatchOp, typeof MinMaxScalerPredictBatchOp.PARAMS> {}

/**
 * Rescales data with a MinMaxScaler model: `linkFrom(model, data)` (Alink's
 * `MinMaxScalerPredictBatchOp`). Each of the model's columns becomes DOUBLE
 * `(v − eMin) / (eMax − eMin) · (max − min) + min` (the midpoint of [min, max] for a constant
 * column), in place unless `outputCols` is set; nulls stay null.
 *
 * @example
 * ```ts
 * const model = new MinMaxScalerTrainBatchOp().setSelectedCols(["col2", "col3"]).linkFrom(data);
 * new MinMaxScalerPredictBatchOp().linkFrom(model, data).print();
 * ```
 */
export class MinMaxScalerPredictBatchOp extends predictBatchOp(MIN_MAX_SCALER) {}
