"use strict";
// The CTR benchmark files, generated once with the library's own generator and cached in
// bench/data/ (git-ignored). A sidecar .meta.json records rows, seed, byte size and a hash of the
// generator code; the cache is reused only when the file still has exactly that size, starts with
// the expected header and the generator is unchanged.

const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const DATA_DIR = path.join(__dirname, "..", "data");
const DIST = path.join(__dirname, "..", "..", "dist");
const SEED = 7;

const FILES = {
  "1m": { file: path.join(DATA_DIR, "ctr_1m.csv"), rows: 1_000_000 },
  "100k": { file: path.join(DATA_DIR, "ctr_100k.csv"), rows: 100_000 },
};

function dist() {
  return require(DIST);
}

function generatorHash() {
  const src = path.join(DIST, "datasets", "ctr.js");
  return crypto.createHash("sha256").update(fs.readFileSync(src)).digest("hex").slice(0, 16);
}

function headerLine() {
  return dist().CTR_SCHEMA_STR.split(",").map((f) => f.trim().split(/\s+/)[0]).join(",");
}

function metaPath(file) {
  return file.replace(/\.csv$/, ".meta.json");
}

function firstLine(file) {
  const fd = fs.openSync(file, "r");
  try {
    const buf = Buffer.alloc(4096);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString("utf8").split("\n")[0];
  } finally {
    fs.closeSync(fd);
  }
}

/** True when `file` is a complete, current cached copy according to its meta file. */
function isCached(file, rows, hash) {
  try {
    const meta = JSON.parse(fs.readFileSync(metaPath(file), "utf8"));
    return (
      meta.rows === rows &&
      meta.seed === SEED &&
      meta.generator === hash &&
      fs.statSync(file).size === meta.bytes &&
      firstLine(file) === headerLine()
    );
  } catch {
    return false;
  }
}

function writeWithMeta(file, text, rows, hash) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
  const bytes = fs.statSync(file).size;
  fs.writeFileSync(metaPath(file), JSON.stringify({ rows, seed: SEED, bytes, generator: hash, created: new Date().toISOString() }, null, 1) + "\n");
  return bytes;
}

let ensured = false;
/** Makes sure bench/data/ctr_1m.csv and ctr_100k.csv exist; returns { big, small } descriptors. */
function ensureCtrData(log = (msg) => process.stderr.write(msg + "\n")) {
  const big = FILES["1m"];
  const small = FILES["100k"];
  if (!ensured) {
    fs.mkdirSync(DATA_DIR, { recursive: true });
    const hash = generatorHash();
    const bigOk = isCached(big.file, big.rows, hash);
    const smallOk = bigOk && isCached(small.file, small.rows, hash);
    if (!bigOk || !smallOk) {
      let text;
      if (bigOk) {
        text = fs.readFileSync(big.file, "latin1");
      } else {
        const t0 = Date.now();
        log(`  generating ${path.relative(process.cwd(), big.file)} (generateCtr rows=${big.rows}, seed=${SEED}) ...`);
        text = dist().generateCtr({ rows: big.rows, seed: SEED }).csv;
        const bytes = writeWithMeta(big.file, text, big.rows, hash);
        log(`  wrote ${(bytes / 1e6).toFixed(1)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      }
      // The small file is the header plus the first 100k data lines of the big one.
      let end = -1;
      for (let i = 0; i <= small.rows; i++) end = text.indexOf("\n", end + 1);
      writeWithMeta(small.file, text.slice(0, end + 1), small.rows, hash);
      text = null;
    }
    big.bytes = fs.statSync(big.file).size;
    small.bytes = fs.statSync(small.file).size;
    ensured = true;
  }
  return { big, small };
}

module.exports = { ensureCtrData, DATA_DIR };
