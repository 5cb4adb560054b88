import { StreamlabError } from "../../core/errors";
import { columnFromValues } from "../../core/column";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { displayPort } from "../../engine/display";
import { declareParams } from "../../params/declareParams";
import { ParamAccessors } from "../../params/withParams";
import { StreamChunk } from "../../stream/chunk";
import { EventTimeAssigner } from "../../stream/eventTime";
import { StreamOperator } from "../../stream/streamOperator";
import { SourceTask } from "../../stream/task";
import { answerTimeoutMs, kafkaConnection, startKafkaWorker } from "./kafkaClient";
import { KAFKA_SOURCE_PARAMS, intProperty, parseKafkaProperties, parseStartTimeMs } from "./params";

const PARAMS = KAFKA_SOURCE_PARAMS;

/** Alink's output columns (`KafkaMessageDeserialization`): the record's key and value as UTF-8 text, where it came from. */
export const KAFKA_SOURCE_SCHEMA_STR = "message_key string, message string, topic string, topic_partition int, partition_offset bigint";

/** Hidden column carrying the record timestamp to the event-time assigner (dropped before output). */
const RECORD_TIME_COL = "kafka_record_timestamp";

/** Rows per chunk unless `max.poll.records` says otherwise. */
const DEFAULT_CHUNK_ROWS = 4096;

export interface KafkaSourceStreamOp extends ParamAccessors<KafkaSourceStreamOp, typeof PARAMS> {}

/**
 * Reads Kafka topics as a stream (Alink's `KafkaSourceStreamOp`): one row per record,
 * `message_key STRING, message STRING, topic STRING, topic_partition INT, partition_offset BIGINT`
 * (Alink's schema); turn `message` into typed columns with `CsvToColumnsStreamOp` or
 * `JsonToColumnsStreamOp` (Alink's format operators) downstream.
 *
 * **Bounded replay.** When the run starts, the source asks the broker for each partition's end
 * offset and reads every record from the `startupMode` position up to that end, then ends — so a
 * run over a topic is a replay, the same on every run, like a file source. Records produced after
 * the run started are left for the next run. Chunks hold `max.poll.records` rows (default 4096)
 * but the last, however the fetches went, so a run is the same chunk for chunk.
 *
 * **Live in a paced run.** In `StreamOperator.execute({ speedFactor })` the source is unbounded, as
 * Alink's is: after the replay it goes on reading the records produced meanwhile and later, in
 * offset order per partition, each stamped with the event time the run has reached when it
 * arrives (the run's clock goes on with the wall clock × speedFactor; `timeCol` is not used for
 * them), until the run is stopped (`execute({ speedFactor, signal })` or `stopAfterSeconds`).
 * Partitions added after the start are not read.
 *
 * **Offsets.** The offsets read are committed to `groupId` when the run ends, so
 * `GROUP_OFFSETS` continues where the previous run stopped. If the broker restarts during a read,
 * the client reconnects and resumes at the next offset the read needs: no row lost or repeated.
 * Offsets that had no record when read (retention, compaction) are reported when the run ends.
 *
 * **Event time** is each record's Kafka timestamp (`KafkaSinkStreamOp` writes a row's event time
 * there, so a topic it wrote replays with the times it was written with), or `timeCol`.
 * Records of several partitions interleave; `maxOutOfOrderness` lets them be put back in order.
 *
 * The Kafka client (kafkajs, pure JS) runs in a worker thread; this operator's task waits for it.
 */
export class KafkaSourceStreamOp extends declareParams(StreamOperator, PARAMS) {
  static override readonly INPUTS = 0;

  protected outputSchema(): Schema {
    const schema = Schema.parse(KAFKA_SOURCE_SCHEMA_STR);
    const operator = this.operatorName;
    if (this.getTopic() === null && this.getTopicPattern() === null) {
      throw new StreamlabError(`${operator}: set topic or topicPattern.`, { operator, param: "topic" });
    }
    const timeCol = this.getTimeCol();
    if (timeCol !== null) new EventTimeAssigner(schema, { timeCol, timePerSample: 1, startTime: 0, maxOutOfOrderness: 0 }, operator);
    return schema;
  }

  createTask(): SourceTask {
    const operator = this.operatorName;
    const schema = this.getSchema();
    const props = parseKafkaProperties(this.getProperties(), operator, "source");
    const connection = kafkaConnection(this.getBootstrapServers(), props, operator);
    const mode = this.getStartupMode();
    const reset = props.get("auto.offset.reset") ?? "latest";
    if (reset !== "earliest" && reset !== "latest") {
      throw new StreamlabError(`${operator}: properties: auto.offset.reset=${reset}; expected earliest or latest.`, { operator, param: "properties" });
    }
    const topicPattern = this.getTopicPattern();
    const topics = (this.getTopic() ?? "")
      .split(",")
      .map((t) => t.trim())
      .filter((t) => t !== "");
    if (topicPattern !== null) {
      try {
        new RegExp(topicPattern);
      } catch (error) {
        throw new StreamlabError(`${operator}: topicPattern ${JSON.stringify(topicPattern)} is not a regular expression: ${(error as Error).message}`, { operator, param: "topicPattern" });
      }
    }
    const chunkRows = Math.max(1, intProperty(props, "max.poll.records", DEFAULT_CHUNK_ROWS, operator));
    const config = {
      ...connection,
      topics,
      topicPattern,
      groupId: this.getGroupId(),
      startupMode: mode,
      startTimeMs: mode === "TIMESTAMP" ? parseStartTimeMs(this.getStartTime(), operator) : null,
      resetEarliest: reset === "earliest",
      sessionTimeout: intProperty(props, "session.timeout.ms", 30000, operator),
      heartbeatInterval: intProperty(props, "heartbeat.interval.ms", 3000, operator),
      minBytes: intProperty(props, "fetch.min.bytes", 1, operator),
      maxBytes: intProperty(props, "fetch.max.bytes", 10485760, operator),
      maxBytesPerPartition: intProperty(props, "max.partition.fetch.bytes", 1048576, operator),
      maxWaitTimeInMs: intProperty(props, "fetch.max.wait.ms", 100, operator),
      // Prefetch: up to 16 chunks ahead (memory stays bounded whatever the topic's size).
      maxBuffer: Math.max(16 * chunkRows, 1000),
    };
    const timeout = answerTimeoutMs(connection);
    const timeCol = this.getTimeCol();
    // Seconds as ms / 1000 (the double nearest the decimal value: a time written from ts 1413881491.574
    // comes back as exactly that number; ms × 0.001 can be one ulp off).
    const withTime = timeCol === null ? new Schema([...schema.names, RECORD_TIME_COL], [...schema.types, "DOUBLE"]) : schema;
    const assigner = new EventTimeAssigner(
      withTime,
      { timeCol: timeCol ?? RECORD_TIME_COL, timePerSample: 1, startTime: 0, maxOutOfOrderness: this.getMaxOutOfOrderness() },
      operator,
    );
    const worker = startKafkaWorker(operator, `reading ${topicPattern !== null ? `topics matching /${topicPattern}/` : `topic ${topics.join(",")}`} from ${connection.brokers.join(",")}`);
    let done = false;
    try {
      worker.call("open", config, timeout);
    } catch (error) {
      worker.close();
      throw error;
    }
    const finish = () => {
      if (done) return;
      done = true;
      const gaps = worker.close<{ topic: string; partition: number; missing: number }[]>("close", timeout) ?? [];
      // Offsets the broker no longer had (retention, compaction): say so rather than replay silently less.
      for (const g of gaps) {
        displayPort().showText(`${operator}: ${g.missing} offset${g.missing === 1 ? "" : "s"} of ${g.topic} partition ${g.partition} had no record when read (deleted by retention, compacted, or transaction markers).`);
      }
    };
    const strip = (chunk: StreamChunk | null): StreamChunk | null =>
      chunk === null || timeCol !== null ? chunk : chunk.withTable(chunk.table.select(schema.names));
    const columnsOf = (got: Batch) => [
      columnFromValues("STRING", got.keys),
      columnFromValues("STRING", got.values),
      columnFromValues("STRING", got.topics),
      columnFromValues("INT", got.partitions),
      columnFromValues("BIGINT", got.offsets),
    ];
    // The replay (next) has ended; live: the worker reads past the ends at open (a paced run polls).
    let replayed = false;
    let live = false;
    return {
      live: true,
      next(): StreamChunk | null {
        if (done || replayed) return null;
        for (;;) {
          const got = worker.call<Batch>("take", chunkRows, timeout);
          if (got.done) break;
          const columns = columnsOf(got);
          if (timeCol === null) columns.push(columnFromValues("DOUBLE", got.timestamps.map((ms) => ms / 1000)));
          const ready = strip(assigner.push(new Table(withTime, columns)));
          if (ready !== null) return ready;
        }
        // The worker stays open until close(): a paced run may poll for what comes next.
        replayed = true;
        return strip(assigner.flush()) ?? new StreamChunk(Table.empty(schema), new Float64Array(0));
      },
      poll(reached: number): StreamChunk | null {
        if (done) return null;
        if (!live) {
          live = true;
          worker.call("live", null, timeout);
        }
        // Rows past the ends come after every replayed row of their partition: only once the replay ended.
        if (!replayed) return null;
        const got = worker.call<Batch>("takeLive", chunkRows, timeout);
        if (got.done) return null;
        return new StreamChunk(new Table(schema, columnsOf(got)), new Float64Array(got.keys.length).fill(reached));
      },
      close() {
        // Called at the end of every run, also one that failed: an error here must not hide that one.
        try {
          finish();
        } catch (error) {
          console.warn((error as Error).message);
        }
      },
    };
  }
}

interface Batch {
  done: boolean;
  keys: (string | null)[];
  values: (string | null)[];
  topics: string[];
  partitions: number[];
  offsets: number[];
  timestamps: number[];
}
