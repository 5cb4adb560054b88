import { Mapper } from "../../common/mapper";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { ModelMapBatchOp } from "../../engine/mapBatchOps";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { scalerOutputSchema } from "../common/columnScalerMapper";
import { StandardScalerModelMapper } from "./mapper";
import { standardScalerModelFromTable } from "./model";
import { STANDARD_SCALER_PREDICT_PARAMS } from "./params";

const PARAMS = STANDARD_SCALER_PREDICT_PARAMS;

export interface StandardScalerPredictBatchOp extends ParamAccessors<StandardScalerPredictBatchOp, typeof PARAMS> {}

/**
 * Standardizes data with a StandardScaler model: `linkFrom(model, data)` (Alink's
 * `StandardScalerPredictBatchOp`). Each of the model's columns becomes DOUBLE `(v − mean) / std`
 * (0.0 when std is 0), in place unless `outputCols` is set; nulls stay null.
 *
 * @example
 * ```ts
 * const model = new StandardScalerTrainBatchOp().setSelectedCols(["col2", "col3"]).linkFrom(data);
 * new StandardScalerPredictBatchOp().linkFrom(model, data).print();
 * ```
 */
export class StandardScalerPredictBatchOp extends ModelMapBatchOp {
  static override readonly PARAMS = PARAMS;

  constructor(params?: ParamInit<typeof PARAMS>) {
    super(params);
  }

  protected override outputSchema([model, data]: readonly Schema[]): Schema {
    return scalerOutputSchema(model, data, this, this.operatorName);
  }

  createModelMapper(model: Table, dataSchema: Schema): Mapper {
    return new StandardScalerModelMapper(standardScalerModelFromTable(model, this.operatorName), dataSchema, this, this.operatorName);
  }
}
