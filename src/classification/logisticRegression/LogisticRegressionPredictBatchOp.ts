import { ParamAccessors } from "../../params/withParams";
import { predictBatchOp } from "../../base/predictOps";
import { LOGISTIC_REGRESSION } from "./spec";

export interface LogisticRegressionPredictBatchOp extends ParamAccessors<LogisticRegressionPredictBatchOp, typeof LogisticRegressionPredictBatchOp.PARAMS> {}

/**
 * Predicts with a logistic-regression model (Alink's `LogisticRegressionPredictBatchOp`):
 * `linkFrom(model, data)`, model first. Appends `predictionCol` (the label's type) and, when
 * set, `predictionDetailCol`: `{"<label>":"<probability>",…}` — probabilities in Java
 * `Double.toString` form as JSON strings, keys in Java `HashMap` order (`{"2.0":…,"1.0":…}`).
 * Features come from `vectorCol` if set, else from the model's feature columns or vector column.
 * Input the trainer rejects is rejected here too, naming the row and column: null features,
 * NaN/±Infinity values, vectors whose size is not the model's vectorSize (Alink ignores extra
 * indices and reads missing ones as 0). The model table is checked when it is read
 * (finite coefficients, one per feature, two labels).
 *
 * @example
 * ```ts
 * new LogisticRegressionPredictBatchOp().setPredictionCol("pred").setPredictionDetailCol("detail").linkFrom(model, data).print();
 * ```
 */
export class LogisticRegressionPredictBatchOp extends predictBatchOp(LOGISTIC_REGRESSION) {}
