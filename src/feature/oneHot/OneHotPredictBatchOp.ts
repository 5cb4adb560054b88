import { ParamAccessors } from "../../params/withParams";
import { predictBatchOp } from "../../base/predictOps";
import { ONE_HOT } from "./spec";

export interface OneHotPredictBatchOp extends ParamAccessors<OneHotPredictBatchOp, typeof OneHotPredictBatchOp.PARAMS> {}

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
export class OneHotPredictBatchOp extends predictBatchOp(ONE_HOT) {}
