import * as fs from "fs";
import * as path from "path";

/**
 * The import graph of src/, read from the text of the files (not from the compiler), so that
 * type-only imports count as edges too: a type-level cycle still ties two folders together.
 */

/** Layers from the bottom up; a file may import only from its own layer or one below it. */
export const LAYERS: readonly (readonly [layer: string, topFolders: readonly string[]])[] = [
  // values, schemas, tables, errors; parameter declarations; model tables and mappers as data
  ["core", ["core", "params", "common"]],
  // the lazy batch graph (engine/) and the event-time stream engine (stream/); the display port
  ["engine", ["engine", "stream"]],
  // every source and sink, one folder per format (io/csv, io/ak, io/memory, ...); generated data sets
  ["io", ["io", "datasets"]],
  // base/: what algorithm folders extend (pipeline-stage bases, the model-map stream op); then one
  // folder per algorithm family, one sub-folder per concept
  ["algorithms", ["base", "feature", "classification", "onlinelearning", "evaluation", "dataproc"]],
  // Pipeline, PipelineModel, LocalPredictor, the stage table, online learning of a whole pipeline;
  // exporting a fitted pipeline (ONNX)
  ["pipeline", ["pipeline", "export"]],
  ["notebook", ["notebook"]],
  ["index", ["index.ts"]],
  // Applications built on the public API (the prediction service, the command line), above the entry point.
  ["apps", ["serve", "cli"]],
];

export interface ImportEdge {
  from: string; // file, relative to the source root, with "/" separators
  to: string;
  spec: string; // the specifier as written
  line: number;
}

// `import … from "x"`, `export … from "x"`, `import "x"`, `require("x")`, `import("x")` (also in type positions).
const IMPORT_RE =
  /(?:^|[^\w$.])(?:import|export)\s+(?:type\s+)?(?:[\w$*{}\s,]*?\s+from\s+)?["']([^"']+)["']|(?:^|[^\w$.])(?:require|import)\s*\(\s*["']([^"']+)["']\s*\)/g;

/** Relative import specifiers in a source text, with their line numbers (comments are blanked first). */
export function importSpecifiers(text: string): { spec: string; line: number }[] {
  const code = blankComments(text);
  const out: { spec: string; line: number }[] = [];
  for (const m of code.matchAll(IMPORT_RE)) {
    const spec = m[1] ?? m[2];
    if (!spec.startsWith(".")) continue; // packages and node built-ins are outside the graph
    const at = (m.index ?? 0) + m[0].lastIndexOf(spec); // the match may start with the character before the keyword
    out.push({ spec, line: code.slice(0, at).split("\n").length });
  }
  return out;
}

/** Replaces comments by spaces (keeping newlines) so commented-out or documented imports do not count. */
function blankComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (c) => c.replace(/[^\n]/g, " "));
}

/** All .ts files under `root`, relative, "/"-separated. */
export function sourceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts")) out.push(path.relative(root, full).split(path.sep).join("/"));
    }
  };
  walk(root);
  return out.sort();
}

/** Edges between files of `files` (a map from relative path to text); unresolvable specifiers are reported. */
export function importEdges(files: ReadonlyMap<string, string>): { edges: ImportEdge[]; unresolved: ImportEdge[] } {
  const edges: ImportEdge[] = [];
  const unresolved: ImportEdge[] = [];
  for (const [file, text] of files) {
    for (const { spec, line } of importSpecifiers(text)) {
      const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      const target = [`${base}.ts`, `${base}/index.ts`, base].find((c) => files.has(c));
      if (target === undefined) unresolved.push({ from: file, to: base, spec, line });
      else if (target !== file) edges.push({ from: file, to: target, spec, line });
    }
  }
  return { edges, unresolved };
}

/** Top-level folder of a file ("index.ts" for the entry point and other loose files at the root). */
export function topFolder(file: string): string {
  return file.split("/")[0];
}

/**
 * The concept a file belongs to: its second-level folder (`io/csv`, `feature/hasher`), or, for a
 * file directly inside a top-level folder, the file itself (`engine/batchOperator`).
 */
export function conceptOf(file: string): string {
  const parts = file.split("/");
  if (parts.length <= 2) return file.replace(/\.ts$/, "");
  return `${parts[0]}/${parts[1]}`;
}

export function layerOf(file: string): { name: string; rank: number } | undefined {
  const top = topFolder(file);
  const rank = LAYERS.findIndex(([, folders]) => folders.includes(top));
  return rank < 0 ? undefined : { name: LAYERS[rank][0], rank };
}

/** Strongly connected components with more than one node (Tarjan), each sorted, the list sorted. */
export function cycles(nodes: Iterable<string>, next: (node: string) => Iterable<string>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of next(v)) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const v of nodes) if (!index.has(v)) visit(v);
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

export interface LayerFindings {
  unassigned: string[];
  upward: ImportEdge[];
  folderCycles: { members: string[]; edges: ImportEdge[] }[];
  conceptCycles: { members: string[]; edges: ImportEdge[] }[];
  fileCycles: { members: string[]; edges: ImportEdge[] }[];
}

/** Everything the layer rules forbid, found in one pass over the files. */
export function checkLayers(files: ReadonlyMap<string, string>): LayerFindings & { unresolved: ImportEdge[] } {
  const { edges, unresolved } = importEdges(files);
  const unassigned = [...files.keys()].filter((f) => layerOf(f) === undefined);
  const upward = edges.filter((e) => {
    const a = layerOf(e.from);
    const b = layerOf(e.to);
    return a !== undefined && b !== undefined && b.rank > a.rank;
  });
  const grouped = (key: (file: string) => string, keep: (e: ImportEdge) => boolean) => {
    const graph = new Map<string, Set<string>>();
    for (const e of edges) {
      if (!keep(e)) continue;
      const a = key(e.from);
      const b = key(e.to);
      if (a === b) continue;
      if (!graph.has(a)) graph.set(a, new Set());
      graph.get(a)!.add(b);
    }
    return cycles(graph.keys(), (n) => graph.get(n) ?? []).map((members) => ({
      members,
      edges: edges.filter((e) => keep(e) && key(e.from) !== key(e.to) && members.includes(key(e.from)) && members.includes(key(e.to))),
    }));
  };
  const sameLayer = (e: ImportEdge) => layerOf(e.from)?.rank === layerOf(e.to)?.rank;
  return {
    unresolved,
    unassigned,
    upward,
    folderCycles: grouped(topFolder, () => true),
    conceptCycles: grouped(conceptOf, sameLayer),
    fileCycles: grouped((f) => f, () => true),
  };
}

/** Reads every .ts file under `root` into a map. */
export function readSources(root: string): Map<string, string> {
  return new Map(sourceFiles(root).map((f) => [f, fs.readFileSync(path.join(root, f), "utf8")]));
}

export function formatEdge(e: ImportEdge): string {
  return `src/${e.from}:${e.line} imports "${e.spec}" (src/${e.to})`;
}
