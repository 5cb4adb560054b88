import { ParamAccessors } from "../../params/withParams";
import { predictBatchOp } from "../../base/predictOps";
import { STANDARD_SCALER } from "./spec";

export interface StandardScalerPredictBatchOp extends ParamAccessors<StandardScalerPredictBatchOp, typeof StandardScalerPredictBatchOp.PARAMS> {}

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
export class StandardScalerPredictBatchOp extends predictBatchOp(STANDARD_SCALER) {}
