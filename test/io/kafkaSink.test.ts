import * as fs from "fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as api from "../../src";
import { start, type KafkaBroker } from "../../scripts/kafka-broker";
import { ROOT } from "../helpers";
import { KAFKA_AVAILABLE, describeKafkaAvailability, freshTopic } from "./kafkaSuite";

describeKafkaAvailability("Kafka sink producer settings on a real broker");

const CTR_FILE = `${ROOT}/datasets/ctr_stream.csv`;
const ctrSource = () => new api.CsvSourceStreamOp().setFilePath(CTR_FILE).setSchemaStr(api.CTR_SCHEMA_STR).setIgnoreFirstLine(true).setTimeCol("ts");
/** The file's ids, read independently (the first field of each line; the file has no quoted fields). */
const ctrIds = () => fs.readFileSync(CTR_FILE, "utf8").trim().split("\n").slice(1).map((l) => l.split(",")[0]);

describe.runIf(KAFKA_AVAILABLE)("Kafka sink: request sizes, compression and the idempotent producer", () => {
  let broker: KafkaBroker;
  beforeAll(async () => {
    broker = await start();
  }, 90_000);
  afterAll(async () => {
    await broker?.stop();
  });

  const readBack = (topic: string) => new api.KafkaSourceStreamOp().setBootstrapServers(broker.bootstrapServers).setTopic(topic).setGroupId(freshTopic("g")).setStartupMode("EARLIEST").collect();

  for (const properties of ["", "enable.idempotence=true", "max.request.size=20000,max.in.flight.requests.per.connection=1,linger.ms=0", "compression.type=gzip"]) {
    it(`writes every row once, in order (properties "${properties}")`, async () => {
      const topic = freshTopic("sink");
      new api.KafkaSinkStreamOp().setBootstrapServers(broker.bootstrapServers).setTopic(topic).setDataFormat("CSV").setProperties(properties).linkFrom(ctrSource());
      await api.StreamOperator.execute();
      const rows = await readBack(topic);
      const ids = ctrIds();
      expect(rows.length).toBe(ids.length);
      expect(rows.map((r) => String(r[1]).split(",")[0])).toEqual(ids);
      expect(rows.map((r) => r[4])).toEqual(ids.map((_, i) => i));
    }, 60_000);
  }
});
