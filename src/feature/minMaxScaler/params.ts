import { Param } from "../../params/param";
import { OutputColsParam, ReservedColsParam, SelectedColsParam } from "../../params/shared";

/** MinMaxScaler training parameters (Alink `MinMaxScalerTrainParams`). */
export const MIN_MAX_SCALER_TRAIN_PARAMS = {
  ...SelectedColsParam,
  min: Param.double({ doc: "Lower bound of the output range: a column's minimum maps to it.", default: 0.0 }),
  max: Param.double({ doc: "Upper bound of the output range: a column's maximum maps to it.", default: 1.0 }),
};

/**
 * MinMaxScaler prediction parameters (Alink `MinMaxScalerPredictParams`); `reservedCols` is a
 * streamlab addition (Alink keeps every input column).
 */
export const MIN_MAX_SCALER_PREDICT_PARAMS = {
  ...OutputColsParam,
  ...ReservedColsParam,
};
