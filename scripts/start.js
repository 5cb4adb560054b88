#!/usr/bin/env node
// `npm start`: Jupyter Notebook on notebooks/ with the tslab (TypeScript) kernel registered.
// Extra arguments go to Jupyter, e.g. `npm start -- --port 9999`.
"use strict";
const { spawn, spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { ROOT, SYSTEM_PYTHON, ensureJupyter, ensureKernel, jupyterEnv, ensureBuilt } = require("./jupyter-env");

ensureBuilt();
ensureJupyter();
ensureKernel();

// The tutorials are saved with their outputs. Classic Jupyter strips SVG charts from outputs of
// notebooks it does not trust, so mark this checkout's own notebooks as trusted on this machine
// (Jupyter's `jupyter trust`; the signatures live in the local Jupyter data folder).
const notebookDir = path.join(ROOT, "notebooks");
const tutorials = fs.readdirSync(notebookDir).filter((f) => f.endsWith(".ipynb")).map((f) => path.join(notebookDir, f));
if (tutorials.length > 0) spawnSync(SYSTEM_PYTHON, ["-m", "nbformat.sign", ...tutorials], { stdio: "ignore", env: jupyterEnv() });

const args = [
  "-m", "notebook",
  `--notebook-dir=${path.join(ROOT, "notebooks")}`,
  "--ip=127.0.0.1",
  "--no-browser",
  ...(process.getuid && process.getuid() === 0 ? ["--allow-root"] : []),
  ...process.argv.slice(2),
];
console.log(`[streamlab] starting Jupyter Notebook on ${path.join(ROOT, "notebooks")} (kernel: TypeScript/tslab)`);
const child = spawn(SYSTEM_PYTHON, args, { stdio: "inherit", env: jupyterEnv(), cwd: ROOT });
const stop = (signal) => child.kill(signal);
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
child.on("exit", (code) => process.exit(code ?? 0));
