import * as path from "path";
import { describe, expect, it } from "vitest";
import { LAYERS, checkLayers, formatEdge, readSources } from "./importGraph";

/**
 * Layers with arrows one way (issue 15): core → engine → io → algorithms → pipeline → notebook → index.
 * A file may import its own layer or a lower one; top-level folders, concept folders inside a layer and
 * files must not import each other in a circle. Type-only imports count: `import type` ties modules
 * together as much as a value import does for someone reading or moving them.
 */
const SRC = path.resolve(__dirname, "../../src");

describe("architecture: one-way layers", () => {
  const findings = checkLayers(readSources(SRC));
  const cycleText = (list: { members: string[]; edges: Parameters<typeof formatEdge>[0][] }[]) =>
    list.map((c) => `cycle ${c.members.join(" ↔ ")}:\n    ${c.edges.map(formatEdge).join("\n    ")}`);

  it("every file under src/ belongs to a layer and every relative import resolves", () => {
    expect(findings.unassigned, `layers are ${LAYERS.map(([l, f]) => `${l}: ${f.join(", ")}`).join("; ")}`).toEqual([]);
    expect(findings.unresolved.map(formatEdge)).toEqual([]);
  });

  it("no import from a higher layer", () => {
    expect(findings.upward.map(formatEdge)).toEqual([]);
  });

  it("no cycle between top-level folders", () => {
    expect(cycleText(findings.folderCycles)).toEqual([]);
  });

  it("no cycle between concept folders inside a layer", () => {
    expect(cycleText(findings.conceptCycles)).toEqual([]);
  });

  it("no cycle between files (value or type imports)", () => {
    expect(cycleText(findings.fileCycles)).toEqual([]);
  });
});

describe("architecture: the checker itself", () => {
  // A small made-up tree with one of each fault, so a checker that finds nothing fails here.
  const files = new Map<string, string>([
    ["core/a.ts", `import type { B } from "../engine/b";\nexport const a = 1;`],
    ["engine/b.ts", `import { a } from "../core/a";\nexport type B = number;`],
    ["io/x/one.ts", `export { two } from "../y/two";`],
    ["io/y/two.ts", `// import { one } from "../x/one";  (a comment does not count)\nconst one = require("../x/one");\nexport const two = 2;`],
    ["feature/f.ts", `const n = import("../notebook/n");`],
    ["notebook/n.ts", `import { f } from "../feature/f";`],
    ["pipeline/p.ts", `import { q } from "./missing";`],
    ["stray/s.ts", ``],
  ]);
  const f = checkLayers(files);

  it("finds upward imports, including type-only and dynamic ones", () => {
    expect(f.upward.map((e) => `${e.from}->${e.to}`).sort()).toEqual(["core/a.ts->engine/b.ts", "feature/f.ts->notebook/n.ts"]);
  });

  it("finds folder, concept and file cycles; ignores commented imports", () => {
    expect(f.folderCycles.map((c) => c.members)).toEqual([["core", "engine"], ["feature", "notebook"]]);
    expect(f.conceptCycles.map((c) => c.members)).toEqual([["io/x", "io/y"]]);
    expect(f.conceptCycles[0].edges.map((e) => e.line)).toEqual([1, 2]);
    expect(f.fileCycles).toHaveLength(3);
  });

  it("reports unresolved imports and files outside every layer", () => {
    expect(f.unresolved.map((e) => e.spec)).toEqual(["./missing"]);
    expect(f.unassigned).toEqual(["stray/s.ts"]);
  });
});
