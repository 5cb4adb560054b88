import { Mapper } from "../../common/mapper";
import { OutputColsHelper } from "../../common/outputCols";
import { StreamlabError } from "../../core/errors";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { ModelMapBatchOp } from "../../engine/mapBatchOps";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { LinearModelMapper, checkPredictionCols } from "../linear/mapper";
import { linearModelFromTable } from "../linear/model";
import { LOGISTIC_REGRESSION_PREDICT_PARAMS } from "./params";

const PARAMS = LOGISTIC_REGRESSION_PREDICT_PARAMS;

export interface LogisticRegressionPredictBatchOp extends ParamAccessors<LogisticRegressionPredictBatchOp, typeof PARAMS> {}

/**
 * Predicts with a logistic-regression model (Alink's `LogisticRegressionPredictBatchOp`):
 * `linkFrom(model, data)`, model first. Appends `predictionCol` (the label's type) and, when
 * set, `predictionDetailCol`: `{"<label>":"<probability>",…}` — probabilities in Java
 * `Double.toString` form as JSON strings, keys in Java `HashMap` order (`{"2.0":…,"1.0":…}`).
 * Features come from `vectorCol` if set, else from the model's feature columns or vector column.
 * Input the trainer rejects is rejected here too, naming the row and column: null features,
 * NaN/±Infinity values, vectors whose size is not the model's vectorSize (Alink ignores extra
 * indices and reads missing ones as 0). The model table is checked when it is read
 * (finite coefficients, one per feature, two labels).
 *
 * @example
 * ```ts
 * new LogisticRegressionPredictBatchOp().setPredictionCol("pred").setPredictionDetailCol("detail").linkFrom(model, data).print();
 * ```
 */
export class LogisticRegressionPredictBatchOp extends ModelMapBatchOp {
  static override readonly PARAMS = PARAMS;

  constructor(params?: ParamInit<typeof PARAMS>) {
    super(params);
  }

  protected override outputSchema([model, data]: readonly Schema[]): Schema {
    if (model.indexOf("model_id") < 0 || model.indexOf("model_info") < 0) {
      throw new StreamlabError(
        `${this.operatorName}.linkFrom: the first input is not a model table (model_id, model_info, label_value), it has ${model.names.join(", ")}; ` +
          "link the model first: linkFrom(model, data).",
        { operator: this.operatorName },
      );
    }
    // The label type is known from the model table's schema; feature columns only from its data.
    const labelIndex = model.indexOf("label_value");
    const labelType = labelIndex >= 0 ? model.types[labelIndex] : "STRING";
    const detail = this.getPredictionDetailCol();
    checkPredictionCols(this.getPredictionCol(), detail, this.operatorName);
    const names = detail === null ? [this.getPredictionCol()] : [this.getPredictionCol(), detail];
    const types = detail === null ? [labelType] : [labelType, "STRING" as const];
    const vectorCol = this.getVectorCol();
    if (vectorCol !== null) data.require(vectorCol, { operator: this.operatorName, param: "vectorCol" });
    return new OutputColsHelper(data, names, types, this.getReservedCols(), this.operatorName).resultSchema;
  }

  createModelMapper(model: Table, dataSchema: Schema): Mapper {
    return new LinearModelMapper(linearModelFromTable(model, this.operatorName), dataSchema, this, this.operatorName);
  }
}
