import { modelSpec } from "../../base/modelSpec";
import { scalerOutputSchema } from "../common/columnScalerMapper";
import { StandardScalerModelMapper } from "./mapper";
import { standardScalerModelFromTable, standardScalerModelToTable } from "./model";
import { STANDARD_SCALER_PREDICT_PARAMS } from "./params";

/**
 * The StandardScaler model type in one place: prediction parameters, model table ⇄ model data, mapper, and the output columns from the model table's schema.
 * StandardScalerPredictBatchOp, StandardScalerPredictStreamOp and StandardScalerModel are built from it (src/base/predictOps.ts).
 */
export const STANDARD_SCALER = modelSpec({
  params: STANDARD_SCALER_PREDICT_PARAMS,
  fromTable: standardScalerModelFromTable,
  toTable: (model) => standardScalerModelToTable(model),
  mapper: (model, dataSchema, params, operator) => new StandardScalerModelMapper(model, dataSchema, params, operator),
  outputSchema: scalerOutputSchema,
});
