import { Mapper } from "../../common/mapper";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { BatchOperator } from "../../engine/batchOperator";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { ModelStreamScanParams } from "../../params/shared";
import { ModelMapStreamOp, ModelVersionParam } from "../../base/ModelMapStreamOp";
import { MinMaxScalerModelMapper } from "./mapper";
import { minMaxScalerModelFromTable } from "./model";
import { MIN_MAX_SCALER_PREDICT_PARAMS } from "./params";

const PARAMS = { ...MIN_MAX_SCALER_PREDICT_PARAMS, ...ModelVersionParam, ...ModelStreamScanParams };

export interface MinMaxScalerPredictStreamOp extends ParamAccessors<MinMaxScalerPredictStreamOp, typeof PARAMS> {}

/**
 * The stream form of `MinMaxScalerPredictBatchOp` (Alink's `MinMaxScalerPredictStreamOp`): built with the model,
 * `linkFrom(data[, modelStream])`; the same mapper as the batch op and the pipeline stage. With a
 * model stream linked it switches to each new model at that model's event time.
 */
export class MinMaxScalerPredictStreamOp extends ModelMapStreamOp {
  static override readonly PARAMS = PARAMS;

  constructor(model: BatchOperator | Table, params?: ParamInit<typeof PARAMS>) {
    super(model, params);
  }

  createModelMapper(model: Table, dataSchema: Schema): Mapper {
    return new MinMaxScalerModelMapper(minMaxScalerModelFromTable(model, this.operatorName), dataSchema, this, this.operatorName);
  }
}
