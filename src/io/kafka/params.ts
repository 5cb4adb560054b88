import { StreamlabError } from "../../core/errors";
import { Param } from "../../params/param";
import { parseModelTime } from "../modelStream/timestampName";

const bootstrapServers = Param.string({
  doc: 'Kafka brokers to connect to first, "host:port[,host:port...]" (Kafka\'s bootstrap.servers).',
  nonEmpty: true,
  aliases: ["bootstrap.servers", "boostrapServers"],
});

type Role = "source" | "sink";

/**
 * The Kafka client properties `properties` may set (Kafka's names, as Alink passes them to its
 * client), each mapped to the kafkajs option that does the same; anything else is refused by name
 * rather than silently ignored (a typo, or a setting the pure-JS client does not have).
 */
const KAFKA_PROPERTIES: Record<string, { roles: readonly Role[]; doc: string }> = {
  "client.id": { roles: ["source", "sink"], doc: "client id the broker logs (default streamlab)" },
  "request.timeout.ms": { roles: ["source", "sink"], doc: "default 30000" },
  "connection.timeout.ms": { roles: ["source", "sink"], doc: "kafkajs connectionTimeout, default 3000" },
  "socket.connection.setup.timeout.ms": { roles: ["source", "sink"], doc: "the same as connection.timeout.ms" },
  retries: { roles: ["source", "sink"], doc: "retries of a failed request, default 5" },
  "retry.backoff.ms": { roles: ["source", "sink"], doc: "first retry delay, default 100" },
  "auto.offset.reset": { roles: ["source"], doc: "GROUP_OFFSETS without a committed offset: earliest or latest (default)" },
  "session.timeout.ms": { roles: ["source"], doc: "default 30000" },
  "heartbeat.interval.ms": { roles: ["source"], doc: "default 3000" },
  "max.poll.records": { roles: ["source"], doc: "rows per chunk, default 4096" },
  "fetch.min.bytes": { roles: ["source"], doc: "default 1" },
  "fetch.max.bytes": { roles: ["source"], doc: "default 10485760" },
  "max.partition.fetch.bytes": { roles: ["source"], doc: "default 1048576" },
  "fetch.max.wait.ms": { roles: ["source"], doc: "default 100 (Kafka's: 500)" },
  acks: { roles: ["sink"], doc: "all (default), -1, 0 or 1" },
  "compression.type": { roles: ["sink"], doc: "none (default) or gzip; the pure-JS client has no other codec" },
  "enable.idempotence": { roles: ["sink"], doc: "true: the broker keeps each record once even when a send is retried (needs acks=all; one request in flight)" },
  "max.in.flight.requests.per.connection": { roles: ["sink"], doc: "only 1 (kafkajs does not keep the order of concurrent requests)" },
  "max.request.size": { roles: ["sink"], doc: "bytes of records per request, default 1000000 (under the broker's message.max.bytes)" },
  "linger.ms": { roles: ["sink"], doc: "rows are sent once 4096 are gathered or the first has waited this long, default 100" },
  // Alink passes these through from its own params; accepted (the operator's parameters are used).
  "group.id": { roles: ["source", "sink"], doc: "ignored: groupId is used" },
  "bootstrap.servers": { roles: ["source", "sink"], doc: "ignored: bootstrapServers is used" },
};

const properties = Param.string({
  doc:
    'Extra Kafka client settings, "k1=v1,k2=v2" (Alink\'s format), mapped to the pure-JS client\'s options. Understood: ' +
    Object.entries(KAFKA_PROPERTIES)
      .map(([key, { roles, doc }]) => `${key} (${roles.length === 1 ? roles[0] + "; " : ""}${doc})`)
      .join(", ") +
    ". Any other key is an error naming it.",
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

/**
 * Parses Alink's `"k1=v1,k2=v2"` properties (keys and values trimmed) for a source or a sink.
 * Keys the client does not have, and keys of the other side (acks on a source), are refused in
 * one error naming all of them and listing what is understood.
 */
export function parseKafkaProperties(text: string | null, operator: string, role: Role): Map<string, string> {
  const out = new Map<string, string>();
  if (text === null || text.trim() === "") return out;
  const unknown: string[] = [];
  const otherSide: string[] = [];
  for (const pair of text.split(",")) {
    const at = pair.indexOf("=");
    if (at < 0) {
      throw new StreamlabError(`${operator}: properties ${JSON.stringify(text)}: ${JSON.stringify(pair)} has no "="; expected "k1=v1,k2=v2,...".`, { operator, param: "properties" });
    }
    const key = pair.slice(0, at).trim();
    const known = KAFKA_PROPERTIES[key];
    if (known === undefined) unknown.push(key);
    else if (!known.roles.includes(role)) otherSide.push(key);
    out.set(key, pair.slice(at + 1).trim());
  }
  if (unknown.length > 0 || otherSide.length > 0) {
    const names = (keys: string[]) => keys.map((k) => `"${k}"`).join(", ");
    const problems = [
      unknown.length > 0 ? `${names(unknown)} ${unknown.length === 1 ? "is" : "are"} not supported by the Kafka client here` : "",
      otherSide.length > 0 ? `${names(otherSide)} ${otherSide.length === 1 ? "applies" : "apply"} to ${role === "source" ? "KafkaSinkStreamOp" : "KafkaSourceStreamOp"} only` : "",
    ].filter((p) => p !== "");
    const supported = Object.keys(KAFKA_PROPERTIES).filter((k) => KAFKA_PROPERTIES[k].roles.includes(role));
    throw new StreamlabError(`${operator}: properties: ${problems.join("; ")}. Understood: ${supported.join(", ")}.`, { operator, param: "properties" });
  }
  return out;
}

/** A boolean property ("true"/"false"), or `fallback`. */
export function boolProperty(props: Map<string, string>, key: string, fallback: boolean, operator: string): boolean {
  const text = props.get(key);
  if (text === undefined) return fallback;
  if (text.toLowerCase() === "true") return true;
  if (text.toLowerCase() === "false") return false;
  throw new StreamlabError(`${operator}: properties: ${key}=${text} is not true or false.`, { operator, param: "properties" });
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
