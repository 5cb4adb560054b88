import { ParamAccessors } from "../../params/withParams";
import { scalerTrainBatchOp } from "../common/scalerTrainBatchOp";
import { minMaxScalerModelToTable } from "./model";
import { MIN_MAX_SCALER_TRAIN_PARAMS } from "./params";
import { fitMinMaxScaler } from "./trainer";

export interface MinMaxScalerTrainBatchOp extends ParamAccessors<MinMaxScalerTrainBatchOp, typeof MinMaxScalerTrainBatchOp.PARAMS> {}

/**
 * Learns the minimum and maximum of numeric columns (Alink's `MinMaxScalerTrainBatchOp`); its
 * output is the model table that {@link MinMaxScalerPredictBatchOp} applies, rescaling to
 * [min, max]. Nulls are skipped; NaN or Infinity is an error.
 *
 * @example
 * ```ts
 * const model = new MinMaxScalerTrainBatchOp().setSelectedCols(["col2", "col3"]).linkFrom(data);
 * new MinMaxScalerPredictBatchOp().linkFrom(model, data).print();
 * ```
 */
export class MinMaxScalerTrainBatchOp extends scalerTrainBatchOp(MIN_MAX_SCALER_TRAIN_PARAMS, (input, p, operator) =>
  minMaxScalerModelToTable(fitMinMaxScaler(input, p.selectedCols, p.min, p.max, operator), operator),
) {}
