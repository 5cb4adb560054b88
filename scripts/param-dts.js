// Post-build step (`npm run build`): writes dist/params.d.ts so that hovering `setFilePath` in
// tslab or VS Code shows the parameter's doc, type and default.
//
// Why generated: setters and getters are typed through a mapped type (ParamAccessors in
// src/params/withParams.ts), and a mapped type carries no documentation — the doc is a string in
// the `Param.*` declaration, not a JSDoc comment, so the language service has nothing to show.
// This script reads the declarations at run time (the same objects the setters validate against,
// so nothing is declared twice) and emits declaration-merged interfaces, one per exported class:
//
//   declare module "./io/csv/CsvSourceBatchOp" {
//     interface CsvSourceBatchOp {
//       /** Path of the file … *​/
//       setFilePath(value: ParamValue<(typeof CsvSourceBatchOp.PARAMS)["filePath"]>): this;
//     }
//   }
//
// The value types are written as `ParamValue<…>` of the class's own PARAMS, so they are exactly the
// types the mapped accessors already had; the language service shows them resolved (`string`).
"use strict";
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist");
const OUT = path.join(DIST, "params.d.ts");
const REFERENCE = '/// <reference path="./params.d.ts" />';

function capitalize(name) {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Every `.d.ts` under dir, recursively. */
function declarationFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...declarationFiles(full));
    else if (entry.name.endsWith(".d.ts")) out.push(full);
  }
  return out;
}

/**
 * Class name → its declaring module ("./io/csv/CsvSourceBatchOp") and type parameters text. An
 * interface merges with a class only in the module that declares it, so the augmentation must name
 * that module, not the index that re-exports it.
 */
function classModules() {
  const found = new Map();
  const pattern = /^export declare (?:abstract )?class (\w+)(<[^{]*?>)?\s+(?:extends|implements|\{)/gm;
  for (const file of declarationFiles(DIST)) {
    if (file === OUT) continue;
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(pattern)) {
      const rel = "./" + path.relative(DIST, file).replace(/\\/g, "/").replace(/\.d\.ts$/, "");
      if (!found.has(m[1])) found.set(m[1], { module: rel, typeParams: m[2] ?? "" });
    }
  }
  return found;
}

/**
 * True when `name` is a method written in the class (or a parent) rather than installed from PARAMS.
 * Installed accessors are anonymous functions stored under a descriptor's `value`, so their name is
 * "value"; a written method keeps its own name. A written method keeps its written signature and doc.
 */
function hasWrittenMethod(cls, name) {
  for (let proto = cls.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    const d = Object.getOwnPropertyDescriptor(proto, name);
    if (d && typeof d.value === "function" && d.value.name === name) return true;
    if (d && (d.get || d.set)) return true;
  }
  return false;
}

/** JSON for a default, cut so a hover stays readable. */
function showDefault(value) {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 80 ? text.slice(0, 80) + "…" : text;
}

/** A JSDoc body safe inside `/** … *\/`. */
function jsdoc(lines, indent) {
  const safe = lines.map((l) => l.replace(/\*\//g, "*\\/"));
  return [`${indent}/**`, ...safe.map((l) => `${indent} * ${l}`.trimEnd()), `${indent} */`].join("\n");
}

/** The doc lines shown on hover for one parameter's setter or getter. */
function paramDocLines(className, name, spec, kind) {
  const required = spec.defaultValue === undefined;
  const head = kind === "set" ? `Sets \`${name}\`: ${spec.doc}` : `Reads \`${name}\` (the value set, else the default): ${spec.doc}`;
  const lines = [head, ""];
  lines.push(`Type: ${spec.typeLabel}${spec.describe ? ` — ${spec.describe()}` : ""}. ${required ? "Required (no default)." : `Default: ${showDefault(spec.defaultValue)}.`}`);
  if (spec.aliases && spec.aliases.length) lines.push(`Aliases: ${spec.aliases.join(", ")}.`);
  lines.push(`See all parameters: \`${className}.params()\` or \`op.showParams()\`.`);
  return lines;
}

/** Text of dist/params.d.ts for the classes exported by the built package. */
function generate(api) {
  const modules = classModules();
  const blocks = [];
  const names = Object.keys(api).sort();
  let classes = 0;
  let methods = 0;
  for (const exportName of names) {
    const cls = api[exportName];
    if (typeof cls !== "function" || !cls.PARAMS || typeof cls.PARAMS !== "object") continue;
    const where = modules.get(cls.name);
    // Generic classes (abstract bases such as TrainerEstimator<M>) are skipped: a merged interface
    // must repeat the type parameters with their constraints, whose names are not in scope here.
    if (!where || cls.name !== exportName || where.typeParams) continue;
    const members = [];
    for (const [name, spec] of Object.entries(cls.PARAMS)) {
      if (!spec || typeof spec.doc !== "string") continue;
      const valueType = `ParamValue<(typeof _${cls.name}.PARAMS)[${JSON.stringify(name)}]>`;
      const setter = `set${capitalize(name)}`;
      const getter = `get${capitalize(name)}`;
      if (!hasWrittenMethod(cls, setter)) {
        members.push(jsdoc(paramDocLines(cls.name, name, spec, "set"), "    "), `    ${setter}(value: ${valueType}): this;`);
        methods++;
      }
      if (!hasWrittenMethod(cls, getter)) {
        members.push(jsdoc(paramDocLines(cls.name, name, spec, "get"), "    "), `    ${getter}(): ${valueType};`);
        methods++;
      }
    }
    if (!members.length) continue;
    classes++;
    blocks.push(
      `import type { ${cls.name} as _${cls.name} } from ${JSON.stringify(where.module)};`,
      `declare module ${JSON.stringify(where.module)} {`,
      `  interface ${cls.name} {`,
      ...members,
      "  }",
      "}",
      "",
    );
  }
  const header = [
    "// Generated by scripts/param-dts.js after `tsc` (npm run build): parameter docs for hover.",
    "// Do not edit; the source of truth is each class's `static PARAMS` declaration.",
    'import type { ParamValue } from "./params/param";',
    "",
  ];
  return { text: header.join("\n") + blocks.join("\n") + "export {};\n", classes, methods };
}

const PLAIN_TYPE = /^(?:string|number|boolean|null|undefined|"(?:[^"\\]|\\.)*"|\d+|[\s|()\[\]])+$/;

/**
 * Rewrites each `ParamValue<…>` in the generated file to the type it resolves to (`string`,
 * `"ERROR" | "SKIP"`, `number[] | null`) when that is made of primitives and literals only, so a
 * hover reads `setHandleInvalidMethod(value: "ERROR" | "SKIP")`. Other types keep the `ParamValue`
 * form, which is the same type. Asks the TypeScript checker, which resolves it exactly as a user's
 * editor would.
 */
function resolveValueTypes(text) {
  const ts = require("typescript");
  const options = { strict: true, noEmit: true, skipLibCheck: true, types: [], module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 };
  const program = ts.createProgram([OUT], options);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(OUT);
  // A class whose static PARAMS is typed loosely (or lacks a key its runtime value has) would make
  // `(typeof X.PARAMS)["k"]` an error; such a value type falls back to `unknown` (the runtime
  // check still validates it) rather than leaving an error in every user's program.
  const broken = program.getSemanticDiagnostics(source).filter((d) => d.start !== undefined);
  const edits = [];
  const fallbacks = [];
  const visit = (node) => {
    if (ts.isTypeReferenceNode(node) && node.typeName.getText(source) === "ParamValue") {
      const start = node.getStart(source);
      const end = node.getEnd();
      if (broken.some((d) => d.start >= start && d.start < end)) {
        edits.push({ start, end, shown: "unknown" });
        fallbacks.push(node.getText(source));
        return;
      }
      const shown = checker.typeToString(checker.getTypeFromTypeNode(node), undefined, ts.TypeFormatFlags.NoTruncation);
      if (PLAIN_TYPE.test(shown)) edits.push({ start, end, shown });
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (fallbacks.length) console.warn(`[streamlab] dist/params.d.ts: ${fallbacks.length} value types left as unknown (PARAMS typed loosely): ${fallbacks.slice(0, 5).join(", ")}`);
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.shown + out.slice(e.end);
  return { text: out, resolved: edits.length };
}

function main() {
  const api = require(path.join(DIST, "index.js"));
  const { text, classes, methods } = generate(api);
  fs.writeFileSync(OUT, text);
  const { text: resolvedText, resolved } = resolveValueTypes(text);
  fs.writeFileSync(OUT, resolvedText);
  const indexDts = path.join(DIST, "index.d.ts");
  const index = fs.readFileSync(indexDts, "utf8");
  if (!index.includes(REFERENCE)) fs.writeFileSync(indexDts, REFERENCE + "\n" + index);
  console.log(`[streamlab] dist/params.d.ts: ${methods} documented accessors on ${classes} classes (${resolved} value types spelled out).`);
}

if (require.main === module) main();

module.exports = { generate, paramDocLines };
