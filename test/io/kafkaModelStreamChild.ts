/**
 * The predictor process of the Kafka model-stream test (run by test/io/kafka.test.ts with vite-node):
 * reads the FTRL model stream another process wrote to a topic, predicts the test half of the
 * tutorial stream with it, and writes the predictions (id, pred, details, event time) as JSON.
 * argv: bootstrapServers topic modelStreamSchemaStr outFile
 */
import * as fs from "fs";
import * as path from "path";
import * as api from "../../src";
import { ctrFeaturesAndInitModel, ftrlPredictor, jsonMessagesAs } from "./kafkaGraphs";

async function main() {
  const [servers, topic, schemaStr, outFile] = process.argv.slice(2);
  const root = path.resolve(__dirname, "../..");
  const { features, init } = ctrFeaturesAndInitModel(root);
  const data = new api.CsvSourceStreamOp().setFilePath(`${root}/datasets/ctr_stream.csv`).setSchemaStr(api.CTR_SCHEMA_STR).setIgnoreFirstLine(true).setTimeCol("ts");
  const test = features.transform(new api.SplitStreamOp(0.5).linkFrom(data).getSideOutput(0));
  const source = new api.KafkaSourceStreamOp().setBootstrapServers(servers).setTopic(topic).setGroupId(`predictor-${process.pid}`).setStartupMode("EARLIEST");
  const predictor = ftrlPredictor(init).linkFrom(jsonMessagesAs(source, schemaStr), test);
  const out = predictor.lazyCollect();
  await api.StreamOperator.execute();
  const swaps = predictor.getModelSwaps().map((s) => [s.eventTime, s.timestampMs, s.ok]);
  fs.writeFileSync(outFile, JSON.stringify({ rows: out.getRows().map((r) => r.map(String)), times: Array.from(out.getTimes()), swaps }));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
