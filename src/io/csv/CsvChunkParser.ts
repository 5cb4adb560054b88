import { Column, NumberColumn, BooleanColumn, StringColumn, VectorColumnBuilder } from "../../core/column";
import { StreamlabError, quote } from "../../core/errors";
import { parseTimestamp } from "../../core/javaFormat";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { TYPE_INFO, TypeName } from "../../core/types";
import { Vector, parseVector } from "../../core/vector";
import { StringInterner, decodeDouble, decodeInteger, decoded, latin1 } from "./fieldDecoders";
import { CsvFieldTexts } from "./csvFieldTexts";

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

/** A line skipped by a lenient parser, kept (up to a limit) so the user can see why. */
export interface SkippedLine {
  line: number;
  reason: string;
}

const MAX_SKIPPED_KEPT = 20;

/**
 * Parses CSV bytes into typed columnar tables following Alink's rules (reference §1.9, errata E18):
 *
 * - fields split on the (possibly multi-character) field delimiter; for STRING and vector columns a
 *   field starting with the quote char runs to the closing quote (`""` is an escaped quote) and may
 *   span lines; other columns take the next delimiter and merely unwrap a quoted token;
 * - an empty field is null for every type; `""` is the empty string for STRING, null otherwise;
 * - a line with fewer fields than the schema is an error (not padded); extra fields are ignored;
 * - empty lines are skipped; with `rowDelimiter` "\n" a trailing "\r" is dropped;
 * - a bad line fails with file, line number, column and text, or is skipped and counted when lenient.
 *
 * Input arrives in chunks: `parse(bytes, final)` consumes whole records and reports how many bytes
 * it used, so a stream source can hold one chunk at a time.
 */
export class CsvChunkParser {
  /** Physical lines consumed so far (1-based numbering of the next line is `linesConsumed + 1`). */
  private linesConsumed = 0;
  private firstLinePending: boolean;
  skippedCount = 0;
  readonly skipped: SkippedLine[] = [];

  private readonly fieldDelim: Uint8Array;
  private readonly rowDelim: Uint8Array;
  private readonly quoteByte: number;
  private readonly types: readonly TypeName[];
  private readonly quotable: boolean[];
  private readonly interners: StringInterner[];
  private readonly stripCarriageReturn: boolean;

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
  ) {
    const encoder = new TextEncoder();
    if (format.fieldDelimiter.length === 0) throw new StreamlabError(`${operator}: fieldDelimiter must not be empty.`, { operator, param: "fieldDelimiter" });
    if (format.rowDelimiter.length === 0) throw new StreamlabError(`${operator}: rowDelimiter must not be empty.`, { operator, param: "rowDelimiter" });
    this.fieldDelim = encoder.encode(format.fieldDelimiter);
    this.rowDelim = encoder.encode(format.rowDelimiter);
    const q = format.quoteChar === null ? -1 : encoder.encode(format.quoteChar);
    if (q !== -1 && q.length !== 1) throw new StreamlabError(`${operator}: quoteChar must be a single ASCII character or null.`, { operator, param: "quoteChar" });
    this.quoteByte = q === -1 ? -1 : q[0];
    this.types = schema.types;
    this.quotable = schema.types.map((t) => TYPE_INFO[t].storage === "string" || TYPE_INFO[t].storage === "vector");
    this.interners = schema.types.map(() => new StringInterner());
    this.stripCarriageReturn = format.rowDelimiter === "\n";
    this.firstLinePending = ignoreFirstLine;
  }

  /**
   * Parses every complete record in `buf` (all of it when `final`). Returns the rows as a table
   * and the number of bytes consumed; the caller keeps the rest for the next chunk.
   */
  parse(buf: Uint8Array, final: boolean): { table: Table; consumed: number } {
    const sinks = new ColumnSinks(this.schema, Math.max(16, Math.ceil(buf.length / 128)), this.deferStrings);
    const deferStrings = this.deferStrings;
    const n = this.types.length;
    const len = buf.length;
    const fd = this.fieldDelim;
    const rd = this.rowDelim;
    const fd0 = fd[0];
    const rd0 = rd[0];
    const fdLen = fd.length;
    const rdLen = rd.length;
    const Q = this.quoteByte;
    let pos = 0;
    if (this.linesConsumed === 0 && len >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3; // UTF-8 BOM


    const kinds = sinks.kinds;
    const interners = this.interners;
    const quotable = this.quotable;
    const handleInvalid = this.format.handleInvalidMethod;
    const singleByte = fdLen === 1 && rdLen === 1;
    // Bytes before `complete` form whole records; an incomplete last record is left for the next chunk.
    let complete = pos;
    let incomplete = false;
    records: while (pos < len) {
      complete = pos;
      const recordStart = pos;
      const lineNumber = this.linesConsumed + 1;
      let linesInRecord = 1;

      // Find the end of a blank line quickly: empty lines are skipped, whitespace-only when asked.
      if (buf[pos] === rd0 && matchesAt(buf, rd, pos)) {
        pos += rdLen;
        this.linesConsumed++;
        continue;
      }
      if (this.stripCarriageReturn && buf[pos] === 13 && pos + 1 < len && buf[pos + 1] === 10) {
        pos += 2;
        this.linesConsumed++;
        continue;
      }

      if (this.firstLinePending) {
        const end = this.findRowEnd(buf, pos, final);
        if (end < 0) {
          incomplete = true;
          break;
        }
        pos = end + (end < len ? rdLen : 0);
        this.linesConsumed++;
        this.firstLinePending = false;
        continue;
      }

      let failure: string | null = null;
      let failColumn = -1;
      for (let c = 0; c < n; c++) {
        const fieldStart = pos;
        let quoted = false;
        let atRowEnd = false;
        let fieldEnd = -1;
        const kind = kinds[c];
        // Fast paths for single-byte delimiters: integers parsed and strings hashed while scanning.
        if (singleByte && failure === null && pos < len) {
          if (kind === Kind.Int32 || kind === Kind.BigInt) {
            let p = pos;
            let b = buf[p];
            const negative = b === 45;
            if (negative) p++;
            const digitsStart = p;
            let v = 0;
            while (p < len) {
              b = buf[p];
              if (b < 48 || b > 57) break;
              v = v * 10 + (b - 48);
              p++;
            }
            const digits = p - digitsStart;
            if (p < len && digits > 0 && digits <= 15 && (b === fd0 || (b === rd0 && buf[p - 1] !== 13))) {
              if (negative) v = -v;
              if (v >= sinks.minimum[c] && v <= sinks.maximum[c]) {
                sinks.putNumber(c, v);
                pos = p;
                fieldEnd = p;
                atRowEnd = b === rd0;
              }
            }
          } else if (kind === Kind.Double) {
            let p = pos;
            while (p < len) {
              const b = buf[p];
              if (b === fd0 || b === rd0) break;
              p++;
            }
            if (p < len && p > pos && !(buf[p] === rd0 && buf[p - 1] === 13)) {
              const v = decodeDouble(buf, pos, p);
              if (decoded.ok) {
                sinks.putNumber(c, v);
                atRowEnd = buf[p] === rd0;
                pos = p;
                fieldEnd = p;
              }
            }
          } else if (kind === Kind.String && deferStrings && buf[pos] !== Q) {
            let p = pos;
            while (p < len) {
              const b = buf[p];
              if (b === fd0 || b === rd0) break;
              p++;
            }
            if (p < len && p > pos && !(buf[p] === rd0 && buf[p - 1] === 13)) {
              sinks.putStringRange(c, pos, p);
              atRowEnd = buf[p] === rd0;
              pos = p;
              fieldEnd = p;
            }
          } else if (kind === Kind.String && buf[pos] !== Q) {
            let p = pos;
            let hash = 0x811c9dc5 | 0;
            let ascii = 0;
            while (p < len) {
              const b = buf[p];
              if (b === fd0 || b === rd0) break;
              ascii |= b;
              hash = Math.imul(hash ^ b, 16777619);
              p++;
            }
            if (p < len && p > pos && !(buf[p] === rd0 && buf[p - 1] === 13)) {
              sinks.putString(c, interners[c].decodeHashed(buf, pos, p, hash, ascii < 128));
              atRowEnd = buf[p] === rd0;
              pos = p;
              fieldEnd = p;
            }
          }
        }
        if (fieldEnd < 0) {
          if (Q >= 0 && quotable[c] && pos < len && buf[pos] === Q) {
            // Quoted field: run to the closing quote; a doubled quote is an escaped quote.
            quoted = true;
            pos++;
            for (;;) {
              while (pos < len && buf[pos] !== Q) {
                if (buf[pos] === rd0) linesInRecord++;
                pos++;
              }
              if (pos >= len) {
                if (!final) {
                  incomplete = true;
                  break records;
                }
                failure = failure ?? "a quoted field has no closing quote";
                failColumn = c;
                break;
              }
              if (pos + 1 < len && buf[pos + 1] === Q) {
                pos += 2;
                continue;
              }
              if (pos + 1 >= len && !final) {
                incomplete = true;
                break records;
              }
              pos++;
              break;
            }
          }
          // Scan to the next field or row delimiter.
          while (pos < len) {
            const b = buf[pos];
            if ((b === fd0 && (fdLen === 1 || matchesAt(buf, fd, pos))) || (b === rd0 && (rdLen === 1 || matchesAt(buf, rd, pos)))) break;
            pos++;
          }
          if (pos >= len && !final) {
            incomplete = true;
            break records;
          }
          atRowEnd = pos >= len || (buf[pos] === rd0 && (rdLen === 1 || matchesAt(buf, rd, pos)));
          fieldEnd = pos;
          if (atRowEnd && this.stripCarriageReturn && fieldEnd > fieldStart && buf[fieldEnd - 1] === 13) fieldEnd--;
          if (failure === null) {
            const why = sinks.store(c, buf, fieldStart, fieldEnd, quoted, Q, interners[c], handleInvalid);
            if (why !== null) {
              failure = why;
              failColumn = c;
            }
          }
        }
        if (atRowEnd) {
          if (c < n - 1 && failure === null) {
            const found = c + 1;
            failure = `expected ${n} fields separated by ${quote(this.format.fieldDelimiter)} but the line has ${found}`;
            failColumn = -1;
            // Whitespace-only lines count as blank when skipBlankLine is set.
            if (this.format.skipBlankLine && isBlank(buf, recordStart, fieldEnd)) {
              pos = pos >= len ? len : pos + rdLen;
              this.linesConsumed += linesInRecord;
              continue records;
            }
          }
          break;
        }
        pos += fdLen; // past the field delimiter
        if (c === n - 1) {
          // Extra fields are ignored, as in Alink.
          while (pos < len && !(buf[pos] === rd0 && (rdLen === 1 || matchesAt(buf, rd, pos)))) pos++;
          if (pos >= len && !final) {
            incomplete = true;
            break records;
          }
        }
      }
      // `pos` is at the row delimiter (or the end of the input).
      const recordEnd = pos;
      pos = pos >= len ? len : pos + rdLen;
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
    return { table: sinks.build(buf, this.interners), consumed: complete };
  }

  /** Position of the row delimiter ending the line at `pos` (ignoring quotes), `len` at the end, -1 if incomplete. */
  private findRowEnd(buf: Uint8Array, pos: number, final: boolean): number {
    const rd = this.rowDelim;
    for (let i = pos; i < buf.length; i++) {
      if (buf[i] === rd[0]) {
        let match = true;
        for (let k = 1; k < rd.length; k++) if (buf[i + k] !== rd[k]) match = false;
        if (match) return i;
      }
    }
    return final ? buf.length : -1;
  }

  private reject(buf: Uint8Array, start: number, end: number, line: number, column: number, reason: string): void {
    const text = new TextDecoder().decode(buf.subarray(start, Math.min(end, start + 300)));
    const columnName = column >= 0 ? this.schema.names[column] : undefined;
    const where = columnName !== undefined ? `, column "${columnName}" (${this.types[column]})` : "";
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

/** Whether the multi-byte delimiter `delim` starts at `at` (its first byte already matched). */
function matchesAt(buf: Uint8Array, delim: Uint8Array, at: number): boolean {
  if (at + delim.length > buf.length) return false;
  for (let k = 1; k < delim.length; k++) if (buf[at + k] !== delim[k]) return false;
  return true;
}

function isBlank(buf: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = buf[i];
    if (b !== 32 && b !== 9 && b !== 13) return false;
  }
  return true;
}

/** Column kinds, resolved once per parser so the per-field work is one switch. */
const enum Kind {
  String,
  Vector,
  Int32,
  BigInt,
  Double,
  Float,
  Boolean,
  Timestamp,
}

function kindOf(type: TypeName): Kind {
  switch (type) {
    case "STRING":
      return Kind.String;
    case "VECTOR":
    case "DENSE_VECTOR":
    case "SPARSE_VECTOR":
      return Kind.Vector;
    case "BIGINT":
      return Kind.BigInt;
    case "DOUBLE":
      return Kind.Double;
    case "FLOAT":
      return Kind.Float;
    case "BOOLEAN":
      return Kind.Boolean;
    case "TIMESTAMP":
      return Kind.Timestamp;
    default:
      return Kind.Int32;
  }
}

/**
 * Growable typed output of one parse call; values of the record being parsed are written at
 * index `row` and become part of the table only on `commit()`.
 */
class ColumnSinks {
  private row = 0;
  private capacity: number;
  readonly kinds: Kind[];
  readonly minimum: Float64Array;
  readonly maximum: Float64Array;
  /** Numbers, integers and booleans all parse into Float64Arrays (one element kind keeps the
   * stores monomorphic); `build()` converts to each column's storage. */
  private readonly numbers: (Float64Array | null)[];
  private readonly strings: ((string | null)[] | null)[];
  private readonly nulls: (Uint8Array | null)[];
  private readonly vectors: (VectorColumnBuilder | null)[];
  private readonly pendingVectors: (Vector | null)[];

  /** Byte ranges of deferred STRING fields (see CsvFieldTexts); `end = -1` where the value is in `strings`. */
  private readonly fieldStarts: (Int32Array | null)[];
  private readonly fieldEnds: (Int32Array | null)[];
  private anyDeferred = false;

  constructor(private readonly schema: Schema, capacity: number, deferStrings = false) {
    this.capacity = capacity;
    const types = schema.types;
    this.kinds = types.map(kindOf);
    this.minimum = Float64Array.from(types, (t) => TYPE_INFO[t].min ?? -Infinity);
    this.maximum = Float64Array.from(types, (t) => TYPE_INFO[t].max ?? Infinity);
    this.numbers = types.map((t) => {
      const storage = TYPE_INFO[t].storage;
      return storage === "string" || storage === "vector" ? null : new Float64Array(capacity);
    });
    this.strings = types.map((t) => (TYPE_INFO[t].storage === "string" ? new Array<string | null>(capacity).fill(null) : null));
    this.nulls = types.map(() => null);
    this.vectors = types.map((t) => (TYPE_INFO[t].storage === "vector" ? new VectorColumnBuilder(t, 64) : null));
    this.pendingVectors = types.map(() => null);
    this.fieldStarts = types.map((t) => (deferStrings && kindOf(t) === Kind.String ? new Int32Array(capacity) : null));
    this.fieldEnds = types.map((t) => (deferStrings && kindOf(t) === Kind.String ? new Int32Array(capacity).fill(-1) : null));
  }

  /** Fast-path record of a STRING field to decode later. */
  putStringRange(c: number, start: number, end: number): void {
    this.fieldStarts[c]![this.row] = start;
    this.fieldEnds[c]![this.row] = end;
    this.anyDeferred = true;
  }

  /** Fast-path write of a parsed number. */
  putNumber(c: number, v: number): void {
    this.numbers[c]![this.row] = v;
    const mask = this.nulls[c];
    if (mask !== null) mask[this.row] = 0;
  }

  /** Fast-path write of a decoded string. */
  putString(c: number, text: string): void {
    (this.strings[c] as string[])[this.row] = text;
  }

  private markNull(c: number): void {
    let mask = this.nulls[c];
    if (mask === null) mask = this.nulls[c] = new Uint8Array(this.capacity);
    mask[this.row] = 1;
  }

  /** Decodes one field into column `c`; returns null on success or why it failed. */
  store(
    c: number,
    buf: Uint8Array,
    start: number,
    end: number,
    quoted: boolean,
    quoteByte: number,
    interner: StringInterner,
    handleInvalid: "ERROR" | "SKIP",
  ): string | null {
    const kind = this.kinds[c];
    if (kind === Kind.String || kind === Kind.Vector) {
      const text = end === start ? null : quoted ? unquote(buf, start, end, quoteByte) : interner.decode(buf, start, end);
      if (kind === Kind.String) {
        (this.strings[c] as (string | null)[])[this.row] = text;
        const ends = this.fieldEnds[c];
        if (ends !== null) ends[this.row] = -1;
        return null;
      }
      this.pendingVectors[c] = null;
      if (text === null) return null;
      try {
        this.pendingVectors[c] = parseVector(text);
      } catch (error) {
        return handleInvalid === "SKIP" ? null : (error as Error).message.replace(/\.$/, "");
      }
      return null;
    }
    // Non-string columns: trim blanks, unwrap a quoted token; empty (or exactly "") is null.
    let s = start;
    let e = end;
    while (s < e && (buf[s] === 32 || buf[s] === 9)) s++;
    while (e > s && (buf[e - 1] === 32 || buf[e - 1] === 9)) e--;
    if (quoteByte >= 0 && e - s >= 2 && buf[s] === quoteByte && buf[e - 1] === quoteByte) {
      s++;
      e--;
    }
    const mask = this.nulls[c];
    if (s === e) {
      this.markNull(c);
      return null;
    }
    if (mask !== null) mask[this.row] = 0;
    const target = this.numbers[c]!;
    switch (kind) {
      case Kind.Double:
      case Kind.Float: {
        const v = decodeDouble(buf, s, e);
        if (!decoded.ok) return `${quote(latin1(buf, s, e))} is not a number`;
        target[this.row] = kind === Kind.Float ? Math.fround(v) : v;
        return null;
      }
      case Kind.Int32:
      case Kind.BigInt: {
        const v = decodeInteger(buf, s, e);
        if (!decoded.ok) return `${quote(latin1(buf, s, e))} is not an integer`;
        if (v < this.minimum[c] || v > this.maximum[c]) {
          return `${latin1(buf, s, e)} is outside the ${this.schema.types[c]} range [${this.minimum[c]}, ${this.maximum[c]}]`;
        }
        target[this.row] = v;
        return null;
      }
      case Kind.Boolean: {
        const word = latin1(buf, s, e).toLowerCase();
        if (word === "true" || word === "1") target[this.row] = 1;
        else if (word === "false" || word === "0") target[this.row] = 0;
        else return `${quote(latin1(buf, s, e))} is not a boolean (expected true or false)`;
        return null;
      }
      default: {
        const text = latin1(buf, s, e);
        const ms = parseTimestamp(text);
        if (Number.isNaN(ms)) return `${quote(text)} is not a timestamp (expected yyyy-mm-dd hh:mm:ss[.fff])`;
        target[this.row] = ms;
        return null;
      }
    }
  }

  commit(): void {
    for (let c = 0; c < this.vectors.length; c++) {
      const builder = this.vectors[c];
      if (builder !== null) {
        const v = this.pendingVectors[c];
        if (v === null) builder.appendNull();
        else builder.append(v);
        this.pendingVectors[c] = null;
      }
    }
    this.row++;
    if (this.row >= this.capacity) this.grow();
  }

  rollback(): void {
    for (let c = 0; c < this.pendingVectors.length; c++) this.pendingVectors[c] = null;
    for (const mask of this.nulls) if (mask !== null) mask[this.row] = 0;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const enlarge = <T extends Float64Array | Int32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(capacity);
      b.set(a);
      return b;
    };
    for (let c = 0; c < this.numbers.length; c++) {
      const a = this.numbers[c];
      if (a !== null) this.numbers[c] = enlarge(a);
      const strings = this.strings[c];
      if (strings !== null) {
        const bigger = new Array<string | null>(capacity).fill(null);
        for (let i = 0; i < strings.length; i++) bigger[i] = strings[i];
        this.strings[c] = bigger;
      }
      const m = this.nulls[c];
      if (m !== null) this.nulls[c] = enlarge(m);
      const starts = this.fieldStarts[c];
      if (starts !== null) {
        this.fieldStarts[c] = enlarge(starts);
        const ends = new Int32Array(capacity).fill(-1);
        ends.set(this.fieldEnds[c]!);
        this.fieldEnds[c] = ends;
      }
    }
    this.capacity = capacity;
  }

  build(bytes: Uint8Array, interners: readonly StringInterner[]): Table {
    const n = this.row;
    const columns: Column[] = this.schema.types.map((type, c) => {
      const storage = TYPE_INFO[type].storage;
      const mask = this.nulls[c];
      const nulls = mask === null ? null : mask.slice(0, n);
      if (storage === "string") {
        const values = this.strings[c]!;
        values.length = n;
        const ends = this.fieldEnds[c];
        if (this.anyDeferred && ends !== null) {
          return StringColumn.rendered(new CsvFieldTexts(bytes, this.fieldStarts[c]!.slice(0, n), ends.slice(0, n), values, interners[c]));
        }
        return new StringColumn(values);
      }
      if (storage === "vector") return this.vectors[c]!.build();
      const parsed = this.numbers[c]!.subarray(0, n);
      if (storage === "boolean") return new BooleanColumn(Uint8Array.from(parsed), nulls);
      if (storage === "int32") return new NumberColumn(type, Int32Array.from(parsed), nulls);
      return new NumberColumn(type, parsed.slice(), nulls);
    });
    return new Table(this.schema, columns);
  }
}

/** A quoted STRING token as Alink reads it: first char dropped, last dropped if a quote, `""` → `"`. */
function unquote(buf: Uint8Array, start: number, end: number, quoteByte: number): string {
  // Text after the closing quote (before the delimiter) stays part of the token, as in Alink.
  const inner = buf.subarray(start + 1, end > start + 1 && buf[end - 1] === quoteByte ? end - 1 : end);
  const text = new TextDecoder().decode(inner);
  const q = String.fromCharCode(quoteByte);
  return text.split(q + q).join(q);
}
