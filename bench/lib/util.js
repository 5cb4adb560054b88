"use strict";
// Small helpers shared by the benchmark cases: timing, forced GC, repetition, schema parsing.

const v8 = require("v8");
const vm = require("vm");

/**
 * Seconds elapsed while running `fn` (synchronous or async); returns { seconds, value, cpuSeconds }
 * (cpuSeconds: user + system CPU time of this process meanwhile, all its threads).
 */
async function time(fn) {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const value = await fn();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  return { seconds, value, cpuSeconds: (c.user + c.system) / 1e6 };
}

let gcFn = null;
/** Full garbage collection between runs, so one run's garbage is not charged to the next. */
function gc() {
  if (gcFn === null) {
    if (typeof global.gc === "function") gcFn = global.gc;
    else {
      v8.setFlagsFromString("--expose-gc");
      gcFn = vm.runInNewContext("gc");
    }
  }
  gcFn();
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Runs `once()` (which must return the number of rows it produced) `runs` times with a GC before
 * each, checks the row count, and returns the median time plus a note listing every run.
 */
async function repeat({ runs = 3, expectedRows, once }) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const { seconds, value: rows } = await time(once);
    if (expectedRows !== undefined && rows !== expectedRows) {
      throw new Error(`run ${i + 1} produced ${rows} rows, expected ${expectedRows}`);
    }
    times.push(seconds);
  }
  gc();
  const best = Math.min(...times);
  return {
    seconds: median(times),
    best,
    notes: `median of ${runs} runs (${times.map((t) => t.toFixed(3)).join(" / ")} s); best ${fmtInt(expectedRows / best)} rows/s`,
  };
}

const NUMERIC_TYPES = new Set(["int", "integer", "long", "bigint", "short", "tinyint", "smallint", "byte", "double", "float", "decimal"]);

/** [{ name, type, numeric }] from an Alink schema string such as "id string, click int, ts double". */
function parseSchemaStr(schemaStr) {
  return schemaStr.split(",").map((part) => {
    const [name, type] = part.trim().split(/\s+/);
    const t = String(type).toLowerCase();
    return { name, type: t, numeric: NUMERIC_TYPES.has(t) };
  });
}

function fmtInt(x) {
  return Number.isFinite(x) ? Math.round(x).toLocaleString("en-US") : "-";
}

module.exports = { time, gc, median, repeat, parseSchemaStr, fmtInt };
