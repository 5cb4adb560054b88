import { Column, NumberColumn, BooleanColumn, StringColumn, VectorColumnBuilder } from "../../core/column";
import { quote } from "../../core/errors";
import { parseTimestamp } from "../../core/javaFormat";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { TYPE_INFO, TypeName } from "../../core/types";
import { Vector, parseVector } from "../../core/vector";
import { CsvFieldTexts } from "./csvFieldTexts";
import { StringInterner, decodeDouble, decodeInteger, decoded, latin1 } from "./fieldDecoders";
import { javaFloatFromDouble } from "./javaNumbers";

/** What the parser does with a field, resolved once per parser so the per-field work is one switch. */
export const enum Kind {
  String,
  Vector,
  Int32,
  BigInt,
  Double,
  Float,
  Boolean,
  Timestamp,
  /** A file column no output column reads (see headerProjection): scanned past, not decoded. */
  Skip,
}

export function kindOf(type: TypeName | null): Kind {
  switch (type) {
    case null:
      return Kind.Skip;
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
 * Growable typed output of one parse call, one slot per field of the file (null type: a skipped
 * field, nothing stored). Values of the record being parsed are written at index `row` and become
 * part of the table only on `commit()`.
 */
export class ColumnSinks {
  private row = 0;
  private capacity: number;
  readonly kinds: Kind[];
  readonly minimum: Float64Array;
  readonly maximum: Float64Array;
  /** Numbers, integers and booleans all parse into Float64Arrays (one element kind keeps the
   * stores monomorphic); `build()` converts to each column's storage. */
  private readonly numbers: (Float64Array | null)[];
  /** INT, SMALLINT and TINYINT columns parse straight into their Int32Array storage (half the bytes, no copy at build). */
  private readonly ints: (Int32Array | null)[];
  private readonly strings: ((string | null)[] | null)[];
  private readonly nulls: (Uint8Array | null)[];
  private readonly vectors: (VectorColumnBuilder | null)[];
  private readonly pendingVectors: (Vector | null)[];
  private readonly vectorColumns: number[];

  /**
   * Byte ranges of deferred STRING fields (see CsvFieldTexts); `end = -1` where the value is in
   * `strings`. Made on a column's first field without a code: a column whose every field has one
   * (a categorical column) never allocates them, which matters for a file read in one piece.
   */
  private readonly fieldStarts: (Int32Array | null)[];
  private readonly fieldEnds: (Int32Array | null)[];
  /**
   * Dictionary code of each deferred STRING field (the entry number in the column's interner, −1
   * when it keeps none): carried to CsvFieldTexts, so a FeatureHasher looks a slot up by code and
   * the worker transfer sends codes, and nobody makes a string per cell.
   */
  private readonly fieldCodes: (Int32Array | null)[];
  private anyDeferred = false;

  constructor(private readonly types: readonly (TypeName | null)[], capacity: number, deferStrings = false) {
    this.capacity = capacity;
    const storage = (t: TypeName | null) => (t === null ? null : TYPE_INFO[t].storage);
    this.kinds = types.map(kindOf);
    this.minimum = Float64Array.from(types, (t) => (t === null ? -Infinity : TYPE_INFO[t].min ?? -Infinity));
    this.maximum = Float64Array.from(types, (t) => (t === null ? Infinity : TYPE_INFO[t].max ?? Infinity));
    this.numbers = types.map((t) => {
      const s = storage(t);
      return s === null || s === "string" || s === "vector" || s === "int32" ? null : new Float64Array(capacity);
    });
    this.ints = types.map((t) => (storage(t) === "int32" ? new Int32Array(capacity) : null));
    // A deferred column's decoded texts (quoted or empty fields) are rare: its array is made on first use.
    this.strings = types.map((t) => (storage(t) === "string" && !deferStrings ? new Array<string | null>(capacity).fill(null) : null));
    this.nulls = types.map(() => null);
    this.vectors = types.map((t) => (t !== null && storage(t) === "vector" ? new VectorColumnBuilder(t, 64) : null));
    this.pendingVectors = types.map(() => null);
    this.vectorColumns = types.flatMap((t, c) => (this.vectors[c] !== null ? [c] : []));
    this.fieldStarts = types.map(() => null);
    this.fieldEnds = types.map(() => null);
    // Every committed row writes its code (−1: its range or text is in the other arrays), so no fill is needed.
    this.fieldCodes = types.map((t) => (deferStrings && t === "STRING" ? new Int32Array(capacity) : null));
  }

  /**
   * Fast-path record of a STRING field to decode later, with its dictionary code (−1: none). A
   * coded field stores only its code (its text is the dictionary's): its range is left as it is
   * (zeros, or what a rolled-back line wrote), since every reader looks at the code first, so most
   * cells cost one store and the range arrays' pages of a well-coded column are never touched.
   */
  putStringRange(c: number, start: number, end: number, code: number): void {
    const row = this.row;
    this.fieldCodes[c]![row] = code;
    if (code < 0) {
      const ends = this.fieldEnds[c] ?? this.makeRanges(c);
      this.fieldStarts[c]![row] = start;
      ends[row] = end;
    }
    this.anyDeferred = true;
  }

  /** The range arrays of deferred column `c`, made on first use; returns its ends. */
  private makeRanges(c: number): Int32Array {
    this.fieldStarts[c] = new Int32Array(this.capacity);
    return (this.fieldEnds[c] = new Int32Array(this.capacity));
  }

  /** Fast-path write of a parsed INT / SMALLINT / TINYINT (already range-checked). */
  putInt(c: number, v: number): void {
    this.ints[c]![this.row] = v;
    const mask = this.nulls[c];
    if (mask !== null) mask[this.row] = 0;
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

  /**
   * Decodes one field into column `c`; returns null on success or why it failed. STRING and
   * vector bytes must already be known to be valid UTF-8.
   */
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
    if (kind === Kind.Skip) return null;
    if (kind === Kind.String || kind === Kind.Vector) {
      const text = end === start ? null : quoted ? unquote(buf, start, end, quoteByte) : interner.decode(buf, start, end);
      if (kind === Kind.String) {
        let strings = this.strings[c];
        if (strings === null) strings = this.strings[c] = new Array<string | null>(this.capacity).fill(null);
        strings[this.row] = text;
        const codes = this.fieldCodes[c];
        if (codes !== null) {
          (this.fieldEnds[c] ?? this.makeRanges(c))[this.row] = -1;
          codes[this.row] = -1;
        }
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
    const why = (expected: string) => `${quote(latin1(buf, s, e))} is not ${expected}${quoteHint(buf, s, quoteByte)}`;
    switch (kind) {
      case Kind.Double:
      case Kind.Float: {
        const v = decodeDouble(buf, s, e);
        if (!decoded.ok) return why("a number");
        target[this.row] = kind === Kind.Float ? javaFloatFromDouble(v, () => latin1(buf, s, e)) : v;
        return null;
      }
      case Kind.Int32:
      case Kind.BigInt: {
        const v = decodeInteger(buf, s, e);
        if (!decoded.ok) {
          decodeDouble(buf, s, e);
          return decoded.ok ? why(`an integer (${this.types[c]} cells hold whole numbers: no fraction, exponent or NaN)`) : why("an integer");
        }
        if (v < this.minimum[c] || v > this.maximum[c]) {
          return `${latin1(buf, s, e)} is outside the ${this.types[c]} range [${this.minimum[c]}, ${this.maximum[c]}]`;
        }
        if (kind === Kind.Int32) this.ints[c]![this.row] = v;
        else target[this.row] = v;
        return null;
      }
      case Kind.Boolean: {
        const word = latin1(buf, s, e).toLowerCase();
        if (word === "true" || word === "1") target[this.row] = 1;
        else if (word === "false" || word === "0") target[this.row] = 0;
        else return why("a boolean (expected true or false)");
        return null;
      }
      default: {
        const text = latin1(buf, s, e);
        const ms = parseTimestamp(text);
        if (Number.isNaN(ms)) return why("a timestamp (expected yyyy-mm-dd hh:mm:ss[.fff])");
        target[this.row] = ms;
        return null;
      }
    }
  }

  commit(): void {
    // Most files have no vector column: then a row's commit is one increment.
    if (this.vectorColumns.length > 0) this.commitVectors();
    this.row++;
    if (this.row >= this.capacity) this.grow();
  }

  private commitVectors(): void {
    for (const c of this.vectorColumns) {
      const builder = this.vectors[c];
      if (builder !== null) {
        const v = this.pendingVectors[c];
        if (v === null) builder.appendNull();
        else builder.append(v);
        this.pendingVectors[c] = null;
      }
    }
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
      const ints = this.ints[c];
      if (ints !== null) this.ints[c] = enlarge(ints);
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
        this.fieldEnds[c] = enlarge(this.fieldEnds[c]!);
      }
      const codes = this.fieldCodes[c];
      if (codes !== null) this.fieldCodes[c] = enlarge(codes);
    }
    this.capacity = capacity;
  }

  /** The committed rows as a table of `schema`, whose column k is field `pick[k]`. */
  build(bytes: Uint8Array, interners: readonly StringInterner[], schema: Schema, pick: readonly number[]): Table {
    const n = this.row;
    const columns: Column[] = pick.map((c) => {
      const type = this.types[c]!;
      const storage = TYPE_INFO[type].storage;
      const mask = this.nulls[c];
      const nulls = mask === null ? null : mask.slice(0, n);
      if (storage === "string") {
        // A deferred column without decoded texts has no array: then no row reads one (each has a range).
        const codes = this.fieldCodes[c];
        const values = this.strings[c] ?? (codes !== null && this.anyDeferred ? NO_TEXTS : new Array<string | null>(n).fill(null));
        if (values !== NO_TEXTS) values.length = n;
        if (this.anyDeferred && codes !== null) {
          const interner = interners[c];
          const starts = this.fieldStarts[c];
          const ends = this.fieldEnds[c];
          const ranges = starts === null || ends === null ? null : { starts: part(starts, n), ends: part(ends, n) };
          const texts = new CsvFieldTexts(bytes, ranges?.starts ?? null, ranges?.ends ?? null, values, interner, part(codes, n), interner.dictionary);
          return StringColumn.rendered(texts);
        }
        return new StringColumn(values);
      }
      if (storage === "vector") return this.vectors[c]!.build();
      if (storage === "int32") return new NumberColumn(type, part(this.ints[c]!, n), nulls);
      const parsed = this.numbers[c]!;
      if (storage === "boolean") return new BooleanColumn(Uint8Array.from(parsed.subarray(0, n)), nulls);
      return new NumberColumn(type, part(parsed, n), nulls);
    });
    return new Table(schema, columns);
  }
}

/** Shared empty "decoded texts" of a deferred column none of whose fields was decoded by the parser. */
const NO_TEXTS: (string | null)[] = [];

/** The first n entries of a sink array: a view when it is at least 3/4 full (a batch file read in one piece), else a compact copy. */
function part<T extends Int32Array | Float64Array>(a: T, n: number): T {
  // A view holds the whole buffer: only worth it when little of it is spare.
  return (n >= a.length - (a.length >> 2) ? a.subarray(0, n) : a.slice(0, n)) as T;
}

/** Why a quoted non-string token may have failed: quotes group delimiters only in STRING and vector columns. */
function quoteHint(buf: Uint8Array, s: number, quoteByte: number): string {
  return quoteByte >= 0 && buf[s] === quoteByte
    ? " (a quote groups delimiters only in STRING and vector columns, as in Alink; a quoted number must not contain the delimiter)"
    : "";
}

/** A quoted STRING token as Alink reads it: first char dropped, last dropped if a quote, `""` → `"`. */
export function unquote(buf: Uint8Array, start: number, end: number, quoteByte: number): string {
  // Text after the closing quote (before the delimiter) stays part of the token, as in Alink.
  const inner = buf.subarray(start + 1, end > start + 1 && buf[end - 1] === quoteByte ? end - 1 : end);
  const text = new TextDecoder().decode(inner);
  const q = String.fromCharCode(quoteByte);
  return text.split(q + q).join(q);
}
