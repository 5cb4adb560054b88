import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as api from "../../src";
import { start, type KafkaBroker } from "../../scripts/kafka-broker";
import { ROOT } from "../helpers";
import { KAFKA_AVAILABLE, ctrFeaturesAndInitModel, describeKafkaAvailability, freshTopic, ftrlPredictor, jsonMessagesAs } from "./kafkaSuite";

describeKafkaAvailability("Kafka source and sink on a real broker");

const CTR_FILE = `${ROOT}/datasets/ctr_stream.csv`;

/** The tutorial stream read independently: header names and each line split on commas (the file has no quoted fields). */
function ctrLines(): { names: string[]; rows: string[][] } {
  const [header, ...lines] = fs.readFileSync(CTR_FILE, "utf8").trim().split("\n");
  return { names: header.split(","), rows: lines.map((l) => l.split(",")) };
}

const ctrSource = () => new api.CsvSourceStreamOp().setFilePath(CTR_FILE).setSchemaStr(api.CTR_SCHEMA_STR).setIgnoreFirstLine(true).setTimeCol("ts");

describe.runIf(KAFKA_AVAILABLE)("Kafka on a real broker", () => {
  let broker: KafkaBroker;
  beforeAll(async () => {
    broker = await start();
  }, 90_000);
  afterAll(async () => {
    await broker?.stop();
  });

  const source = (topic: string, groupId = freshTopic("group")) =>
    new api.KafkaSourceStreamOp().setBootstrapServers(broker.bootstrapServers).setTopic(topic).setGroupId(groupId).setStartupMode("EARLIEST");

  it("writes the tutorial stream as JSON and reads back the same rows, event times and offsets", async () => {
    const topic = freshTopic("ctr");
    new api.KafkaSinkStreamOp().setBootstrapServers(broker.bootstrapServers).setTopic(topic).setDataFormat("JSON").linkFrom(ctrSource());
    await api.StreamOperator.execute();

    const read = source(topic).lazyCollect();
    await api.StreamOperator.execute();
    const { names, rows } = ctrLines();
    const table = read.getTable();
    expect(table.schema.toString()).toBe(api.Schema.parse(api.KAFKA_SOURCE_SCHEMA_STR).toString());
    expect(table.numRows).toBe(rows.length);
    const types = api.Schema.parse(api.CTR_SCHEMA_STR).types;
    const times = read.getTimes();
    const bad: string[] = [];
    table.toRows().forEach(([key, message, t, partition, offset], i) => {
      if (key !== null || t !== topic || partition !== 0 || offset !== i) bad.push(`row ${i}: ${key} ${t} ${partition} ${offset}`);
      const object = JSON.parse(message as string) as Record<string, unknown>;
      if (Object.keys(object).length !== names.length) bad.push(`row ${i}: ${Object.keys(object).length} fields`);
      names.forEach((name, c) => {
        const expected = types[c] === "STRING" ? rows[i][c] : Number(rows[i][c]);
        const got = types[c] === "STRING" ? object[name] : Number(object[name]);
        if (got !== expected) bad.push(`row ${i} ${name}: ${String(object[name])} ≠ ${rows[i][c]}`);
      });
      if (times[i] !== Number(rows[i][names.indexOf("ts")])) bad.push(`row ${i}: event time ${times[i]} ≠ ts ${rows[i][names.length - 1]}`);
    });
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it("writes CSV messages as Alink's CsvFormatter and JSON objects in Java HashMap key order without null fields", async () => {
    const rows = [
      ["a,b", 1, 1.5, null],
      ["x", 2, 2, true],
    ];
    const csv = freshTopic("csv");
    const csvSemi = freshTopic("csv-semi");
    const json = freshTopic("json");
    const data = () => new api.MemSourceStreamOp(rows, "s string, i int, d double, b boolean");
    new api.KafkaSinkStreamOp().setBootstrapServers(broker.bootstrapServers).setTopic(csv).setDataFormat("csv" as "CSV").linkFrom(data());
    new api.KafkaSinkStreamOp().setBootstrapServers(broker.bootstrapServers).setTopic(csvSemi).setDataFormat("CSV").setFieldDelimiter(";").linkFrom(data());
    new api.KafkaSinkStreamOp().setBootstrapServers(broker.bootstrapServers).setTopic(json).setDataFormat("JSON").linkFrom(data());
    await api.StreamOperator.execute();
    const messages = async (topic: string) => (await source(topic).collect()).map((r) => r[1]);
    expect(await messages(csv)).toEqual(['"a,b",1,1.5,', "x,2,2.0,true"]);
    expect(await messages(csvSemi)).toEqual(["a,b;1;1.5;", "x;2;2.0;true"]);
    // HashMap buckets of one-letter keys are their char codes mod 16: b 2, s 3, d 4, i 9.
    expect(await messages(json)).toEqual(['{"s":"a,b","d":1.5,"i":1}', '{"b":true,"s":"x","d":2.0,"i":2}']);
  });

  it("starts where startupMode says, commits the offsets it read to groupId, and reads topics by pattern", async () => {
    const base = 1_700_000_000;
    const prefix = freshTopic("modes");
    const produce = (topic: string, from: number, to: number) => {
      const rows = Array.from({ length: to - from }, (_, k) => [base + from + k, from + k]);
      new api.KafkaSinkStreamOp().setBootstrapServers(broker.bootstrapServers).setTopic(topic).setDataFormat("CSV").linkFrom(new api.MemSourceStreamOp(rows, "t double, v int").setTimeCol("t"));
      return api.StreamOperator.execute();
    };
    const values = async (op: api.KafkaSourceStreamOp) => (await op.collect()).map((r) => Number(String(r[1]).split(",")[1]));
    const a = `${prefix}-a`;
    await produce(a, 0, 10);
    expect(await values(source(a))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await values(source(a).setStartupMode("LATEST"))).toEqual([]);
    expect(await values(source(a).setStartupMode("TIMESTAMP").setStartTime("2023-11-14 22:13:26"))).toEqual([6, 7, 8, 9]); // base + 6 s
    // GROUP_OFFSETS: no committed offset → auto.offset.reset (default latest); then continue after what was read.
    const group = freshTopic("g");
    expect(await values(source(a, group).setStartupMode("GROUP_OFFSETS"))).toEqual([]);
    expect(await values(source(a, group).setStartupMode("GROUP_OFFSETS").setProperties("auto.offset.reset=earliest"))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await produce(a, 10, 13);
    expect(await values(source(a, group).setStartupMode("GROUP_OFFSETS"))).toEqual([10, 11, 12]);
    expect(await values(source(a, group).setStartupMode("GROUP_OFFSETS"))).toEqual([]);
    // Two topics by pattern, merged in event time (their records interleave: maxOutOfOrderness).
    await produce(`${prefix}-b`, 100, 103);
    const both = new api.KafkaSourceStreamOp()
      .setBootstrapServers(broker.bootstrapServers)
      .setTopicPattern(`${prefix.replace(/[.-]/g, "\\$&")}-[ab]`)
      .setGroupId(freshTopic("g"))
      .setStartupMode("EARLIEST")
      .setMaxOutOfOrderness(1000);
    expect(await values(both)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 100, 101, 102]);
  });

  it("names the operator and the topic when the topic does not exist", async () => {
    const missing = freshTopic("missing");
    await expect(source(missing).collect()).rejects.toThrow(new RegExp(`KafkaSourceStreamOp.*${missing}.*does not exist`));
  });

  it("replays the FTRL tutorial graph from a topic with the same models and metrics as from the CSV file", async () => {
    const { features, init } = ctrFeaturesAndInitModel(ROOT);
    const run = async (data: api.StreamOperator) => {
      const split = new api.SplitStreamOp(0.5).linkFrom(data);
      const models = new api.FtrlTrainStreamOp(init).setVectorCol("vec").setLabelCol("click").setVectorSize(30000).setAlpha(0.5).setBeta(1).setL1(0.001).setL2(0.001).setTimeInterval(600).linkFrom(features.transform(split));
      const predictions = ftrlPredictor(init).linkFrom(models, features.transform(split.getSideOutput(0)));
      const metrics = new api.EvalBinaryClassStreamOp().setLabelCol("click").setPredictionDetailCol("details").setTimeInterval(1800).linkFrom(predictions).lazyCollect();
      const modelRows = models.lazyCollect();
      const progress = models.getSideOutput(0).lazyCollect();
      await api.StreamOperator.execute();
      return { metrics: metrics.getRows(), metricTimes: Array.from(metrics.getTimes()), models: modelRows.getRows(), modelTimes: Array.from(modelRows.getTimes()), progress: progress.getRows() };
    };
    const topic = freshTopic("ctr-ftrl");
    new api.KafkaSinkStreamOp().setBootstrapServers(broker.bootstrapServers).setTopic(topic).setDataFormat("JSON").linkFrom(ctrSource());
    await api.StreamOperator.execute();
    const fromFile = await run(ctrSource());
    const fromTopic = await run(jsonMessagesAs(source(topic), api.CTR_SCHEMA_STR));
    expect(fromFile.metrics.length).toBeGreaterThan(20);
    expect(new Set(fromFile.models.map((r) => String(r[0]))).size).toBeGreaterThan(10); // model versions
    expect(fromTopic.metrics).toEqual(fromFile.metrics);
    expect(fromTopic.metricTimes).toEqual(fromFile.metricTimes);
    expect(fromTopic.models).toEqual(fromFile.models);
    expect(fromTopic.modelTimes).toEqual(fromFile.modelTimes);
    expect(fromTopic.progress).toEqual(fromFile.progress);
  });

  it("carries a model stream over a topic to a predictor in another process, which predicts as one linked to the trainer", async () => {
    const { features, init } = ctrFeaturesAndInitModel(ROOT);
    const split = new api.SplitStreamOp(0.5).linkFrom(ctrSource());
    const models = new api.FtrlTrainStreamOp(init).setVectorCol("vec").setLabelCol("click").setVectorSize(30000).setAlpha(0.5).setBeta(1).setL1(0.001).setL2(0.001).setTimeInterval(600).linkFrom(features.transform(split));
    const topic = freshTopic("ftrl-models");
    new api.KafkaSinkStreamOp().setBootstrapServers(broker.bootstrapServers).setTopic(topic).setDataFormat("JSON").linkFrom(models);
    const local = ftrlPredictor(init).linkFrom(models, features.transform(split.getSideOutput(0)));
    const expected = local.lazyCollect();
    await api.StreamOperator.execute();
    const expectedSwaps = local.getModelSwaps().map((s) => [s.eventTime, s.timestampMs, s.ok]);

    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "streamlab-kafka-")), "predictions.json");
    const child = spawnSync(path.join(ROOT, "node_modules/.bin/vite-node"), [path.join(__dirname, "kafkaModelStreamChild.ts"), broker.bootstrapServers, topic, models.getSchema().toString(), out], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(child.status, `predictor process failed:\n${child.stdout}\n${child.stderr}`).toBe(0);
    const got = JSON.parse(fs.readFileSync(out, "utf8")) as { rows: string[][]; times: number[]; swaps: unknown[][] };
    expect(expectedSwaps.length).toBeGreaterThan(10);
    expect(got.swaps).toEqual(expectedSwaps);
    expect(got.rows.length).toBe(expected.getTable().numRows);
    expect(got.rows).toEqual(expected.getRows().map((r) => r.map(String)));
    expect(got.times).toEqual(Array.from(expected.getTimes()));
  }, 120_000);

  it("loses and repeats no row when the broker restarts in the middle of a read", async () => {
    const topic = freshTopic("restart");
    new api.KafkaSinkStreamOp().setBootstrapServers(broker.bootstrapServers).setTopic(topic).setDataFormat("JSON").linkFrom(ctrSource());
    await api.StreamOperator.execute();
    const { rows } = ctrLines();
    // Chunks of 250 rows: the client fetches at most 16 chunks (plus one fetch of ~1 MB, ~2 400 rows)
    // ahead of the stream, so most of the 20 000 records are fetched after the restart.
    const read = source(topic).setProperties("max.poll.records=250,session.timeout.ms=6000");
    let seen = 0;
    let restartedAfter = -1;
    const restarter: api.Mapper = {
      outputSchema: read.getSchema(),
      map(chunk) {
        if (restartedAfter < 0) {
          restartedAfter = seen;
          broker.restartSync({ kill: true }); // as a crash: no clean shutdown
        }
        seen += chunk.numRows;
        return chunk;
      },
    };
    const collected = new api.MapperStreamOp(() => restarter, "restart the broker").linkFrom(read).lazyCollect();
    await api.StreamOperator.execute();
    expect(restartedAfter).toBe(0);
    const table = collected.getTable();
    const offsets = Array.from(table.column("partition_offset").values as ArrayLike<number>);
    expect(offsets.length).toBe(rows.length);
    expect(offsets).toEqual(rows.map((_, i) => i)); // every offset once, in order
    expect((table.column("message").values as string[]).map((m) => (JSON.parse(m) as { id: string }).id)).toEqual(rows.map((r) => r[0]));
  }, 90_000);

  it("keeps a group's committed offsets across a broker restart", async () => {
    const topic = freshTopic("committed");
    const group = freshTopic("g");
    const produce = (from: number, to: number) => {
      const data = Array.from({ length: to - from }, (_, k) => [1_700_000_000 + from + k, from + k]);
      new api.KafkaSinkStreamOp().setBootstrapServers(broker.bootstrapServers).setTopic(topic).setDataFormat("CSV").linkFrom(new api.MemSourceStreamOp(data, "t double, v int").setTimeCol("t"));
      return api.StreamOperator.execute();
    };
    const values = async () => (await source(topic, group).setStartupMode("GROUP_OFFSETS").setProperties("auto.offset.reset=earliest").collect()).map((r) => Number(String(r[1]).split(",")[1]));
    await produce(0, 6);
    expect(await values()).toEqual([0, 1, 2, 3, 4, 5]);
    await broker.restart({ kill: true }); // a crash: the commits must already be on disk
    await produce(6, 9);
    expect(await values()).toEqual([6, 7, 8]);
  }, 90_000);
});
