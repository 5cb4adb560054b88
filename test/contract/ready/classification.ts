import * as api from "../../../src";
import type { ReadyCases } from "./types";

/** Alink's doc example (labels 1/2, two int features). */
const ROWS = [[2, 1, 1], [3, 2, 1], [4, 3, 2], [2, 4, 1], [2, 2, 1], [4, 3, 2], [1, 2, 1], [5, 3, 2]];
const data = () => new api.MemSourceBatchOp(ROWS, "f0 int, f1 int, label int");
const trainer = () => new api.LogisticRegressionTrainBatchOp().setFeatureCols(["f0", "f1"]).setLabelCol("label").linkFrom(data());
const estimator = () => new api.LogisticRegression().setFeatureCols(["f0", "f1"]).setLabelCol("label").setPredictionCol("pred").setPredictionDetailCol("detail");

export const cases: ReadyCases = {
  operators: {
    LogisticRegressionTrainBatchOp: trainer,
    LogisticRegressionPredictBatchOp: () => new api.LogisticRegressionPredictBatchOp().setPredictionCol("pred").setPredictionDetailCol("detail").linkFrom(trainer(), data()),
  },
  stages: {
    LogisticRegression: () => ({ stage: estimator(), data: data() }),
    LogisticRegressionModel: () => ({ stage: estimator().fit(data()), data: data() }),
  },
};
