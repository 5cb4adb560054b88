#!/usr/bin/env node
// Real-Alink interop harness: runs Alibaba Alink 1.6.0 (Maven Central, Flink 1.13 mini-cluster,
// Java 17) to read and write `.ak` files, so tests can prove that files streamlab writes are read
// by Alink and the reverse. The Java side is interop/alink (AkTool.java); this module builds it once
// with Maven (offline when ~/.m2 already has everything, online otherwise), caches the compiled
// classes and the runtime classpath under interop/alink/target/, and runs `java -cp …` directly.
//
// Each JVM start costs a few seconds (Flink mini-cluster), so `alinkBatch` runs several commands in
// one JVM. CLI: `node scripts/alink-interop.js build|check|read <path>|write <jsonl> <schema> <path> [n]`.
"use strict";
const { spawn, spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { mavenBuild } = require("./maven-build");

const ROOT = path.resolve(__dirname, "..");
const DIR = path.join(ROOT, "interop", "alink");
const TARGET = path.join(DIR, "target");
const CLASSES = path.join(TARGET, "classes");
const CLASSPATH_FILE = path.join(TARGET, "classpath.txt");
const MAIN_CLASS = "streamlab.interop.AkTool";
const MARK = "@@AKTOOL ";

// Flink 1.13 on Java 17 reflects into these packages; without the opens the first job fails with
// InaccessibleObjectException.
const OPENS = [
  "java.base/java.lang",
  "java.base/java.lang.reflect",
  "java.base/java.lang.invoke",
  "java.base/java.util",
  "java.base/java.util.concurrent",
  "java.base/java.util.concurrent.atomic",
  "java.base/java.io",
  "java.base/java.net",
  "java.base/java.nio",
  "java.base/sun.nio.ch",
  "java.base/java.math",
  "java.base/java.text",
  "java.base/java.time",
  "java.sql/java.sql",
];
const JVM_ARGS = [
  ...OPENS.map((p) => `--add-opens=${p}=ALL-UNNAMED`),
  "-Xmx1g",
  "-XX:+UseSerialGC",
  "-XX:TieredStopAtLevel=1",
  "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
  "-Dfile.encoding=UTF-8",
];

function sources() {
  const out = [path.join(DIR, "pom.xml")];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(path.join(DIR, "src"));
  return out;
}

function classpath() {
  return fs.readFileSync(CLASSPATH_FILE, "utf8").trim();
}

/** True when the compiled tool and every classpath jar exist and are newer than the sources. */
function upToDate() {
  const mainClass = path.join(CLASSES, ...MAIN_CLASS.split(".")) + ".class";
  if (!fs.existsSync(mainClass) || !fs.existsSync(CLASSPATH_FILE)) return false;
  const built = Math.min(fs.statSync(mainClass).mtimeMs, fs.statSync(CLASSPATH_FILE).mtimeMs);
  if (sources().some((f) => fs.statSync(f).mtimeMs > built)) return false;
  return classpath()
    .split(path.delimiter)
    .every((jar) => jar === "" || fs.existsSync(jar));
}

let buildState; // undefined: not tried; { ok, reason }

/**
 * Builds the harness if needed: `mvn -q -o compile` (everything already in ~/.m2), else online.
 * Returns { ok, reason, ms }. Synchronous; the result is cached for the process.
 */
function build({ quiet = true } = {}) {
  if (!buildState) {
    buildState = mavenBuild({
      dir: DIR,
      classpathFile: CLASSPATH_FILE,
      upToDate,
      tag: "[alink-interop]",
      javaNeed: "the harness",
      javaMissing: "java is not installed (needs Java 17: apt-get install openjdk-17-jdk-headless)",
      quiet,
    });
  }
  return buildState;
}

/** True when java (≥ 17) and mvn are present and the harness builds. */
function alinkAvailable() {
  return build().ok;
}

/** Why the harness is unavailable ("" when it is available). */
function alinkUnavailableReason() {
  const s = build();
  return s.ok ? "" : s.reason;
}

function runJava(args, { timeoutMs = 600_000 } = {}) {
  const state = build();
  if (!state.ok) return Promise.reject(new Error(`real Alink is not available: ${state.reason}`));
  const cp = `${CLASSES}${path.delimiter}${classpath()}`;
  return new Promise((resolve, reject) => {
    const child = spawn("java", [...JVM_ARGS, "-cp", cp, MAIN_CLASS, ...args], { cwd: DIR, stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    const err = [];
    child.stdout.on("data", (d) => out.push(d));
    child.stderr.on("data", (d) => err.push(d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString("utf8");
      const stderr = Buffer.concat(err).toString("utf8");
      if (code !== 0) {
        const tail = stderr.trim().split("\n").slice(-30).join("\n");
        reject(new Error(`AkTool ${args[0]} exited with ${code ?? signal}:\n${tail}`));
      } else resolve({ stdout, stderr });
    });
  });
}

function writeJsonl(file, rows) {
  fs.writeFileSync(file, rows.map((r) => JSON.stringify(r.map(encodeCell))).join("\n") + "\n");
}

function encodeCell(v) {
  if (Object.is(v, -0)) return "-0.0"; // JSON.stringify(-0) is "0"
  if (typeof v === "number" && !Number.isFinite(v)) return Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
  if (v instanceof Date) return v.getTime();
  if (typeof v === "bigint") return Number(v);
  if (v !== null && typeof v === "object") return String(v); // vectors: their Alink text
  return v === undefined ? null : v;
}

/** Alink prints non-finite DOUBLE/FLOAT cells as strings (JSON has no NaN); only those columns are decoded. */
function decodeCell(v) {
  if (v === "NaN") return NaN;
  if (v === "Infinity") return Infinity;
  if (v === "-Infinity") return -Infinity;
  return v;
}

/**
 * Runs several commands in one JVM (one Flink start). Each command is one of
 *   { op: "read", path }
 *   { op: "write", rows, schemaStr, path, numFiles = 1 }
 *   { op: "appendModelStream", modelPath, root, modelTime, numFiles = 1 }   (modelTime "yyyy-MM-dd HH:mm:ss[.f]")
 *   { op: "pipelineTransform", modelPath, rows, schemaStr }   (PipelineModel.load(modelPath).transform(rows):
 *     schema + rows, as read)
 *   { op: "readModelStream", root, schemaStr? }   (every model present: Alink's ModelStreamFileSourceStreamOp
 *     from 1970 on, stopped after the rows the conf/*.log files count; rows carry
 *     alinkmodelstreamtimestamp (epoch ms) and alinkmodelstreamcount first)
 * and yields, in order, { ok, error?, ms, schema?, rows? } (read: `schema` is Alink's schema string,
 * `rows` arrays of cells: vectors as Alink text, TIMESTAMP as epoch ms, NaN as NaN).
 * Rejects only when the JVM itself fails; a failing command gives ok: false.
 */
async function alinkBatch(commands, options = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "streamlab-alink-"));
  try {
    const lines = commands.map((c, i) => {
      switch (c.op) {
        case "read":
          return ["read", path.resolve(c.path)];
        case "write": {
          const file = path.join(dir, `rows-${i}.jsonl`);
          writeJsonl(file, c.rows);
          return ["write", file, c.schemaStr, path.resolve(c.path), String(c.numFiles ?? 1)];
        }
        case "appendModelStream":
          return ["appendModelStream", path.resolve(c.modelPath), path.resolve(c.root), c.modelTime, String(c.numFiles ?? 1)];
        case "readModelStream":
          return ["readModelStream", path.resolve(c.root), c.schemaStr ?? ""];
        case "pipelineTransform": {
          const file = path.join(dir, `rows-${i}.jsonl`);
          writeJsonl(file, c.rows);
          return ["pipelineTransform", path.resolve(c.modelPath), file, c.schemaStr];
        }
        case "localPredict": {
          const file = path.join(dir, `rows-${i}.jsonl`);
          writeJsonl(file, c.rows);
          return ["localPredict", c.modelPath ? path.resolve(c.modelPath) : "", file, c.schemaStr, c.modelStreamFilePath ? path.resolve(c.modelStreamFilePath) : ""];
        }
        case "pipelineFollow":
          return ["pipelineFollow", path.resolve(c.modelPath), path.resolve(c.outPath), c.modelStreamFilePath, String(c.scanInterval ?? ""), c.startTime ?? ""];
        default:
          throw new Error(`unknown AkTool command ${c.op}`);
      }
    });
    const file = path.join(dir, "commands.jsonl");
    fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
    const { stdout, stderr } = await runJava(["batch", file], options);
    const results = stdout
      .split("\n")
      .filter((l) => l.startsWith(MARK))
      .map((l) => JSON.parse(l.slice(MARK.length)));
    if (results.length !== commands.length) {
      throw new Error(`AkTool answered ${results.length} of ${commands.length} commands:\n${stderr.split("\n").slice(-30).join("\n")}`);
    }
    for (const r of results) {
      if (!r.rows) continue;
      const floating = r.schema.split(",").map((c) => /^(DOUBLE|FLOAT)$/i.test(c.trim().split(/\s+/)[1] || ""));
      r.rows = r.rows.map((row) => row.map((v, j) => (floating[j] ? decodeCell(v) : v)));
    }
    return results;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function check(result) {
  if (!result.ok) throw new Error(`real Alink ${result.command ?? "command"} failed:\n${result.error}`);
  return result;
}

/** Reads an `.ak` file or folder with Alink's AkSourceBatchOp: { schema, rows }. */
async function alinkRead(file, options) {
  const [r] = await alinkBatch([{ op: "read", path: file }], options);
  check(r);
  return { schema: r.schema, rows: r.rows };
}

/** Writes rows (arrays of cells typed by schemaStr) with Alink's AkSinkBatchOp (overwrite). */
async function alinkWrite(rows, schemaStr, file, numFiles = 1, options) {
  const [r] = await alinkBatch([{ op: "write", rows, schemaStr, path: file, numFiles }], options);
  check(r);
}

/**
 * Compiles a Java source file (e.g. a job written by streamlab's exportAlink) against Alink 1.6.0 +
 * Flink 1.13 and runs its main class on a local mini-cluster: resolves to { stdout, stderr }.
 */
async function runAlinkJavaFile(javaFile, className, args = [], { timeoutMs = 600_000, compileOnly = false } = {}) {
  const state = build();
  if (!state.ok) throw new Error(`real Alink is not available: ${state.reason}`);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "streamlab-alink-job-"));
  try {
    const cp = classpath();
    const javac = spawnSync("javac", ["-nowarn", "-cp", cp, "-d", out, javaFile], { encoding: "utf8" });
    if (javac.status !== 0) throw new Error(`javac ${javaFile} failed:\n${(javac.stderr || javac.stdout).split("\n").slice(-30).join("\n")}`);
    if (compileOnly) return { stdout: "", stderr: javac.stderr || "" };
    return await new Promise((resolve, reject) => {
      const child = spawn("java", [...JVM_ARGS, "-cp", `${out}${path.delimiter}${cp}`, className, ...args], { cwd: path.dirname(javaFile), stdio: ["ignore", "pipe", "pipe"] });
      const o = [];
      const e = [];
      child.stdout.on("data", (d) => o.push(d));
      child.stderr.on("data", (d) => e.push(d));
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        const stdout = Buffer.concat(o).toString("utf8");
        const stderr = Buffer.concat(e).toString("utf8");
        if (code !== 0) reject(new Error(`${className} exited with ${code ?? signal}:\n${stderr.trim().split("\n").slice(-40).join("\n")}`));
        else resolve({ stdout, stderr });
      });
    });
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

module.exports = { runAlinkJavaFile, alinkAvailable, alinkUnavailableReason, alinkBatch, alinkRead, alinkWrite, build, JVM_ARGS, INTEROP_DIR: DIR };

if (require.main === module) {
  const [cmd, ...args] = process.argv.slice(2);
  const main = async () => {
    if (cmd === "build" || cmd === "check") {
      const s = build({ quiet: cmd === "check" });
      console.log(s.ok ? `[alink-interop] real Alink harness ready (${s.reason}, ${(s.ms / 1000).toFixed(1)} s)` : `[alink-interop] not available: ${s.reason}`);
      process.exit(s.ok ? 0 : 1);
    } else if (cmd === "read" && args[0]) {
      const { schema, rows } = await alinkRead(args[0]);
      console.log(schema);
      for (const row of rows) console.log(JSON.stringify(row.map(encodeCell)));
    } else if (cmd === "write" && args.length >= 3) {
      const rows = fs.readFileSync(args[0], "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
      await alinkWrite(rows, args[1], args[2], Number(args[3] ?? 1));
    } else {
      console.error("usage: node scripts/alink-interop.js build | check | read <path> | write <jsonl> <schemaStr> <path> [numFiles]");
      process.exit(2);
    }
  };
  main().catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
