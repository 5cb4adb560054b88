/** `npx streamlab` (issue 16, item 2): inspect, serve, help and exit codes. */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it, vi } from "vitest";
import { AppendModelStreamFileSinkBatchOp, BatchOperator, LogisticRegression, MemSourceBatchOp, Pipeline, VectorAssembler } from "../../src";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, main, program } from "../../src/cli/main";
import { ROOT, tempDir } from "../helpers";

const SCHEMA = "x double, n int";
const model = new Pipeline(
  new VectorAssembler().setSelectedCols(["x"]).setOutputCol("v"),
  new LogisticRegression().setVectorCol("v").setLabelCol("n").setMaxIter(5).setPredictionCol("pred"),
).fit(new MemSourceBatchOp([[1, 1], [-1, 0], [2, 1], [-2, 0]], SCHEMA));

function folder(): string {
  const root = path.join(tempDir(), "stream");
  for (const time of ["2024-03-01 12:00:00", "2024-03-02 12:00:00.5"]) {
    new AppendModelStreamFileSinkBatchOp().setFilePath(root).setModelTime(time).linkFrom(model.save());
    BatchOperator.execute();
  }
  // a writer stopped after staging version 2024-03-03 (never committed)
  fs.mkdirSync(path.join(root, "conf", "202403030000000"));
  fs.writeFileSync(path.join(root, "conf", "202403040000000_0"), "partial");
  return root;
}

async function run(args: string[]): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (out.push(String(chunk)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (out.push(String(chunk)), true));
  try {
    return { code: await main(["node", "streamlab", ...args]), out };
  } finally {
    write.mockRestore();
    err.mockRestore();
  }
}

describe("streamlab inspect", () => {
  it("lists versions with time, rows, files, bytes and status, and commits that never finished", async () => {
    const root = folder();
    const lines: string[] = [];
    await program((t) => lines.push(t)).parseAsync(["node", "streamlab", "inspect", root]);
    const text = lines.join("\n");
    const sizes = ["202403011200000", "202403021200005"].map((v) => fs.readdirSync(path.join(root, v)).reduce((s, f) => s + fs.statSync(path.join(root, v, f)).size, 0));
    const rows = model.save().getOutputTable().numRows;
    expect(text).toContain(`${root}: 2 versions`);
    expect(text).toMatch(new RegExp(`202403011200000\\s+2024-03-01 12:00:00\\.000\\s+${rows}\\s+1\\s+${sizes[0]}\\s+committed`));
    expect(text).toMatch(new RegExp(`202403021200005\\s+2024-03-02 12:00:00\\.500\\s+${rows}\\s+1\\s+${sizes[1]}\\s+committed`));
    expect(text).toContain("incomplete commits (2; readers ignore them):");
    expect(text).toContain("202403030000000  conf/202403030000000/ (staged, never committed)");
    expect(text).toContain("202403040000000  conf/202403040000000_0 (file 0 written, never moved)");
    const json: string[] = [];
    await program((t) => json.push(t)).parseAsync(["node", "streamlab", "inspect", "--json", root]);
    const parsed = JSON.parse(json.join(""));
    expect(parsed.versions.map((v: { version: string }) => v.version)).toEqual(["202403011200000", "202403021200005"]);
    expect(parsed.incomplete).toHaveLength(2);
  });

  it("exit codes: 0 done or help, 1 failed, 2 usage", async () => {
    expect((await run(["--help"])).code).toBe(EXIT_OK);
    expect((await run(["inspect", "--help"])).code).toBe(EXIT_OK);
    const missing = await run(["inspect", path.join(tempDir(), "nope")]);
    expect(missing.code).toBe(EXIT_FAILED);
    expect(missing.out.join("")).toMatch(/does not exist/);
    expect((await run(["frob"])).code).toBe(EXIT_USAGE);
    expect((await run(["inspect"])).code).toBe(EXIT_USAGE);
    expect((await run(["serve"])).code).toBe(EXIT_USAGE); // --schema is required
    const neither = await run(["serve", "--schema", SCHEMA]);
    expect(neither.code).toBe(EXIT_USAGE);
    expect(neither.out.join("")).toMatch(/give --model-stream <dir>, --model <file>, or both/);
    expect((await run(["serve", "--schema", SCHEMA, "--model-stream", "x", "--port", "-3"])).code).toBe(EXIT_USAGE);
  });
});

describe("streamlab serve (the built command, as a user runs it)", () => {
  const bin = path.join(ROOT, "bin", "streamlab.js");
  const built = fs.existsSync(path.join(ROOT, "dist", "cli", "main.js"));

  it.runIf(built)("serves a model-stream folder on loopback and stops cleanly on SIGTERM (exit 0)", async () => {
    const root = folder();
    const child = spawn(process.execPath, [bin, "serve", "--model-stream", root, "--schema", SCHEMA, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 30_000);
      child.stdout.on("data", () => {
        const m = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    expect(output).toContain("model version 202403021200005");
    const answer = await (await fetch(`${url}/predict`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify([2, null]) })).json();
    expect(answer.version).toBe("202403021200005");
    expect(answer.rows[0][answer.columns.indexOf("pred")]).toBe(1);
    const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
    expect(output).toContain("streamlab: stopped");
  }, 60_000);
});
