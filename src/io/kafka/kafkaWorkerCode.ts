/**
 * The worker thread behind KafkaSourceStreamOp and KafkaSinkStreamOp (see SyncWorker): plain
 * JavaScript run with `new Worker(code, { eval: true })`, so it works the same from the compiled
 * package and from the TypeScript sources under test (a worker script file would exist only in
 * the compiled output). It loads kafkajs (pure JS) from the path the main thread resolved.
 *
 * Requests, answered in order: source `open` / `take` / `live` / `takeLive` / `close`; sink
 * `openSink` / `send` / `closeSink`.
 */
export const KAFKA_WORKER_CODE = String.raw`
"use strict";
const { workerData } = require("worker_threads");
const port = workerData.port;
const counters = new Int32Array(workerData.signal);
let kafkajs = null;
let loadError = null;
try {
  kafkajs = require(workerData.kafkajs);
} catch (e) {
  loadError = "kafkajs cannot be loaded: " + (e && e.message);
}

function reply(message) {
  port.postMessage(message);
  Atomics.add(counters, 0, 1);
  Atomics.notify(counters, 0);
}

function client(c) {
  return new kafkajs.Kafka({
    clientId: c.clientId,
    brokers: c.brokers,
    logLevel: kafkajs.logLevel.NOTHING,
    connectionTimeout: c.connectionTimeout,
    requestTimeout: c.requestTimeout,
    retry: { retries: c.retries, initialRetryTime: c.retryBackoff, maxRetryTime: Math.max(2000, c.retryBackoff) },
  });
}

// ---- source: a bounded read from each partition's start offset to its end offset at open ----
// After "live" (a paced run), records past those ends are read too, into liveBuffer.
const src = { kafka: null, admin: null, consumer: null, parts: new Map(), buffer: [], head: 0, liveBuffer: [], live: false, pausedLive: false, waiter: null, error: null, pausedAll: false, taken: new Map(), config: null };
const key = (t, p) => t + "\u0000" + p;
function wake() {
  const w = src.waiter;
  src.waiter = null;
  if (w) w();
}
function allDone() {
  for (const p of src.parts.values()) if (p.next < p.end) return false;
  return true;
}

async function topicsOf(c, admin) {
  const existing = await admin.listTopics();
  if (c.topicPattern !== null) {
    const re = new RegExp("^(?:" + c.topicPattern + ")$");
    return existing.filter((t) => re.test(t) && !t.startsWith("__")).sort();
  }
  const missing = c.topics.filter((t) => !existing.includes(t));
  if (missing.length > 0) throw new Error("topic " + missing.map((t) => JSON.stringify(t)).join(", ") + " does not exist on " + c.brokers.join(","));
  return c.topics;
}

async function open(c) {
  src.config = c;
  const kafka = (src.kafka = client(c));
  // Records held ahead of the stream: past this the consumer pauses until half of them were taken.
  src.maxBuffer = c.maxBuffer;
  const admin = (src.admin = kafka.admin());
  await admin.connect();
  const topics = await topicsOf(c, admin);
  let rows = 0;
  for (const topic of topics) {
    const offsets = await admin.fetchTopicOffsets(topic);
    let starts = new Map();
    if (c.startupMode === "EARLIEST") for (const o of offsets) starts.set(o.partition, Number(o.low));
    else if (c.startupMode === "LATEST") for (const o of offsets) starts.set(o.partition, Number(o.high));
    else if (c.startupMode === "TIMESTAMP") {
      const byTime = await admin.fetchTopicOffsetsByTimestamp(topic, c.startTimeMs);
      for (const o of byTime) starts.set(o.partition, Number(o.offset));
    } else {
      const [group] = await admin.fetchOffsets({ groupId: c.groupId, topics: [topic] });
      for (const o of group.partitions) starts.set(o.partition, Number(o.offset));
    }
    for (const o of offsets) {
      const low = Number(o.low);
      const end = Number(o.high);
      let start = starts.get(o.partition);
      // No committed offset (GROUP_OFFSETS) or no record at/after the time (TIMESTAMP): -1.
      if (start === undefined || start < 0) start = c.startupMode === "TIMESTAMP" ? end : c.resetEarliest ? low : end;
      start = Math.max(start, low);
      src.parts.set(key(topic, o.partition), { topic, partition: o.partition, next: start, end });
      if (start < end) rows += end - start;
    }
  }
  const active = [...src.parts.values()].filter((p) => p.next < p.end);
  if (active.length > 0) await startConsumer(active.map((p) => p.topic));
  return { topics, partitions: src.parts.size, rows };
}

async function startConsumer(topics) {
  const c = src.config;
  const kafka = src.kafka;
  const consumer = (src.consumer = kafka.consumer({
    groupId: c.groupId,
    sessionTimeout: c.sessionTimeout,
    heartbeatInterval: c.heartbeatInterval,
    minBytes: c.minBytes,
    maxBytes: c.maxBytes,
    maxBytesPerPartition: c.maxBytesPerPartition,
    maxWaitTimeInMs: c.maxWaitTimeInMs,
    allowAutoTopicCreation: false,
  }));
  // A crash the client recovers from (the broker restarted: it rejoins and fetches again, the offset
  // filter in onBatch drops what was already read) is not an error; one it gives up on is.
  consumer.on(consumer.events.CRASH, (e) => {
    if (e.payload.restart) return;
    src.error = e.payload.error;
    wake();
  });
  // On every join (the first, and each after a crash the client recovers from, e.g. a broker
  // restart) each partition is sought to the next offset this read needs, and the pauses are set
  // again: a rejoin resumes exactly where the read was, whatever the group has committed.
  consumer.on(consumer.events.GROUP_JOIN, () => {
    src.pausedAll = false;
    src.pausedLive = false;
    for (const p of src.parts.values()) {
      if (!src.live && p.next >= p.end) continue;
      try {
        consumer.seek({ topic: p.topic, partition: p.partition, offset: String(p.next) });
      } catch {}
    }
    pauseFinished();
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [...new Set(topics)], fromBeginning: true });
  await consumer.run({ autoCommit: false, eachBatchAutoResolve: true, eachBatch: async ({ batch }) => onBatch(batch) });
}

// The partitions still read: those before their end, or all of them once live.
function openParts() {
  return [...src.parts.values()].filter((p) => src.live || p.next < p.end);
}

// pause / resume throw while the client re-creates its group after a crash (a broker restart); the
// state they set is lost then anyway, and GROUP_JOIN sets it again.
function pause(topics) {
  try {
    src.consumer.pause(topics);
  } catch {}
}
function resume(topics) {
  try {
    src.consumer.resume(topics);
  } catch {}
}
function pauseFinished() {
  if (src.live) return;
  for (const p of src.parts.values()) if (p.next >= p.end) pause([{ topic: p.topic, partitions: [p.partition] }]);
}

function onBatch(batch) {
  const p = src.parts.get(key(batch.topic, batch.partition));
  if (p === undefined || (!src.live && p.next >= p.end)) return;
  for (const m of batch.messages) {
    const offset = Number(m.offset);
    // Offsets before p.next: a fetch issued before the seek took effect; at or past end: after the
    // run started (read only when live, into their own buffer: the replay ends where it began).
    if (offset < p.next || (offset >= p.end && !src.live)) continue;
    // Offsets skipped: compacted or deleted records (retention), transaction markers.
    if (offset > p.next) p.missing = (p.missing || 0) + offset - p.next;
    p.next = offset + 1;
    (offset < p.end ? src.buffer : src.liveBuffer).push({
      key: m.key === null || m.key === undefined ? null : m.key.toString("utf8"),
      value: m.value === null || m.value === undefined ? null : m.value.toString("utf8"),
      topic: p.topic,
      partition: p.partition,
      offset,
      timestamp: Number(m.timestamp),
    });
  }
  // Transaction markers take offsets without being records: the batch's last offset says the end is reached.
  const last = Number(batch.lastOffset());
  if (batch.messages.length > 0 && last + 1 >= p.end && last + 1 >= p.next) p.next = src.live ? last + 1 : p.end;
  if (p.next >= p.end && !src.live) pause([{ topic: p.topic, partitions: [p.partition] }]);
  if (src.buffer.length - src.head >= src.maxBuffer && !src.pausedAll) {
    src.pausedAll = true;
    pause([...new Set([...src.parts.values()].map((q) => q.topic))].map((topic) => ({ topic })));
  }
  // Live records wait for the replay to end: only partitions past their end are paused for them,
  // so a full live buffer never stops the replay that would empty it.
  if (src.liveBuffer.length >= src.maxBuffer && !src.pausedLive) {
    src.pausedLive = true;
    for (const q of src.parts.values()) if (q.next >= q.end) pause([{ topic: q.topic, partitions: [q.partition] }]);
  }
  wake();
}

// Below half the buffer limits again: fetch on.
function resumeIfRoom() {
  if (src.pausedAll && src.buffer.length - src.head < src.maxBuffer / 2) {
    src.pausedAll = false;
    const open = openParts().filter((p) => !(src.pausedLive && p.next >= p.end));
    for (const topic of new Set(open.map((p) => p.topic))) resume([{ topic, partitions: open.filter((p) => p.topic === topic).map((p) => p.partition) }]);
  }
  if (src.pausedLive && src.liveBuffer.length < src.maxBuffer / 2) {
    src.pausedLive = false;
    if (!src.pausedAll) for (const p of src.parts.values()) if (p.next >= p.end) resume([{ topic: p.topic, partitions: [p.partition] }]);
  }
}

// Full chunks (max rows) until the end: chunk boundaries then do not depend on how the fetches
// went, and a run's output is the same chunk for chunk (charts drawn while it runs too).
async function take(max) {
  while (src.buffer.length - src.head < max && !allDone() && src.error === null) await new Promise((r) => (src.waiter = r));
  if (src.error !== null) throw src.error;
  const end = Math.min(src.buffer.length, src.head + max);
  const rows = src.buffer.slice(src.head, end);
  src.head = end;
  if (src.head > 100000 || src.head === src.buffer.length) {
    src.buffer = src.buffer.slice(src.head);
    src.head = 0;
  }
  return batchOf(rows);
}

// The rows handed to the stream: their offsets become the group's committed offsets at close.
function batchOf(rows) {
  for (const r of rows) src.taken.set(key(r.topic, r.partition), { topic: r.topic, partition: r.partition, offset: String(r.offset + 1) });
  resumeIfRoom();
  return {
    done: rows.length === 0,
    keys: rows.map((r) => r.key),
    values: rows.map((r) => r.value),
    topics: rows.map((r) => r.topic),
    partitions: rows.map((r) => r.partition),
    offsets: rows.map((r) => r.offset),
    timestamps: rows.map((r) => r.timestamp),
  };
}

// A paced run: from now on records past each partition's end at open are read too (the replay
// still ends there; those come through takeLive). Partitions paused at their end are resumed, and
// a source that had nothing to replay starts its consumer now.
async function live() {
  if (src.live) return null;
  src.live = true;
  if (src.consumer === null) {
    if (src.parts.size > 0) await startConsumer([...src.parts.values()].map((p) => p.topic));
  } else {
    for (const topic of new Set([...src.parts.values()].map((p) => p.topic))) resume([{ topic }]);
  }
  return null;
}

// What arrived past the ends at open, without waiting (at most max rows).
async function takeLive(max) {
  if (src.error !== null) throw src.error;
  const rows = src.liveBuffer.splice(0, max);
  return batchOf(rows);
}

// Right after a broker restart the client may still be rejoining its group: commit once it is back.
async function commitWithRetry(offsets) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await src.consumer.commitOffsets(offsets);
    } catch (e) {
      if (attempt >= 50) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function close() {
  try {
    // The offsets of the rows handed to the stream become the group's committed offsets.
    if (src.consumer !== null && src.taken.size > 0) await commitWithRetry([...src.taken.values()]);
  } finally {
    if (src.consumer !== null) await src.consumer.disconnect().catch(() => {});
    if (src.admin !== null) await src.admin.disconnect().catch(() => {});
  }
  return [...src.parts.values()].filter((p) => p.missing > 0).map((p) => ({ topic: p.topic, partition: p.partition, missing: p.missing }));
}

// ---- sink ----
const snk = { producer: null, rows: 0 };

async function openSink(c) {
  const kafka = client(c);
  snk.producer = kafka.producer({
    allowAutoTopicCreation: true,
    idempotent: c.idempotent,
    // The idempotent producer's own default is to retry forever; the request timeout bounds it here too.
    ...(c.idempotent ? { retry: { retries: Math.max(1, c.retries), initialRetryTime: c.retryBackoff } } : {}),
    maxInFlightRequests: 1,
    createPartitioner: kafkajs.Partitioners.DefaultPartitioner,
  });
  snk.acks = c.acks;
  snk.compression = c.compression;
  snk.maxRequestBytes = c.maxRequestBytes;
  await snk.producer.connect();
  return null;
}

// One request at a time, in row order (kafkajs does not keep the order of concurrent sends).
async function send(m) {
  const n = m.values.length;
  let at = 0;
  while (at < n) {
    // A record costs its bytes plus its header (varints, timestamp delta, no key): at most ~24 bytes.
    let bytes = 70;
    const messages = [];
    while (at < n) {
      const size = Buffer.byteLength(m.values[at], "utf8") + 24;
      if (messages.length > 0 && bytes + size > snk.maxRequestBytes) break;
      bytes += size;
      messages.push({ key: null, value: m.values[at], timestamp: String(m.timestamps[at]) });
      at++;
    }
    await snk.producer.send({ topic: m.topic, acks: snk.acks, compression: snk.compression, messages });
  }
  snk.rows += n;
  return snk.rows;
}

async function closeSink() {
  if (snk.producer !== null) await snk.producer.disconnect();
  return snk.rows;
}

const handlers = { open, take, live, takeLive, close, openSink, send, closeSink };
let chain = Promise.resolve();
port.on("message", (request) => {
  chain = chain
    .then(() => {
      if (loadError !== null) throw new Error(loadError);
      return handlers[request.op](request.payload);
    })
    .then(
      (result) => reply({ id: request.id, ok: true, result }),
      (e) => reply({ id: request.id, ok: false, error: String((e && e.message) || e) }),
    );
});
`;
