import { ParamAccessors } from "../../params/withParams";
import { modelStage } from "../../base/predictOps";
import { LinearModelData } from "../linear/model";
import { LinearTrainingInfo } from "../linear/trainInfo";
import { LOGISTIC_REGRESSION } from "./spec";

export interface LogisticRegressionModel extends ParamAccessors<LogisticRegressionModel, typeof LogisticRegressionModel.PARAMS> {}

/**
 * A fitted {@link LogisticRegression} (Alink's `LogisticRegressionModel`): the model table plus
 * the prediction parameters; `transform` runs the same mapper as LogisticRegressionPredictBatchOp.
 * `getTrainingInfo()` holds the optimizer's report when the model came from `fit` (null for a
 * model loaded from a file: the model table does not keep it, in Alink either).
 */
export class LogisticRegressionModel extends modelStage(LOGISTIC_REGRESSION) {
  private trainingInfo: LinearTrainingInfo | null = null;

  /** The model in typed form (coefficients, labels, feature names). */
  getLinearModelData(): LinearModelData {
    return this.parsedModel();
  }

  /** Loss per iteration and convergence of the training that made this model, if known. */
  getTrainingInfo(): LinearTrainingInfo | null {
    return this.trainingInfo;
  }

  /** @internal Set by LogisticRegression.fit. */
  setTrainingInfo(info: LinearTrainingInfo | null): this {
    this.trainingInfo = info;
    return this;
  }
}
