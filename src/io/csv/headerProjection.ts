import * as fs from "fs";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { TypeName } from "../../core/types";

/**
 * Columns chosen by header name (a streamlab addition to Alink's positional CSV reading).
 *
 * With `ignoreFirstLine`, when the first line is a header that names every schema column but in
 * another order or among other columns, the file is read in the header's layout and the schema's
 * columns are picked by name. Reading `"id string, click int, C1 string"` from a file whose columns
 * are `id,click,hour,C1,…` then gives `C1`, not the third column (`hour`) as Alink's positional
 * reading would — a silent mix-up otherwise. A header that does not name every schema column keeps
 * Alink's positional reading.
 */
export interface HeaderProjection {
  /** The schema the file is parsed with: the header's columns, unselected ones as STRING. */
  fileSchema: Schema;
  /** For each output column, its index in the file. */
  pick: number[];
}

export function headerProjection(file: string, schema: Schema, fieldDelimiter: string, quoteChar: string | null): HeaderProjection | null {
  const fd = fs.openSync(file, "r");
  let text: string;
  try {
    const buf = Buffer.alloc(65536);
    const read = fs.readSync(fd, buf, 0, buf.length, 0);
    text = buf.subarray(0, read).toString("utf8");
  } finally {
    fs.closeSync(fd);
  }
  const end = text.indexOf("\n");
  if (end < 0 && text.length === 65536) return null;
  const line = (end < 0 ? text : text.slice(0, end)).replace(/\r$/, "").replace(/^\ufeff/, "");
  const unquote = (s: string) => (quoteChar !== null && s.length >= 2 && s.startsWith(quoteChar) && s.endsWith(quoteChar) ? s.slice(1, -1) : s);
  const header = line.split(fieldDelimiter).map((s) => unquote(s.trim()));
  const lower = header.map((h) => h.toLowerCase());
  if (new Set(lower).size !== lower.length) return null;
  const pick = schema.names.map((name) => lower.indexOf(name.toLowerCase()));
  if (pick.some((i) => i < 0)) return null;
  if (pick.every((i, k) => i === k)) return null; // already positional
  const types: TypeName[] = header.map(() => "STRING");
  pick.forEach((fileIndex, k) => (types[fileIndex] = schema.types[k]));
  return { fileSchema: new Schema(header, types), pick };
}

/** The schema's columns of a chunk read with the header's layout. */
export function projectChunk(table: Table, schema: Schema, projection: HeaderProjection | null): Table {
  return projection === null ? table : new Table(schema, projection.pick.map((i) => table.columns[i]));
}
