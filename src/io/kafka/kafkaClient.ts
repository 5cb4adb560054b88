import { StreamlabError } from "../../core/errors";
import { intProperty } from "./params";
import { KAFKA_WORKER_CODE } from "./kafkaWorkerCode";
import { SyncWorker } from "./syncWorker";

/** What every Kafka worker needs to connect (kafkajs client options). */
export interface KafkaConnection {
  clientId: string;
  brokers: string[];
  connectionTimeout: number;
  requestTimeout: number;
  retries: number;
  retryBackoff: number;
}

/** Splits `bootstrapServers` ("h1:p1,h2:p2") into broker addresses. */
export function brokerList(servers: string, operator: string): string[] {
  const brokers = servers
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  for (const b of brokers) {
    if (!/^[^\s:]+:\d+$/.test(b) && !/^\[[0-9a-fA-F:]+\]:\d+$/.test(b)) {
      throw new StreamlabError(`${operator}: bootstrapServers ${JSON.stringify(servers)}: ${JSON.stringify(b)} is not "host:port".`, { operator, param: "bootstrapServers" });
    }
  }
  if (brokers.length === 0) throw new StreamlabError(`${operator}: bootstrapServers is empty; expected "host:port[,host:port...]".`, { operator, param: "bootstrapServers" });
  return brokers;
}

export function kafkaConnection(servers: string, props: Map<string, string>, operator: string): KafkaConnection {
  return {
    clientId: props.get("client.id") ?? "streamlab",
    brokers: brokerList(servers, operator),
    connectionTimeout: intProperty(props, "connection.timeout.ms", intProperty(props, "socket.connection.setup.timeout.ms", 3000, operator), operator),
    requestTimeout: intProperty(props, "request.timeout.ms", 30000, operator),
    retries: intProperty(props, "retries", 5, operator),
    retryBackoff: intProperty(props, "retry.backoff.ms", 100, operator),
  };
}

/** How long this thread waits for one answer of the Kafka worker before giving up (covers the client's own retries). */
export function answerTimeoutMs(connection: KafkaConnection): number {
  return Math.max(60_000, 2 * connection.requestTimeout + 10_000);
}

/** Starts the Kafka worker thread (kafkajs resolved from this package's dependencies). */
export function startKafkaWorker(operator: string, describe: string): SyncWorker {
  let kafkajs: string;
  try {
    kafkajs = require.resolve("kafkajs");
  } catch {
    throw new StreamlabError(`${operator}: the kafkajs package is not installed (npm install kafkajs).`, { operator });
  }
  return new SyncWorker(KAFKA_WORKER_CODE, { kafkajs }, operator, describe);
}
