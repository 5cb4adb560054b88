#!/usr/bin/env node
// `npm test`: everything — unit, contract, fixture and end-to-end tests (vitest), then every
// notebook executed on the tslab kernel. Installs missing system parts first (Jupyter, Chromium)
// and ends with one summary line counting all of them.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { ROOT, ensureTestSystem, ensureKernel, ensureBuilt } = require("./jupyter-env");

ensureTestSystem();
// River and JupyterLab (test-time oracle and browser check) in project venvs; PyPI is enough.
const pythonTools = spawnSync(process.execPath, [path.join(__dirname, "python-tools.js"), "build"], { cwd: ROOT, stdio: "inherit" });
if (pythonTools.status !== 0) console.error("[streamlab] the Python test tools could not be installed; tests that need them report why.");
const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
if (build.status !== 0) process.exit(1);
ensureBuilt();
ensureKernel();

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "streamlab-vitest-")), "report.json");
const vitest = spawnSync(
  path.join(ROOT, "node_modules", ".bin", "vitest"),
  ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { cwd: ROOT, stdio: "inherit" },
);
let passed = 0;
let failed = 0;
try {
  const json = JSON.parse(fs.readFileSync(report, "utf8"));
  passed += json.numPassedTests;
  failed += json.numFailedTests + (json.numTotalTestSuites > 0 && json.success === false && json.numFailedTests === 0 ? 1 : 0);
} catch {
  failed += 1;
}
if (vitest.status !== 0 && failed === 0) failed = 1;

const notebooks = spawnSync(process.execPath, [path.join(__dirname, "run-notebooks.js"), "--check"], { cwd: ROOT, encoding: "utf8" });
process.stdout.write(notebooks.stdout);
process.stderr.write(notebooks.stderr);
const m = /notebooks: (\d+) passed, (\d+) failed/.exec(notebooks.stdout);
if (m) {
  passed += Number(m[1]);
  failed += Number(m[2]);
} else failed += 1;
if (notebooks.status !== 0 && (!m || Number(m[2]) === 0)) failed += 1;

console.log(`\nall tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
