import { ColumnScalerMapper } from "../common/columnScalerMapper";
import { StandardScalerModelData } from "./model";

/**
 * Standardizes the model's columns (Alink `StandardScalerModelMapper`): `(v − mean) / std` when
 * std > 0, else 0.0; null stays null; output DOUBLE, in place unless `outputCols` is set.
 * Shared by StandardScalerPredictBatchOp, the pipeline's StandardScalerModel and (later) the
 * stream predictor.
 */
export class StandardScalerModelMapper extends ColumnScalerMapper<StandardScalerModelData> {
  protected scale(i: number, v: number): number {
    const std = this.model.stds[i];
    return std > 0 ? (v - this.model.means[i]) / std : 0.0;
  }
}
