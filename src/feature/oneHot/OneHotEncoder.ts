import { ParamAccessors } from "../../params/withParams";
import { trainerEstimator } from "../../base/estimator";
import { OneHotEncoderModel } from "./OneHotEncoderModel";
import { OneHotTrainBatchOp } from "./OneHotTrainBatchOp";
import { ONE_HOT_PREDICT_PARAMS, ONE_HOT_TRAIN_PARAMS } from "./params";

// Training's selectedCols (required) wins over prediction's (optional); the model gets the same list.
const PARAMS = { ...ONE_HOT_PREDICT_PARAMS, ...ONE_HOT_TRAIN_PARAMS };

export interface OneHotEncoder extends ParamAccessors<OneHotEncoder, typeof PARAMS> {}

/**
 * Pipeline estimator for one-hot encoding (Alink's `OneHotEncoder`): `fit` learns the tokens
 * with OneHotTrainBatchOp and returns a {@link OneHotEncoderModel}.
 *
 * @example
 * ```ts
 * const model = new OneHotEncoder().setSelectedCols(["query"]).setOutputCols(["output"]).fit(data);
 * model.transform(data).print();
 * ```
 */
export class OneHotEncoder extends trainerEstimator(PARAMS, OneHotTrainBatchOp, OneHotEncoderModel) {}
