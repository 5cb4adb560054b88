#!/usr/bin/env node
// Executes every notebook in notebooks/ headless on the tslab kernel.
//   --save   write the executed notebooks (with outputs) back in place   (npm run tutorials)
//   --check  execute into a temporary folder and fail on any error or stderr output, or when the
//            outputs differ from the saved ones (npm test): a notebook's prose may quote its printed
//            numbers only because this check keeps them in step with the data

// Optional notebook names after the flag limit the run, e.g. `--check 00-quickstart.ipynb`.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { ROOT, SYSTEM_PYTHON, ensureJupyter, ensureKernel, jupyterEnv, ensureBuilt } = require("./jupyter-env");
const { firstDifference } = require("./notebook-outputs");

const mode = process.argv[2];
if (mode !== "--save" && mode !== "--check") {
  console.error("usage: run-notebooks.js --save|--check [notebook.ipynb ...]");
  process.exit(2);
}
// Names or paths (notebooks/05-export.ipynb) both select a notebook of notebooks/.
const only = process.argv.slice(3).map((f) => path.basename(f));
ensureBuilt();
ensureJupyter();
ensureKernel();

const dir = path.join(ROOT, "notebooks");
const notebooks = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".ipynb") && (only.length === 0 || only.includes(f)))
  .sort();
const outDir = mode === "--save" ? dir : fs.mkdtempSync(path.join(os.tmpdir(), "streamlab-nb-"));

/** Problems in an executed notebook: error outputs and stderr streams (tslab reports type errors there). */
function problems(file) {
  const nb = JSON.parse(fs.readFileSync(file, "utf8"));
  const found = [];
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    for (const out of cell.outputs || []) {
      if (out.output_type === "error") found.push(`cell ${i}: ${out.ename}: ${out.evalue}`);
      if (out.output_type === "stream" && out.name === "stderr") found.push(`cell ${i} stderr: ${[].concat(out.text).join("").slice(0, 500)}`);
    }
  });
  return found;
}

/**
 * Why a notebook cannot run here, or null: a notebook whose metadata says `"streamlab": {"requires":
 * ["kafka"]}` needs the local Kafka broker (Java 17 + Maven); without one it is skipped with the
 * reason, unless STREAMLAB_REQUIRE_KAFKA=1 (CI), which makes it run (and fail).
 */
function skipReason(file) {
  const requires = (JSON.parse(fs.readFileSync(file, "utf8")).metadata?.streamlab?.requires) || [];
  if (!requires.includes("kafka") || process.env.STREAMLAB_REQUIRE_KAFKA === "1" || process.env.KAFKA_BOOTSTRAP_SERVERS) return null;
  const broker = require("./kafka-broker");
  return broker.brokerAvailable() ? null : `no Kafka broker: ${broker.brokerUnavailableReason()} (set KAFKA_BOOTSTRAP_SERVERS, or STREAMLAB_REQUIRE_KAFKA=1 to make this a failure)`;
}

let failed = 0;
let passed = 0;
let skipped = 0;
for (const name of notebooks) {
  const skip = skipReason(path.join(dir, name));
  if (skip !== null) {
    skipped++;
    console.log(`- ${name} SKIPPED: ${skip}`);
    continue;
  }
  const started = Date.now();
  const r = spawnSync(
    SYSTEM_PYTHON,
    [
      "-m", "nbconvert", "--to", "notebook", "--execute",
      "--ExecutePreprocessor.kernel_name=tslab",
      "--ExecutePreprocessor.timeout=900",
      "--output-dir", outDir,
      "--output", name,
      path.join(dir, name),
    ],
    { cwd: dir, env: jupyterEnv(), encoding: "utf8" },
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const found = r.status === 0 ? problems(path.join(outDir, name)) : [`nbconvert failed:\n${r.stderr.slice(-3000)}`];
  if (mode === "--check" && found.length === 0) {
    const difference = firstDifference(path.join(dir, name), path.join(outDir, name));
    if (difference !== null) found.push(`outputs differ from the saved notebook (re-run \`node scripts/run-notebooks.js --save ${name}\` if the change is intended): ${difference}`);
  }
  if (found.length === 0) {
    passed++;
    console.log(`✓ ${name} (${seconds} s)`);
  } else {
    failed++;
    console.log(`✗ ${name} (${seconds} s)\n  ${found.join("\n  ")}`);
  }
}
console.log(`notebooks: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`);
process.exit(failed === 0 && passed + skipped > 0 ? 0 : 1);
