import { Mapper } from "../../common/mapper";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { ModelStreamScanParams } from "../../params/shared";
import { ModelBase } from "../../base/stages";
import { MinMaxScalerModelMapper } from "./mapper";
import { minMaxScalerModelFromTable } from "./model";
import { MIN_MAX_SCALER_PREDICT_PARAMS } from "./params";

/** The prediction parameters, and a model-stream folder of this stage's models to follow (Alink's MapModel has ModelStreamScanParams). */
const PARAMS = { ...MIN_MAX_SCALER_PREDICT_PARAMS, ...ModelStreamScanParams };

export interface MinMaxScalerModel extends ParamAccessors<MinMaxScalerModel, typeof PARAMS> {}

/**
 * A fitted {@link MinMaxScaler} (Alink's `MinMaxScalerModel`): its model table (range and
 * per-column minima/maxima) plus
 * the prediction parameters; `transform` runs the same mapper as MinMaxScalerPredictBatchOp.
 */
export class MinMaxScalerModel extends ModelBase {
  static override readonly PARAMS = PARAMS;

  constructor(modelData: Table | null = null, params?: ParamInit<typeof PARAMS>) {
    super(modelData, params);
  }

  createMapper(inputSchema: Schema): Mapper {
    const model = minMaxScalerModelFromTable(this.getModelData(), this.operatorName);
    return new MinMaxScalerModelMapper(model, inputSchema, this, this.operatorName);
  }
}
