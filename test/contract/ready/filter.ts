import * as api from "../../../src";
import type { ReadyCases } from "./types";

// A tiny FTRL model stream and its validation rows (the same stream), as in onlinelearning.ts.
const rows = [
  [1, "$8$0:1.0 3:0.5", 0.0],
  [0, "$8$1:1.0 2:-0.5", 1.0],
  [1, "$8$0:0.5 4:1.0", 2.0],
  [0, "$8$5:1.0", 3.0],
];
const batch = () => new api.MemSourceBatchOp(rows, "label int, vec vector, ts double");
const stream = () => new api.MemSourceStreamOp(rows, "label int, vec vector, ts double").setTimeCol("ts");
const initModel = () => new api.LogisticRegressionTrainBatchOp().setVectorCol("vec").setLabelCol("label").setMaxIter(5).linkFrom(batch());
const models = () => new api.FtrlTrainStreamOp(initModel()).setVectorCol("vec").setLabelCol("label").setVectorSize(8).setTimeInterval(1).linkFrom(stream());

export const cases: ReadyCases = {
  operators: {},
  stages: {},
  streams: {
    BinaryClassModelFilterStreamOp: () => new api.BinaryClassModelFilterStreamOp().setLabelCol("label").setVectorCol("vec").linkFrom(models(), stream()),
    FtrlModelFilterStreamOp: () => new api.FtrlModelFilterStreamOp().setLabelCol("label").setAucThreshold(0).setAccuracyThreshold(0).linkFrom(models(), stream()),
  },
};
