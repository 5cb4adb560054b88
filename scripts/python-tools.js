#!/usr/bin/env node
// Project-local Python environments for test-time oracles and checks that Debian does not package
// (River for the drift detectors and delayed progressive validation; JupyterLab for the notebook
// browser test). Each lives in its own venv under .python-tools/<name>, pinned to exact versions from
// PyPI so every machine checks against the same oracle. River's venv is isolated: it needs a newer
// numpy than Debian's, which would break Debian's scikit-learn if both were importable (River imports
// sklearn when present). JupyterLab's venv sees the system site packages to reuse Debian's Jupyter.
//
//   node scripts/python-tools.js build [name...]   create/refresh the venvs (all when no name)
//   node scripts/python-tools.js python <name>     print the venv's python path (exit 1 when absent)
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const TOOLS_DIR = path.join(ROOT, ".python-tools");
const SYSTEM_PYTHON = fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

/** name → pinned requirements and the import that proves the venv works. */
const TOOLS = {
  river: { requirements: ["river==0.26.1"], probe: "import river.drift, river.evaluate", systemSite: false },
  jupyterlab: { requirements: ["jupyterlab==4.4.10"], probe: "import jupyterlab", systemSite: true },
};

function pythonOf(name) {
  return path.join(TOOLS_DIR, name, "bin", "python");
}

/** The venv's python when it imports its tool, else null (never installs). */
function toolPython(name) {
  const tool = TOOLS[name];
  if (!tool) throw new Error(`unknown python tool "${name}"; known: ${Object.keys(TOOLS).join(", ")}`);
  const python = pythonOf(name);
  if (!fs.existsSync(python)) return null;
  return spawnSync(python, ["-c", tool.probe], { encoding: "utf8" }).status === 0 ? python : null;
}

function build(name) {
  const tool = TOOLS[name];
  if (toolPython(name)) return pythonOf(name);
  const dir = path.join(TOOLS_DIR, name);
  // Built beside and renamed into place, so a test using an older venv never sees half of one.
  const staging = `${dir}.staging`;
  fs.rmSync(staging, { recursive: true, force: true });
  const step = (cmd, args) => {
    const r = spawnSync(cmd, args, { stdio: "inherit" });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (exit ${r.status})`);
  };
  console.log(`[python-tools] creating ${path.relative(ROOT, dir)} with ${tool.requirements.join(" ")} ...`);
  step(SYSTEM_PYTHON, ["-m", "venv", ...(tool.systemSite ? ["--system-site-packages"] : []), staging]);
  const stagingPython = path.join(staging, "bin", "python");
  step(stagingPython, ["-m", "pip", "install", "-q", "--disable-pip-version-check", ...tool.requirements]);
  // venv scripts hard-code their folder; the interpreter itself does not, so `bin/python` works after the rename.
  if (spawnSync(stagingPython, ["-c", tool.probe]).status !== 0) throw new Error(`${name}: "${tool.probe}" fails after installing`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(staging, dir);
  if (!toolPython(name)) throw new Error(`${name}: "${tool.probe}" fails after moving the venv into place`);
  return pythonOf(name);
}

module.exports = { toolPython, build, TOOLS };

if (require.main === module) {
  const [command, ...names] = process.argv.slice(2);
  try {
    if (command === "build") {
      for (const name of names.length ? names : Object.keys(TOOLS)) console.log(`[python-tools] ${name}: ${build(name)}`);
    } else if (command === "python" && names.length === 1) {
      const python = toolPython(names[0]);
      if (!python) process.exit(1);
      console.log(python);
    } else {
      console.error("usage: node scripts/python-tools.js build [name...] | python <name>");
      process.exit(2);
    }
  } catch (error) {
    console.error(`[python-tools] ${error.message}`);
    process.exit(1);
  }
}
