import { ParamAccessors } from "../../params/withParams";
import { modelStage } from "../../base/predictOps";
import { STANDARD_SCALER } from "./spec";

export interface StandardScalerModel extends ParamAccessors<StandardScalerModel, typeof StandardScalerModel.PARAMS> {}

/**
 * A fitted {@link StandardScaler} (Alink's `StandardScalerModel`): its model table plus the
 * prediction parameters; `transform` runs the same mapper as StandardScalerPredictBatchOp.
 */
export class StandardScalerModel extends modelStage(STANDARD_SCALER) {}
