import { BooleanColumn, Column, NumberColumn, StringColumn, VectorColumn } from "../../core/column";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { TypeName } from "../../core/types";
import { CsvFieldTexts } from "./csvFieldTexts";
import { StringInterner } from "./fieldDecoders";

/**
 * A parsed CSV chunk as a structured-clone message between threads: typed arrays are moved (not
 * copied) and deferred STRING columns travel as byte ranges into the chunk's bytes, which are
 * moved once per chunk; only the few STRING values the parser decoded itself (quoted fields)
 * travel as strings.
 */
export type ColumnMessage =
  | { kind: "number"; type: TypeName; values: Float64Array | Int32Array; nulls: Uint8Array | null }
  | { kind: "boolean"; values: Uint8Array; nulls: Uint8Array | null }
  | { kind: "strings"; values: (string | null)[] }
  | {
      kind: "fields";
      /** Byte ranges into `bytes` (null when every row has a code). */
      starts: Int32Array | null;
      ends: Int32Array | null;
      decodedRows: Int32Array;
      decodedTexts: (string | null)[];
      /** Dictionary code per row (−1: decode the bytes), and the dictionary entries new since the last chunk. */
      codes: Int32Array;
      newEntries: string[];
    }
  | {
      kind: "vector";
      type: TypeName;
      sizes: Int32Array;
      dense: Uint8Array;
      offsets: Int32Array;
      indices: Int32Array;
      values: Float64Array;
      nulls: Uint8Array | null;
    };

export interface TableMessage {
  names: readonly string[];
  types: readonly TypeName[];
  /** The chunk's bytes when a column refers to them (`fields`). */
  bytes: Uint8Array | null;
  columns: ColumnMessage[];
}

/**
 * Encodes parsed tables of one file, in order. Deferred STRING columns are dictionary-coded with
 * one interner per column, so each distinct value crosses threads once and repeated values arrive
 * as codes (which FeatureHasher hashes once per distinct value).
 */
export class TableEncoder {
  private readonly interners: StringInterner[] = [];
  private readonly sent: number[] = [];

  encode(table: Table): { message: TableMessage; transfer: ArrayBuffer[] } {
    return encodeTable(table, (column, parts, coded) => {
      if (coded !== null) {
        // The parser coded the column already (its interner's entry numbers): send its new entries.
        const from = this.sent[column] ?? 0;
        this.sent[column] = coded.dictionary.length;
        return { codes: coded.codes, newEntries: coded.dictionary.slice(from) };
      }
      const interner = (this.interners[column] ??= new StringInterner());
      // Without parser codes every row has a range (or a decoded text).
      const starts = parts.starts!;
      const ends = parts.ends!;
      const n = starts.length;
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) codes[i] = ends[i] < 0 ? -1 : interner.intern(parts.bytes, starts[i], ends[i]);
      const from = this.sent[column] ?? 0;
      this.sent[column] = interner.size;
      return { codes, newEntries: interner.entries(from) };
    });
  }
}

/** Rebuilds the tables a {@link TableEncoder} encoded, in the same order. */
export class TableDecoder {
  private readonly interners: StringInterner[] = [];
  private readonly dictionaries: string[][] = [];

  decode(message: TableMessage): Table {
    for (let c = 0; c < message.columns.length; c++) {
      const column = message.columns[c];
      if (column.kind === "fields") {
        const dictionary = (this.dictionaries[c] ??= []);
        for (const text of column.newEntries) dictionary.push(text);
      }
    }
    return decodeTable(message, this.interners, this.dictionaries);
  }
}

type DictionaryCoder = (
  column: number,
  parts: ReturnType<CsvFieldTexts["parts"]>,
  coded: { codes: Int32Array; dictionary: readonly string[] } | null,
) => { codes: Int32Array; newEntries: string[] };

/** Encodes a parsed table; returns the message and the buffers to move with it. */
function encodeTable(table: Table, coder: DictionaryCoder): { message: TableMessage; transfer: ArrayBuffer[] } {
  const transfer = new Set<ArrayBuffer>();
  const move = <T extends ArrayBufferView>(a: T): T => {
    // A view of a larger or shared buffer is copied so that only its own bytes move.
    const own = a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && !(a.buffer instanceof SharedArrayBuffer) ? a : ((a as unknown as { slice(): T }).slice());
    transfer.add(own.buffer as ArrayBuffer);
    return own;
  };
  let bytes: Uint8Array | null = null;
  const columns = table.columns.map((column, index): ColumnMessage => {
    if (column.kind === "number") return { kind: "number", type: column.type, values: move(column.values), nulls: column.nulls && move(column.nulls) };
    if (column.kind === "boolean") return { kind: "boolean", values: move(column.values), nulls: column.nulls && move(column.nulls) };
    if (column.kind === "vector") {
      const { type, sizes, dense, offsets, indices, values, nulls } = column;
      return { kind: "vector", type, sizes: move(sizes), dense: move(dense), offsets: move(offsets), indices: move(indices), values: move(values), nulls: nulls && move(nulls) };
    }
    if (column.origin instanceof CsvFieldTexts) {
      const parts = column.origin.parts();
      if (bytes === null) bytes = new Uint8Array(parts.bytes); // a copy (a memcpy; `from` would iterate)
      const decodedRows: number[] = [];
      const decodedTexts: (string | null)[] = [];
      const coded = column.origin.dictionaryCodes();
      // A coded row's range is not meaningful (see ColumnSinks.putStringRange): its code is read first.
      const parserCodes = coded === null ? null : coded.codes;
      parts.ends?.forEach((end, i) => {
        if (end < 0 && (parserCodes === null || parserCodes[i] < 0)) {
          decodedRows.push(i);
          decodedTexts.push(parts.decoded[i]);
        }
      });
      const { codes, newEntries } = coder(index, parts, coded);
      const starts = parts.starts && move(parts.starts);
      const ends = parts.ends && move(parts.ends);
      return { kind: "fields", starts, ends, decodedRows: Int32Array.from(decodedRows), decodedTexts, codes: move(codes), newEntries };
    }
    return { kind: "strings", values: [...column.values] };
  });
  if (bytes !== null) transfer.add((bytes as Uint8Array).buffer as ArrayBuffer);
  return { message: { names: table.schema.names, types: table.schema.types, bytes, columns }, transfer: [...transfer] };
}

/** Rebuilds a table; `interners` and `dictionaries` (one per column, kept across chunks) share repeated STRING values. */
function decodeTable(message: TableMessage, interners: StringInterner[], dictionaries: string[][]): Table {
  // A Buffer view (no copy) decodes latin1 natively.
  const bytes = message.bytes === null ? null : Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength);
  const columns = message.columns.map((c, index): Column => {
    switch (c.kind) {
      case "number":
        return new NumberColumn(c.type, c.values, c.nulls);
      case "boolean":
        return new BooleanColumn(c.values, c.nulls);
      case "vector":
        return new VectorColumn(c.type, c.sizes, c.dense, c.offsets, c.indices, c.values, c.nulls);
      case "strings":
        return new StringColumn(c.values);
      case "fields": {
        // Without decoded rows the array is empty (no row reads it: each has a code or a range).
        const decoded = c.decodedRows.length === 0 ? [] : new Array<string | null>(c.codes.length).fill(null);
        c.decodedRows.forEach((row, k) => (decoded[row] = c.decodedTexts[k]));
        interners[index] ??= new StringInterner();
        return StringColumn.rendered(new CsvFieldTexts(bytes!, c.starts, c.ends, decoded, interners[index], c.codes, dictionaries[index]));
      }
    }
  });
  return new Table(new Schema(message.names, message.types), columns);
}
