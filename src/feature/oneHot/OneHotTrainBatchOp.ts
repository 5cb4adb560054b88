import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { BatchOperator, BatchResult } from "../../engine/batchOperator";
import { declareParams } from "../../params/declareParams";
import { ParamAccessors } from "../../params/withParams";
import { requireColumns } from "../common/columns";
import { ONE_HOT_MODEL_SCHEMA, oneHotModelToTable } from "./model";
import { ONE_HOT_TRAIN_PARAMS } from "./params";
import { fitOneHot } from "./trainer";

const PARAMS = ONE_HOT_TRAIN_PARAMS;

const SIDE_SCHEMA = new Schema(["selectedCol", "distinctTokenNumber"], ["STRING", "BIGINT"]);

export interface OneHotTrainBatchOp extends ParamAccessors<OneHotTrainBatchOp, typeof PARAMS> {}

/**
 * Learns the tokens of categorical columns for one-hot encoding (Alink's `OneHotTrainBatchOp`).
 * The output is Alink's model table `column_index, token, token_index` (a meta row with
 * column_index −1, then the tokens, numbered in lexicographic order per column); side output 0
 * lists each column's number of distinct kept tokens (`selectedCol, distinctTokenNumber`; columns
 * without tokens are left out, as in Alink).
 *
 * @example
 * ```ts
 * const model = new OneHotTrainBatchOp().setSelectedCols(["query"]).linkFrom(data);
 * new OneHotPredictBatchOp().setOutputCols(["output"]).linkFrom(model, data).print();
 * ```
 */
export class OneHotTrainBatchOp extends declareParams(BatchOperator, PARAMS) {
  override getSideOutputCount(): number {
    return 1;
  }

  protected override outputSchema([input]: readonly Schema[]): Schema {
    requireColumns(input, this.getSelectedCols(), { operator: this.operatorName, param: "selectedCols" });
    return ONE_HOT_MODEL_SCHEMA;
  }

  protected compute([input]: readonly Table[]): BatchResult {
    const cols = this.getSelectedCols();
    const thresholds = this.getDiscreteThresholdsArray() ?? cols.map(() => this.getDiscreteThresholds());
    const model = fitOneHot(input, cols, thresholds, this.operatorName);
    const counts = model.tokenIndex.map((tokens, i) => [model.selectedCols[i], new Set(tokens.values()).size] as const).filter(([, n]) => n > 0);
    return {
      output: oneHotModelToTable(model),
      sideOutputs: [Table.fromRows(counts.map(([c, n]) => [c, n]), SIDE_SCHEMA, this.operatorName)],
    };
  }
}
