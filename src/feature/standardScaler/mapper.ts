import { Schema } from "../../core/schema";
import { ParamSource } from "../../common/paramSnapshot";
import { ColumnScalerMapper, SCALER_MAPPER_PARAMS } from "../common/columnScalerMapper";
import { StandardScalerModelData } from "./model";

/**
 * Standardizes the model's columns (Alink `StandardScalerModelMapper`): `(v − mean) / std` when
 * std > 0, else 0.0; null stays null; output DOUBLE, in place unless `outputCols` is set.
 * Shared by StandardScalerPredictBatchOp, the pipeline's StandardScalerModel and (later) the
 * stream predictor.
 */
export class StandardScalerModelMapper extends ColumnScalerMapper {
  private readonly means: Float64Array;
  private readonly stds: Float64Array;

  constructor(model: StandardScalerModelData, dataSchema: Schema, params: ParamSource<typeof SCALER_MAPPER_PARAMS>, operator: string) {
    super(dataSchema, model.selectedCols, params, operator);
    this.means = model.means;
    this.stds = model.stds;
  }

  protected scale(i: number, v: number): number {
    const std = this.stds[i];
    return std > 0 ? (v - this.means[i]) / std : 0.0;
  }
}
