import * as api from "../../../src";
import type { ReadyCases } from "./types";

const rows = [
  [1, "$8$0:1.0 3:0.5", 0.0],
  [0, "$8$1:1.0 2:-0.5", 1.0],
  [1, "$8$0:0.5 4:1.0", 2.0],
  [0, "$8$5:1.0", 3.0],
];
const batch = () => new api.MemSourceBatchOp(rows, "label int, vec vector, ts double");
const stream = () => new api.MemSourceStreamOp(rows, "label int, vec vector, ts double").setTimeCol("ts");
const initModel = () => new api.LogisticRegressionTrainBatchOp().setVectorCol("vec").setLabelCol("label").setMaxIter(5).linkFrom(batch());
const trainer = () => new api.FtrlTrainStreamOp(initModel()).setVectorCol("vec").setLabelCol("label").setVectorSize(8).setTimeInterval(1).linkFrom(stream());

export const cases: ReadyCases = {
  operators: {},
  stages: {},
  streams: {
    FtrlTrainStreamOp: trainer,
    FtrlPredictStreamOp: () => new api.FtrlPredictStreamOp(initModel()).setVectorCol("vec").setPredictionCol("pred").linkFrom(trainer(), stream()),
    LogisticRegressionPredictStreamOp: () =>
      new api.LogisticRegressionPredictStreamOp(initModel()).setPredictionCol("pred").setPredictionDetailCol("detail").linkFrom(stream()),
    PipelinePredictStreamOp: () => {
      const pipeline = new api.Pipeline(new api.LogisticRegression().setVectorCol("vec").setLabelCol("label").setMaxIter(5).setPredictionCol("pred")).fit(batch());
      return new api.PipelinePredictStreamOp(pipeline).linkFrom(stream(), new api.OnlineLearningStreamOp(pipeline).setTimeInterval(1).linkFrom(stream()));
    },
    OnlineLearningStreamOp: () =>
      new api.OnlineLearningStreamOp(new api.Pipeline(new api.LogisticRegression().setVectorCol("vec").setLabelCol("label").setMaxIter(5)).fit(batch()))
        .setTimeInterval(1)
        .linkFrom(stream()),
  },
};
