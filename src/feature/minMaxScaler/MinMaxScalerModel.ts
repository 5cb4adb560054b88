import { ParamAccessors } from "../../params/withParams";
import { modelStage } from "../../base/predictOps";
import { MIN_MAX_SCALER } from "./spec";

export interface MinMaxScalerModel extends ParamAccessors<MinMaxScalerModel, typeof MinMaxScalerModel.PARAMS> {}

/**
 * A fitted {@link MinMaxScaler} (Alink's `MinMaxScalerModel`): its model table (range and
 * per-column minima/maxima) plus
 * the prediction parameters; `transform` runs the same mapper as MinMaxScalerPredictBatchOp.
 */
export class MinMaxScalerModel extends modelStage(MIN_MAX_SCALER) {}
