import * as fs from "fs";
import * as path from "path";
import { modelStreamHistory, parseModelTimestamp } from "../index";

/** One entry of `streamlab inspect`. */
export interface InspectedVersion {
  version: string;
  time: string;
  rows: number | null;
  files: number | null;
  bytes: number;
  status: string;
}

/** What `streamlab inspect <dir>` reports: committed versions, and leftovers of commits that did not finish. */
export interface Inspection {
  folder: string;
  versions: InspectedVersion[];
  /** Staging entries in conf/ of commits that never reached their commit point (a writer stopped mid-commit). */
  incomplete: { version: string; what: string }[];
}

/** Reads a model-stream folder as `streamlab inspect` shows it. */
export function inspectModelStream(dir: string): Inspection {
  const folder = path.resolve(dir);
  if (!fs.existsSync(folder)) throw new Error(`${folder} does not exist.`);
  if (!fs.statSync(folder).isDirectory()) throw new Error(`${folder} is a file; a model stream is a folder (<timestamp>/ folders + conf/).`);
  const versions = modelStreamHistory(folder)
    .collect()
    .map((r) => ({
      version: r[0] as string,
      time: (r[1] as Date).toISOString().replace("T", " ").replace("Z", ""),
      rows: r[2] as number | null,
      files: r[3] as number | null,
      bytes: r[4] as number,
      status: r[5] as string,
    }));
  const incomplete: Inspection["incomplete"] = [];
  const conf = path.join(folder, "conf");
  if (fs.existsSync(conf)) {
    for (const entry of fs.readdirSync(conf, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const staged = /^(\d+)(?:_(\d+))?$/.exec(entry.name);
      if (staged === null || parseModelTimestamp(staged[1]) === null) continue;
      if (entry.isDirectory() && staged[2] === undefined) incomplete.push({ version: staged[1], what: `conf/${entry.name}/ (staged, never committed)` });
      else if (!entry.isDirectory() && staged[2] !== undefined) incomplete.push({ version: staged[1], what: `conf/${entry.name} (file ${staged[2]} written, never moved)` });
    }
  }
  return { folder, versions, incomplete };
}

/** The inspection as a text table. */
export function formatInspection(inspection: Inspection): string {
  const header = ["version", "time (UTC)", "rows", "files", "bytes", "status"];
  const body = inspection.versions.map((v) => [v.version, v.time, String(v.rows ?? "–"), String(v.files ?? "–"), String(v.bytes), v.status]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c])).join("  ").trimEnd();
  const out = [`${inspection.folder}: ${inspection.versions.length} version${inspection.versions.length === 1 ? "" : "s"}`, line(header), ...body.map(line)];
  if (inspection.incomplete.length > 0) {
    out.push("", `incomplete commits (${inspection.incomplete.length}; readers ignore them):`);
    for (const i of inspection.incomplete) out.push(`  ${i.version}  ${i.what}`);
  }
  return out.join("\n");
}
