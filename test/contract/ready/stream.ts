import * as api from "../../../src";
import type { ReadyCases } from "./types";
import * as path from "path";
import { FIXTURES, ROOT, tempDir } from "../../helpers";

const memStream = () => new api.MemSourceStreamOp([[1, "a", 0.5], [2, "b", 1.5], [3, "c", 2.5]], "id int, s string, x double");

export const cases: ReadyCases = {
  operators: {},
  stages: {},
  streams: {
    MemSourceStreamOp: memStream,
    TableSourceStreamOp: () => new api.TableSourceStreamOp(new api.MemSourceBatchOp([[1, "a"]], "id int, s string")),
    CsvSourceStreamOp: () =>
      new api.CsvSourceStreamOp().setFilePath(`${ROOT}/datasets/ctr_train.csv`).setSchemaStr(api.CTR_SCHEMA_STR).setIgnoreFirstLine(true).setTimeCol("ts"),
    AkSourceStreamOp: () => new api.AkSourceStreamOp().setFilePath(path.join(FIXTURES, "alink/written-by-alink/alink-1.6.2/small.ak")).setTimeCol("ts"),
    AkSinkStreamOp: () => new api.AkSinkStreamOp().setFilePath(path.join(tempDir(), "sink.ak")).setOverwriteSink(true).linkFrom(memStream()),
    ModelStreamFileSourceStreamOp: () => new api.ModelStreamFileSourceStreamOp().setFilePath(path.join(FIXTURES, "alink/written-by-alink/alink-1.6.2/model_stream")),
    ModelStreamFileSinkStreamOp: () =>
      new api.ModelStreamFileSinkStreamOp()
        .setFilePath(path.join(tempDir(), "model_stream"))
        .linkFrom(new api.ModelStreamFileSourceStreamOp().setFilePath(path.join(FIXTURES, "alink/written-by-alink/alink-1.6.2/model_stream"))),
    SplitStreamOp: () => new api.SplitStreamOp(0.5).linkFrom(memStream()),
    RandomTableSourceStreamOp: () => new api.RandomTableSourceStreamOp().setMaxRows(50).setNumCols(2).setOutputColConfs("col0:gauss(0,1);col1:weight_set(1,0.5,2,0.5,nullper=0.1)"),
    UnionAllStreamOp: () => new api.UnionAllStreamOp().linkFrom(memStream(), memStream()),
    // Built and linked without a broker (nothing connects before a run); runs are in test/io/kafka.test.ts on a real broker.
    KafkaSourceStreamOp: () => new api.KafkaSourceStreamOp().setBootstrapServers("127.0.0.1:9").setTopic("contract"),
    KafkaSinkStreamOp: () => new api.KafkaSinkStreamOp().setBootstrapServers("127.0.0.1:9").setTopic("contract").setDataFormat("JSON"), // unlinked: a linked sink joins the next run
  },
};
