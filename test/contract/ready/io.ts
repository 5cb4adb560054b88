import * as api from "../../../src";
import * as path from "path";
import { FIXTURES, tempDir, writeTemp } from "../../helpers";
import type { ReadyCases } from "./types";

const CSV = writeTemp("contract.csv", "1,a,0.5\n2,b,1.5\n3,c,2.5\n");
export const mem = () => new api.MemSourceBatchOp([[1, "a", 0.5], [2, "b", 1.5], [3, "c", 2.5]], "id int, s string, x double");

export const cases: ReadyCases = {
  operators: {
    MemSourceBatchOp: mem,
    TableSourceBatchOp: () => new api.TableSourceBatchOp(mem().getOutputTable()),
    CsvSourceBatchOp: () => new api.CsvSourceBatchOp().setFilePath(CSV).setSchemaStr("id int, s string, x double"),
    CsvSinkBatchOp: () => new api.CsvSinkBatchOp().setFilePath(writeTemp("sink.csv", "")).setOverwriteSink(true).linkFrom(mem()),
    AkSourceBatchOp: () => new api.AkSourceBatchOp().setFilePath(path.join(FIXTURES, "alink/written-by-alink/alink-1.6.2/small.ak")),
    AkSinkBatchOp: () => new api.AkSinkBatchOp().setFilePath(path.join(tempDir(), "sink.ak")).setOverwriteSink(true).linkFrom(mem()),
    AppendModelStreamFileSinkBatchOp: () =>
      new api.AppendModelStreamFileSinkBatchOp().setFilePath(path.join(tempDir(), "model_stream")).setModelTime("2026-12-06 10:00:00").linkFrom(mem()),
    LatestModelStreamFileSourceBatchOp: () => new api.LatestModelStreamFileSourceBatchOp().setFilePath(path.join(FIXTURES, "alink/written-by-alink/alink-1.6.2/model_stream")),
    FirstNBatchOp: () => new api.FirstNBatchOp().setSize(2).linkFrom(mem()),
    SampleBatchOp: () => new api.SampleBatchOp().setRatio(0.5).linkFrom(mem()),
    SampleWithSizeBatchOp: () => new api.SampleWithSizeBatchOp().setSize(2).linkFrom(mem()),
  },
  stages: {},
};
