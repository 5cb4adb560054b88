import { StreamlabError } from "../../core/errors";
import { Param } from "../../params/param";
import { parseModelTime } from "../modelStream/timestampName";

const bootstrapServers = Param.string({
  doc: 'Kafka brokers to connect to first, "host:port[,host:port...]" (Kafka\'s bootstrap.servers).',
  nonEmpty: true,
  aliases: ["bootstrap.servers", "boostrapServers"],
});

const properties = Param.string({
  doc: 'Extra Kafka client settings, "k1=v1,k2=v2" (Alink\'s format). Understood here: client.id, request.timeout.ms, connection.timeout.ms, auto.offset.reset (GROUP_OFFSETS without a committed offset: earliest or latest), session.timeout.ms, max.poll.records (rows per chunk), acks (sink: all, 0 or 1), compression.type (sink: none or gzip); others are an error naming them.',
  optional: true,
});

/** Alink's `KafkaSourceParams` (plus streamlab's event-time settings). */
export const KAFKA_SOURCE_PARAMS = {
  bootstrapServers,
  topic: Param.string({ doc: "Topic to read; several as \"t1,t2\". Either topic or topicPattern.", optional: true }),
  topicPattern: Param.string({
    doc: "Regular expression matched against whole topic names (Java's Pattern.matches); every matching topic that exists when the run starts is read. Wins over topic.",
    optional: true,
  }),
  groupId: Param.string({
    doc: "Consumer group: its committed offsets are where GROUP_OFFSETS starts, and the offsets read are committed to it when the run ends.",
    nonEmpty: true,
    aliases: ["group.id"],
  }),
  startupMode: Param.enum(["EARLIEST", "GROUP_OFFSETS", "LATEST", "TIMESTAMP"] as const, {
    doc: "Where each partition is read from: EARLIEST (its first offset), LATEST (its end: nothing already in the topic), GROUP_OFFSETS (groupId's committed offset, else auto.offset.reset, default latest), TIMESTAMP (the first record with timestamp ≥ startTime).",
  }),
  startTime: Param.string({
    doc: 'Start for startupMode TIMESTAMP: "yyyy-MM-dd HH:mm:ss[.SSS]" (UTC; Alink: the JVM\'s time zone).',
    optional: true,
  }),
  properties,
  timeCol: Param.string({
    doc: "Output column holding each row's event time (seconds or TIMESTAMP); null = the Kafka record's timestamp (streamlab's addition: Alink streams use wall-clock time).",
    optional: true,
  }),
  maxOutOfOrderness: Param.double({
    doc: "How many seconds a record may arrive behind the latest event time seen (records of several partitions interleave); such rows are put back in order, a later one is an error. 0 = records must arrive in event-time order.",
    default: 0,
    min: 0,
  }),
};

/** Alink's `KafkaSinkParams`. */
export const KAFKA_SINK_PARAMS = {
  bootstrapServers,
  topic: Param.string({ doc: "Topic written to (created with the broker's defaults when it does not exist and the broker allows it).", nonEmpty: true }),
  dataFormat: Param.enum(["JSON", "CSV"] as const, {
    doc: "How each row becomes a message value: JSON (an object of the non-null fields) or CSV (one line, no line break).",
  }),
  fieldDelimiter: Param.string({ doc: "Field delimiter of dataFormat CSV.", default: ",", nonEmpty: true }),
  properties,
};

/** Keys `properties` may set; anything else is refused by name rather than silently ignored. */
const KNOWN_PROPERTIES = new Set([
  "client.id",
  "request.timeout.ms",
  "connection.timeout.ms",
  "auto.offset.reset",
  "session.timeout.ms",
  "max.poll.records",
  "acks",
  "compression.type",
  // Alink passes these through from its own params; accepted and equal to the operator's.
  "group.id",
  "bootstrap.servers",
]);

/** Parses Alink's `"k1=v1,k2=v2"` properties (keys and values trimmed). */
export function parseKafkaProperties(text: string | null, operator: string): Map<string, string> {
  const out = new Map<string, string>();
  if (text === null || text.trim() === "") return out;
  for (const pair of text.split(",")) {
    const at = pair.indexOf("=");
    if (at < 0) {
      throw new StreamlabError(`${operator}: properties ${JSON.stringify(text)}: ${JSON.stringify(pair)} has no "="; expected "k1=v1,k2=v2,...".`, { operator, param: "properties" });
    }
    const key = pair.slice(0, at).trim();
    if (!KNOWN_PROPERTIES.has(key)) {
      throw new StreamlabError(`${operator}: properties: "${key}" is not supported; supported: ${[...KNOWN_PROPERTIES].join(", ")}.`, { operator, param: "properties" });
    }
    out.set(key, pair.slice(at + 1).trim());
  }
  return out;
}

/** A non-negative integer property, or `fallback`. */
export function intProperty(props: Map<string, string>, key: string, fallback: number, operator: string): number {
  const text = props.get(key);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new StreamlabError(`${operator}: properties: ${key}=${text} is not a non-negative integer.`, { operator, param: "properties" });
  }
  return value;
}

/** `startTime` of startupMode TIMESTAMP, in epoch milliseconds (UTC). */
export function parseStartTimeMs(text: string | null, operator: string): number {
  if (text === null) {
    throw new StreamlabError(`${operator}: startupMode TIMESTAMP needs startTime ("yyyy-MM-dd HH:mm:ss", UTC).`, { operator, param: "startTime" });
  }
  return parseModelTime(text, operator, "startTime").epochMs;
}
