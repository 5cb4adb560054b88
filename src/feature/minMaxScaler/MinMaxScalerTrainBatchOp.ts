import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { BatchOperator } from "../../engine/batchOperator";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { requireNumericColumns } from "../common/columns";
import { richModelSchema } from "../common/richModelTable";
import { minMaxScalerModelToTable } from "./model";
import { MIN_MAX_SCALER_TRAIN_PARAMS } from "./params";
import { fitMinMaxScaler } from "./trainer";

const PARAMS = MIN_MAX_SCALER_TRAIN_PARAMS;

export interface MinMaxScalerTrainBatchOp extends ParamAccessors<MinMaxScalerTrainBatchOp, typeof PARAMS> {}

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
export class MinMaxScalerTrainBatchOp extends BatchOperator {
  static override readonly PARAMS = PARAMS;

  constructor(params?: ParamInit<typeof PARAMS>) {
    super(params);
  }

  protected override outputSchema([input]: readonly Schema[]): Schema {
    const cols = this.getSelectedCols();
    requireNumericColumns(input, cols, { operator: this.operatorName, param: "selectedCols" });
    return richModelSchema(cols, cols.map(() => "DOUBLE" as const), this.operatorName);
  }

  protected compute([input]: readonly Table[]): Table {
    const model = fitMinMaxScaler(input, this.getSelectedCols(), this.getMin(), this.getMax(), this.operatorName);
    return minMaxScalerModelToTable(model, this.operatorName);
  }
}
