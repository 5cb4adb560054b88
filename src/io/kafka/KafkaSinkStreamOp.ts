import { StreamlabError } from "../../core/errors";
import { declareParams } from "../../params/declareParams";
import { ParamAccessors } from "../../params/withParams";
import { StreamSinkOperator } from "../../stream/ops/StreamSinkOperator";
import { StreamTask } from "../../stream/task";
import { answerTimeoutMs, kafkaConnection, startKafkaWorker } from "./kafkaClient";
import { csvMessages, jsonMessages } from "./messageFormat";
import { KAFKA_SINK_PARAMS, boolProperty, intProperty, parseKafkaProperties } from "./params";

const PARAMS = KAFKA_SINK_PARAMS;

export interface KafkaSinkStreamOp extends ParamAccessors<KafkaSinkStreamOp, typeof PARAMS> {}

/**
 * Writes a stream to a Kafka topic during the next `StreamOperator.execute()` (Alink's
 * `KafkaSinkStreamOp`): one record per row, no key, the value in `dataFormat` — JSON (Alink's
 * `RowToJsonSerialization`: an object of the non-null fields) or CSV (one `CsvFormatter` line) —
 * and the row's **event time as the record timestamp**, so `KafkaSourceStreamOp` replays the topic
 * with the times it was written with (a trainer's model stream, the tutorial's data).
 *
 * Differences from Alink: Alink's producer leaves the timestamp to Kafka (the time of sending). A
 * topic with time-based retention (Kafka's default: 7 days) deletes records whose timestamps are
 * older than that within minutes — replaying historical data (the tutorial's is from 2014) needs a
 * topic with `retention.ms=-1` (the test broker of scripts/kafka-broker.js keeps everything).
 * JSON writes TIMESTAMP fields as "yyyy-MM-dd HH:mm:ss.S" text (Gson: its locale date format).
 *
 * Records are sent in row order (a worker thread runs the Kafka client, kafkajs, while this thread
 * formats the next rows), gathered until 4096 rows or `linger.ms` (default 100) and cut into
 * requests of at most `max.request.size` bytes (default 1 000 000, just under the broker's 1 MB
 * message.max.bytes: few round trips); one request is in flight at a time, since kafkajs does not
 * keep the order of concurrent sends (measured: rows came out of order). The run ends only after
 * the broker acknowledged every record (`acks`, default all). `enable.idempotence=true` makes it
 * Kafka's idempotent producer: a request retried after a lost acknowledgement is not written
 * twice (needs acks=all). The operator passes its input through, so it can sit inside a graph.
 */
export class KafkaSinkStreamOp extends declareParams(StreamSinkOperator, PARAMS) {
  protected startWriting(): StreamTask {
    const operator = this.operatorName;
    const props = parseKafkaProperties(this.getProperties(), operator, "sink");
    const connection = kafkaConnection(this.getBootstrapServers(), props, operator);
    const topic = this.getTopic();
    const format = this.getDataFormat();
    const delimiter = this.getFieldDelimiter();
    const acksText = props.get("acks") ?? "all";
    const acks = acksText === "all" ? -1 : Number(acksText);
    if (![-1, 0, 1].includes(acks)) throw new StreamlabError(`${operator}: properties: acks=${acksText}; expected all, -1, 0 or 1.`, { operator, param: "properties" });
    const compressionText = props.get("compression.type") ?? "none";
    if (compressionText !== "none" && compressionText !== "gzip") {
      throw new StreamlabError(`${operator}: properties: compression.type=${compressionText}; supported: none, gzip (the pure-JS client has no other codecs).`, { operator, param: "properties" });
    }
    const idempotent = boolProperty(props, "enable.idempotence", false, operator);
    if (idempotent && acks !== -1) {
      throw new StreamlabError(`${operator}: properties: enable.idempotence=true needs acks=all (got acks=${acksText}), as in Kafka.`, { operator, param: "properties" });
    }
    const inFlight = intProperty(props, "max.in.flight.requests.per.connection", 1, operator);
    if (inFlight !== 1) {
      throw new StreamlabError(
        `${operator}: properties: max.in.flight.requests.per.connection=${inFlight}; only 1 is supported (kafkajs does not keep the order of concurrent requests).`,
        { operator, param: "properties" },
      );
    }
    const maxRequestBytes = intProperty(props, "max.request.size", 1_000_000, operator);
    if (maxRequestBytes < 1024) throw new StreamlabError(`${operator}: properties: max.request.size=${maxRequestBytes} is below 1024 bytes.`, { operator, param: "properties" });
    // Rows gathered before they go to the worker (which cuts them into requests of maxRequestBytes),
    // or fewer once the first of them waited linger.ms (a paced run's rows go out as they come).
    const batchRows = 4096;
    const lingerMs = intProperty(props, "linger.ms", 100, operator);
    const timeout = answerTimeoutMs(connection);
    const worker = startKafkaWorker(operator, `writing topic ${topic} on ${connection.brokers.join(",")}`);
    try {
      worker.call("openSink", { ...connection, acks, compression: compressionText === "gzip" ? 1 : 0, idempotent, maxRequestBytes }, timeout);
    } catch (error) {
      worker.close();
      throw error;
    }
    let values: string[] = [];
    let timestamps: number[] = [];
    let firstBuffered = 0;
    const flush = () => {
      if (values.length === 0) return;
      firstBuffered = 0;
      worker.post("send", { topic, values, timestamps }, timeout);
      values = [];
      timestamps = [];
    };
    let closed = false;
    return {
      process(inputs) {
        for (const chunk of inputs[0]) {
          if (chunk.numRows === 0) continue;
          if (values.length === 0) firstBuffered = Date.now();
          const texts = format === "JSON" ? jsonMessages(chunk.table) : csvMessages(chunk.table, delimiter);
          for (let i = 0; i < texts.length; i++) {
            values.push(texts[i]);
            timestamps.push(Math.round(chunk.times[i] * 1000));
          }
          if (values.length >= batchRows) flush();
        }
        if (values.length > 0 && Date.now() - firstBuffered >= lingerMs) flush();
      },
      finish() {
        if (closed) return;
        closed = true;
        flush();
        // Waits for every send, then disconnects.
        worker.close("closeSink", timeout);
      },
    };
  }
}
