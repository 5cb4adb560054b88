// End-to-end, on a real tslab kernel (the project's kernel spec, see scripts/jupyter-env.js):
//  - hovering `setFilePath` (tslab's inspect_request, what Jupyter's Shift+Tab / JupyterLab's
//    contextual help send) shows the parameter's doc, type and default from dist/params.d.ts;
//  - `CsvSourceBatchOp.params()` and `op.showParams()` show an HTML table in the cell;
//  - a StreamlabError thrown in a cell prints its message and the user's frames, not streamlab's.
// Cells run through nbconvert's ExecutePreprocessor with the kernel started in the project root, so
// `import … from "streamlab"` resolves through node_modules/streamlab like in the tutorials.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, SYSTEM_PYTHON, ensureKernel, jupyterEnv } from "../../scripts/jupyter-env";

const HAS_JUPYTER = spawnSync(SYSTEM_PYTHON, ["-c", "import nbconvert, jupyter_client"]).status === 0;

const CELLS = [
  'import { CsvSourceBatchOp } from "streamlab";\nCsvSourceBatchOp.params();',
  'const op = new CsvSourceBatchOp().setFilePath("my.csv").setIgnoreFirstLine(true);\nop.showParams();',
  "function configure() {\n  new CsvSourceBatchOp().setFieldDelimiter(3 as any);\n}\nconfigure();",
];
const HOVER_CODE = 'new CsvSourceBatchOp().setFilePath("x")';

// Runs the cells with nbconvert, then asks a fresh kernel for the hover text; prints JSON.
const DRIVER = String.raw`
import json, sys
import nbformat
from nbconvert.preprocessors import ExecutePreprocessor
from jupyter_client.manager import start_new_kernel
root, cells, hover = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
nb.metadata["kernelspec"] = {"name": "tslab", "display_name": "TypeScript", "language": "typescript"}
ExecutePreprocessor(kernel_name="tslab", timeout=300, allow_errors=True).preprocess(nb, {"metadata": {"path": root}})
outputs = [c.outputs for c in nb.cells]
km, kc = start_new_kernel(kernel_name="tslab", cwd=root)
try:
    for setup in ['import { CsvSourceBatchOp } from "streamlab";']:
        kc.execute_interactive(setup, timeout=120)
    mid = kc.inspect(hover, cursor_pos=hover.index("setFilePath") + 3)
    while True:
        reply = kc.get_shell_msg(timeout=120)
        if reply["parent_header"].get("msg_id") == mid:
            break
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
print(json.dumps({"outputs": outputs, "hover": reply["content"]}))
`;

interface Output {
  output_type: string;
  name?: string;
  text?: string;
  data?: Record<string, string>;
}

describe.skipIf(!HAS_JUPYTER)("docs and errors in a real tslab kernel", () => {
  let outputs: Output[][] = [];
  let hover: { found: boolean; data: Record<string, string> };

  beforeAll(() => {
    if (!fs.existsSync(path.join(ROOT, "dist", "params.d.ts"))) throw new Error("dist/params.d.ts is missing: run `npm run build`.");
    ensureKernel();
    const r = spawnSync(SYSTEM_PYTHON, ["-c", DRIVER, ROOT, JSON.stringify(CELLS), HOVER_CODE], {
      cwd: ROOT,
      env: jupyterEnv(),
      encoding: "utf8",
      timeout: 600_000,
    });
    const last = r.stdout.trim().split("\n").pop() ?? "";
    if (r.status !== 0 || !last.startsWith("{")) throw new Error(`kernel driver failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    const parsed = JSON.parse(last);
    outputs = parsed.outputs;
    hover = parsed.hover;
  }, 600_000);

  it("hover on setFilePath shows the signature and the declared doc", () => {
    expect(hover.found).toBe(true);
    const text = hover.data["text/plain"];
    expect(text).toContain("setFilePath(value: string): CsvSourceBatchOp");
    expect(text).toContain("Path of the file (relative paths are resolved against the working directory).");
    expect(text).toContain("Required (no default)");
  });

  it("CsvSourceBatchOp.params() shows an HTML table of every parameter", () => {
    const html = outputs[0].filter((o) => o.output_type === "display_data").map((o) => o.data?.["text/html"] ?? "");
    expect(html).toHaveLength(1);
    for (const name of ["filePath", "schemaStr", "fieldDelimiter", "rowDelimiter", "quoteChar", "ignoreFirstLine", "skipBlankLine", "lenient", "handleInvalidMethod"]) {
      expect(html[0]).toContain(`>${name}<`);
    }
    expect(outputs[0].some((o) => o.output_type === "stream")).toBe(false);
  });

  it("op.showParams() shows the values set", () => {
    const html = outputs[1].map((o) => o.data?.["text/html"] ?? "").join("");
    expect(html).toContain("&quot;my.csv&quot;");
    expect(html).toMatch(/>ignoreFirstLine<.*?>false<.*?>true</s);
  });

  it("an error in a cell shows the message and the user's function, no streamlab or kernel frame", () => {
    const stderr = outputs[2]
      .filter((o) => o.output_type === "stream" && o.name === "stderr")
      .map((o) => o.text ?? "")
      .join("");
    expect(stderr.split("\n")[0]).toBe('StreamlabError: CsvSourceBatchOp.setFieldDelimiter: "fieldDelimiter" must be a non-empty string; got number 3.');
    expect(stderr).toContain("at configure (notebook cell)");
    expect(stderr).not.toMatch(/dist[\\/]|node_modules|node:/);
    expect(stderr.trim().split("\n").length).toBeLessThanOrEqual(5);
  });
});
