import { modelSpec } from "../../base/modelSpec";
import { OneHotModelMapper } from "./mapper";
import { oneHotModelFromTable, oneHotModelToTable } from "./model";
import { ONE_HOT_PREDICT_PARAMS } from "./params";

/**
 * The OneHot model type in one place: prediction parameters, model table ⇄ model data, mapper.
 * OneHotPredictBatchOp, OneHotPredictStreamOp and OneHotEncoderModel are built from it (src/base/predictOps.ts).
 */
export const ONE_HOT = modelSpec({
  params: ONE_HOT_PREDICT_PARAMS,
  fromTable: oneHotModelFromTable,
  toTable: (model) => oneHotModelToTable(model),
  mapper: (model, dataSchema, params, operator) => new OneHotModelMapper(model, dataSchema, params, operator),
});
