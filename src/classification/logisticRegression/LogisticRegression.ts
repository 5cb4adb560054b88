import { BatchOperator } from "../../engine/batchOperator";
import { ParamAccessors } from "../../params/withParams";
import { trainerEstimator } from "../../base/estimator";
import { LogisticRegressionModel } from "./LogisticRegressionModel";
import { LogisticRegressionTrainBatchOp } from "./LogisticRegressionTrainBatchOp";
import { LOGISTIC_REGRESSION_PREDICT_PARAMS, LOGISTIC_REGRESSION_TRAIN_PARAMS } from "./params";

const PARAMS = { ...LOGISTIC_REGRESSION_TRAIN_PARAMS, ...LOGISTIC_REGRESSION_PREDICT_PARAMS };

export interface LogisticRegression extends ParamAccessors<LogisticRegression, typeof PARAMS> {}

/**
 * Pipeline estimator for binary logistic regression (Alink's `LogisticRegression`): `fit`
 * trains with LogisticRegressionTrainBatchOp (same parameters) and returns a
 * {@link LogisticRegressionModel} that predicts with the prediction parameters and keeps the
 * training report (`getTrainingInfo()`).
 *
 * @example
 * ```ts
 * const model = new LogisticRegression().setFeatureCols(["f0", "f1"]).setLabelCol("label").setPredictionCol("pred").fit(data);
 * model.transform(data).print();
 * ```
 */
export class LogisticRegression extends trainerEstimator(PARAMS, LogisticRegressionTrainBatchOp, LogisticRegressionModel) {
  protected override afterFit(trainer: BatchOperator, model: LogisticRegressionModel): void {
    model.setTrainingInfo((trainer as LogisticRegressionTrainBatchOp).getTrainingInfo());
  }
}
