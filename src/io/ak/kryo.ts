import { StreamlabError } from "../../core/errors";

/**
 * Vector cells of `.ak` files as Alink writes them (reference §13.4, errata E28). Flink hands
 * `VECTOR` and `SPARSE_VECTOR` values to Kryo 2.24 (reference tracking on), whose serializer has
 * the column's declared class registered — for Flink 1.13 under id 85 (varint 0x57), after the
 * default registrations. So a cell is
 *
 *   class: varint 1 (class given by name) · varint 0 (name id) · ASCII name, last char | 0x80
 *          — or varint 87 when the value's class is the column's declared class ·
 *   varint 1 (reference: new object) · the fields in name order, each array as
 *   varint 1 (not null) · varint length+1 · elements
 *
 * SparseVector: `indices` (zigzag varints), `n` (zigzag varint), `values` (big-endian doubles);
 * DenseVector: `data` (big-endian doubles). A `VECTOR` column (declared class: the abstract
 * Vector) therefore names the class in every cell; a `SPARSE_VECTOR` column writes 0x57.
 *
 * `DENSE_VECTOR` columns are a Flink POJO (DenseVector has a no-arg constructor and get/setData):
 * flags byte 2 (exact class) · 0 (field not null) · int32 length · big-endian doubles.
 *
 * Checked against `vector.ak` (VECTOR, Alink 1.6.2) and against DENSE_VECTOR / SPARSE_VECTOR files
 * written by Alink 1.6.0 through the project's interop harness (2026-12-06).
 */
export const SPARSE_CLASS = "com.alibaba.alink.common.linalg.SparseVector";
export const DENSE_CLASS = "com.alibaba.alink.common.linalg.DenseVector";
/** Kryo registration id of a column's declared class in Flink 1.13's KryoSerializer. */
export const DECLARED_CLASS_ID = 85;

/** Where a vector cell is, for error messages. */
export interface CellPlace {
  describe(): string;
  file: string;
}

/** A decoded vector cell, written into the caller's scratch arrays. */
export interface VectorSink {
  sparse(size: number, indices: Int32Array, values: Float64Array, count: number): void;
  dense(values: Float64Array, count: number): void;
}

/** Reads one cell at `pos` (ending before `end`); returns the position after it. */
export function readVectorCell(
  bytes: Uint8Array,
  view: DataView,
  pos: number,
  end: number,
  place: CellPlace,
  sink: VectorSink,
  scratch: { indices: Int32Array; values: Float64Array },
  /** The class registered for the column (SPARSE_VECTOR: SparseVector; VECTOR: none usable). */
  declared: string | null = null,
): number {
  const bad = (what: string): never => {
    throw new StreamlabError(`${place.file}: ${place.describe()}: ${what}`, { file: place.file });
  };
  let p = pos;
  const varint = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (p >= end) bad("the record ends inside a vector cell (expected a Kryo varint).");
      const b = bytes[p++];
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result >>> 0;
      shift += 7;
      if (shift > 28) bad("a Kryo varint is longer than 5 bytes.");
    }
  };
  const zigzag = (): number => {
    const v = varint();
    return (v >>> 1) ^ -(v & 1);
  };
  const need = (n: number, what: string) => {
    if (p + n > end) bad(`the record ends inside a vector cell (expected ${n} more bytes for ${what}).`);
  };
  if (p >= end) bad("the record ends where a vector cell should start.");
  const first = bytes[p];
  if (first === 2) {
    // Flink POJO form of DenseVector.
    p++;
    need(5, "a DenseVector POJO");
    if (bytes[p++] !== 0) bad("a DenseVector POJO with a null data array.");
    const n = view.getInt32(p);
    p += 4;
    if (n < 0) bad(`a DenseVector POJO of negative length ${n}.`);
    need(n * 8, `${n} doubles`);
    const values = ensure(scratch, n).values;
    for (let k = 0; k < n; k++, p += 8) values[k] = view.getFloat64(p);
    sink.dense(values, n);
    return p;
  }
  const classTag = varint();
  let name = "";
  if (classTag === DECLARED_CLASS_ID + 2 && declared !== null) name = declared;
  else if (classTag !== 1) {
    bad(
      classTag === 0
        ? "a Kryo null where the row's null mask says a vector is present."
        : `a Kryo class registered as id ${classTag - 2}; expected ${declared !== null ? `id ${DECLARED_CLASS_ID} (${declared}) or ` : ""}the class name of ${SPARSE_CLASS} or ${DENSE_CLASS} (unknown Kryo class).`,
    );
  } else {
    varint(); // name id (always new: Kryo resets per cell)
    for (;;) {
      if (p >= end) bad("the record ends inside a Kryo class name.");
      const b = bytes[p++];
      name += String.fromCharCode(b & 0x7f);
      if (b & 0x80) break;
      if (name.length > 1000) bad("a Kryo class name longer than 1000 characters.");
    }
  }
  if (name !== SPARSE_CLASS && name !== DENSE_CLASS) {
    bad(`unknown Kryo class ${JSON.stringify(name)}; expected ${SPARSE_CLASS} or ${DENSE_CLASS}.`);
  }
  if (varint() !== 1) bad("expected Kryo's new-object reference marker (1) after the class name.");
  const doubles = (what: string): number => {
    if (varint() !== 1) bad(`a null ${what} array in a ${name.slice(name.lastIndexOf(".") + 1)}.`);
    const n = varint() - 1;
    need(n * 8, `${n} doubles of ${what}`);
    const values = ensure(scratch, n).values;
    for (let k = 0; k < n; k++, p += 8) values[k] = view.getFloat64(p);
    return n;
  };
  if (name === DENSE_CLASS) {
    const n = doubles("data");
    sink.dense(scratch.values, n);
    return p;
  }
  if (varint() !== 1) bad("a null indices array in a SparseVector.");
  const count = varint() - 1;
  const indices = ensure(scratch, count).indices;
  for (let k = 0; k < count; k++) indices[k] = zigzag();
  const size = zigzag();
  const n = doubles("values");
  if (n !== count) bad(`a SparseVector with ${count} indices but ${n} values.`);
  sink.sparse(size, scratch.indices, scratch.values, count);
  return p;
}

function ensure(scratch: { indices: Int32Array; values: Float64Array }, n: number) {
  if (scratch.values.length < n) {
    const capacity = Math.max(n, scratch.values.length * 2);
    scratch.values = new Float64Array(capacity);
    scratch.indices = new Int32Array(capacity);
  }
  return scratch;
}

/** Appends Kryo / POJO bytes of one vector to `out`. */
export function writeVectorCell(
  out: ByteSink,
  form: "kryo" | "kryo-sparse" | "pojo",
  dense: boolean,
  size: number,
  indices: Int32Array,
  values: Float64Array,
  from: number,
  to: number,
): void {
  const count = to - from;
  if (form === "pojo") {
    // DENSE_VECTOR: a dense row is written as is; a sparse one is expanded to its size.
    const n = dense ? count : Math.max(size, 0);
    out.byte(2);
    out.byte(0);
    out.int32(n);
    if (dense) for (let k = from; k < to; k++) out.float64(values[k]);
    else {
      const full = new Float64Array(n);
      for (let k = from; k < to; k++) full[indices[k]] = values[k];
      for (let k = 0; k < n; k++) out.float64(full[k]);
    }
    return;
  }
  if (form === "kryo-sparse") out.varint(DECLARED_CLASS_ID + 2);
  else {
    out.byte(1);
    out.byte(0);
    out.ascii(dense ? DENSE_CLASS : SPARSE_CLASS, true);
  }
  out.byte(1);
  out.byte(1);
  out.varint(count + 1);
  if (dense) {
    for (let k = from; k < to; k++) out.float64(values[k]);
    return;
  }
  for (let k = from; k < to; k++) out.varint(((indices[k] << 1) ^ (indices[k] >> 31)) >>> 0);
  out.varint(((size << 1) ^ (size >> 31)) >>> 0);
  out.byte(1);
  out.varint(count + 1);
  for (let k = from; k < to; k++) out.float64(values[k]);
}

/** A growing big-endian byte buffer. */
export class ByteSink {
  bytes: Uint8Array;
  view: DataView;
  length = 0;

  constructor(capacity = 1 << 16) {
    this.bytes = new Uint8Array(capacity);
    this.view = new DataView(this.bytes.buffer);
  }

  reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    let capacity = this.bytes.length * 2;
    while (capacity < this.length + n) capacity *= 2;
    const bigger = new Uint8Array(capacity);
    bigger.set(this.bytes.subarray(0, this.length));
    this.bytes = bigger;
    this.view = new DataView(bigger.buffer);
  }

  byte(b: number): void {
    this.reserve(1);
    this.bytes[this.length++] = b;
  }

  int32(v: number): void {
    this.reserve(4);
    this.view.setInt32(this.length, v);
    this.length += 4;
  }

  float64(v: number): void {
    this.reserve(8);
    this.view.setFloat64(this.length, v);
    this.length += 8;
  }

  /** Unsigned LE base-128 varint (Kryo and Flink `StringValue` use the same form). */
  varint(v: number): void {
    this.reserve(5);
    while (v >= 0x80) {
      this.bytes[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.bytes[this.length++] = v;
  }

  /** Kryo's ASCII string: the characters, the last one with its high bit set. */
  ascii(text: string, kryo: boolean): void {
    this.reserve(text.length);
    for (let i = 0; i < text.length; i++) this.bytes[this.length++] = text.charCodeAt(i);
    if (kryo) this.bytes[this.length - 1] |= 0x80;
  }

  toBytes(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}
