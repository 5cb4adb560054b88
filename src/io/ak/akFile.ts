import * as fs from "fs";
import * as path from "path";
import { StreamlabError } from "../../core/errors";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { ByteSink } from "./kryo";
import { META_ENTRY, formatMeta, parseMeta } from "./meta";
import { AkDecoder, encodeRecords } from "./rowCodec";
import { readZip, writeZip } from "./zip";

/**
 * `.ak` files and folders (reference §13.1, §13.5, errata E25, E27).
 *
 * A path is read as one `.ak` file, or — when it is a directory — as every file in it (names
 * starting with `_` or `.` skipped, as Alink's `AkInputFormat` does; sub-folders read the same
 * way), concatenated. Alink lists a folder in the file system's order (unsorted on Linux);
 * streamlab sorts names numerically (`1, 2, …, 10`; other names after, by text), so a read is the
 * same on every machine. Every file must carry the same schema (Alink decodes all with the first
 * file's meta, which goes wrong silently when they differ).
 *
 * Inside a file every entry other than `alink_meta.json` (any case) is a record stream, in entry
 * order (Alink's `AkReader`).
 */
export function listAkFiles(target: string): string[] {
  if (!fs.statSync(target).isDirectory()) return [target];
  const names = fs
    .readdirSync(target)
    .filter((n) => !n.startsWith("_") && !n.startsWith("."))
    .sort(compareNames);
  return names.flatMap((n) => listAkFiles(path.join(target, n)));
}

function compareNames(a: string, b: string): number {
  const na = /^\d+$/.test(a) ? Number(a) : NaN;
  const nb = /^\d+$/.test(b) ? Number(b) : NaN;
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  if (!Number.isNaN(na)) return -1;
  if (!Number.isNaN(nb)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The schema of an `.ak` file or folder (from its first file's meta). */
export function readAkSchema(target: string, shown = target): Schema {
  const files = listAkFiles(target);
  if (files.length === 0) throw new StreamlabError(`${shown} is an empty folder; expected .ak files in it.`, { file: shown });
  return openAk(files[0], display(files[0], target, shown), true).schema;
}

function display(file: string, root: string, shown: string): string {
  return file === root ? shown : path.join(shown, path.relative(root, file));
}

interface OpenAk {
  schema: Schema;
  data: { name: string; bytes: Uint8Array }[];
}

function openAk(file: string, shown: string, metaOnly = false): OpenAk {
  const entries = readZip(fs.readFileSync(file), shown, metaOnly ? (name) => name.toLowerCase() === META_ENTRY : undefined);
  const meta = entries.find((e) => e.name.toLowerCase() === META_ENTRY);
  if (meta === undefined) {
    const names = entries.map((e) => e.name).join(", ") || "none";
    throw new StreamlabError(`${shown}: not an .ak file: the ZIP archive has no "${META_ENTRY}" entry (entries: ${names}).`, { file: shown });
  }
  const data = entries.filter((e) => e.name.toLowerCase() !== META_ENTRY).map((e) => ({ name: e.name, bytes: e.data }));
  if (data.length === 0) throw new StreamlabError(`${shown}: not an .ak file: the ZIP archive has no "data" entry, only "${META_ENTRY}".`, { file: shown });
  return { schema: parseMeta(meta.data, shown), data };
}

/** Reads an `.ak` file or folder into one table; `shown` is the path as the user gave it. */
export function readAk(target: string, shown = target): Table {
  return readAkFiles(listAkFiles(target), target, shown);
}

/** Reads the given `.ak` files (all with the same schema) into one table. */
export function readAkFiles(files: readonly string[], root: string, shown: string): Table {
  if (files.length === 0) throw new StreamlabError(`${shown} is an empty folder; expected .ak files in it.`, { file: shown });
  let decoder: AkDecoder | null = null;
  let firstFile = "";
  for (const file of files) {
    const name = display(file, root, shown);
    const ak = openAk(file, name);
    if (decoder === null) {
      const bytes = ak.data.reduce((s, d) => s + d.bytes.length, 0);
      decoder = new AkDecoder(ak.schema, Math.max(16, bytes >> 5));
      firstFile = name;
    } else if (!ak.schema.equals(decoder.schema)) {
      throw new StreamlabError(`${name}: schema ${ak.schema} differs from ${decoder.schema} of ${firstFile}; every file of an .ak folder must have the same schema.`, {
        file: name,
      });
    }
    for (const d of ak.data) decoder.decodeEntry(d.bytes, name, d.name);
  }
  return decoder!.build();
}

export interface AkWriteOptions {
  numFiles?: number;
  overwrite?: boolean;
  operator?: string;
  /** DOS timestamp of the entries (default: now, as Java). */
  date?: Date;
}

/**
 * Writes `table` as Alink's `AkSinkBatchOp` does: one `.ak` file at `target` when `numFiles` is 1,
 * else a folder at `target` holding files `1 … numFiles`, row i in file (i mod numFiles) + 1 —
 * the round-robin order seen in Alink 1.6.2's `setNumFiles(2)` output. Files are written to a
 * temporary name and renamed.
 */
export function writeAk(table: Table, target: string, options: AkWriteOptions = {}): void {
  const numFiles = options.numFiles ?? 1;
  const operator = options.operator ?? "AkSinkBatchOp";
  const resolved = path.resolve(target);
  if (fs.existsSync(resolved)) {
    if (!options.overwrite) {
      throw new StreamlabError(`${operator}: ${resolved} already exists; setOverwriteSink(true) to replace it.`, { operator, param: "filePath", file: resolved });
    }
    fs.rmSync(resolved, { recursive: true, force: true });
  }
  fs.mkdirSync(path.dirname(resolved), { recursive: true });
  if (numFiles === 1) {
    writeAtomically(resolved, akBytes(table, undefined, options.date));
    return;
  }
  fs.mkdirSync(resolved);
  for (let f = 0; f < numFiles; f++) {
    const rows: number[] = [];
    for (let r = f; r < table.numRows; r += numFiles) rows.push(r);
    writeAtomically(path.join(resolved, String(f + 1)), akBytes(table, rows, options.date));
  }
}

/** The bytes of one `.ak` file holding the given rows of `table` (all when omitted). */
export function akBytes(table: Table, rows?: ArrayLike<number>, date?: Date): Buffer {
  const data = encodeRecords(table, rows, new ByteSink(Math.max(1 << 12, table.numRows * 16)));
  return akBytesFromRecords(table.schema, data, date);
}

export function akBytesFromRecords(schema: Schema, records: Uint8Array, date?: Date): Buffer {
  return writeZip([{ name: META_ENTRY, data: Buffer.from(formatMeta(schema), "utf8") }, { name: "data", data: records }], date);
}

export function writeAtomically(file: string, bytes: Uint8Array): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(temporary, bytes);
  fs.renameSync(temporary, file);
}
