#!/usr/bin/env node
// A real Apache Kafka broker for streamlab's Kafka tests, benchmarks and notebooks: one node in KRaft
// mode (broker + controller in one JVM, no ZooKeeper), run from Maven Central jars on Java 17 — no
// Kafka tarball. interop/kafka/pom.xml names the broker; this module resolves its runtime classpath
// once with Maven (offline when ~/.m2 already has it, online otherwise; cached in
// interop/kafka/target/classpath.txt), and each start is `java -cp … kafka.Kafka server.properties`
// on 127.0.0.1 with a fresh temporary log dir (formatted first, as KRaft requires).
//
// API: `start({ port })` → { bootstrapServers, port, logDir, stop() }; `brokerAvailable()` and
// `brokerUnavailableReason()` (Java ≥ 17 and Maven present and the classpath resolves);
// `connectOrStart()` for notebooks: KAFKA_BOOTSTRAP_SERVERS when set, else a local broker.
// CLI: `node scripts/kafka-broker.js build|check|run [port]` (run: starts one and waits for Ctrl-C).
"use strict";
const { spawn, spawnSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const net = require("net");
const os = require("os");
const path = require("path");
const { mavenBuild } = require("./maven-build");

const ROOT = path.resolve(__dirname, "..");
const DIR = path.join(ROOT, "interop", "kafka");
const TARGET = path.join(DIR, "target");
const CLASSPATH_FILE = path.join(TARGET, "classpath.txt");

// Small heap and a fast-starting JIT: the tests' topics hold a few MB.
const JVM_ARGS = ["-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8"];
// The broker logs at INFO through slf4j-simple; readiness is read from that log ("Kafka Server started").
const LOG_ARGS = ["-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Dorg.slf4j.simpleLogger.showDateTime=true"];

function classpath() {
  return fs.readFileSync(CLASSPATH_FILE, "utf8").trim();
}

/** True when the cached classpath exists, is newer than the pom, and every jar in it exists. */
function upToDate() {
  if (!fs.existsSync(CLASSPATH_FILE)) return false;
  if (fs.statSync(path.join(DIR, "pom.xml")).mtimeMs > fs.statSync(CLASSPATH_FILE).mtimeMs) return false;
  const jars = classpath().split(path.delimiter);
  return jars.length > 0 && jars.every((jar) => jar !== "" && fs.existsSync(jar));
}

let buildState; // undefined: not tried; { ok, reason, ms }

/** Resolves the broker's classpath if needed (synchronous; cached for the process). */
function build({ quiet = true } = {}) {
  if (!buildState) {
    buildState = mavenBuild({
      dir: DIR,
      classpathFile: CLASSPATH_FILE,
      upToDate,
      tag: "[kafka-broker]",
      javaNeed: "the Kafka 4 broker",
      javaMissing: "java is not installed (the Kafka broker needs Java 17: apt-get install openjdk-17-jdk-headless)",
      mvnWhy: "; it resolves the Kafka broker jars from Maven Central",
      quiet,
    });
  }
  return buildState;
}

/** True when a broker can be started here (Java ≥ 17, Maven, broker jars resolved). */
function brokerAvailable() {
  return build().ok;
}

/** Why no broker can be started ("" when one can). */
function brokerUnavailableReason() {
  const s = build();
  return s.ok ? "" : s.reason;
}

/** A free TCP port on 127.0.0.1 (the OS picks it; there is a small race until the broker binds it). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * A KRaft cluster id: 16 random bytes, base64url without padding (what `kafka-storage random-uuid`
 * prints). One starting with "-" would be read as an option by the storage tool: drawn again.
 */
function clusterId() {
  for (;;) {
    const id = crypto.randomBytes(16).toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    if (!id.startsWith("-")) return id;
  }
}

function serverProperties({ port, controllerPort, logDir }) {
  return [
    "process.roles=broker,controller",
    "node.id=1",
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    "controller.listener.names=CONTROLLER",
    "inter.broker.listener.name=PLAINTEXT",
    "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
    `log.dirs=${logDir}`,
    // One node: every internal topic has one replica.
    "num.partitions=1",
    "offsets.topic.replication.factor=1",
    "offsets.topic.num.partitions=1",
    "transaction.state.log.replication.factor=1",
    "transaction.state.log.min.isr=1",
    "share.coordinator.state.topic.replication.factor=1",
    "share.coordinator.state.topic.min.isr=1",
    // A consumer group's first join waits 3 s by default for more members; tests have one.
    "group.initial.rebalance.delay.ms=0",
    "auto.create.topics.enable=true",
    // Records carry their event time as timestamp (KafkaSinkStreamOp), and the shipped data is from
    // 2014: with the default 7-day time retention the broker would delete those segments a few
    // minutes after start-up (the retention check), in the middle of a test. Keep everything.
    "log.retention.ms=-1",
    "log.retention.bytes=-1",
    // A restarted broker registers again only once the controller fenced its previous incarnation,
    // when that one's session timed out (9 s by default): keep restarts in tests short.
    "broker.session.timeout.ms=2000",
    "broker.heartbeat.interval.ms=500",
    "",
  ].join("\n");
}

function waitForExit(child, ms) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Whether the broker logged its start (in the current run's part of the log) and accepts connections on `port`. */
function startedText(logFile, from) {
  try {
    return fs.readFileSync(logFile, "utf8").slice(from).includes("Kafka Server started");
  } catch {
    return false;
  }
}

// Run by restartSync() in a child node process: waits (blocking its parent) until the broker is up.
const WAIT_SCRIPT = `
const fs = require("fs"), net = require("net");
const [logFile, from, port, deadline] = process.argv.slice(1);
const tryOnce = () => {
  let ok = false;
  try { ok = fs.readFileSync(logFile, "utf8").slice(Number(from)).includes("Kafka Server started"); } catch {}
  if (!ok) return retry();
  const s = net.connect({ host: "127.0.0.1", port: Number(port) });
  s.once("connect", () => { s.destroy(); process.exit(0); });
  s.once("error", retry);
};
const retry = () => (Date.now() > Number(deadline) ? process.exit(1) : setTimeout(tryOnce, 100));
tryOnce();
`;

/**
 * Starts a single-node KRaft broker on 127.0.0.1:`port` (0 or absent: a free port) with log dir
 * `logDir` (absent: a fresh temporary folder, deleted by stop()). Resolves once it logged that it
 * started and accepts connections; rejects with the log's tail if it exits or takes longer than
 * `timeoutMs`. The handle can restart the broker on the same port and data (`restart()`, or
 * `restartSync()` from inside a synchronous stream step), as a crashed or upgraded broker would be.
 */
async function start({ port = 0, logDir, timeoutMs = 60_000 } = {}) {
  const state = build();
  if (!state.ok) throw new Error(`the Kafka broker is not available: ${state.reason}`);
  const cp = classpath();
  const brokerPort = port || (await freePort());
  const controllerPort = await freePort();
  const ownDir = logDir === undefined;
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "streamlab-kafka-"));
  const dataDir = ownDir ? path.join(home, "data") : path.resolve(logDir);
  const config = path.join(home, "server.properties");
  fs.writeFileSync(config, serverProperties({ port: brokerPort, controllerPort, logDir: dataDir }));
  if (!fs.existsSync(path.join(dataDir, "meta.properties"))) {
    // KRaft storage must be formatted with a cluster id before the first start.
    const f = spawnSync("java", [...JVM_ARGS, "-cp", cp, "kafka.tools.StorageTool", "format", "-t", clusterId(), "-c", config], { encoding: "utf8" });
    if (f.status !== 0) {
      fs.rmSync(home, { recursive: true, force: true });
      throw new Error(`formatting the Kafka log dir failed (exit ${f.status}):\n${`${f.stdout}${f.stderr}`.trim().split("\n").slice(-15).join("\n")}`);
    }
  }
  const logFile = path.join(home, "broker.log");
  const tail = () => {
    try {
      return fs.readFileSync(logFile, "utf8").trim().split("\n").slice(-20).join("\n");
    } catch {
      return "";
    }
  };
  let child = null;
  let logFrom = 0;
  // Never outlive the process that started the broker (a test run that crashes).
  const killOnExit = () => {
    try {
      if (child !== null) child.kill("SIGKILL");
    } catch {}
  };
  process.on("exit", killOnExit);
  const launch = () => {
    logFrom = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
    const log = fs.openSync(logFile, "a");
    child = spawn("java", [...JVM_ARGS, ...LOG_ARGS, "-cp", cp, "kafka.Kafka", config], { stdio: ["ignore", log, log] });
    fs.closeSync(log);
    return child;
  };
  const waitStarted = async (proc) => {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    proc.once("exit", () => (exited = true));
    for (;;) {
      if (exited) throw new Error(`the Kafka broker exited during start-up (exit ${proc.exitCode}):\n${tail()}`);
      if (Date.now() > deadline) {
        proc.kill("SIGKILL");
        throw new Error(`the Kafka broker did not start within ${timeoutMs} ms:\n${tail()}`);
      }
      if (startedText(logFile, logFrom) && (await canConnect(brokerPort))) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const halt = async (graceMs) => {
    const proc = child;
    if (proc === null) return;
    proc.kill("SIGTERM");
    if (!(await waitForExit(proc, graceMs))) {
      proc.kill("SIGKILL");
      await waitForExit(proc, 5_000);
    }
  };
  try {
    await waitStarted(launch());
  } catch (error) {
    process.removeListener("exit", killOnExit);
    fs.rmSync(home, { recursive: true, force: true });
    throw error;
  }
  let stopped = false;
  return {
    bootstrapServers: `127.0.0.1:${brokerPort}`,
    port: brokerPort,
    logDir: dataDir,
    logFile,
    get pid() {
      return child.pid;
    },
    /** Stops the broker (SIGTERM: a clean shutdown; SIGKILL after `graceMs`) and deletes its temp files. */
    async stop({ graceMs = 15_000 } = {}) {
      if (stopped) return;
      stopped = true;
      await halt(graceMs);
      process.removeListener("exit", killOnExit);
      fs.rmSync(home, { recursive: true, force: true }); // with the data when the log dir was our own
    },
    /** Stops the broker (SIGKILL with `kill`, else a clean shutdown) and starts it again on the same port and data. */
    async restart({ kill = false } = {}) {
      if (kill) {
        child.kill("SIGKILL");
        await waitForExit(child, 5_000);
      } else await halt(15_000);
      await waitStarted(launch());
    },
    /**
     * The same, blocking this thread until the broker is up again: for a test that restarts the
     * broker from inside a synchronous stream step (a mapper), while a Kafka client works in another thread.
     */
    restartSync({ kill = false } = {}) {
      const old = child.pid;
      // This thread cannot reap the old JVM while it blocks: a zombie ("Z" in /proc/<pid>/stat) has exited.
      const gone = `{ [ ! -e /proc/${old} ] || [ "$(cut -d' ' -f3 /proc/${old}/stat)" = Z ]; }`;
      spawnSync("sh", ["-c", `kill -${kill ? "KILL" : "TERM"} ${old}; for i in $(seq 1 300); do ${gone} && exit 0; sleep 0.05; done; kill -KILL ${old}; sleep 0.2`]);
      launch();
      const r = spawnSync(process.execPath, ["-e", WAIT_SCRIPT, logFile, String(logFrom), String(brokerPort), String(Date.now() + timeoutMs)]);
      if (r.status !== 0) throw new Error(`the Kafka broker did not start again within ${timeoutMs} ms:\n${tail()}`);
    },
  };
}

/**
 * The broker a notebook or demo uses: the one the KAFKA_BOOTSTRAP_SERVERS environment variable
 * names ("host:port[,...]"; stop() then does nothing), or else a local one started now on a free
 * port (Java 17 + Maven; stop() stops it and deletes its data). `local` says which.
 */
async function connectOrStart() {
  const given = (process.env.KAFKA_BOOTSTRAP_SERVERS || "").trim();
  if (given !== "") return { bootstrapServers: given, local: false, stop: async () => {} };
  const broker = await start();
  return { bootstrapServers: broker.bootstrapServers, local: true, stop: () => broker.stop() };
}

module.exports = { build, brokerAvailable, brokerUnavailableReason, start, connectOrStart, CLASSPATH_FILE };

if (require.main === module) {
  const [cmd, arg] = process.argv.slice(2);
  if (cmd === "build" || cmd === "check") {
    const s = build({ quiet: cmd === "check" });
    console.log(s.ok ? `[kafka-broker] broker jars ready (${s.reason}, ${s.ms} ms)` : `[kafka-broker] not available: ${s.reason}`);
    process.exit(s.ok || cmd === "check" ? 0 : 1);
  } else if (cmd === "run") {
    start({ port: Number(arg || 9092) }).then(
      (b) => {
        console.log(`[kafka-broker] listening on ${b.bootstrapServers} (log ${b.logFile}); Ctrl-C stops it`);
        const stop = () => b.stop().then(() => process.exit(0));
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      },
      (e) => {
        console.error(e.message);
        process.exit(1);
      },
    );
  } else {
    console.log("usage: node scripts/kafka-broker.js build|check|run [port]");
    process.exit(cmd ? 1 : 0);
  }
}
