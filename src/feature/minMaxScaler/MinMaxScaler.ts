import { ParamAccessors } from "../../params/withParams";
import { trainerEstimator } from "../../base/estimator";
import { MIN_MAX_SCALER_PREDICT_PARAMS, MIN_MAX_SCALER_TRAIN_PARAMS } from "./params";
import { MinMaxScalerModel } from "./MinMaxScalerModel";
import { MinMaxScalerTrainBatchOp } from "./MinMaxScalerTrainBatchOp";

const PARAMS = { ...MIN_MAX_SCALER_TRAIN_PARAMS, ...MIN_MAX_SCALER_PREDICT_PARAMS };

export interface MinMaxScaler extends ParamAccessors<MinMaxScaler, typeof PARAMS> {}

/**
 * Pipeline estimator for min-max scaling (Alink's `MinMaxScaler`): `fit` learns each column's
 * minimum and maximum with MinMaxScalerTrainBatchOp and returns a {@link MinMaxScalerModel} that
 * rescales values to [min, max] (default [0, 1]).
 *
 * @example
 * ```ts
 * const model = new MinMaxScaler().setSelectedCols(["col2", "col3"]).fit(data);
 * model.transform(data).print();
 * ```
 */
export class MinMaxScaler extends trainerEstimator(PARAMS, MinMaxScalerTrainBatchOp, MinMaxScalerModel) {}
