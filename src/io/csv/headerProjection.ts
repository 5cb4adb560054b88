import * as fs from "fs";
import { StreamlabError, quote } from "../../core/errors";
import { Schema } from "../../core/schema";
import { closest } from "../../core/suggest";
import { CsvLayout } from "./CsvChunkParser";

/**
 * Columns chosen by header name (a streamlab addition to Alink's positional CSV reading), used
 * with `ignoreFirstLine`. The header (the first line that is not blank) is split with the file's
 * delimiter and quote rules; names are trimmed and compared case-insensitively (as Alink looks
 * columns up). The rule, so that no column is ever read from the wrong place without a word:
 *
 * 1. The header names at least one schema column, or has more fields than the schema has
 *    columns: it is taken for the file's column names. Every schema column must then be named
 *    exactly once — a schema column the header does not name is an error (with the header's names
 *    and the closest one), and so is a schema column the header names twice. The file is read in
 *    the header's layout (every line must have the header's number of fields) and each schema
 *    column comes from the field its name is at; other fields are skipped, not decoded.
 *    Reading `"id string, click int, C1 string"` from a file whose columns are `id,click,hour,C1,…`
 *    thus gives `C1`, not the third column (`hour`) as Alink's positional reading would.
 * 2. Otherwise (it names none of the schema columns and has no more fields than the schema has
 *    columns — e.g. `x,y` over `"a int, b int"`, or a title line) the header is not a header of
 *    names for this schema: columns are read by position, as in Alink, and every line must have
 *    the schema's number of fields.
 *
 * A header naming exactly the schema's columns in the schema's order is the same as positional
 * reading and gives no layout (null).
 */

/** How many bytes of a header line are read before giving up on finding its end. */
const MAX_HEADER_BYTES = 16 * 1024 * 1024;

export interface HeaderFormat {
  fieldDelimiter: string;
  rowDelimiter: string;
  quoteChar: string | null;
  skipBlankLine: boolean;
}

/** The file's layout from its header, or null to read by position (see the rule above). */
export function headerLayout(file: string, displayName: string, schema: Schema, format: HeaderFormat, operator: string): CsvLayout | null {
  const header = readHeader(file, format);
  if (header === null) return null;
  const { names, line } = header;
  const lower = names.map((h) => h.toLowerCase());
  const matches = schema.names.map((name) => {
    const key = name.toLowerCase();
    const at: number[] = [];
    lower.forEach((h, i) => h === key && at.push(i));
    return at;
  });
  const named = matches.filter((at) => at.length > 0).length;
  if (named === 0 && names.length <= schema.size) return null;

  const context = { operator, file: displayName, line };
  const shown = names.length > 60 ? `${names.slice(0, 60).map((h) => quote(h, 40)).join(", ")}, … (${names.length} in all)` : names.map((h) => quote(h, 40)).join(", ");
  const why =
    named > 0
      ? `the header names ${named} of the schema's ${schema.size} columns, so columns are selected by name (ignoreFirstLine)`
      : `the header has ${names.length} fields but the schema only ${schema.size} columns, so columns would be selected by name (ignoreFirstLine)`;
  const missing = schema.names.filter((_, k) => matches[k].length === 0);
  if (missing.length > 0) {
    const each = missing.map((name) => {
      const hint = closest(name, names);
      return hint === undefined ? quote(name) : `${quote(name)} (did you mean ${quote(hint)}?)`;
    });
    throw new StreamlabError(
      `${operator}: ${displayName} line ${line}: the header does not name schema column${missing.length === 1 ? "" : "s"} ${each.join(", ")}; ` +
        `${why}. Header names: ${shown}. Use the header's names in the schema string, or remove the header and set ignoreFirstLine(false) to read by position.`,
      { ...context, column: missing[0] },
    );
  }
  const twice = schema.names.findIndex((_, k) => matches[k].length > 1);
  if (twice >= 0) {
    const fields = matches[twice].map((i) => i + 1).join(" and ");
    throw new StreamlabError(
      `${operator}: ${displayName} line ${line}: the header names column ${quote(schema.names[twice])} more than once (fields ${fields}), ` +
        `so it is not clear which one to read. Header names: ${shown}. Rename one of them in the file.`,
      { ...context, column: schema.names[twice] },
    );
  }
  const pick = matches.map((at) => at[0]);
  if (names.length === schema.size && pick.every((i, k) => i === k)) return null; // already positional
  return { fieldCount: names.length, pick };
}

/** The header's names and its line number, or null for a file with no non-blank line. */
function readHeader(file: string, format: HeaderFormat): { names: string[]; line: number } | null {
  const fd = fs.openSync(file, "r");
  let bytes = Buffer.alloc(0);
  let eof = false;
  try {
    const universal = format.rowDelimiter === "\n" || format.rowDelimiter === "\r\n" || format.rowDelimiter === "\r";
    let line = 0;
    let start = 0;
    for (;;) {
      // Find the end of the line starting at `start`, reading more of the file as needed.
      let end = -1;
      let endLen = 0;
      for (;;) {
        if (universal) {
          const lf = bytes.indexOf(10, start);
          const cr = bytes.indexOf(13, start);
          end = cr >= 0 && (lf < 0 || cr < lf) ? cr : lf;
          if (end >= 0) endLen = bytes[end] === 13 && bytes[end + 1] === 10 ? 2 : 1;
          if (end >= 0 && bytes[end] === 13 && end + 1 >= bytes.length && !eof) end = -1; // a \r\n may be cut
        } else {
          end = bytes.indexOf(format.rowDelimiter, start, "utf8");
          endLen = Buffer.byteLength(format.rowDelimiter);
        }
        if (end >= 0 || eof) break;
        if (bytes.length - start > MAX_HEADER_BYTES) return null; // no header line of names is this long
        const more = Buffer.alloc(65536);
        const read = fs.readSync(fd, more, 0, more.length, null);
        eof = read === 0;
        bytes = Buffer.concat([bytes, more.subarray(0, read)]);
      }
      if (end < 0) end = bytes.length;
      line++;
      let text = bytes.toString("utf8", start, end);
      if (line === 1) text = text.replace(/^\ufeff/, "");
      // Blank lines before the header are skipped, as the parser skips them.
      const blank = text.length === 0 || (format.skipBlankLine && /^[ \t]*$/.test(text));
      if (!blank) return { names: splitHeader(text, format.fieldDelimiter, format.quoteChar), line };
      if (end >= bytes.length) return null;
      start = end + endLen;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Splits a header line like a STRING line: a field starting with the quote char runs to its closing quote. */
function splitHeader(text: string, delimiter: string, quoteChar: string | null): string[] {
  const names: string[] = [];
  let pos = 0;
  for (;;) {
    let name: string;
    const trimmedStart = text.slice(pos).match(/^[ \t]*/)![0].length;
    if (quoteChar !== null && text.startsWith(quoteChar, pos + trimmedStart)) {
      let i = pos + trimmedStart + 1;
      let value = "";
      for (;;) {
        const q = text.indexOf(quoteChar, i);
        if (q < 0) {
          value += text.slice(i);
          i = text.length;
          break;
        }
        value += text.slice(i, q);
        if (text.startsWith(quoteChar, q + 1)) {
          value += quoteChar;
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      const next = text.indexOf(delimiter, i);
      name = value + (next < 0 ? text.slice(i) : text.slice(i, next)).trim();
      pos = next < 0 ? -1 : next + delimiter.length;
    } else {
      const next = text.indexOf(delimiter, pos);
      name = (next < 0 ? text.slice(pos) : text.slice(pos, next)).trim();
      pos = next < 0 ? -1 : next + delimiter.length;
    }
    names.push(name);
    if (pos < 0) return names;
  }
}
