// End-to-end: streamlab used from a user's own folder (issue 15, item 7). `npm pack` the checkout, `npm install` the
// tarball in an empty temporary project (only npm's registry is reachable here: the install must not need any other
// download), then run a tslab notebook there that imports "streamlab" — the way the README tells a user to.
// DataFrames are the one optional part (danfojs-node is an optional peer dependency): without it, a clear error.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..", "..");
const SYSTEM_PYTHON = "/usr/bin/python3";

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", timeout: 300_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}):\n${(r.stdout ?? "").slice(-2000)}\n${(r.stderr ?? "").slice(-2000)}`);
  return r.stdout;
}

describe("streamlab installed from a tarball into another folder", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "streamlab-user-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("installs without downloads outside npm, runs in plain Node and in a tslab notebook", () => {
    // dist/ is built by npm test; rebuilding it here (npm pack's prepare) would race tests that load it.
    const packed = run("npm", ["pack", "--ignore-scripts", "--pack-destination", dir, "--silent"], ROOT).trim().split("\n").pop()!;
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "my-analysis", version: "1.0.0", private: true }));
    run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", `./${packed}`, "tslab@1.0.22"], dir);

    fs.writeFileSync(
      path.join(dir, "plain.js"),
      `const { MemSourceBatchOp } = require("streamlab");
       const rows = new MemSourceBatchOp([[1, 2.5]], "id int, x double").collect();
       new MemSourceBatchOp([[1]], "a int").collectToDataframe().then(() => console.log("unexpected"), (e) => console.log(JSON.stringify({ rows, error: e.message })));`,
    );
    const plain = JSON.parse(run(process.execPath, ["plain.js"], dir));
    expect(plain.rows).toEqual([[1, 2.5]]);
    expect(plain.error).toMatch(/DataFrames need danfojs-node, which is not installed/);

    if (!fs.existsSync(SYSTEM_PYTHON) || spawnSync(SYSTEM_PYTHON, ["-c", "import nbconvert"]).status !== 0) return; // npm test installs Jupyter first
    const tslab = path.join(dir, "node_modules", ".bin", "tslab");
    run(tslab, ["install", `--python=${SYSTEM_PYTHON}`, `--binary=${tslab}`, `--prefix=${path.join(dir, ".jupyter")}`], dir);
    const notebook = {
      cells: [
        {
          cell_type: "code",
          execution_count: null,
          id: "c1",
          metadata: {},
          outputs: [],
          source: ['import { MemSourceBatchOp, StandardScaler } from "streamlab";\n', 'const data = new MemSourceBatchOp([[1, 2.0], [2, 4.0]], "id int, x double");\n', 'new StandardScaler().setSelectedCols(["x"]).fit(data).transform(data).print();\n'],
        },
      ],
      metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    fs.writeFileSync(path.join(dir, "mine.ipynb"), JSON.stringify(notebook));
    run(SYSTEM_PYTHON, ["-m", "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=tslab", "--output", "out.ipynb", "mine.ipynb"], dir, {
      ...process.env,
      JUPYTER_PATH: path.join(dir, ".jupyter", "share", "jupyter"),
    });
    const outputs = JSON.parse(fs.readFileSync(path.join(dir, "out.ipynb"), "utf8")).cells[0].outputs;
    const html = outputs.map((o: { data?: Record<string, string[]> }) => (o.data?.["text/html"] ?? []).join("")).join("");
    // x standardized: mean 3, std √2 → ∓0.7071 (shown with 4 decimals in HTML)
    expect(html).toMatch(/<td[^>]*>1<\/td><td[^>]*>-0\.7071<\/td>/);
    expect(html).toMatch(/<td[^>]*>2<\/td><td[^>]*>0\.7071<\/td>/);
  }, 600_000);
});
