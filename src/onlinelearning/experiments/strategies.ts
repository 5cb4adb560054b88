import { Table } from "../../core/table";
import { BatchOperator } from "../../engine/batchOperator";
import { ParamInit } from "../../params/withParams";
import { LogisticRegressionPredictStreamOp } from "../../classification/logisticRegression/LogisticRegressionPredictStreamOp";
import { FtrlPredictStreamOp } from "../ftrl/FtrlPredictStreamOp";
import { FtrlTrainStreamOp } from "../ftrl/FtrlTrainStreamOp";
import type { Strategy } from "./Experiment";

/** Where a strategy's predictor writes: `predictionCol` (default "pred") and `predictionDetailCol` (default "detail"). */
export interface PredictionCols {
  predictionCol?: string;
  predictionDetailCol?: string;
}

/**
 * FTRL trained on the stream from `initModel`, and an `FtrlPredictStreamOp` following its model
 * stream — each row is predicted by the newest model emitted before it, as served in production.
 * `params` are FtrlTrainStreamOp's (alpha, beta, l1, l2, timeInterval, vectorCol ..., and the delayed
 * feedback ones: labelDelay ...).
 */
export function ftrlStrategy(initModel: BatchOperator | Table, params: ParamInit<typeof FtrlTrainStreamOp.PARAMS> & PredictionCols): Strategy {
  const { predictionCol, predictionDetailCol, ...train } = params;
  return (stream) => {
    const models = new FtrlTrainStreamOp(initModel, train).linkFrom(stream);
    const predictor = new FtrlPredictStreamOp(initModel)
      .setPredictionCol(predictionCol ?? "pred")
      .setPredictionDetailCol(predictionDetailCol ?? "detail");
    if (train.vectorCol !== undefined && train.vectorCol !== null) predictor.setVectorCol(train.vectorCol);
    return { predictions: predictor.linkFrom(models, stream), models };
  };
}

/** A fixed (batch) logistic-regression model that never changes: the baseline. */
export function fixedModelStrategy(model: BatchOperator | Table, params: { vectorCol?: string; featureCols?: string[] } & PredictionCols): Strategy {
  return (stream) => {
    const predictor = new LogisticRegressionPredictStreamOp(model)
      .setPredictionCol(params.predictionCol ?? "pred")
      .setPredictionDetailCol(params.predictionDetailCol ?? "detail");
    if (params.vectorCol !== undefined) predictor.setVectorCol(params.vectorCol);
    if (params.featureCols !== undefined) predictor.setFeatureCols(params.featureCols);
    return predictor.linkFrom(stream);
  };
}
