import { ParamAccessors } from "../../params/withParams";
import { predictStreamOp } from "../../base/predictOps";
import { LOGISTIC_REGRESSION } from "./spec";

export interface LogisticRegressionPredictStreamOp extends ParamAccessors<LogisticRegressionPredictStreamOp, typeof LogisticRegressionPredictStreamOp.PARAMS> {}

/**
 * Predicts a stream with a logistic-regression model (Alink's `LogisticRegressionPredictStreamOp`):
 * `new LogisticRegressionPredictStreamOp(model).linkFrom(data[, modelStream])`. With a model
 * stream (e.g. from FtrlTrainStreamOp) it switches to each model at that model's event time.
 * A streamed model that fails its checks (non-finite coefficients, another vectorSize, feature
 * columns or labels than the serving model) is refused: `getModelSwaps()` records it with
 * `ok: false` and the reason, a warning line says so, and the previous model keeps serving.
 * Data rows are checked as in LogisticRegressionPredictBatchOp; errors name the row in the stream
 * and its event time.
 */
export class LogisticRegressionPredictStreamOp extends predictStreamOp(LOGISTIC_REGRESSION) {}
