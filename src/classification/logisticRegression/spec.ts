import { OutputColsHelper } from "../../common/outputCols";
import { ParamSnapshot } from "../../common/paramSnapshot";
import { StreamlabError } from "../../core/errors";
import { Schema } from "../../core/schema";
import { modelSpec } from "../../base/modelSpec";
import { LINEAR_PREDICT_PARAMS } from "../linear/params";
import { LinearModelMapper, checkPredictionCols } from "../linear/mapper";
import { linearModelFromTable, linearModelToTable } from "../linear/model";
import { LOGISTIC_REGRESSION_PREDICT_PARAMS } from "./params";

/**
 * The logistic-regression model type in one place: prediction parameters, model table ⇄ linear
 * model data, the linear mapper, and the output columns from the model table's schema.
 * LogisticRegressionPredictBatchOp, LogisticRegressionPredictStreamOp and LogisticRegressionModel
 * are built from it (src/base/predictOps.ts).
 */
export const LOGISTIC_REGRESSION = modelSpec({
  params: LOGISTIC_REGRESSION_PREDICT_PARAMS,
  fromTable: linearModelFromTable,
  toTable: linearModelToTable,
  mapper: (model, dataSchema, params, operator) => new LinearModelMapper(model, dataSchema, params, operator),
  outputSchema: linearOutputSchema,
});

/**
 * The prediction columns appended to the data: the label's type is known from the model table's
 * schema (its `label_value` column), the feature columns only from its data.
 */
function linearOutputSchema(model: Schema, data: Schema, params: ParamSnapshot<typeof LINEAR_PREDICT_PARAMS>, operator: string): Schema {
  if (model.indexOf("model_id") < 0 || model.indexOf("model_info") < 0) {
    throw new StreamlabError(
      `${operator}.linkFrom: the first input is not a model table (model_id, model_info, label_value), it has ${model.names.join(", ")}; ` +
        "link the model first: linkFrom(model, data).",
      { operator },
    );
  }
  const labelIndex = model.indexOf("label_value");
  const labelType = labelIndex >= 0 ? model.types[labelIndex] : "STRING";
  const { predictionCol, predictionDetailCol: detail, vectorCol, reservedCols } = params;
  checkPredictionCols(predictionCol, detail, operator);
  const names = detail === null ? [predictionCol] : [predictionCol, detail];
  const types = detail === null ? [labelType] : [labelType, "STRING" as const];
  if (vectorCol !== null) data.require(vectorCol, { operator, param: "vectorCol" });
  return new OutputColsHelper(data, names, types, reservedCols, operator).resultSchema;
}
