import { scalerModelSpec } from "../common/scalerModelSpec";
import { StandardScalerModelMapper } from "./mapper";
import { standardScalerModelFromTable, standardScalerModelToTable } from "./model";
import { STANDARD_SCALER_PREDICT_PARAMS } from "./params";

/**
 * The StandardScaler model type in one place: prediction parameters, model table ⇄ model data, mapper, and the output columns from the model table's schema.
 * StandardScalerPredictBatchOp, StandardScalerPredictStreamOp and StandardScalerModel are built from it (src/base/predictOps.ts).
 */
export const STANDARD_SCALER = scalerModelSpec(STANDARD_SCALER_PREDICT_PARAMS, standardScalerModelFromTable, standardScalerModelToTable, StandardScalerModelMapper);
