import { Mapper } from "../../common/mapper";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { ModelMapBatchOp } from "../../engine/mapBatchOps";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { OneHotModelMapper } from "./mapper";
import { oneHotModelFromTable } from "./model";
import { ONE_HOT_PREDICT_PARAMS } from "./params";

const PARAMS = ONE_HOT_PREDICT_PARAMS;

export interface OneHotPredictBatchOp extends ParamAccessors<OneHotPredictBatchOp, typeof PARAMS> {}

/**
 * One-hot encodes data with a OneHot model: `linkFrom(model, data)` (Alink's
 * `OneHotPredictBatchOp`). By default (encode ASSEMBLED_VECTOR) all columns go into one sparse
 * vector column named by `outputCols`; `encode` VECTOR gives one vector per column and INDEX the
 * token index. Nulls and unseen tokens follow `handleInvalid` (see {@link OneHotModelMapper}).
 *
 * @example
 * ```ts
 * const model = new OneHotTrainBatchOp().setSelectedCols(["query"]).linkFrom(data);
 * new OneHotPredictBatchOp().setOutputCols(["output"]).linkFrom(model, data).print();
 * // a → $5$0:1.0 … d → $5$3:1.0, e (the last token, dropped) → $5$, null → $5$4:1.0
 * ```
 */
export class OneHotPredictBatchOp extends ModelMapBatchOp {
  static override readonly PARAMS = PARAMS;

  constructor(params?: ParamInit<typeof PARAMS>) {
    super(params);
  }

  createModelMapper(model: Table, dataSchema: Schema): Mapper {
    return new OneHotModelMapper(oneHotModelFromTable(model, this.operatorName), dataSchema, this, this.operatorName);
  }
}
