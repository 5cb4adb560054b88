import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { BatchOperator } from "../../engine/batchOperator";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { requireNumericColumns } from "../common/columns";
import { richModelSchema } from "../common/richModelTable";
import { standardScalerModelToTable } from "./model";
import { STANDARD_SCALER_TRAIN_PARAMS } from "./params";
import { fitStandardScaler } from "./trainer";

const PARAMS = STANDARD_SCALER_TRAIN_PARAMS;

export interface StandardScalerTrainBatchOp extends ParamAccessors<StandardScalerTrainBatchOp, typeof PARAMS> {}

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
export class StandardScalerTrainBatchOp extends BatchOperator {
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
    const model = fitStandardScaler(input, this.getSelectedCols(), this.getWithMean(), this.getWithStd(), this.operatorName);
    return standardScalerModelToTable(model, this.operatorName);
  }
}
