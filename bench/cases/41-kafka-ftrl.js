"use strict";
// Kafka source and sink on a real single-node broker (scripts/kafka-broker.js: Kafka 4 in KRaft
// mode on loopback, Java 17), the 1M-row CTR file of the FTRL cases:
//
// 1. KafkaSinkStreamOp: CsvSourceStreamOp(ts) → KafkaSinkStreamOp(CSV) into a fresh one-partition
//    topic; timed until the broker acknowledged every record (acks all).
// 2. KafkaSourceStreamOp alone: the whole topic read back (EARLIEST, bounded replay) and counted.
// 3. Source → hash → FTRL from the topic: KafkaSourceStreamOp → CSV message decoded into the CTR
//    columns (a MapperStreamOp written here: streamlab has no CsvToColumnsStreamOp yet) → feature
//    pipeline (StandardScaler + FeatureHasher 30000) → FtrlTrainStreamOp (model every 3600 s) →
//    lazyCollect of the models. The pipeline and initial model are fitted on the first 50k rows
//    outside the timing (as in 40-ftrl.js). Compare with the CSV-file rates of 40-ftrl.js.
//
// Skipped (not an error) when no broker can run here (no Java 17 / Maven).

const path = require("path");
const { ensureCtrData } = require("../lib/ctrData");
const { gc, fmtInt, time } = require("../lib/util");
const broker = require("../../scripts/kafka-broker");

const DIST = path.join(__dirname, "..", "..", "dist");
const dist = () => require(DIST);
const FAMILY = "Kafka";

let running = null; // { broker, topic, rows } shared by the cases, stopped by the last one

async function ensureTopic() {
  if (running !== null) return running;
  const b = await broker.start();
  running = { broker: b, topic: `bench-ctr-${Date.now()}`, rows: 0 };
  return running;
}

async function stopBroker() {
  if (running !== null) await running.broker.stop();
  running = null;
}

/** CSV messages (Alink's CsvFormatter lines, no quoted fields in the CTR data) → the CTR columns. */
function ctrDecoder() {
  const { Schema, CTR_SCHEMA_STR, MapperStreamOp } = dist();
  const { columnFromValues } = require(path.join(DIST, "core", "column"));
  const { Table } = require(path.join(DIST, "core", "table"));
  const schema = Schema.parse(CTR_SCHEMA_STR);
  const numeric = schema.types.map((t) => t !== "STRING");
  const mapper = {
    outputSchema: schema,
    map(chunk) {
      const messages = chunk.column("message").values;
      const n = messages.length;
      const cells = schema.names.map(() => new Array(n));
      for (let r = 0; r < n; r++) {
        const fields = messages[r].split(",");
        for (let c = 0; c < fields.length; c++) cells[c][r] = fields[c] === "" ? null : numeric[c] ? Number(fields[c]) : fields[c];
      }
      return new Table(schema, cells.map((values, c) => columnFromValues(schema.types[c], values)));
    },
  };
  return (source) => new MapperStreamOp(() => mapper, "decode CSV message").linkFrom(source);
}

function kafkaSource(r) {
  const { KafkaSourceStreamOp } = dist();
  return new KafkaSourceStreamOp().setBootstrapServers(r.broker.bootstrapServers).setTopic(r.topic).setGroupId(`bench-${Date.now()}`).setStartupMode("EARLIEST");
}

const unavailable = () => (broker.brokerAvailable() ? null : { skipped: true, notes: `skipped: ${broker.brokerUnavailableReason()}` });

module.exports = [
  {
    family: FAMILY,
    name: "KafkaSinkStreamOp: 1M CTR rows from CSV into a topic (CSV messages, acks all)",
    async run() {
      const skip = unavailable();
      if (skip) return skip;
      const { big } = ensureCtrData();
      const { CsvSourceStreamOp, CTR_SCHEMA_STR, KafkaSinkStreamOp, StreamOperator } = dist();
      const t0 = Date.now();
      const r = await ensureTopic();
      const startSeconds = (Date.now() - t0) / 1000;
      const source = new CsvSourceStreamOp().setFilePath(big.file).setSchemaStr(CTR_SCHEMA_STR).setIgnoreFirstLine(true).setTimeCol("ts");
      new KafkaSinkStreamOp().setBootstrapServers(r.broker.bootstrapServers).setTopic(r.topic).setDataFormat("CSV").linkFrom(source);
      gc();
      const { seconds, value: report } = await time(() => StreamOperator.execute());
      r.rows = report.rows;
      return { rows: report.rows, seconds, notes: `broker (Kafka 4, KRaft, one JVM) started in ${startSeconds.toFixed(1)} s (not timed); the CSV parse is included` };
    },
  },
  {
    family: FAMILY,
    name: "KafkaSourceStreamOp: the 1M-row topic read back (bounded replay)",
    async run() {
      const skip = unavailable();
      if (skip) return skip;
      const r = await ensureTopic();
      if (r.rows === 0) return { skipped: true, notes: "skipped: the sink case did not fill the topic" };
      const { StreamOperator } = dist();
      const counted = kafkaSource(r).lazyCollect();
      gc();
      const { seconds, value: report } = await time(() => StreamOperator.execute());
      const n = counted.getTable().numRows;
      if (n !== r.rows) throw new Error(`read ${n} rows, the topic has ${r.rows}`);
      return { rows: report.rows, seconds, notes: "records fetched by kafkajs in a worker thread, rows built here (key, message, topic, partition, offset)" };
    },
  },
  {
    family: FAMILY,
    name: "Kafka source → decode → hash → FTRL train, 1M CTR rows",
    async run() {
      const skip = unavailable();
      try {
        if (skip) return skip;
        const r = await ensureTopic();
        if (r.rows === 0) return { skipped: true, notes: "skipped: the sink case did not fill the topic" };
        const { big } = ensureCtrData();
        const { StreamOperator } = dist();
        const { fitOnHead, demoFtrlTrainer } = require("./40-ftrl").internals;
        const { pipelineModel, initModel } = fitOnHead(big.file);
        const decode = ctrDecoder();
        const models = demoFtrlTrainer(initModel).linkFrom(pipelineModel.transform(decode(kafkaSource(r))));
        const collected = models.lazyCollect();
        gc();
        const { seconds, value: report } = await time(() => StreamOperator.execute());
        const versions = new Set(Array.from(collected.getTimes())).size;
        return { rows: r.rows, seconds, notes: `${versions} model versions; ${fmtInt(report.rows)} rows through the graph; pipeline + initial LR fitted outside the timing` };
      } finally {
        await stopBroker();
      }
    },
  },
];
