import { StreamlabError } from "../../core/errors";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { StreamSinkOperator } from "../../stream/ops/StreamSinkOperator";
import { StreamTask } from "../../stream/task";
import { answerTimeoutMs, kafkaConnection, startKafkaWorker } from "./kafkaClient";
import { csvMessages, jsonMessages } from "./messageFormat";
import { KAFKA_SINK_PARAMS, parseKafkaProperties } from "./params";

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
 * Records are sent in row order as chunks arrive (a worker thread runs the Kafka client, kafkajs);
 * the run ends only after the broker acknowledged every record (`acks` in `properties`, default
 * all). The operator passes its input through, so it can sit inside a graph.
 */
export class KafkaSinkStreamOp extends StreamSinkOperator {
  static override readonly PARAMS = PARAMS;

  constructor(params?: ParamInit<typeof PARAMS>) {
    super(params);
  }

  protected startWriting(): StreamTask {
    const operator = this.operatorName;
    const props = parseKafkaProperties(this.getProperties(), operator);
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
    // Rows gathered before a send: large batches keep the per-request cost small.
    const batchRows = 4096;
    const timeout = answerTimeoutMs(connection);
    const worker = startKafkaWorker(operator, `writing topic ${topic} on ${connection.brokers.join(",")}`);
    try {
      worker.call("openSink", { ...connection, acks, compression: compressionText === "gzip" ? 1 : 0 }, timeout);
    } catch (error) {
      worker.close();
      throw error;
    }
    let values: string[] = [];
    let timestamps: number[] = [];
    const flush = () => {
      if (values.length === 0) return;
      worker.post("send", { topic, values, timestamps }, timeout);
      values = [];
      timestamps = [];
    };
    let closed = false;
    return {
      process(inputs) {
        for (const chunk of inputs[0]) {
          if (chunk.numRows === 0) continue;
          const texts = format === "JSON" ? jsonMessages(chunk.table) : csvMessages(chunk.table, delimiter);
          for (let i = 0; i < texts.length; i++) {
            values.push(texts[i]);
            timestamps.push(Math.round(chunk.times[i] * 1000));
          }
          if (values.length >= batchRows) flush();
        }
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
