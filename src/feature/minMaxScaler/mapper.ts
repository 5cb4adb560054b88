import { Schema } from "../../core/schema";
import { ParamSource } from "../../common/paramSnapshot";
import { ColumnScalerMapper, SCALER_MAPPER_PARAMS } from "../common/columnScalerMapper";
import { MinMaxScalerModelData } from "./model";

/**
 * Rescales the model's columns to [min, max] (Alink `MinMaxScalerModelMapper` / `ScalerUtil`):
 * `(v − eMin) / (eMax − eMin) · (max − min) + min`, and for a constant column (eMin = eMax)
 * the midpoint `0.5 · (max + min)`. Values outside the training range map outside [min, max]
 * (no clipping, as in Alink). A column that had no values in training (eMin, eMax NaN) also maps
 * to the midpoint, where Alink outputs NaN.
 */
export class MinMaxScalerModelMapper extends ColumnScalerMapper {
  private readonly eMins: Float64Array;
  private readonly eMaxs: Float64Array;
  private readonly min: number;
  private readonly max: number;

  constructor(model: MinMaxScalerModelData, dataSchema: Schema, params: ParamSource<typeof SCALER_MAPPER_PARAMS>, operator: string) {
    super(dataSchema, model.selectedCols, params, operator);
    this.eMins = model.eMins;
    this.eMaxs = model.eMaxs;
    this.min = model.min;
    this.max = model.max;
  }

  protected scale(i: number, v: number): number {
    const eMin = this.eMins[i];
    const eMax = this.eMaxs[i];
    if (eMin !== eMax && eMin === eMin && eMax === eMax) return ((v - eMin) / (eMax - eMin)) * (this.max - this.min) + this.min;
    return 0.5 * (this.max + this.min);
  }
}
