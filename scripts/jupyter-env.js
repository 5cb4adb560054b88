// Shared set-up for the scripts that run Jupyter: find (or install) Jupyter, register the tslab
// kernel in a project-local kernel folder, and build the environment that points Jupyter at it.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const JUPYTER_DATA = path.join(ROOT, ".jupyter", "share", "jupyter");
const TSLAB_BINARY = path.join(ROOT, "node_modules", ".bin", "tslab");
// Debian's Jupyter lives in the system Python; a pyenv/venv python3 earlier on PATH usually lacks it.
const SYSTEM_PYTHON = fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

function run(cmd, args, options = {}) {
  return spawnSync(cmd, args, { encoding: "utf8", ...options });
}

function hasJupyter() {
  const nb = run(SYSTEM_PYTHON, ["-c", "import notebook, nbconvert, jupyter_client"]);
  return nb.status === 0;
}

let aptUpdated = false;

/**
 * Makes sure a system component is present: installs its Debian packages with apt-get when we are
 * root on a Debian/Ubuntu machine; otherwise prints the exact command to run and exits.
 * `what` names it for people, `present()` checks for it, `otherwise` is the non-apt install hint.
 */
function ensureSystem(what, packages, present, otherwise) {
  if (present()) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = run("sh", ["-c", "command -v apt-get"]).status === 0;
  if (isRoot && hasApt) {
    console.log(`[streamlab] ${what} not found; installing ${packages.join(" ")} with apt-get ...`);
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    let r = { status: 0 };
    if (!aptUpdated) {
      r = run("apt-get", ["update", "-qq"], { stdio: "inherit", env });
      aptUpdated = r.status === 0;
    }
    if (r.status === 0) r = run("apt-get", ["install", "-y", "-qq", ...packages], { stdio: "inherit", env });
    if (r.status !== 0 || !present()) {
      console.error(`[streamlab] apt-get could not install ${what}; see the messages above.`);
      process.exit(1);
    }
    return;
  }
  const command = hasApt ? `sudo apt-get update && sudo apt-get install -y ${packages.join(" ")}` : otherwise;
  console.error(`[streamlab] ${what} is not installed. Install it with:\n\n    ${command}\n\nthen run this command again.`);
  process.exit(1);
}

/** Jupyter Notebook + nbconvert (the kernel host for the tutorials). */
function ensureJupyter() {
  ensureSystem(
    "Jupyter Notebook",
    ["jupyter-notebook", "jupyter-nbconvert", "jupyter-client"],
    hasJupyter,
    process.platform === "darwin" ? "python3 -m pip install notebook nbconvert jupyter_client" : "python3 -m pip install --user notebook nbconvert jupyter_client",
  );
}

/** What the test suite needs beyond Jupyter: Chromium for the browser test. */
function ensureTestSystem() {
  ensureJupyter();
  ensureSystem("Chromium (for the end-to-end browser test)", ["chromium"], () => fs.existsSync("/usr/bin/chromium"), "install Chromium so that /usr/bin/chromium exists");
  ensureSystem(
    "scikit-learn (the tests' independent oracle)",
    ["python3-sklearn", "python3-pandas"],
    () => run(SYSTEM_PYTHON, ["-c", "import sklearn, pandas"]).status === 0,
    `${SYSTEM_PYTHON} -m pip install scikit-learn pandas`,
  );
}

/** Registers (or refreshes) the tslab kernel under .jupyter/, pointing at this checkout's tslab. */
function ensureKernel() {
  if (!fs.existsSync(TSLAB_BINARY)) {
    console.error(`[streamlab] ${TSLAB_BINARY} is missing: run "npm ci" first.`);
    process.exit(1);
  }
  const spec = path.join(JUPYTER_DATA, "kernels", "tslab", "kernel.json");
  if (fs.existsSync(spec) && fs.readFileSync(spec, "utf8").includes(TSLAB_BINARY)) return;
  const r = run(TSLAB_BINARY, ["install", `--python=${SYSTEM_PYTHON}`, `--binary=${TSLAB_BINARY}`, `--prefix=${path.join(ROOT, ".jupyter")}`]);
  if (r.status !== 0 || !fs.existsSync(spec)) {
    console.error(`[streamlab] registering the tslab kernel failed:\n${r.stdout}\n${r.stderr}`);
    process.exit(1);
  }
}

/** Environment in which Jupyter finds the project's kernel. */
function jupyterEnv() {
  const existing = process.env.JUPYTER_PATH ? path.delimiter + process.env.JUPYTER_PATH : "";
  return { ...process.env, JUPYTER_PATH: JUPYTER_DATA + existing };
}

function ensureBuilt() {
  if (!fs.existsSync(path.join(ROOT, "dist", "index.js"))) {
    console.log("[streamlab] building the library (npm run build) ...");
    const r = run("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
    if (r.status !== 0) process.exit(1);
  }
  const link = path.join(ROOT, "node_modules", "streamlab");
  if (!fs.existsSync(link)) require("./link-self.js");
}

module.exports = { ROOT, SYSTEM_PYTHON, ensureJupyter, ensureTestSystem, ensureKernel, jupyterEnv, ensureBuilt };
