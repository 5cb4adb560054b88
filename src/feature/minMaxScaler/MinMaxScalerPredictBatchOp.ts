import { Mapper } from "../../common/mapper";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { ModelMapBatchOp } from "../../engine/mapBatchOps";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { scalerOutputSchema } from "../common/columnScalerMapper";
import { MinMaxScalerModelMapper } from "./mapper";
import { minMaxScalerModelFromTable } from "./model";
import { MIN_MAX_SCALER_PREDICT_PARAMS } from "./params";

const PARAMS = MIN_MAX_SCALER_PREDICT_PARAMS;

export interface MinMaxScalerPredictBatchOp extends ParamAccessors<MinMaxScalerPredictBatchOp, typeof PARAMS> {}

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
export class MinMaxScalerPredictBatchOp extends ModelMapBatchOp {
  static override readonly PARAMS = PARAMS;

  constructor(params?: ParamInit<typeof PARAMS>) {
    super(params);
  }

  protected override outputSchema([model, data]: readonly Schema[]): Schema {
    return scalerOutputSchema(model, data, this, this.operatorName);
  }

  createModelMapper(model: Table, dataSchema: Schema): Mapper {
    return new MinMaxScalerModelMapper(minMaxScalerModelFromTable(model, this.operatorName), dataSchema, this, this.operatorName);
  }
}
