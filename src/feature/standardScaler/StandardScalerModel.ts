import { Mapper } from "../../common/mapper";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { ModelStreamScanParams } from "../../params/shared";
import { ModelBase } from "../../base/stages";
import { StandardScalerModelMapper } from "./mapper";
import { standardScalerModelFromTable } from "./model";
import { STANDARD_SCALER_PREDICT_PARAMS } from "./params";

/** The prediction parameters, and a model-stream folder of this stage's models to follow (Alink's MapModel has ModelStreamScanParams). */
const PARAMS = { ...STANDARD_SCALER_PREDICT_PARAMS, ...ModelStreamScanParams };

export interface StandardScalerModel extends ParamAccessors<StandardScalerModel, typeof PARAMS> {}

/**
 * A fitted {@link StandardScaler} (Alink's `StandardScalerModel`): its model table plus the
 * prediction parameters; `transform` runs the same mapper as StandardScalerPredictBatchOp.
 */
export class StandardScalerModel extends ModelBase {
  static override readonly PARAMS = PARAMS;

  constructor(modelData: Table | null = null, params?: ParamInit<typeof PARAMS>) {
    super(modelData, params);
  }

  createMapper(inputSchema: Schema): Mapper {
    const model = standardScalerModelFromTable(this.getModelData(), this.operatorName);
    return new StandardScalerModelMapper(model, inputSchema, this, this.operatorName);
  }
}
