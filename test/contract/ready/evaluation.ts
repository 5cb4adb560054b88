import * as api from "../../../src";
import type { ReadyCases } from "./types";

/** Ready cases for src/evaluation and src/dataproc operators. */
const predictions = () =>
  new api.MemSourceBatchOp(
    [
      ["a", '{"a":0.9,"b":0.1}'],
      ["a", '{"a":0.4,"b":0.6}'],
      ["b", '{"a":0.7,"b":0.3}'],
      ["b", '{"a":0.2,"b":0.8}'],
    ],
    "label string, detail string",
  );

const jsonRows = () => new api.MemSourceBatchOp([["{a:boy,b:{b1:[1,2],b2:2}}"], ["{a:girl,b:{b1:[1,3],b2:2}}"]], "str string");

const table = () => new api.MemSourceBatchOp([[1, "a", 0.5], [2, "b", 1.5], [3, "c", 2.5], [4, "d", 3.5]], "id int, s string, x double");

export const cases: ReadyCases = {
  operators: {
    EvalBinaryClassBatchOp: () => new api.EvalBinaryClassBatchOp().setLabelCol("label").setPredictionDetailCol("detail").linkFrom(predictions()),
    JsonValueBatchOp: () =>
      new api.JsonValueBatchOp().setSelectedCol("str").setJsonPath(["$.a", "$.b.b1[0]"]).setOutputCols(["f0", "f1"]).linkFrom(jsonRows()),
    SplitBatchOp: () => new api.SplitBatchOp(0.5).linkFrom(table()),
  },
  stages: {},
  streams: {
    DelayedLabelJoinStreamOp: () => new api.DelayedLabelJoinStreamOp().setLabelDelay(1.5).linkFrom(new api.TableSourceStreamOp(predictions())),
    EvalBinaryClassStreamOp: () =>
      new api.EvalBinaryClassStreamOp().setLabelCol("label").setPredictionDetailCol("detail").setTimeInterval(2).linkFrom(new api.TableSourceStreamOp(predictions())),
    JsonValueStreamOp: () =>
      new api.JsonValueStreamOp().setSelectedCol("str").setJsonPath(["$.a", "$.b.b1[0]"]).setOutputCols(["f0", "f1"]).linkFrom(new api.TableSourceStreamOp(jsonRows())),
  },
};
