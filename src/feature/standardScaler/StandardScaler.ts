import { ParamAccessors } from "../../params/withParams";
import { trainerEstimator } from "../../base/estimator";
import { STANDARD_SCALER_PREDICT_PARAMS, STANDARD_SCALER_TRAIN_PARAMS } from "./params";
import { StandardScalerModel } from "./StandardScalerModel";
import { StandardScalerTrainBatchOp } from "./StandardScalerTrainBatchOp";

const PARAMS = { ...STANDARD_SCALER_TRAIN_PARAMS, ...STANDARD_SCALER_PREDICT_PARAMS };

export interface StandardScaler extends ParamAccessors<StandardScaler, typeof PARAMS> {}

/**
 * Pipeline estimator for standardization (Alink's `StandardScaler`): `fit` learns means and
 * sample standard deviations with StandardScalerTrainBatchOp and returns a
 * {@link StandardScalerModel}.
 *
 * @example
 * ```ts
 * const model = new StandardScaler().setSelectedCols(["col2", "col3"]).fit(data);
 * model.transform(data).print();
 * ```
 */
export class StandardScaler extends trainerEstimator(PARAMS, StandardScalerTrainBatchOp, StandardScalerModel) {}
