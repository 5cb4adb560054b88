/**
 * A clone with nothing beside it must pass: no test, benchmark, script, notebook or library file
 * may read from outside the project (the shared reference folder that sits next to the developers'
 * checkout does not exist for users or for other CI systems). Documentation may mention it.
 */
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers";

const SKIP_DIRS = new Set(["node_modules", ".git", "dist", ".jupyter", ".ipynb_checkpoints"]);
const CHECKED = /\.(ts|js|cjs|mjs|json|ipynb|py|sh|java|xml)$|^run$/;

function* files(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) yield* files(path.join(dir, entry.name));
    } else if (CHECKED.test(entry.name) && entry.name !== "package-lock.json") yield path.join(dir, entry.name);
  }
}

/**
 * Path fragments that leave the project for the developers' reference folder (named `NEIGHBOUR`
 * here, so that this file does not itself spell such a path) or this machine's layout.
 */
const NEIGHBOUR = ["sh", "ared"].join("");
const OUTSIDE = [
  new RegExp(String.raw`\.\.[\\/]+${NEIGHBOUR}\b`), // "../<neighbour>/…"
  new RegExp(String.raw`["'\`]\.\.["'\`]\s*,\s*["'\`]\.\.["'\`]\s*,\s*["'\`]${NEIGHBOUR}["'\`]`), // path.join(__dirname, "..", "..", <neighbour>)
  new RegExp(String.raw`["'\`]\.\.["'\`]\s*,\s*["'\`]${NEIGHBOUR}["'\`]`), // path.join(ROOT, "..", <neighbour>)
  new RegExp(String.raw`\/work\/(${NEIGHBOUR}|main)\b`), // absolute paths of the developers' machine
];

describe("self-contained project", () => {
  it("no file outside documentation reads from beside the checkout", () => {
    const offenders: string[] = [];
    for (const file of files(ROOT)) {
      const lines = fs.readFileSync(file, "utf8").split("\n");
      lines.forEach((line, i) => {
        if (OUTSIDE.some((pattern) => pattern.test(line))) offenders.push(`${path.relative(ROOT, file)}:${i + 1}: ${line.trim().slice(0, 160)}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it("the detector finds the kinds of reference it guards against", () => {
    // Guards the guard: each pattern must flag the spelling it exists for.
    const samples = [`fs.readFileSync("../${NEIGHBOUR}/fixtures/x.json")`, `path.resolve(__dirname, "..", "..", "${NEIGHBOUR}")`, `path.join(ROOT, "..", "${NEIGHBOUR}")`, `/work/${NEIGHBOUR}/fixtures`];
    for (const sample of samples) expect(OUTSIDE.some((pattern) => pattern.test(sample)), sample).toBe(true);
    expect(OUTSIDE.some((pattern) => pattern.test(`import { X } from "../params/${NEIGHBOUR}";`))).toBe(false);
  });

  it("every fixture a test names exists inside test/fixtures", () => {
    const docs = path.join(ROOT, "test", "fixtures", "alink-docs");
    const named = new Set<string>();
    for (const file of files(path.join(ROOT, "test"))) {
      if (file.startsWith(docs)) continue;
      for (const m of fs.readFileSync(file, "utf8").matchAll(/["'`]([A-Z][A-Za-z]+__\d+)(?:\.json)?["'`]/g)) named.add(m[1]);
    }
    expect(named.size).toBeGreaterThan(10);
    const missing = [...named].filter((name) => !fs.existsSync(path.join(docs, `${name}.json`)));
    expect(missing).toEqual([]);
  });
});
