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
    await expect(base().setStartupMode("EARLIEST").setProperties("fetch.min.byte=1,ssl.truststore.location=x,acks=1").collect()).rejects.toThrow(/properties: "fetch.min.byte", "ssl.truststore.location" are not supported by the Kafka client here; "acks" applies to KafkaSinkStreamOp only. Understood: client.id, /);
    await expect(base().setStartupMode("EARLIEST").setProperties("oops").collect()).rejects.toThrow(/has no "="/);
    await expect(base().setStartupMode("TIMESTAMP").collect()).rejects.toThrow(/startupMode TIMESTAMP needs startTime/);
    await expect(base().setStartupMode("TIMESTAMP").setStartTime("yesterday").collect()).rejects.toThrow(/startTime "yesterday" is not a timestamp/);
    const sink = new api.KafkaSinkStreamOp().setBootstrapServers("localhost").setTopic("t").setDataFormat("CSV").linkFrom(new api.MemSourceStreamOp([[1]], "a int"));
    await expect(api.StreamOperator.execute()).rejects.toThrow(/KafkaSinkStreamOp: bootstrapServers "localhost": "localhost" is not "host:port"/);
    expect(sink).toBeDefined();
  });

  it("checks the sink's producer properties by name before connecting", async () => {
    const run = (properties: string) => {
      new api.KafkaSinkStreamOp().setBootstrapServers("127.0.0.1:1").setTopic("t").setDataFormat("CSV").setProperties(properties).linkFrom(new api.MemSourceStreamOp([[1]], "a int"));
      return api.StreamOperator.execute();
    };
    await expect(run("enable.idempotence=true,acks=1")).rejects.toThrow(/enable.idempotence=true needs acks=all \(got acks=1\)/);
    await expect(run("max.in.flight.requests.per.connection=5")).rejects.toThrow(/max.in.flight.requests.per.connection=5; only 1 is supported/);
    await expect(run("enable.idempotence=yes")).rejects.toThrow(/enable.idempotence=yes is not true or false/);
    await expect(run("max.request.size=10")).rejects.toThrow(/max.request.size=10 is below 1024 bytes/);
    await expect(run("auto.offset.reset=earliest")).rejects.toThrow(/"auto.offset.reset" applies to KafkaSourceStreamOp only/);
  });

  it("execute's stop options: checked by name, and a stopped run ends with what it read", async () => {
    await expect(api.StreamOperator.execute({ signal: {} as AbortSignal })).rejects.toThrow(/option "signal" must be an AbortSignal/);
    await expect(api.StreamOperator.execute({ stopAfterSeconds: 0 })).rejects.toThrow(/option "stopAfterSeconds" must be a finite number > 0/);
    // 1 000 rows, one per second of event time, paced at 1000×: aborted once 100 rows went through.
    const controller = new AbortController();
    let seen = 0;
    const source = new api.MemSourceStreamOp(Array.from({ length: 1000 }, (_, i) => [i, i]), "t double, v int").setTimeCol("t");
    const counter: api.Mapper = {
      outputSchema: source.getSchema(),
      map(chunk) {
        seen += chunk.numRows;
        if (seen >= 100) controller.abort();
        return chunk;
      },
    };
    const rows = new api.MapperStreamOp(() => counter, "count").linkFrom(source).lazyCollect();
    const report = await api.StreamOperator.execute({ speedFactor: 1000, signal: controller.signal });
    expect(report.rows).toBe(seen);
    expect(seen).toBeGreaterThanOrEqual(100);
    expect(seen).toBeLessThan(1000);
    expect(rows.getRows().map((r) => r[1])).toEqual(Array.from({ length: seen }, (_, i) => i));
  });
});
