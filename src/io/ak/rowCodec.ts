import { BooleanColumn, Column, NumberColumn, StringColumn, VectorColumn, VectorColumnBuilder } from "../../core/column";
import { StreamlabError } from "../../core/errors";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { TYPE_INFO, TypeName } from "../../core/types";
import { DenseVector } from "../../core/vector";
import { ByteSink, SPARSE_CLASS, readVectorCell, writeVectorCell } from "./kryo";
import { RecordVersion, V1_HEADER, forEachRecord, recordVersion, writeRecordLength } from "./records";

/**
 * Rows of an `.ak` data stream ↔ typed columns (Flink 1.13's legacy `RowSerializer`, reference
 * §13.3): a null mask of ceil(arity/8) bytes (bit 7 − i%8 of byte i/8 set = field i null), then
 * every non-null field, big-endian:
 *
 * | type | bytes |
 * |---|---|
 * | BOOLEAN, TINYINT | 1 |
 * | SMALLINT | 2 |
 * | INT | 4 |
 * | BIGINT | 8 (read into a double: values beyond ±(2^53 − 1) are an error, as elsewhere in streamlab) |
 * | FLOAT / DOUBLE | 4 / 8, IEEE-754 |
 * | STRING (VARCHAR) | varint(chars + 1), then each UTF-16 code unit as a varint |
 * | TIMESTAMP | 8 bytes epoch ms + 4 bytes nanos of the second |
 * | VECTOR, SPARSE_VECTOR, DENSE_VECTOR | Kryo / Flink POJO, see `kryo.ts` |
 *
 * Decoding writes straight into typed arrays (no object per row); strings of ASCII characters
 * (one byte each) are sliced from the buffer in one call.
 */

type ColumnDecoder = {
  type: TypeName;
  name: string;
  nulls: Uint8Array | null;
};

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const CACHE_LIMIT = 1 << 16;

function sameAscii(text: string, bytes: Uint8Array, at: number): boolean {
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) !== bytes[at + k]) return false;
  return true;
}

/** Collects rows from the data entries of one or more `.ak` files into one table. */
export class AkDecoder {
  private rows = 0;
  private capacity: number;
  private readonly kinds: Uint8Array; // per column: see KIND_*
  private readonly nums: (Float64Array | Int32Array | Uint8Array | null)[];
  private readonly strs: ((string | null)[] | null)[];
  private readonly vecs: (VectorColumnBuilder | null)[];
  private readonly cols: ColumnDecoder[];
  private readonly scratch = { indices: new Int32Array(64), values: new Float64Array(64) };
  private readonly caches: (Map<number, string> | null)[];
  /** Per column: cache hits, cache misses. */
  private readonly cacheCounts: Int32Array;

  constructor(readonly schema: Schema, expectedRows = 1024) {
    this.capacity = Math.max(16, expectedRows);
    const n = schema.size;
    this.kinds = new Uint8Array(n);
    this.nums = [];
    this.strs = [];
    this.vecs = [];
    this.cols = [];
    this.caches = schema.types.map((t) => (t === "STRING" ? new Map<number, string>() : null));
    this.cacheCounts = new Int32Array(2 * n);
    for (let c = 0; c < n; c++) {
      const type = schema.types[c];
      const kind = KIND[type];
      this.kinds[c] = kind;
      this.cols.push({ type, name: schema.names[c], nulls: null });
      const storage = TYPE_INFO[type].storage;
      this.nums.push(
        storage === "float64" ? new Float64Array(this.capacity) : storage === "int32" ? new Int32Array(this.capacity) : storage === "boolean" ? new Uint8Array(this.capacity) : null,
      );
      this.strs.push(storage === "string" ? [] : null);
      this.vecs.push(storage === "vector" ? new VectorColumnBuilder(type, 16) : null);
    }
  }

  get numRows(): number {
    return this.rows;
  }

  /** Decodes one data entry (with its header) of `file`. */
  decodeEntry(bytes: Uint8Array, file: string, entry: string): void {
    const version: RecordVersion = recordVersion(bytes, file, entry);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // Node's Buffer#latin1Slice (what toString("latin1") calls) without its argument checks.
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as { latin1Slice(start: number, end: number): string };
    const arity = this.schema.size;
    const maskBits = version === 1 ? 0 : 2;
    const maskBytes = (arity + maskBits + 7) >> 3;
    const kinds = this.kinds;
    const nums = this.nums;
    const strs = this.strs;
    const cols = this.cols;
    const scratch = this.scratch;
    const caches = this.caches;
    const counts = this.cacheCounts;
    const fileRow0 = 0;
    let localRow = fileRow0;
    forEachRecord(bytes, version, file, entry, 0, (start, end) => {
      const r = this.rows;
      if (r === this.capacity) this.grow();
      let p = start + maskBytes;
      if (p > end) throw this.short(file, localRow, 0, start, end, maskBytes, "its null mask");
      for (let c = 0; c < arity; c++) {
        const bit = c + maskBits;
        if ((bytes[start + (bit >> 3)] & (0x80 >> (bit & 7))) !== 0) {
          this.setNull(c, r);
          continue;
        }
        switch (kinds[c]) {
          case K_INT:
            if (p + 4 > end) throw this.short(file, localRow, c, p, end, 4);
            (nums[c] as Int32Array)[r] = view.getInt32(p);
            p += 4;
            break;
          case K_DOUBLE:
            if (p + 8 > end) throw this.short(file, localRow, c, p, end, 8);
            (nums[c] as Float64Array)[r] = view.getFloat64(p);
            p += 8;
            break;
          case K_STRING: {
            // varint(len + 1), then one varint per UTF-16 code unit.
            let b = p < end ? bytes[p++] : -1;
            if (b < 0) throw this.short(file, localRow, c, p, end, 1);
            let len = b & 0x7f;
            let shift = 7;
            while (b & 0x80) {
              if (p >= end) throw this.short(file, localRow, c, p, end, 1);
              b = bytes[p++];
              len |= (b & 0x7f) << shift;
              shift += 7;
            }
            len -= 1;
            if (len < 0) {
              (strs[c] as (string | null)[])[r] = null;
              break;
            }
            let q = p;
            const stop = Math.min(end, p + len);
            let h = len;
            while (q < stop) {
              const ch = bytes[q];
              if (ch >= 0x80) break;
              h = Math.imul(h ^ ch, 16777619);
              q++;
            }
            if (q - p === len) {
              // ASCII: one byte per character. Repeated values (categorical columns) come from a
              // per-column cache keyed by a hash of the bytes, so they cost no new string.
              const cache = caches[c];
              let text: string | undefined;
              if (cache !== null) {
                text = cache.get(h);
                if (text !== undefined && text.length === len && sameAscii(text, bytes, p)) counts[2 * c]++;
                else {
                  text = len === 0 ? "" : buffer.latin1Slice(p, q);
                  if (cache.size < CACHE_LIMIT) cache.set(h, text);
                  if (++counts[2 * c + 1] > 4096 && counts[2 * c + 1] > 4 * counts[2 * c]) caches[c] = null; // mostly distinct values
                }
              } else text = len === 0 ? "" : buffer.latin1Slice(p, q);
              (strs[c] as (string | null)[])[r] = text;
              p = q;
            } else {
              const units = new Array<number>(len);
              for (let k = 0; k < len; k++) {
                if (p >= end) throw this.short(file, localRow, c, p, end, len - k, `the rest of a ${len}-character string`);
                let u = bytes[p++];
                if (u & 0x80) {
                  let v = u & 0x7f;
                  let s = 7;
                  do {
                    if (p >= end) throw this.short(file, localRow, c, p, end, 1);
                    u = bytes[p++];
                    v |= (u & 0x7f) << s;
                    s += 7;
                  } while (u & 0x80);
                  u = v;
                }
                units[k] = u;
              }
              let text = "";
              for (let k = 0; k < len; k += 8192) text += String.fromCharCode.apply(null, units.slice(k, k + 8192));
              (strs[c] as (string | null)[])[r] = text;
            }
            break;
          }
          case K_BIGINT: {
            if (p + 8 > end) throw this.short(file, localRow, c, p, end, 8);
            const value = view.getBigInt64(p);
            if (value > BigInt(MAX_SAFE) || value < -BigInt(MAX_SAFE)) {
              throw new StreamlabError(
                `${file}: row ${localRow}, column "${cols[c].name}" (BIGINT): ${value} is beyond ±(2^53 − 1), which streamlab's BIGINT columns hold exactly.`,
                { file, row: localRow, column: cols[c].name },
              );
            }
            (nums[c] as Float64Array)[r] = Number(value);
            p += 8;
            break;
          }
          case K_FLOAT:
            if (p + 4 > end) throw this.short(file, localRow, c, p, end, 4);
            (nums[c] as Float64Array)[r] = view.getFloat32(p);
            p += 4;
            break;
          case K_BOOLEAN:
            if (p + 1 > end) throw this.short(file, localRow, c, p, end, 1);
            (nums[c] as Uint8Array)[r] = bytes[p++] === 0 ? 0 : 1;
            break;
          case K_TINYINT:
            if (p + 1 > end) throw this.short(file, localRow, c, p, end, 1);
            (nums[c] as Int32Array)[r] = view.getInt8(p);
            p += 1;
            break;
          case K_SMALLINT:
            if (p + 2 > end) throw this.short(file, localRow, c, p, end, 2);
            (nums[c] as Int32Array)[r] = view.getInt16(p);
            p += 2;
            break;
          case K_TIMESTAMP: {
            if (p + 12 > end) throw this.short(file, localRow, c, p, end, 12);
            const ms = Number(view.getBigInt64(p));
            const nanos = view.getInt32(p + 8);
            (nums[c] as Float64Array)[r] = ms + (nanos % 1000000) / 1e6;
            p += 12;
            break;
          }
          case K_VECTOR: {
            const builder = this.vecs[c]!;
            const row = localRow;
            const col = cols[c];
            p = readVectorCell(
              bytes,
              view,
              p,
              end,
              { file, describe: () => `row ${row}, column "${col.name}" (${col.type})` },
              {
                sparse: (size, indices, values, count) => builder.appendSparse(size, indices, values, count),
                dense: (values, count) => builder.append(new DenseVector(values.slice(0, count))),
              },
              scratch,
              col.type === "SPARSE_VECTOR" ? SPARSE_CLASS : null,
            );
            break;
          }
        }
      }
      if (p !== end) {
        throw new StreamlabError(
          `${file}: row ${localRow}: the record has ${end - p} byte(s) left after its last column; expected exactly the schema's ${arity} columns (${this.schema}).`,
          { file, row: localRow },
        );
      }
      this.rows++;
      localRow++;
    });
  }

  private setNull(c: number, r: number): void {
    const col = this.cols[c];
    if (this.kinds[c] === K_STRING) {
      (this.strs[c] as (string | null)[])[r] = null;
      return;
    }
    if (this.kinds[c] === K_VECTOR) {
      this.vecs[c]!.appendNull();
      return;
    }
    if (col.nulls === null) col.nulls = new Uint8Array(this.capacity);
    col.nulls[r] = 1;
  }

  private short(file: string, row: number, c: number, at: number, end: number, needed: number, what?: string): StreamlabError {
    const col = this.cols[c];
    return new StreamlabError(
      `${file}: row ${row}, column "${col.name}" (${col.type}): the record is shorter than its schema — ` +
        `${what ?? `${needed} more byte(s)`} expected at byte ${at}, but the record ends at byte ${end} (schema ${this.schema}).`,
      { file, row, column: col.name },
    );
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    for (let c = 0; c < this.nums.length; c++) {
      const a = this.nums[c];
      if (a !== null) {
        const b = new (a.constructor as new (n: number) => Float64Array | Int32Array | Uint8Array)(capacity);
        b.set(a as never);
        this.nums[c] = b;
      }
      const col = this.cols[c];
      if (col.nulls !== null) {
        const bigger = new Uint8Array(capacity);
        bigger.set(col.nulls);
        col.nulls = bigger;
      }
    }
    this.capacity = capacity;
  }

  build(): Table {
    const n = this.rows;
    const columns: Column[] = this.schema.types.map((type, c) => {
      const nulls = this.cols[c].nulls === null ? null : this.cols[c].nulls!.slice(0, n);
      const storage = TYPE_INFO[type].storage;
      if (storage === "string") return new StringColumn(this.strs[c]!.length === n ? this.strs[c]! : this.strs[c]!.slice(0, n));
      if (storage === "vector") return this.vecs[c]!.build();
      const values = this.nums[c]!;
      const exact = values.length === n ? values : values.slice(0, n);
      if (storage === "boolean") return new BooleanColumn(exact as Uint8Array, nulls);
      return new NumberColumn(type, exact as Float64Array | Int32Array, nulls);
    });
    return new Table(this.schema, columns);
  }
}

const K_INT = 1, K_DOUBLE = 2, K_STRING = 3, K_BIGINT = 4, K_FLOAT = 5, K_BOOLEAN = 6, K_TINYINT = 7, K_SMALLINT = 8, K_TIMESTAMP = 9, K_VECTOR = 10;
const KIND: Readonly<Record<TypeName, number>> = {
  INT: K_INT,
  DOUBLE: K_DOUBLE,
  STRING: K_STRING,
  BIGINT: K_BIGINT,
  FLOAT: K_FLOAT,
  BOOLEAN: K_BOOLEAN,
  TINYINT: K_TINYINT,
  SMALLINT: K_SMALLINT,
  TIMESTAMP: K_TIMESTAMP,
  VECTOR: K_VECTOR,
  SPARSE_VECTOR: K_VECTOR,
  DENSE_VECTOR: K_VECTOR,
};

/**
 * Writes rows of `table` as a V1 record stream (with its "ALK" header unless `header` is false, to
 * append to a stream). `rows` selects the rows (in that order); all rows when omitted.
 */
export function encodeRecords(table: Table, rows?: ArrayLike<number>, out: ByteSink = new ByteSink(), header = true): Uint8Array {
  const { schema, columns } = table;
  const arity = schema.size;
  const maskBytes = (arity + 7) >> 3;
  const kinds = schema.types.map((t) => KIND[t]);
  if (header) for (const b of V1_HEADER) out.byte(b);
  const count = rows === undefined ? table.numRows : rows.length;
  const strings = columns.map((c) => (c.kind === "string" ? c.values : null));
  for (let i = 0; i < count; i++) {
    const r = rows === undefined ? i : rows[i];
    // The length goes before the row; it is patched in once the row is written.
    out.reserve(3 + maskBytes);
    const lengthAt = out.length;
    const maskAt = lengthAt + 3;
    for (let k = 0; k < maskBytes; k++) out.bytes[maskAt + k] = 0;
    out.length = maskAt + maskBytes;
    for (let c = 0; c < arity; c++) {
      const column = columns[c];
      let isNull: boolean;
      if (column.kind === "string") isNull = strings[c]![r] === null;
      else isNull = column.nulls !== null && column.nulls[r] === 1;
      if (isNull) {
        out.bytes[maskAt + (c >> 3)] |= 0x80 >> (c & 7);
        continue;
      }
      switch (kinds[c]) {
        case K_INT:
          out.int32((column as NumberColumn).values[r]);
          break;
        case K_DOUBLE:
          out.float64((column as NumberColumn).values[r]);
          break;
        case K_STRING: {
          const text = strings[c]![r]!;
          const len = text.length;
          out.varint(len + 1);
          out.reserve(len * 3);
          const b = out.bytes;
          let p = out.length;
          for (let k = 0; k < len; k++) {
            let u = text.charCodeAt(k);
            while (u >= 0x80) {
              b[p++] = (u & 0x7f) | 0x80;
              u >>>= 7;
            }
            b[p++] = u;
          }
          out.length = p;
          break;
        }
        case K_BIGINT:
          out.reserve(8);
          out.view.setBigInt64(out.length, BigInt((column as NumberColumn).values[r]));
          out.length += 8;
          break;
        case K_FLOAT:
          out.reserve(4);
          out.view.setFloat32(out.length, (column as NumberColumn).values[r]);
          out.length += 4;
          break;
        case K_BOOLEAN:
          out.byte((column as BooleanColumn).values[r] ? 1 : 0);
          break;
        case K_TINYINT:
          out.byte((column as NumberColumn).values[r] & 0xff);
          break;
        case K_SMALLINT:
          out.byte(((column as NumberColumn).values[r] >> 8) & 0xff);
          out.byte((column as NumberColumn).values[r] & 0xff);
          break;
        case K_TIMESTAMP: {
          const value = (column as NumberColumn).values[r];
          const ms = Math.floor(value);
          const nanos = (((ms % 1000) + 1000) % 1000) * 1e6 + Math.round((value - ms) * 1e6);
          out.reserve(12);
          out.view.setBigInt64(out.length, BigInt(ms));
          out.view.setInt32(out.length + 8, nanos);
          out.length += 12;
          break;
        }
        case K_VECTOR: {
          const v = column as VectorColumn;
          writeVectorCell(
            out,
            schema.types[c] === "DENSE_VECTOR" ? "pojo" : schema.types[c] === "SPARSE_VECTOR" ? "kryo-sparse" : "kryo",
            v.dense[r] === 1 && schema.types[c] !== "SPARSE_VECTOR",
            v.sizes[r],
            v.indices,
            v.values,
            v.offsets[r],
            v.offsets[r + 1],
          );
          break;
        }
      }
    }
    const length = out.length - maskAt;
    if (length < 0xffffff) {
      out.bytes[lengthAt] = length >>> 16;
      out.bytes[lengthAt + 1] = (length >>> 8) & 0xff;
      out.bytes[lengthAt + 2] = length & 0xff;
    } else {
      // 16 MiB or more: FF FF FF then a 4-byte length, so the row moves 4 bytes on.
      out.reserve(4);
      out.bytes.copyWithin(maskAt + 4, maskAt, out.length);
      out.length += 4;
      const end = out.length;
      out.length = lengthAt;
      writeRecordLength(out, length);
      out.length = end;
    }
  }
  return out.toBytes();
}
