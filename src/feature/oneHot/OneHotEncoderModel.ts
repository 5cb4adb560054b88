import { Mapper } from "../../common/mapper";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { ModelStreamScanParams } from "../../params/shared";
import { ModelBase } from "../../base/stages";
import { OneHotModelMapper } from "./mapper";
import { oneHotModelFromTable } from "./model";
import { ONE_HOT_PREDICT_PARAMS } from "./params";

/** The prediction parameters, and a model-stream folder of this stage's models to follow (Alink's MapModel has ModelStreamScanParams). */
const PARAMS = { ...ONE_HOT_PREDICT_PARAMS, ...ModelStreamScanParams };

export interface OneHotEncoderModel extends ParamAccessors<OneHotEncoderModel, typeof PARAMS> {}

/**
 * A fitted {@link OneHotEncoder} (Alink's `OneHotEncoderModel`): the OneHot model table plus
 * the prediction parameters; `transform` runs the same mapper as OneHotPredictBatchOp.
 */
export class OneHotEncoderModel extends ModelBase {
  static override readonly PARAMS = PARAMS;

  constructor(modelData: Table | null = null, params?: ParamInit<typeof PARAMS>) {
    super(modelData, params);
  }

  createMapper(inputSchema: Schema): Mapper {
    return new OneHotModelMapper(oneHotModelFromTable(this.getModelData(), this.operatorName), inputSchema, this, this.operatorName);
  }
}
