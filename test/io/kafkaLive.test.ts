import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Kafka, logLevel } from "kafkajs";
import * as api from "../../src";
import { start, type KafkaBroker } from "../../scripts/kafka-broker";
import { KAFKA_AVAILABLE, describeKafkaAvailability, freshTopic } from "./kafkaSuite";

describeKafkaAvailability("Kafka source live in paced runs");

describe.runIf(KAFKA_AVAILABLE)("Kafka source: live reading in a paced run", () => {
  let broker: KafkaBroker;
  let kafka: Kafka;
  beforeAll(async () => {
    broker = await start();
    kafka = new Kafka({ clientId: "live-test", brokers: [broker.bootstrapServers], logLevel: logLevel.NOTHING });
  }, 90_000);
  afterAll(async () => {
    await broker?.stop();
  });

  /** Writes "v" messages with a producer of the test's own (kafkajs directly, not the library's sink). */
  async function produce(topic: string, from: number, to: number, timestampMs: (v: number) => number) {
    const producer = kafka.producer();
    await producer.connect();
    const messages = Array.from({ length: to - from }, (_, k) => ({ value: String(from + k), timestamp: String(timestampMs(from + k)) }));
    await producer.send({ topic, messages });
    await producer.disconnect();
  }

  /** A pass-through that counts rows and aborts the run once `total` arrived. */
  function stopAfterRows(op: api.StreamOperator, total: number, controller: AbortController) {
    let seen = 0;
    const counter: api.Mapper = {
      outputSchema: op.getSchema(),
      map(chunk) {
        seen += chunk.numRows;
        if (seen >= total) controller.abort();
        return chunk;
      },
    };
    return new api.MapperStreamOp(() => counter, "count rows").linkFrom(op);
  }

  it("keeps consuming records produced while the run goes, in order, each once, until stopped", async () => {
    const topic = freshTopic("live");
    const base = 1_700_000_000_000;
    await produce(topic, 0, 20, (v) => base + v * 10); // replayed: 0.2 s of event time
    const controller = new AbortController();
    const source = new api.KafkaSourceStreamOp().setBootstrapServers(broker.bootstrapServers).setTopic(topic).setGroupId(freshTopic("g")).setStartupMode("EARLIEST");
    const collected = stopAfterRows(source, 120, controller).lazyCollect();
    const run = api.StreamOperator.execute({ speedFactor: 1, signal: controller.signal, stopAfterSeconds: 60 });
    // While the run goes: five batches of 20, a little apart (their timestamps say 1990: the live
    // rows take the run's time, not theirs).
    const producing = (async () => {
      for (let b = 1; b <= 5; b++) {
        await new Promise((r) => setTimeout(r, 150));
        await produce(topic, b * 20, (b + 1) * 20, () => 631_152_000_000);
      }
    })();
    const report = await run;
    await producing;
    expect(controller.signal.aborted).toBe(true); // stopped by the count, not the 60 s limit
    const table = collected.getTable();
    expect(report.rows).toBe(120);
    expect(Array.from(table.column("message").values as string[])).toEqual(Array.from({ length: 120 }, (_, i) => String(i)));
    expect(Array.from(table.column("partition_offset").values as ArrayLike<number>)).toEqual(Array.from({ length: 120 }, (_, i) => i));
    const times = Array.from(collected.getTimes());
    expect(times.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, v) => (base + v * 10) / 1000));
    for (let i = 20; i < 120; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]);
  }, 60_000);

  it("an unpaced run stays a bounded replay; a paced one without records ends at stopAfterSeconds and commits nothing", async () => {
    const topic = freshTopic("bounded");
    await produce(topic, 0, 5, (v) => 1_700_000_000_000 + v);
    const group = freshTopic("g");
    const source = () => new api.KafkaSourceStreamOp().setBootstrapServers(broker.bootstrapServers).setTopic(topic).setGroupId(group).setStartupMode("GROUP_OFFSETS").setProperties("auto.offset.reset=earliest");
    expect((await source().collect()).map((r) => r[1])).toEqual(["0", "1", "2", "3", "4"]);
    // Nothing new: the paced run waits live and is stopped after ~1 s with no row.
    const idle = source().lazyCollect();
    const report = await api.StreamOperator.execute({ speedFactor: 1, stopAfterSeconds: 1 });
    expect(report.rows).toBe(0);
    expect(idle.getRows()).toEqual([]);
    // Then what is produced is read by the next run (the group's offset stayed at 5).
    await produce(topic, 5, 7, (v) => 1_700_000_000_000 + v);
    expect((await source().collect()).map((r) => r[1])).toEqual(["5", "6"]);
  }, 60_000);

  it("a live source with nothing to replay (LATEST) reads what comes after the start", async () => {
    const topic = freshTopic("latest");
    await produce(topic, 0, 3, (v) => 1_700_000_000_000 + v);
    const controller = new AbortController();
    const source = new api.KafkaSourceStreamOp().setBootstrapServers(broker.bootstrapServers).setTopic(topic).setGroupId(freshTopic("g")).setStartupMode("LATEST");
    const collected = stopAfterRows(source, 4, controller).lazyCollect();
    const run = api.StreamOperator.execute({ speedFactor: 10, signal: controller.signal, stopAfterSeconds: 60 });
    await new Promise((r) => setTimeout(r, 1000));
    await produce(topic, 3, 7, (v) => 1_700_000_000_000 + v);
    await run;
    expect(controller.signal.aborted).toBe(true);
    expect(collected.getRows().map((r) => r[1])).toEqual(["3", "4", "5", "6"]);
  }, 60_000);
});
