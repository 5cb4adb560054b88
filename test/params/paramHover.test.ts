// Hover documentation for parameter setters and getters, as an editor (VS Code) or tslab sees it: a
// TypeScript language service over a file that imports "streamlab" (node_modules/streamlab links to
// this checkout, so the built dist/ with its generated dist/params.d.ts is what resolves).
//
// Why this test exists: accessors are typed through a mapped type (ParamAccessors), which carries no
// documentation; before dist/params.d.ts the quick info of `setFilePath` had an empty doc.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist");
const PROBE = path.join(ROOT, "__hover_probe__.ts");

/** Quick info (signature text and doc text) at each marked position of `text`, as a user's editor asks. */
function quickInfos(text: string, positions: readonly number[]): { signature: string; doc: string }[] {
  const files = new Map([[PROBE, text]]);
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [PROBE],
    getScriptVersion: () => "1",
    getScriptSnapshot: (f) => {
      const t = files.get(f) ?? (ts.sys.fileExists(f) ? ts.sys.readFile(f) : undefined);
      return t === undefined ? undefined : ts.ScriptSnapshot.fromString(t);
    },
    getCurrentDirectory: () => ROOT,
    getCompilationSettings: () => ({
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      strict: true,
      types: ["node"],
      esModuleInterop: true,
    }),
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (f) => files.has(f) || ts.sys.fileExists(f),
    readFile: (f) => files.get(f) ?? ts.sys.readFile(f),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
    realpath: ts.sys.realpath,
  };
  const service = ts.createLanguageService(host);
  return positions.map((pos) => {
    const info = service.getQuickInfoAtPosition(PROBE, pos);
    return { signature: ts.displayPartsToString(info?.displayParts), doc: ts.displayPartsToString(info?.documentation) };
  });
}

/** Semantic errors the compiler reports in one declaration file of dist/ when a user's file imports the package. */
function errorsIn(file: string): string[] {
  const program = ts.createProgram([file], { strict: true, noEmit: true, types: ["node"], module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 });
  const source = program.getSourceFile(file)!;
  return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) =>
    ts.flattenDiagnosticMessageText(d.messageText, "\n"),
  );
}

/** Names of the generic classes declared in dist/ (`export declare … class X<…>`). */
function genericClasses(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith(".d.ts")) {
        for (const m of fs.readFileSync(full, "utf8").matchAll(/^export declare (?:abstract )?class (\w+)</gm)) names.add(m[1]);
      }
    }
  };
  walk(DIST);
  return names;
}

type Spec = { doc: string; typeLabel: string; defaultValue: unknown };
type ParamClass = { name: string; PARAMS: Record<string, Spec>; prototype: object };

describe("parameter docs on hover (generated dist/params.d.ts)", () => {
  let api: Record<string, unknown>;

  beforeAll(() => {
    if (!fs.existsSync(path.join(DIST, "index.js"))) {
      const r = spawnSync("npm", ["run", "build"], { cwd: ROOT, encoding: "utf8" });
      if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
    }
    // The post-build step itself, so that this test checks the generator in this checkout.
    const r = spawnSync(process.execPath, [path.join(ROOT, "scripts", "param-dts.js")], { cwd: ROOT, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`scripts/param-dts.js failed:\n${r.stdout}\n${r.stderr}`);
    api = require(path.join(DIST, "index.js"));
  }, 240_000);

  it("shows doc, type and default for new CsvSourceBatchOp().setFilePath in a file importing streamlab", () => {
    const text = [
      'import { CsvSourceBatchOp, FtrlTrainStreamOp } from "streamlab";',
      'new CsvSourceBatchOp().setFilePath("a.csv");',
      'new CsvSourceBatchOp().setHandleInvalidMethod("SKIP");',
      "new CsvSourceBatchOp().getIgnoreFirstLine();",
      "",
    ].join("\n");
    const [setFilePath, setHandle, getIgnore] = quickInfos(text, [
      text.indexOf("setFilePath") + 3,
      text.indexOf("setHandleInvalidMethod") + 3,
      text.indexOf("getIgnoreFirstLine") + 3,
    ]);
    expect(setFilePath.signature).toBe("(method) CsvSourceBatchOp.setFilePath(value: string): CsvSourceBatchOp");
    expect(setFilePath.doc).toContain("Path of the file (relative paths are resolved against the working directory).");
    expect(setFilePath.doc).toContain("Required (no default)");
    // The literal union, not `string`: the declared enum values.
    expect(setHandle.signature).toBe('(method) CsvSourceBatchOp.setHandleInvalidMethod(value: "ERROR" | "SKIP"): CsvSourceBatchOp');
    expect(setHandle.doc).toContain('Default: "ERROR"');
    expect(setHandle.doc).toContain("Aliases: handleInvalid");
    expect(getIgnore.signature).toBe("(method) CsvSourceBatchOp.getIgnoreFirstLine(): boolean");
    expect(getIgnore.doc).toContain("Skip the first line (a header).");
    expect(getIgnore.doc).toContain("Default: false");
  });

  it("every exported operator and stage documents every installed accessor with its declared doc", () => {
    const classes = Object.entries(api)
      .filter(([name, v]) => typeof v === "function" && (v as unknown as ParamClass).name === name && Object.keys((v as unknown as ParamClass).PARAMS ?? {}).length > 0)
      .map(([, v]) => v as unknown as ParamClass)
      // Generic bases (TrainerEstimator<M>) need type arguments to name; their subclasses are checked.
      .filter((c) => !genericClasses().has(c.name));
    const lines = [`import * as sl from "streamlab";`];
    const probes: { cls: string; method: string; doc: string; pos: number }[] = [];
    let text = lines.join("\n") + "\n";
    for (const cls of classes) {
      for (const [name, spec] of Object.entries(cls.PARAMS)) {
        const method = `set${name.charAt(0).toUpperCase()}${name.slice(1)}`;
        // Hand-written setters keep their own doc; the generator skips them, and so does this check.
        const own = (cls.prototype as Record<string, unknown>)[method];
        if (typeof own === "function" && own.name === method) continue;
        const line = `declare const v${probes.length}: sl.${cls.name}; v${probes.length}.${method};\n`;
        probes.push({ cls: cls.name, method, doc: spec.doc, pos: text.length + line.lastIndexOf(method) + 1 });
        text += line;
      }
    }
    expect(classes.length).toBeGreaterThan(40);
    expect(probes.length).toBeGreaterThan(250);
    const infos = quickInfos(text, probes.map((p) => p.pos));
    const missing = probes.filter((p, i) => !infos[i].doc.includes(p.doc) || !infos[i].signature.endsWith(`): sl.${p.cls}`));
    expect(missing.map((p) => `${p.cls}.${p.method}`)).toEqual([]);
  });

  it("the generated declarations compile without errors and are referenced from dist/index.d.ts", () => {
    expect(fs.readFileSync(path.join(DIST, "index.d.ts"), "utf8").split("\n")[0]).toBe('/// <reference path="./params.d.ts" />');
    expect(errorsIn(path.join(DIST, "params.d.ts"))).toEqual([]);
  });
});
