#!/usr/bin/env node
// `npm start`: Jupyter Notebook on notebooks/ with the tslab (TypeScript) kernel registered.
// Extra arguments go to Jupyter, e.g. `npm start -- --port 9999`.
"use strict";
const { spawn } = require("child_process");
const path = require("path");
const { ROOT, SYSTEM_PYTHON, ensureJupyter, ensureKernel, jupyterEnv, ensureBuilt } = require("./jupyter-env");

ensureBuilt();
ensureJupyter();
ensureKernel();

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
