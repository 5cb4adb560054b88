import { ColumnScalerMapper } from "../common/columnScalerMapper";
import { MinMaxScalerModelData } from "./model";

/**
 * Rescales the model's columns to [min, max] (Alink `MinMaxScalerModelMapper` / `ScalerUtil`):
 * `(v − eMin) / (eMax − eMin) · (max − min) + min`, and for a constant column (eMin = eMax)
 * the midpoint `0.5 · (max + min)`. Values outside the training range map outside [min, max]
 * (no clipping, as in Alink). A column that had no values in training (eMin, eMax NaN) also maps
 * to the midpoint, where Alink outputs NaN.
 */
export class MinMaxScalerModelMapper extends ColumnScalerMapper<MinMaxScalerModelData> {
  protected scale(i: number, v: number): number {
    const { eMins, eMaxs, min, max } = this.model;
    const eMin = eMins[i];
    const eMax = eMaxs[i];
    if (eMin !== eMax && eMin === eMin && eMax === eMax) return ((v - eMin) / (eMax - eMin)) * (max - min) + min;
    return 0.5 * (max + min);
  }
}
