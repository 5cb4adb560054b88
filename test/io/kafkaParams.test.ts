import { describe, expect, it } from "vitest";
import * as api from "../../src";

// No broker needed: what the Kafka operators refuse before or while connecting.
describe("Kafka operators without a broker", () => {
  it("refuses a source without topic or topicPattern, naming the parameters", () => {
    const op = new api.KafkaSourceStreamOp().setBootstrapServers("127.0.0.1:9092").setGroupId("g").setStartupMode("EARLIEST");
    expect(() => op.getSchema()).toThrow(/KafkaSourceStreamOp: set topic or topicPattern/);
  });

  it("has Alink's output schema and parameter names", () => {
    const op = new api.KafkaSourceStreamOp({ bootstrapServers: "127.0.0.1:9092", topic: "t", groupId: "g", startupMode: "earliest" as "EARLIEST" });
    expect(op.getSchema().toString()).toBe(api.Schema.parse("message_key string, message string, topic string, topic_partition int, partition_offset bigint").toString());
    expect(op.getStartupMode()).toBe("EARLIEST");
    expect(new api.KafkaSinkStreamOp().setDataFormat("json" as "JSON").getDataFormat()).toBe("JSON");
    expect(new api.KafkaSinkStreamOp().getFieldDelimiter()).toBe(",");
    expect(() => new api.KafkaSourceStreamOp().setStartupMode("FROM_NOW" as never)).toThrow(/startupMode/);
  });

  it("fails a run with an error naming the operator and the broker when nothing listens there", async () => {
    const op = new api.KafkaSourceStreamOp().setBootstrapServers("127.0.0.1:1").setTopic("t").setGroupId("g").setStartupMode("EARLIEST");
    await expect(op.collect()).rejects.toThrow(/KafkaSourceStreamOp: reading topic t from 127\.0\.0\.1:1: .*(connect|Connection)/i);
  });

  it("refuses bad properties and startTime by name", async () => {
    const base = () => new api.KafkaSourceStreamOp().setBootstrapServers("127.0.0.1:1").setTopic("t").setGroupId("g");
    await expect(base().setStartupMode("EARLIEST").setProperties("fetch.min.bytes=1").collect()).rejects.toThrow(/properties: "fetch.min.bytes" is not supported/);
    await expect(base().setStartupMode("EARLIEST").setProperties("oops").collect()).rejects.toThrow(/has no "="/);
    await expect(base().setStartupMode("TIMESTAMP").collect()).rejects.toThrow(/startupMode TIMESTAMP needs startTime/);
    await expect(base().setStartupMode("TIMESTAMP").setStartTime("yesterday").collect()).rejects.toThrow(/startTime "yesterday" is not a timestamp/);
    const sink = new api.KafkaSinkStreamOp().setBootstrapServers("localhost").setTopic("t").setDataFormat("CSV").linkFrom(new api.MemSourceStreamOp([[1]], "a int"));
    await expect(api.StreamOperator.execute()).rejects.toThrow(/KafkaSinkStreamOp: bootstrapServers "localhost": "localhost" is not "host:port"/);
    expect(sink).toBeDefined();
  });
});
