"use strict";
// C reference loops for the benchmark: bench/c/<name>.c built with `cc -O3` on first use into
// bench/data/ (git-ignored; the binary's name carries a hash of the source and the flags, so an edit
// rebuilds it). No compiler: the C cases report SKIP with the reason, the rest of the bench runs.

const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const C_DIR = path.join(__dirname, "..", "c");
const DATA_DIR = path.join(__dirname, "..", "data");
const CC = process.env.CC || "cc";
// No FMA contraction: the C loops must round exactly as the JavaScript ones do.
const FLAGS = ["-O3", "-ffp-contract=off"];

const built = new Map();

/** { bin } of bench/c/<name>.c built with `cc -O3`, or { skipped: reason }. */
function cProgram(name) {
  if (built.has(name)) return built.get(name);
  const source = path.join(C_DIR, `${name}.c`);
  const hash = crypto.createHash("sha256").update(fs.readFileSync(source)).update(FLAGS.join(" ")).digest("hex").slice(0, 12);
  const bin = path.join(DATA_DIR, `${name}-${hash}`);
  let result;
  if (fs.existsSync(bin)) result = { bin };
  else {
    fs.mkdirSync(DATA_DIR, { recursive: true });
    const tmp = `${bin}.${process.pid}.tmp`;
    const cc = spawnSync(CC, [...FLAGS, "-o", tmp, source, "-lm"], { encoding: "utf8" });
    if (cc.error || cc.status !== 0) {
      result = { skipped: `no C reference: \`${CC} ${FLAGS.join(" ")} bench/c/${name}.c\` failed (${cc.error ? cc.error.message : (cc.stderr || "").trim().split("\n")[0]})` };
    } else {
      fs.renameSync(tmp, bin);
      result = { bin };
    }
  }
  built.set(name, result);
  return result;
}

/** Runs a built C program; returns its last stdout line parsed as JSON. */
function runC(bin, args) {
  const res = spawnSync(bin, args, { encoding: "utf8", maxBuffer: 1 << 20 });
  if (res.error || res.status !== 0) throw new Error(`${path.basename(bin)} exited with ${res.status}: ${(res.stderr || String(res.error)).trim().split("\n").pop()}`);
  return JSON.parse(res.stdout.trim().split("\n").pop());
}

module.exports = { cProgram, runC, C_FLAGS: FLAGS };
