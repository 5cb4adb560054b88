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
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const autocannon = require("autocannon");

const ROOT = path.join(__dirname, "..");
const DURATION = Number(process.env.STRESS_SECONDS || 15);
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
  const rssOf = async () => {
    const text = fs.readFileSync(`/proc/${child.pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(text)[1]) / 1024;
  };

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

  const rssStart = await rssOf();
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
  const rssEnd = await rssOf();
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
    ["model versions committed / served", `${k} / ${versionsSeen.size} (swaps recorded ${swaps.history.filter((h) => h.ok).length}, load failures ${swaps.history.filter((h) => !h.ok).length})`],
    ["bad requests sent / wrong status", `${badSent} / ${badWrong}`],
    ["service RSS start → end (MB)", `${rssStart.toFixed(0)} → ${rssEnd.toFixed(0)}`],
  ];
  const width = Math.max(...table2.map((r) => r[0].length));
  console.log(`\nstreamlab serve under load for ${DURATION} s (autocannon, 10 connections, a new model version every second)\n`);
  for (const [name, value] of table2) console.log(`${name.padEnd(width)}  ${value}`);
  process.exit(failed === 0 && mismatches === 0 && badWrong === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
