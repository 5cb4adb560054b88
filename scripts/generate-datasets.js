#!/usr/bin/env node
// `npm run datasets`: regenerates the synthetic CTR files shipped in datasets/ (deterministic:
// the same bytes every run), or a bigger stream: `npm run datasets -- --rows 1000000 --out /tmp/ctr.csv`.
"use strict";
const fs = require("fs");
const path = require("path");
const { generateCtr } = require("../dist/datasets/ctr");

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};

const root = path.resolve(__dirname, "..", "datasets");
if (args.includes("--out")) {
  const rows = Number(flag("--rows", "1000000"));
  const out = path.resolve(flag("--out"));
  const drift = flag("--drift", "");
  const { csv, truth } = generateCtr({ rows, seed: Number(flag("--seed", "7")), driftAt: drift ? drift.split(",").map(Number) : [] });
  fs.writeFileSync(out, csv);
  fs.writeFileSync(out.replace(/\.csv$/, "") + ".truth.json", JSON.stringify(truth, null, 1) + "\n");
  console.log(`wrote ${rows} rows to ${out}`);
  process.exit(0);
}

// The shipped files: one hidden model; the first 10 000 rows are the history (ctr_train.csv),
// the next 20 000 the stream (ctr_stream.csv), which drifts at 55 % and 80 % of the whole run.
const TRAIN_ROWS = 10000;
const TOTAL_ROWS = 30000;
const { csv, truth } = generateCtr({ rows: TOTAL_ROWS, seed: 20141021, rowsPerSecond: 0.5, driftAt: [0.55, 0.8] });
const lines = csv.split("\n");
const header = lines[0];
const train = [header, ...lines.slice(1, TRAIN_ROWS + 1)].join("\n") + "\n";
const stream = [header, ...lines.slice(TRAIN_ROWS + 1, TOTAL_ROWS + 1)].join("\n") + "\n";
fs.mkdirSync(root, { recursive: true });
fs.writeFileSync(path.join(root, "ctr_train.csv"), train);
fs.writeFileSync(path.join(root, "ctr_stream.csv"), stream);
fs.writeFileSync(
  path.join(root, "ctr.truth.json"),
  JSON.stringify({ ...truth, files: { "ctr_train.csv": [0, TRAIN_ROWS], "ctr_stream.csv": [TRAIN_ROWS, TOTAL_ROWS] } }, null, 1) + "\n",
);
console.log(`wrote datasets/ctr_train.csv (${TRAIN_ROWS} rows), datasets/ctr_stream.csv (${TOTAL_ROWS - TRAIN_ROWS} rows), datasets/ctr.truth.json`);
