import { ParamAccessors } from "../../params/withParams";
import { scalerTrainBatchOp } from "../common/scalerTrainBatchOp";
import { standardScalerModelToTable } from "./model";
import { STANDARD_SCALER_TRAIN_PARAMS } from "./params";
import { fitStandardScaler } from "./trainer";

export interface StandardScalerTrainBatchOp extends ParamAccessors<StandardScalerTrainBatchOp, typeof StandardScalerTrainBatchOp.PARAMS> {}

/**
 * Learns the mean and sample standard deviation of numeric columns (Alink's
 * `StandardScalerTrainBatchOp`); its output is the model table that
 * {@link StandardScalerPredictBatchOp} applies. Nulls are skipped; NaN or Infinity is an error.
 *
 * @example
 * ```ts
 * const model = new StandardScalerTrainBatchOp().setSelectedCols(["col2", "col3"]).linkFrom(data);
 * new StandardScalerPredictBatchOp().linkFrom(model, data).print();
 * ```
 */
export class StandardScalerTrainBatchOp extends scalerTrainBatchOp(STANDARD_SCALER_TRAIN_PARAMS, (input, p, operator) =>
  standardScalerModelToTable(fitStandardScaler(input, p.selectedCols, p.withMean, p.withStd, operator), operator),
) {}
