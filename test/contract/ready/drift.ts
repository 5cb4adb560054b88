import * as api from "../../../src";
import type { ReadyCases } from "./types";

/** Ready cases for the drift-detection operators (src/evaluation/drift). */
const errors = () =>
  new api.MemSourceStreamOp(
    Array.from({ length: 80 }, (_, i) => [i, i < 40 ? i % 5 === 0 : i % 2 === 0, i < 40 ? 0.1 : 0.6]),
    "ts double, wrong boolean, loss double",
    { timeCol: "ts" },
  );

export const cases: ReadyCases = {
  operators: {},
  stages: {},
  streams: {
    AdwinDriftDetectStreamOp: () => new api.AdwinDriftDetectStreamOp().setSelectedCol("loss").setClock(1).linkFrom(errors()),
    PageHinkleyDriftDetectStreamOp: () => new api.PageHinkleyDriftDetectStreamOp().setSelectedCol("loss").setThreshold(1).linkFrom(errors()),
    DdmDriftDetectStreamOp: () => new api.DdmDriftDetectStreamOp().setSelectedCol("wrong").setWarmStart(10).linkFrom(errors()),
  },
};
