#!/usr/bin/env node
"use strict";
// Benchmark harness for `npm run bench` (plain CommonJS; needs dist/, built by `npm run build`).
//
//   node bench/run.js            run every case
//   node bench/run.js csv udsv   run the cases whose name, family or file name contains any word
//
// Cases live in bench/cases/*.js and run in file-name order. A case module exports one case or an
// array of cases:
//   { name, family?, run: async () => ({ rows, seconds, target?, notes?, skipped?, id?, compare? }) }
// `target` is in rows/s. A result with an `id` (a C reference loop, a peer library) can be compared
// against: `compare: [{ id, label }]` prints this case's rate as a ratio to each of those in the
// same run (column "vs"), e.g. "0.62× C". When both results also give `cpuSeconds` (CPU time of the
// measured work; a shared machine stretches wall time, not CPU time) the ratio is of CPU rates and
// says so ("0.62× C cpu"). Targets are reported (PASS / BELOW), not asserted: missing one still
// exits 0. A case that throws is reported as ERROR, the others still run, and the exit code is 1.
// Each case file runs in a process of its own (`--cases-of <file>`), its cases one after another.

const fs = require("fs");
const os = require("os");
const path = require("path");
const { gc, fmtInt } = require("./lib/util");

const ROOT = path.join(__dirname, "..");
const CASES_DIR = path.join(__dirname, "cases");

function loadCases() {
  const files = fs.readdirSync(CASES_DIR).filter((f) => f.endsWith(".js")).sort();
  const cases = [];
  for (const file of files) {
    const exported = require(path.join(CASES_DIR, file));
    for (const c of Array.isArray(exported) ? exported : [exported]) {
      if (typeof c.name !== "string" || typeof c.run !== "function") throw new Error(`bench/cases/${file}: a case needs { name, run }`);
      cases.push({ ...c, file });
    }
  }
  return cases;
}

function matches(c, filters) {
  if (filters.length === 0) return true;
  const hay = `${c.name} ${c.family || ""} ${c.file}`.toLowerCase();
  return filters.some((f) => hay.includes(f.toLowerCase()));
}

function mb(bytes) {
  return `${Math.round(bytes / 1048576)} MB`;
}

function printTable(header, rows, align) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((s, i) => (align[i] === "r" ? s.padStart(widths[i]) : s.padEnd(widths[i]))).join("  ").trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, "dist", "index.js"))) {
    console.error("bench: dist/ is missing; run `npm run build` first (or use `npm run bench`).");
    process.exit(2);
  }
  const filters = process.argv.slice(2);
  const all = loadCases();
  const selected = all.filter((c) => matches(c, filters));
  if (selected.length === 0) {
    console.error(`bench: no case matches ${filters.map((f) => JSON.stringify(f)).join(" ")}; cases:\n${all.map((c) => `  ${c.name}  (${c.file})`).join("\n")}`);
    process.exit(2);
  }

  const cpus = os.cpus();
  console.log(`machine: ${cpus.length ? cpus[0].model.trim() : "unknown CPU"}, ${cpus.length} cores, ${Math.round(os.totalmem() / 1073741824)} GB RAM, ${os.platform()} ${os.arch()}`);
  console.log(`node ${process.version}, ${new Date().toISOString()}${filters.length ? `, filter: ${filters.join(" ")}` : ""}`);
  console.log("");

  // Each case file runs in a process of its own: a case is not measured on a heap that earlier
  // files grew (GC work grows with it) nor with code V8 compiled for their data. Cases of one file
  // share their process (and whatever data they build once).
  const started = Date.now();
  let failed = false;
  const results = [];
  let peak = 0;
  for (const file of [...new Set(selected.map((c) => c.file))]) {
    const child = await runFileInChild(file, filters);
    peak = Math.max(peak, child.maxRss);
    if (child.error !== null) failed = true;
    const cases = selected.filter((c) => c.file === file);
    cases.forEach((c, i) => {
      const r = child.results[i] ?? { error: child.error ?? "the case's process ended before reporting it" };
      if (r.error) failed = true;
      results.push({ c, r });
    });
  }
  const resultOf = new Map();
  for (const { r } of results) if (r.id && !r.error && !r.skipped) resultOf.set(r.id, r);
  const versus = (r) => {
    const parts = (r.compare || [])
      .filter((x) => resultOf.has(x.id))
      .map((x) => {
        const o = resultOf.get(x.id);
        const cpu = r.cpuSeconds > 0 && o.cpuSeconds > 0;
        const ratio = cpu ? r.rows / r.cpuSeconds / (o.rows / o.cpuSeconds) : r.rows / r.seconds / (o.rows / o.seconds);
        return `${ratio.toFixed(2)}× ${x.label}${cpu ? " cpu" : ""}`;
      });
    return parts.length ? parts.join(", ") : "-";
  };
  const rows = results.map(({ c, r }, i) => {
    const label = `${i + 1}. ${c.family ? `${c.family}: ` : ""}${c.name}`;
    if (r.error || r.skipped) return [label, "-", "-", "-", "-", r.target ? `≥${fmtInt(r.target)}` : "-", r.error ? "ERROR" : "SKIP"];
    const rate = r.rows / r.seconds;
    const status = r.target === undefined ? "-" : rate >= r.target ? "PASS" : "BELOW";
    return [label, fmtInt(r.rows), r.seconds.toFixed(3), fmtInt(rate), versus(r), r.target === undefined ? "-" : `≥${fmtInt(r.target)}`, status];
  });
  printTable(["case", "rows", "seconds", "rows/s", "vs", "target", "status"], rows, ["l", "r", "r", "r", "r", "r", "l"]);

  console.log("");
  results.forEach(({ r }, i) => {
    const what = r.error ? `ERROR: ${r.error}` : r.notes || "";
    console.log(`${i + 1}. rss after ${mb(r.rssAfter)} (its process's peak so far ${mb(r.maxRss)})${what ? ` — ${what}` : ""}`);
  });
  console.log(`peak RSS (largest of the case files' processes, includes data generation if it ran): ${mb(peak)}; total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (failed) process.exitCode = 1;
}

/** The marker of the line a case file's process prints its results on. */
const RESULTS = "@@bench-results@@";

/** Runs the selected cases of one file in a new process; returns their results (in order) and its peak RSS. */
function runFileInChild(file, filters) {
  const { spawn } = require("child_process");
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [__filename, "--cases-of", file, ...filters], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("close", (code) => {
      const lines = out.split("\n");
      // Whatever else the cases printed (data generation notes) is passed on.
      const other = lines.filter((l) => !l.startsWith(RESULTS)).join("\n").trim();
      if (other !== "") console.log(other);
      const line = lines.find((l) => l.startsWith(RESULTS));
      if (line === undefined) {
        resolve({ results: [], maxRss: 0, error: `bench/cases/${file}: its process exited with code ${code} without results` });
        return;
      }
      const { results, maxRss } = JSON.parse(line.slice(RESULTS.length));
      resolve({ results, maxRss, error: null });
    });
  });
}

/** In a case file's own process: runs its selected cases and prints their results as one JSON line. */
async function runCasesOf(file, filters) {
  const cases = loadCases().filter((c) => c.file === file && matches(c, filters));
  const results = [];
  for (const c of cases) {
    process.stderr.write(`[bench] ${c.name} ...\n`);
    let r;
    try {
      r = (await c.run()) || {};
    } catch (error) {
      r = { error: error && error.message ? error.message.split("\n")[0] : String(error) };
    }
    gc();
    r.rssAfter = process.memoryUsage().rss;
    r.maxRss = process.resourceUsage().maxRSS * 1024; // kB → bytes, this process's peak so far
    results.push(r);
    const rate = r.rows / r.seconds;
    process.stderr.write(
      `[bench]   ${r.error ? `ERROR ${r.error}` : r.skipped ? "skipped" : `${fmtInt(rate)} rows/s in ${r.seconds.toFixed(3)} s`}; rss ${mb(r.rssAfter)}, peak so far ${mb(r.maxRss)}\n`,
    );
  }
  process.stdout.write(`${RESULTS}${JSON.stringify({ results, maxRss: process.resourceUsage().maxRSS * 1024 })}\n`);
}

const childAt = process.argv.indexOf("--cases-of");
(childAt >= 0 ? runCasesOf(process.argv[childAt + 1], process.argv.slice(childAt + 2)) : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});
