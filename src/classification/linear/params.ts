import { ModelVectorColParam, PredictionParams, ReservedColsParam } from "../../params/shared";

/**
 * What a linear model's mapper reads (Alink's `LinearModelMapperParams`): the prediction and
 * detail columns, the kept input columns, and where the features are.
 */
export const LINEAR_PREDICT_PARAMS = {
  ...PredictionParams,
  ...ReservedColsParam,
  ...ModelVectorColParam,
};
