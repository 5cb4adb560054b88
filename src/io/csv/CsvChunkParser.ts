import { StreamlabError, quote } from "../../core/errors";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { TYPE_INFO, TypeName } from "../../core/types";
import { ColumnSinks, Kind } from "./columnSinks";
import { POW10, StringInterner, decodeDouble, decoded, hashFinish, hashWord } from "./fieldDecoders";
import { describeBytes, invalidUtf8At, isUtf8Range } from "./utf8";

/** How a CSV file is laid out; names and defaults follow Alink's `CsvSourceParams` (reference §1.9). */
export interface CsvFormat {
  fieldDelimiter: string;
  rowDelimiter: string;
  /** null disables quoting. */
  quoteChar: string | null;
  /** Skip lines holding only whitespace (empty lines are always skipped, as Alink does). */
  skipBlankLine: boolean;
  /** Skip (and count) lines that do not parse instead of failing. */
  lenient: boolean;
  /** For vector columns only: ERROR fails on a bad vector string, SKIP makes that cell null. */
  handleInvalidMethod: "ERROR" | "SKIP";
}

/**
 * Where the output columns are in each line, when that is not simply "field k is column k":
 * every line has `fieldCount` fields and output column k is field `pick[k]` (see headerProjection).
 */
export interface CsvLayout {
  fieldCount: number;
  pick: readonly number[];
}

/** A line skipped by a lenient parser, kept (up to a limit) so the user can see why. */
export interface SkippedLine {
  line: number;
  reason: string;
}

const MAX_SKIPPED_KEPT = 20;

/** A quoted field longer than this is taken for a quote that is never closed (it has swallowed the file). */
const MAX_QUOTED_BYTES = 64 * 1024 * 1024;

/** Row delimiters for which every line-end spelling (`\n`, `\r\n`, bare `\r`) ends a row. */
const UNIVERSAL_ROW_DELIMITERS = ["\n", "\r\n", "\r"];

const INCOMPLETE = -1;
const UNCLOSED = -2;

/**
 * Parses CSV bytes into typed columnar tables following Alink's rules (reference §1.9, errata E18),
 * with streamlab's stricter checks where Alink would give a silently wrong table:
 *
 * - fields split on the (possibly multi-character) field delimiter; for STRING and vector columns a
 *   field starting with the quote char runs to the closing quote (`""` is an escaped quote) and may
 *   span lines; other columns take the next delimiter and merely unwrap a quoted token;
 * - an empty field is null for every type; `""` is the empty string for STRING, null otherwise;
 * - every line must have exactly the schema's number of fields: fewer is an error as in Alink
 *   (E18: not padded with nulls), and so is MORE (Alink ignores extra fields, which hides a
 *   schema that does not match the file);
 * - with the default row delimiter `\n` (and with `\r\n` or `\r`) all three line ends `\n`, `\r\n`
 *   and a bare `\r` end a row, also mixed in one file and across chunk boundaries; line numbers
 *   count each of them as one line;
 * - empty lines are skipped (whitespace-only ones too with `skipBlankLine`); a UTF-8 BOM is dropped;
 * - STRING and vector fields must be valid UTF-8 (never silently replaced by U+FFFD);
 * - a bad line fails with file, line number, column and text, or is skipped and counted when lenient.
 *
 * Input arrives in chunks: `parse(bytes, final)` consumes whole records and reports how many bytes
 * it used, so a stream source can hold one chunk at a time.
 */
export class CsvChunkParser {
  /** Physical lines consumed so far (1-based numbering of the next line is `linesConsumed + 1`). */
  private linesConsumed = 0;
  private firstLinePending: boolean;
  private bomPending = true;
  skippedCount = 0;
  readonly skipped: SkippedLine[] = [];

  private readonly fieldDelim: Uint8Array;
  private readonly rowDelim: Uint8Array;
  /** Any of \n, \r\n, \r ends a row (rowDelim is then "\n" and a \r is checked for separately). */
  private readonly universal: boolean;
  private readonly quoteByte: number;
  /** Per field of a line: its type (null: a field no output column reads), output column name, kind. */
  private readonly fieldTypes: (TypeName | null)[];
  private readonly fieldNames: (string | undefined)[];
  private readonly quotable: boolean[];
  private readonly pick: readonly number[];
  private readonly interners: StringInterner[];
  /** Bytes of the current chunk before this offset are known to be valid UTF-8 (−1: none). */
  private utf8ValidEnd = -1;
  /** Lines the last scanQuoted() crossed. */
  private quotedLines = 0;

  constructor(
    readonly schema: Schema,
    readonly format: CsvFormat,
    readonly fileName: string,
    ignoreFirstLine: boolean,
    readonly operator = "CsvSourceBatchOp",
    /**
     * Decode STRING fields only when their column is read (see CsvFieldTexts). For stream sources,
     * whose chunks are short-lived; a batch table would keep every chunk's bytes alive.
     */
    private readonly deferStrings = false,
    layout: CsvLayout | null = null,
  ) {
    const encoder = new TextEncoder();
    if (format.fieldDelimiter.length === 0) throw new StreamlabError(`${operator}: fieldDelimiter must not be empty.`, { operator, param: "fieldDelimiter" });
    if (format.rowDelimiter.length === 0) throw new StreamlabError(`${operator}: rowDelimiter must not be empty.`, { operator, param: "rowDelimiter" });
    this.fieldDelim = encoder.encode(format.fieldDelimiter);
    this.universal = UNIVERSAL_ROW_DELIMITERS.includes(format.rowDelimiter);
    this.rowDelim = this.universal ? Uint8Array.of(10) : encoder.encode(format.rowDelimiter);
    const q = format.quoteChar === null ? -1 : encoder.encode(format.quoteChar);
    if (q !== -1 && q.length !== 1) throw new StreamlabError(`${operator}: quoteChar must be a single ASCII character or null.`, { operator, param: "quoteChar" });
    this.quoteByte = q === -1 ? -1 : q[0];
    const fieldCount = layout?.fieldCount ?? schema.size;
    this.pick = layout?.pick ?? schema.names.map((_, k) => k);
    this.fieldTypes = new Array<TypeName | null>(fieldCount).fill(null);
    this.fieldNames = new Array<string | undefined>(fieldCount).fill(undefined);
    this.pick.forEach((field, k) => {
      this.fieldTypes[field] = schema.types[k];
      this.fieldNames[field] = schema.names[k];
    });
    // Skipped fields follow the STRING quote rules, so a quoted delimiter in them does not shift the line.
    this.quotable = this.fieldTypes.map((t) => t === null || TYPE_INFO[t].storage === "string" || TYPE_INFO[t].storage === "vector");
    this.interners = this.fieldTypes.map(() => new StringInterner());
    this.firstLinePending = ignoreFirstLine;
    keepLayouts(format);
  }

  /** 1-based number of the next line to be parsed. */
  get nextLine(): number {
    return this.linesConsumed + 1;
  }

  /**
   * Parses every complete record in `buf` (all of it when `final`). Returns the rows as a table
   * and the number of bytes consumed; the caller keeps the rest for the next chunk.
   */
  parse(buf: Uint8Array, final: boolean): { table: Table; consumed: number } {
    const sinks = new ColumnSinks(this.fieldTypes, Math.max(16, Math.ceil(buf.length / 128)), this.deferStrings);
    const deferStrings = this.deferStrings;
    const n = this.fieldTypes.length;
    const len = buf.length;
    const fd = this.fieldDelim;
    const fd0 = fd[0];
    const rd0 = this.rowDelim[0];
    const fdLen = fd.length;
    const Q = this.quoteByte;
    const universal = this.universal;
    let pos = 0;
    if (this.bomPending) {
      if (!final && len < 3 && isBomPrefix(buf, len)) return { table: this.build(sinks, buf), consumed: 0 };
      this.bomPending = false;
      if (len >= 3 && isBomPrefix(buf, 3)) pos = 3;
    }
    this.checkUtf8(buf, pos, final);
    // Fast paths must not run over a bare \r (a line end): they stop short of the next one.
    const view = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    const findCR = (from: number) => {
      const at = universal ? view.indexOf(13, from) : -1;
      return at < 0 ? len + 1 : at;
    };
    let nextCR = findCR(pos);
    // Word-wise reads of the STRING fast path: each delimiter byte repeated in all four bytes.
    const wordView = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const fdWord = Math.imul(fd0, 0x01010101);
    const rdWord = Math.imul(rd0, 0x01010101);
    const utf8ValidEnd = this.utf8ValidEnd;

    const kinds = sinks.kinds;
    const interners = this.interners;
    const quotable = this.quotable;
    const handleInvalid = this.format.handleInvalidMethod;
    const singleByte = fdLen === 1 && this.rowDelim.length === 1;
    // The number fast paths read digits, '.' and a sign before looking for a delimiter: not when one of those is a delimiter.
    const numbersFast = singleByte && !isNumberByte(fd0) && !isNumberByte(rd0);
    // Bytes before `complete` form whole records; an incomplete last record is left for the next chunk.
    let complete = pos;
    let incomplete = false;
    records: while (pos < len) {
      complete = pos;
      const recordStart = pos;
      const lineNumber = this.linesConsumed + 1;
      let linesInRecord = 1;

      // Empty lines are skipped (as in Alink), whitespace-only ones when skipBlankLine is set.
      const b0 = buf[pos];
      if (b0 === rd0 || b0 === 13) {
        const endLen = this.rowEndLength(buf, pos, final);
        if (endLen < 0) {
          incomplete = true;
          break;
        }
        if (endLen > 0) {
          pos += endLen;
          this.linesConsumed++;
          continue;
        }
      }
      if ((b0 === 32 || b0 === 9) && this.format.skipBlankLine) {
        let p = pos;
        while (p < len && (buf[p] === 32 || buf[p] === 9)) p++;
        const endLen = p >= len ? (final ? 0 : -1) : this.rowEndLength(buf, p, final);
        if (endLen < 0) {
          incomplete = true;
          break;
        }
        if (p >= len || endLen > 0) {
          pos = p + endLen;
          this.linesConsumed++;
          continue;
        }
      }

      if (this.firstLinePending) {
        const end = this.findRowEnd(buf, pos, final);
        if (end < 0) {
          incomplete = true;
          break;
        }
        pos = end >= len ? len : end + this.rowEndLength(buf, end, true);
        this.linesConsumed++;
        this.firstLinePending = false;
        continue;
      }

      let failure: string | null = null;
      let failColumn = -1;
      let unclosed = false;
      let rowEndLen = 0;
      for (let c = 0; c < n; c++) {
        const fieldStart = pos;
        let quoted = false;
        let atRowEnd = false;
        let fieldEnd = -1;
        const kind = kinds[c];
        // Fast paths for single-byte delimiters: integers parsed and strings hashed while scanning.
        if (singleByte && failure === null && pos < len) {
          if ((kind === Kind.Int32 || kind === Kind.BigInt) && numbersFast) {
            let p = pos;
            let b = buf[p];
            const negative = b === 45;
            if (negative) p++;
            const digitsStart = p;
            // Up to 9 digits in int32 arithmetic (a short dependency chain per digit); longer
            // numbers go on in doubles, exact up to the 15 digits this path takes.
            const intEnd = Math.min(len, p + 9);
            let i32 = 0;
            while (p < intEnd) {
              const d = buf[p] - 48;
              if (d >>> 0 > 9) break;
              i32 = (i32 * 10 + d) | 0;
              p++;
            }
            let v = i32;
            if (p === intEnd) {
              while (p < len) {
                const d = buf[p] - 48;
                if (d >>> 0 > 9) break;
                v = v * 10 + d;
                p++;
              }
            }
            b = p < len ? buf[p] : -1;
            const digits = p - digitsStart;
            if (p < len && digits > 0 && digits <= 15 && (b === fd0 || b === rd0)) {
              if (negative) v = 0 - v; // "-0" is 0
              if (v >= sinks.minimum[c] && v <= sinks.maximum[c]) {
                if (kind === Kind.Int32) sinks.putInt(c, v);
                else sinks.putNumber(c, v);
                pos = p;
                fieldEnd = p;
                atRowEnd = b === rd0;
              }
            }
          } else if (kind === Kind.Double && numbersFast) {
            // Plain decimals ([-]digits[.digits], up to 15 significant digits) are decoded while
            // scanning, exactly as decodeDouble's fast path does (one correctly rounded division);
            // anything else (signs, exponents, blanks, a \r) is scanned again and left to decodeDouble.
            let p = pos;
            let b = buf[p];
            const negative = b === 45;
            if (negative) p++;
            let small = 0;
            let mantissa = 0;
            let significant = 0;
            let digits = 0;
            let fraction = 0;
            let dot = false;
            while (p < len) {
              b = buf[p];
              const d = b - 48;
              if (d >>> 0 <= 9) {
                digits++;
                if (dot) fraction++;
                if (significant !== 0 || d !== 0) {
                  if (++significant <= 9) small = (small * 10 + d) | 0;
                  else mantissa = (significant === 10 ? small : mantissa) * 10 + d;
                }
              } else if (b === 46 && !dot) dot = true;
              else break;
              p++;
            }
            if (p < len && (b === fd0 || b === rd0) && digits > 0 && significant <= 15 && fraction <= 22) {
              if (significant <= 9) mantissa = small;
              const v = mantissa === 0 ? 0 : mantissa / POW10[fraction];
              sinks.putNumber(c, negative ? -v : v);
              atRowEnd = b === rd0;
              pos = p;
              fieldEnd = p;
            } else {
              // A \r inside makes the bytes no number, so the slow path handles CRLF and bare-CR ends
              // (a CRLF end is sent there directly, without a failed parse).
              p = pos;
              while (p < len) {
                const e = buf[p];
                if (e === fd0 || e === rd0) break;
                p++;
              }
              if (p < len && p > pos && buf[p - 1] !== 13) {
                const v = decodeDouble(buf, pos, p);
                if (decoded.ok) {
                  sinks.putNumber(c, v);
                  atRowEnd = buf[p] === rd0;
                  pos = p;
                  fieldEnd = p;
                }
              }
            }
          } else if ((kind === Kind.String && buf[pos] !== Q) || (kind === Kind.Skip && buf[pos] !== Q)) {
            if (nextCR < pos) nextCR = findCR(pos);
            let p = pos;
            if (kind === Kind.String) {
              // Four bytes at a time: a word with no delimiter byte in it is hashed whole (fieldKey's
              // words); the first delimiter is the lowest flagged byte of the zero-byte test
              // (exact: a false flag can only follow a true one). Near the chunk's end (fewer than 4
              // bytes left) the field is left to the slow path.
              let h = 0;
              let word0 = 0;
              let word1 = 0;
              let words = 0;
              let high = 0;
              let found = false;
              while (p + 4 <= len) {
                const w = wordView.getInt32(p, true);
                const x = w ^ fdWord;
                const y = w ^ rdWord;
                const flags = (((x - 0x01010101) & ~x) | ((y - 0x01010101) & ~y)) & 0x80808080;
                if (flags === 0) {
                  high |= w;
                  h = hashWord(h, w);
                  if (words === 0) word0 = w;
                  else if (words === 1) word1 = w;
                  words++;
                  p += 4;
                  continue;
                }
                const bytes = (31 - Math.clz32(flags & -flags)) >> 3;
                if (bytes > 0) {
                  const part = w & ((1 << (bytes << 3)) - 1);
                  high |= part;
                  h = hashWord(h, part);
                  if (words === 0) word0 = part;
                  else if (words === 1) word1 = part;
                  p += bytes;
                }
                found = true;
                break;
              }
              const isAscii = (high & 0x80808080) === 0;
              if (found && p > pos && p < nextCR && (isAscii || p <= utf8ValidEnd || invalidUtf8At(buf, pos, p) < 0)) {
                const hash = hashFinish(h, p - pos);
                // Deferred: the byte range and the dictionary code (no string per cell); else the interned text.
                if (deferStrings) sinks.putStringRange(c, pos, p, interners[c].codeKeyed(buf, pos, p, hash, word0, word1, isAscii));
                else sinks.putString(c, interners[c].decodeKeyed(buf, pos, p, hash, word0, word1, isAscii));
                atRowEnd = buf[p] === rd0;
                pos = p;
                fieldEnd = p;
              }
            } else {
              while (p < len) {
                const b = buf[p];
                if (b === fd0 || b === rd0) break;
                p++;
              }
              if (p < len && p < nextCR) {
                atRowEnd = buf[p] === rd0;
                pos = p;
                fieldEnd = p;
              }
            }
          }
        }
        if (fieldEnd < 0) {
          if (Q >= 0 && quotable[c] && pos < len && buf[pos] === Q) {
            quoted = true;
            const after = this.scanQuoted(buf, pos, final);
            if (after === INCOMPLETE) {
              incomplete = true;
              break records;
            }
            if (after === UNCLOSED) {
              failure = failure ?? `a quoted field starting on line ${lineNumber} has no closing quote (it runs to the end of the file)`;
              failColumn = c;
              unclosed = true;
              break;
            }
            linesInRecord += this.quotedLines;
            pos = after;
          }
          pos = this.scanField(buf, pos);
          if (pos >= len && !final) {
            incomplete = true;
            break records;
          }
          fieldEnd = pos;
          if (pos >= len) atRowEnd = true;
          else if (!(buf[pos] === fd0 && matchesAt(buf, fd, pos))) {
            rowEndLen = this.rowEndLength(buf, pos, final);
            if (rowEndLen < 0) {
              incomplete = true;
              break records;
            }
            atRowEnd = true;
          }
          if (failure === null && kind !== Kind.Skip) {
            let why: string | null = null;
            if (quotable[c] && fieldEnd > utf8ValidEnd) {
              const bad = invalidUtf8At(buf, fieldStart, fieldEnd);
              if (bad >= 0) {
                why =
                  `the field is not valid UTF-8 (bytes ${describeBytes(buf, fieldStart + bad, fieldEnd)} at byte ${bad} of the field); ` +
                  `the file must be UTF-8 encoded (convert it, e.g. iconv -f latin1 -t utf-8)`;
              }
            }
            why ??= sinks.store(c, buf, fieldStart, fieldEnd, quoted, Q, interners[c], handleInvalid);
            if (why !== null) {
              failure = why;
              failColumn = c;
            }
          }
        } else if (atRowEnd) rowEndLen = 1;
        if (atRowEnd) {
          if (c < n - 1 && failure === null) {
            failure = `expected ${n} fields separated by ${quote(this.format.fieldDelimiter)} but the line has ${c + 1}`;
            failColumn = -1;
          }
          break;
        }
        pos += fdLen; // past the field delimiter
        if (c === n - 1) {
          // More fields than the schema: an error (Alink drops them silently). Count them for the message.
          let found = n;
          for (;;) {
            found++;
            const extraStart = pos;
            if (Q >= 0 && pos < len && buf[pos] === Q) {
              const after = this.scanQuoted(buf, pos, final);
              if (after === INCOMPLETE) {
                incomplete = true;
                break records;
              }
              if (after === UNCLOSED) {
                unclosed = true;
                break;
              }
              linesInRecord += this.quotedLines;
              pos = after;
            }
            pos = this.scanField(buf, pos);
            if (pos >= len && !final) {
              incomplete = true;
              break records;
            }
            if (pos < len && buf[pos] === fd0 && matchesAt(buf, fd, pos)) {
              pos += fdLen;
              continue;
            }
            rowEndLen = pos >= len ? 0 : this.rowEndLength(buf, pos, final);
            if (rowEndLen < 0) {
              incomplete = true;
              break records;
            }
            if (failure === null) {
              const trailing = pos === extraStart && found === n + 1 ? " (it ends with a field delimiter)" : "";
              failure = `expected ${n} fields separated by ${quote(this.format.fieldDelimiter)} but the line has ${found}${trailing}`;
              failColumn = -1;
            }
            break;
          }
          if (unclosed && failure === null) {
            failure = `expected ${n} fields separated by ${quote(this.format.fieldDelimiter)} but the line has more, the last of them a quoted field with no closing quote`;
            failColumn = -1;
          }
          break;
        }
      }
      let recordEnd = pos;
      if (unclosed) {
        // Nothing after the open quote can be trusted to belong to it: give up this physical line only.
        recordEnd = this.findRowEnd(buf, recordStart, true);
        rowEndLen = recordEnd >= len ? 0 : this.rowEndLength(buf, recordEnd, true);
        linesInRecord = 1;
      }
      // `recordEnd` is at the row delimiter (or the end of the input).
      pos = recordEnd >= len ? len : recordEnd + rowEndLen;
      this.linesConsumed += linesInRecord;
      complete = pos;
      if (failure !== null) {
        this.reject(buf, recordStart, recordEnd, lineNumber, failColumn, failure);
        sinks.rollback();
        continue;
      }
      sinks.commit();
    }
    if (!incomplete) complete = pos;
    sinks.rollback();
    return { table: this.build(sinks, buf), consumed: complete };
  }

  /** Called when a single line grew beyond any plausible size without a row delimiter. */
  failLineTooLong(bytes: number): never {
    const line = this.linesConsumed + 1;
    throw new StreamlabError(
      `${this.operator}: ${this.fileName} line ${line} is longer than ${Math.round(bytes / 1048576)} MB without a row delimiter ` +
        `(rowDelimiter is ${quote(this.format.rowDelimiter)}). Check rowDelimiter and that the file is a text CSV file.`,
      { operator: this.operator, file: this.fileName, line, param: "rowDelimiter" },
    );
  }

  private build(sinks: ColumnSinks, buf: Uint8Array): Table {
    return sinks.build(buf, this.interners, this.schema, this.pick);
  }

  /** Marks how much of the chunk is known valid UTF-8: all of it when final, else up to its last ASCII byte. */
  private checkUtf8(buf: Uint8Array, from: number, final: boolean): void {
    let end = buf.length;
    // A chunk may end inside a multi-byte character; complete fields always end at an ASCII delimiter.
    if (!final) while (end > from && buf[end - 1] >= 0x80) end--;
    this.utf8ValidEnd = isUtf8Range(buf, from, end) ? end : -1;
  }

  /** Position of the next field or row delimiter (or a line-ending \r) at or after `pos`; `buf.length` if none. */
  private scanField(buf: Uint8Array, pos: number): number {
    const len = buf.length;
    const fd = this.fieldDelim;
    const rd = this.rowDelim;
    const fd0 = fd[0];
    const rd0 = rd[0];
    const universal = this.universal;
    while (pos < len) {
      const b = buf[pos];
      if (b === fd0 && (fd.length === 1 || matchesAt(buf, fd, pos))) break;
      if (b === rd0 && (rd.length === 1 || matchesAt(buf, rd, pos))) break;
      if (b === 13 && universal) break;
      pos++;
    }
    return pos;
  }

  /**
   * From an opening quote at `pos`: the position after the closing quote (`""` is an escaped quote),
   * INCOMPLETE when the chunk ends first, UNCLOSED when the file (or 64 MB) ends first. Sets
   * `quotedLines` to the line ends inside.
   */
  private scanQuoted(buf: Uint8Array, pos: number, final: boolean): number {
    const len = buf.length;
    const Q = this.quoteByte;
    const start = pos;
    const universal = this.universal;
    const rd0 = this.rowDelim[0];
    let lines = 0;
    pos++;
    for (;;) {
      while (pos < len) {
        const b = buf[pos];
        if (b === Q) break;
        if (b === rd0) lines++;
        else if (b === 13 && universal && buf[pos + 1] !== 10) lines++;
        pos++;
      }
      if (pos >= len) return !final && len - start < MAX_QUOTED_BYTES ? INCOMPLETE : UNCLOSED;
      if (pos + 1 < len && buf[pos + 1] === Q) {
        pos += 2;
        continue;
      }
      if (pos + 1 >= len && !final) return INCOMPLETE;
      this.quotedLines = lines;
      return pos + 1;
    }
  }

  /** Length of the row delimiter at `p` (0: none there; −1: cannot tell before the next chunk). */
  private rowEndLength(buf: Uint8Array, p: number, final: boolean): number {
    const b = buf[p];
    if (this.universal) {
      if (b === 10) return 1;
      if (b !== 13) return 0;
      if (p + 1 >= buf.length) return final ? 1 : -1; // a \r\n may be cut between chunks
      return buf[p + 1] === 10 ? 2 : 1;
    }
    const rd = this.rowDelim;
    return b === rd[0] && matchesAt(buf, rd, p) ? rd.length : 0;
  }

  /** Position of the row delimiter ending the line at `pos` (ignoring quotes), `len` at the end, -1 if incomplete. */
  private findRowEnd(buf: Uint8Array, pos: number, final: boolean): number {
    for (let i = pos; i < buf.length; i++) {
      const length = this.rowEndLength(buf, i, final);
      if (length < 0) return -1;
      if (length > 0) return i;
    }
    return final ? buf.length : -1;
  }

  private reject(buf: Uint8Array, start: number, end: number, line: number, field: number, reason: string): void {
    const text = new TextDecoder().decode(buf.subarray(start, Math.min(end, start + 300)));
    const columnName = field >= 0 ? this.fieldNames[field] : undefined;
    const where = columnName !== undefined ? `, column "${columnName}" (${this.fieldTypes[field]})` : "";
    if (this.format.lenient) {
      this.skippedCount++;
      if (this.skipped.length < MAX_SKIPPED_KEPT) this.skipped.push({ line, reason: `line ${line}${where}: ${reason}` });
      return;
    }
    throw new StreamlabError(
      `${this.operator}: cannot parse ${this.fileName} line ${line}${where}: ${reason}. Line text: ${quote(text, 200)}. ` +
        `Fix the file or the schema, or setLenient(true) to skip such lines.`,
      { operator: this.operator, file: this.fileName, line, column: columnName },
    );
  }
}

/**
 * An idle object of each class the parse loop works on, kept for the life of the process (made
 * with the first parser). V8 forgets an object layout once no object has it, and with it the type
 * feedback naming it: a file read after the previous reader was garbage-collected then
 * deoptimizes the compiled parse loop at its first uncommon step and compiles it again, about
 * 0.1 s of compiler time per 1M-row file in bench 12-csv-hash. Live instances keep the layouts.
 */
let layoutKeepers: object[] | null = null;

function keepLayouts(format: CsvFormat): void {
  if (layoutKeepers !== null) return;
  layoutKeepers = [];
  layoutKeepers.push(new StringInterner(), new ColumnSinks([], 0, true), new CsvChunkParser(new Schema([], []), format, "", false));
}

/** Whether byte `b` can be part of a plain decimal number (a digit, '.', '-' or '+'). */
function isNumberByte(b: number): boolean {
  return (b >= 48 && b <= 57) || b === 46 || b === 45 || b === 43;
}

/** Whether the multi-byte delimiter `delim` starts at `at` (its first byte already matched). */
function matchesAt(buf: Uint8Array, delim: Uint8Array, at: number): boolean {
  if (at + delim.length > buf.length) return false;
  for (let k = 1; k < delim.length; k++) if (buf[at + k] !== delim[k]) return false;
  return true;
}

const BOM = [0xef, 0xbb, 0xbf];

/** Whether the first `count` bytes (≤ 3) are the start of a UTF-8 byte order mark. */
function isBomPrefix(buf: Uint8Array, count: number): boolean {
  for (let i = 0; i < count; i++) if (buf[i] !== BOM[i]) return false;
  return true;
}
