import { scalerModelSpec } from "../common/scalerModelSpec";
import { MinMaxScalerModelMapper } from "./mapper";
import { minMaxScalerModelFromTable, minMaxScalerModelToTable } from "./model";
import { MIN_MAX_SCALER_PREDICT_PARAMS } from "./params";

/**
 * The MinMaxScaler model type in one place: prediction parameters, model table ⇄ model data, mapper, and the output columns from the model table's schema.
 * MinMaxScalerPredictBatchOp, MinMaxScalerPredictStreamOp and MinMaxScalerModel are built from it (src/base/predictOps.ts).
 */
export const MIN_MAX_SCALER = scalerModelSpec(MIN_MAX_SCALER_PREDICT_PARAMS, minMaxScalerModelFromTable, minMaxScalerModelToTable, MinMaxScalerModelMapper);
