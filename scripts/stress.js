#!/usr/bin/env node
// `npm run stress`: the prediction service (`streamlab serve`) under load while models are committed.
//
// A child process runs `bin/streamlab.js serve` on a model-stream folder (loopback, scan interval 1 s);
// this process commits a new pipeline-model version every second (alternating two fitted pipelines
// over the tutorial's CTR columns) and drives POST /predict with autocannon (10 connections, 4 rows per
// request) for DURATION seconds. Every 200 answer is checked against the batch transform of the version
// it names — a prediction from a half-loaded or mixed model would differ. A second, slower stream of bad
// requests (malformed JSON, wrong types, missing columns, a body over the limit, too many rows) must get
// 4xx each and must not disturb the good ones. Prints a table; exits 1 if any good request failed or
// any answer did not match its version.
//
// Memory: every second the service's RSS (/proc/<pid>/status) and V8 heap in use (its /metrics gauge
// nodejs_heap_size_used_bytes) are sampled. The first half of the run is warm-up (JIT, heap sizing,
// the model-stream folder filling to its kept versions); the table gives start / after warm-up / end and
// the least-squares slope over the second half (fitted to each 10 s window's lowest sample) in MB per
// minute: flat memory has a slope near 0.
//
//   npm run stress -- --duration 180 [--samples mem.csv]   (seconds of load, default 15 or STRESS_SECONDS;
//                                                           every memory sample as CSV)
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const autocannon = require("autocannon");

const ROOT = path.join(__dirname, "..");

/** `--duration <s>` (default STRESS_SECONDS or 15) and `--samples <file.csv>` (every memory sample: t_s,rss_mb,heap_mb). */
function parseArgs(argv) {
  let text = process.env.STRESS_SECONDS || "15";
  let samples = null;
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(duration|samples)(?:=(.*))?$/.exec(argv[i]);
    const value = m && (m[2] !== undefined ? m[2] : argv[++i]);
    if (m && m[1] === "duration") text = value;
    else if (m && value) samples = value;
    else {
      console.error(`stress: unknown argument ${argv[i]}; usage: npm run stress -- [--duration <seconds>] [--samples <file.csv>]`);
      process.exit(2);
    }
  }
  const seconds = Number(text);
  if (!Number.isInteger(seconds) || seconds < 4) {
    console.error(`stress: --duration must be a whole number of seconds ≥ 4, got ${text}`);
    process.exit(2);
  }
  return { duration: seconds, samples };
}
const ARGS = parseArgs(process.argv.slice(2));
const DURATION = ARGS.duration;
const api = require(path.join(ROOT, "dist"));
const { CsvSourceBatchOp, CTR_SCHEMA_STR, Pipeline, StandardScaler, OneHotEncoder, VectorAssembler, LogisticRegression, AppendModelStreamFileSinkBatchOp, BatchOperator, TableSourceBatchOp, formatModelTimestamp } = api;

function fitPipelines() {
  const table = new CsvSourceBatchOp().setFilePath(path.join(ROOT, "datasets", "ctr_train.csv")).setSchemaStr(CTR_SCHEMA_STR).setIgnoreFirstLine(true).getOutputTable();
  const fit = (from, to, l2) =>
    new Pipeline(
      new StandardScaler().setSelectedCols(["C15", "C16", "C18", "C19", "C21"]),
      new OneHotEncoder().setSelectedCols(["C1", "banner_pos", "site_category", "app_category", "device_type", "device_conn_type"]).setOutputCols(["oh"]),
      new VectorAssembler().setSelectedCols(["C15", "C16", "C18", "C19", "C21", "oh"]).setOutputCol("features"),
      new LogisticRegression().setVectorCol("features").setLabelCol("click").setL2(l2).setMaxIter(20).setPredictionCol("pred").setPredictionDetailCol("detail").setReservedCols(["id"]),
    ).fit(new TableSourceBatchOp(table.slice(from, to)));
  return { table, models: [fit(0, 5000, 0.001), fit(5000, 10000, 0.1)] };
}

function plainRows(rows) {
  return rows.map((r) => r.map((v) => (v instanceof Date ? api.formatTimestamp(v.getTime()) : v !== null && typeof v === "object" ? String(v) : v)));
}

async function main() {
  const { table, models } = fitPipelines();
  const rows = table.slice(0, 4).toRows().map((r) => r.map((v) => (v instanceof Date ? v.getTime() : v)));
  const body = JSON.stringify({ rows });
  const expected = models.map((m) => JSON.stringify(plainRows(m.transform(new TableSourceBatchOp(table.slice(0, 4))).collect())));

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "streamlab-stress-"));
  const root = path.join(dir, "models");
  const versionModel = new Map();
  let next = Date.UTC(2024, 0, 1);
  const commit = (k) => {
    const ts = next;
    next += 1000;
    new AppendModelStreamFileSinkBatchOp().setFilePath(root).setModelTime(api.formatTimestamp(ts)).setNumKeepModel(5).linkFrom(models[k % 2].save());
    BatchOperator.execute();
    versionModel.set(formatModelTimestamp({ epochMs: ts, nanos: 0 }) ?? "", k % 2);
  };
  commit(0);
  const versionOf = (name) => versionModel.get(name);

  const child = spawn(process.execPath, [path.join(ROOT, "bin", "streamlab.js"), "serve", "--model-stream", root, "--schema", CTR_SCHEMA_STR, "--port", "0", "--scan-interval", "1", "--max-body-bytes", "65536", "--max-rows", "100"], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  const url = await new Promise((resolve, reject) => {
    child.stdout.on("data", (d) => {
      out += d;
      const m = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on("exit", (code) => reject(new Error(`service exited with ${code}:\n${out}`)));
  });
  const memory = memorySampler(child.pid, url);

  let mismatches = 0;
  let checked = 0;
  const versionsSeen = new Set();
  let k = 1;
  const committer = setInterval(() => commit(k++), 1000);

  // Bad requests beside the load: each must get its 4xx.
  const bad = [
    ["application/json", "{not json", 400],
    ["application/json", JSON.stringify({ rows: [rows[0].map(() => "x")] }), 400],
    ["application/json", JSON.stringify({ rows: [{ id: "1" }] }), 400],
    ["application/json", JSON.stringify({ rows: Array.from({ length: 101 }, () => rows[0]) }), 400],
    ["application/json", "[" + "1,".repeat(40000) + "1]", 413],
    ["application/xml", "<a/>", 415],
  ];
  let badSent = 0;
  let badWrong = 0;
  let stopBad = false;
  const badLoop = (async () => {
    while (!stopBad) {
      for (const [type, text, status] of bad) {
        const r = await fetch(`${url}/predict`, { method: "POST", headers: { "content-type": type }, body: text });
        badSent++;
        if (r.status !== status) badWrong++;
        await r.text();
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();

  await memory.start();
  const result = await autocannon({
    url: `${url}/predict`,
    connections: 10,
    duration: DURATION,
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        onResponse: (status, responseBody) => {
          if (status !== 200) return;
          const answer = JSON.parse(responseBody);
          const model = versionOf(answer.version);
          checked++;
          versionsSeen.add(answer.version);
          if (model === undefined || JSON.stringify(answer.rows) !== expected[model]) mismatches++;
        },
      },
    ],
  });
  const mem = await memory.stop();
  clearInterval(committer);
  stopBad = true;
  await badLoop;
  const swaps = await (await fetch(`${url}/model`)).json();
  child.kill("SIGTERM");
  await new Promise((r) => child.on("exit", r));
  fs.rmSync(dir, { recursive: true, force: true });

  const failed = result.non2xx + result.errors + result.timeouts;
  const table2 = [
    ["requests/s (mean)", Math.round(result.requests.average).toLocaleString("en-US")],
    ["rows/s (4 rows per request)", Math.round(result.requests.average * 4).toLocaleString("en-US")],
    ["latency p50 / p99 (ms)", `${result.latency.p50} / ${result.latency.p99}`],
    ["requests (good)", result.requests.total.toLocaleString("en-US")],
    ["failed good requests", String(failed)],
    ["answers checked against their version", checked.toLocaleString("en-US")],
    ["answers not matching their version", String(mismatches)],
    ["model versions committed / served", `${k} / ${versionsSeen.size} (swaps recorded ${swaps.versionsLoaded}, load failures ${swaps.versionsRefused})`],
    ["bad requests sent / wrong status", `${badSent} / ${badWrong}`],
    ...["rss", "heap"].map((key) => {
      const m = mem[key];
      const label = key === "rss" ? "service RSS" : "service V8 heap used";
      return [`${label} start / warm / end (MB); slope 2nd half`, `${m.start.toFixed(1)} / ${m.warm.toFixed(1)} / ${m.end.toFixed(1)}; ${m.slope >= 0 ? "+" : ""}${m.slope.toFixed(2)} MB/min`];
    }),
    ...["rss", "heap"].map((key) => [`${key === "rss" ? "service RSS" : "service V8 heap used"} lowest per 30 s, 2nd half (MB)`, mem[key].floors.map((v) => v.toFixed(1)).join(", ")]),
    ["memory samples (1 per second)", String(mem.samples)],
  ];
  const width = Math.max(...table2.map((r) => r[0].length));
  console.log(`\nstreamlab serve under load for ${DURATION} s (autocannon, 10 connections, a new model version every second)\n`);
  for (const [name, value] of table2) console.log(`${name.padEnd(width)}  ${value}`);
  process.exit(failed === 0 && mismatches === 0 && badWrong === 0 ? 0 : 1);
}

/**
 * Samples the service's memory once a second: RSS from /proc/<pid>/status, V8 heap in use from its
 * /metrics. `stop()` summarises each series as start (first sample), warm (the sample at half time),
 * end (last sample), the least-squares slope in MB per minute over the second half and its 30 s floors.
 */
function memorySampler(pid, url) {
  const samples = [];
  let timer = null;
  let t0 = 0;
  let pending = Promise.resolve();
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))[1]) / 1024;
  const heap = async () => {
    const text = await (await fetch(`${url}/metrics`)).text();
    const m = /^nodejs_heap_size_used_bytes (\S+)$/m.exec(text);
    if (!m) throw new Error("the service's /metrics has no nodejs_heap_size_used_bytes");
    return Number(m[1]) / (1024 * 1024);
  };
  const sample = async () => {
    const t = (Date.now() - t0) / 1000;
    const h = await heap();
    samples.push({ t, rss: rss(), heap: h });
  };
  // The slope is fitted to the lowest sample of each 10 s window: heap in use is a saw-tooth between collections,
  // and what a leak raises is its floor (with a raw fit the phase of the last collections decides the sign).
  const summary = (key) => {
    const end = samples[samples.length - 1].t;
    const half = samples.filter((s) => s.t >= end / 2);
    const windows = new Map();
    for (const s of half) {
      const w = Math.floor((s.t - half[0].t) / 10);
      if (!windows.has(w) || s[key] < windows.get(w)[key]) windows.set(w, s);
    }
    const lows = [...windows.values()];
    const mt = lows.reduce((a, s) => a + s.t, 0) / lows.length;
    const mv = lows.reduce((a, s) => a + s[key], 0) / lows.length;
    const sxx = lows.reduce((a, s) => a + (s.t - mt) ** 2, 0);
    const sxy = lows.reduce((a, s) => a + (s.t - mt) * (s[key] - mv), 0);
    // The floor of every 30 s after warm-up, for the eye: a leak raises it run after run of the collector.
    const floors = [];
    for (const s of half) {
      const w = Math.floor((s.t - half[0].t) / 30);
      floors[w] = Math.min(floors[w] ?? Infinity, s[key]);
    }
    return { start: samples[0][key], warm: half[0][key], end: samples[samples.length - 1][key], slope: sxx > 0 ? (sxy / sxx) * 60 : 0, floors };
  };
  return {
    async start() {
      t0 = Date.now();
      await sample();
      timer = setInterval(() => {
        pending = pending.then(sample).catch((error) => console.error(`stress: memory sample failed: ${error.message}`));
      }, 1000);
    },
    async stop() {
      clearInterval(timer);
      await pending;
      await sample();
      if (ARGS.samples) fs.writeFileSync(ARGS.samples, "t_s,rss_mb,heap_mb\n" + samples.map((s) => `${s.t.toFixed(1)},${s.rss.toFixed(2)},${s.heap.toFixed(2)}`).join("\n") + "\n");
      return { rss: summary("rss"), heap: summary("heap"), samples: samples.length };
    },
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
