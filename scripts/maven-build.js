// Shared by the real-Alink harness (scripts/alink-interop.js) and the Kafka broker (scripts/kafka-broker.js):
// checking Java and Maven, and resolving a Maven project's runtime classpath (interop/<name>/pom.xml writes
// target/classpath.txt) — offline first when ~/.m2 already has every jar, online otherwise.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");

function has(cmd) {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" }).status === 0;
}

function javaMajor() {
  const r = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (r.status !== 0) return 0;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(r.stderr || "");
  if (!m) return 0;
  return m[1] === "1" ? Number(m[2]) : Number(m[1]);
}

/**
 * Builds a Maven project if it is not up to date: Java ≥ 17 and Maven present, `mvn compile` offline,
 * else online. Returns { ok, reason, ms }.
 *   dir             the Maven project
 *   classpathFile   target/classpath.txt its pom writes
 *   upToDate()      whether nothing needs building
 *   tag             log prefix, e.g. "[kafka-broker]"
 *   javaNeed        what Java is needed for ("the harness", "the Kafka 4 broker")
 *   mvnWhy          appended to "mvn is not installed (apt-get install maven)"
 */
function mavenBuild({ dir, classpathFile, upToDate, tag, javaNeed, javaMissing, mvnWhy = "", quiet = true }) {
  const t0 = Date.now();
  const done = (ok, reason) => ({ ok, reason, ms: Date.now() - t0 });
  if (!has("java")) return done(false, javaMissing);
  const major = javaMajor();
  if (major < 17) return done(false, `java ${major || "?"} found; ${javaNeed} needs Java 17 or newer`);
  if (upToDate()) return done(true, "up to date");
  if (!has("mvn")) return done(false, `mvn is not installed (apt-get install maven)${mvnWhy}`);
  const stdio = quiet ? "pipe" : "inherit";
  const mvn = (args) => spawnSync("mvn", ["-B", "-q", "-Dstyle.color=never", ...args, "compile"], { cwd: dir, encoding: "utf8", stdio });
  let r = mvn(["-o"]);
  if (r.status !== 0) {
    if (!quiet) console.log(`${tag} offline build failed (dependencies missing from ~/.m2); resolving online ...`);
    r = mvn([]);
  }
  // build-classpath leaves classpath.txt untouched when its content did not change: mark it fresh.
  if (r.status === 0 && fs.existsSync(classpathFile)) {
    const now = new Date();
    fs.utimesSync(classpathFile, now, now);
  }
  if (r.status !== 0 || !upToDate()) {
    const tail = `${r.stdout || ""}${r.stderr || ""}`.trim().split("\n").slice(-15).join("\n");
    return done(false, `mvn compile failed in ${dir}${tail ? `:\n${tail}` : ""}`);
  }
  return done(true, "built");
}

module.exports = { has, javaMajor, mavenBuild };
