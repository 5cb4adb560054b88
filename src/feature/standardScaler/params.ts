import { Param } from "../../params/param";
import { OutputColsParam, ReservedColsParam, SelectedColsParam } from "../../params/shared";

/** StandardScaler training parameters (Alink `StandardTrainParams`). */
export const STANDARD_SCALER_TRAIN_PARAMS = {
  ...SelectedColsParam,
  withMean: Param.bool({ doc: "Centre each column on its mean; false stores mean 0 (values are only divided by the std).", default: true }),
  withStd: Param.bool({ doc: "Divide each column by its sample standard deviation; false stores std 1 (values are only centred).", default: true }),
};

/**
 * StandardScaler prediction parameters (Alink `SrtPredictMapperParams`). `reservedCols` is a
 * streamlab addition: Alink's scaler mappers always keep every input column.
 */
export const STANDARD_SCALER_PREDICT_PARAMS = {
  ...OutputColsParam,
  ...ReservedColsParam,
};
