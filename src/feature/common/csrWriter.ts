import { VectorColumn } from "../../core/column";
import { TypeName } from "../../core/types";
import { newFloat64Array, newInt32Array } from "../../common/smallArrays";

/**
 * Writes a vector column straight into CSR arrays (no vector object per row): the feature
 * mappers' output path. Hot loops may write `indices`/`values` at `entries` themselves after
 * {@link ensureEntries} and then call {@link endSparseRow}.
 */
export class CsrWriter {
  sizes: Int32Array;
  dense: Uint8Array;
  offsets: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  nulls: Uint8Array | null = null;
  rows = 0;
  entries = 0;

  constructor(readonly rowCapacity: number, entryCapacity: number) {
    this.sizes = new Int32Array(rowCapacity);
    this.dense = new Uint8Array(rowCapacity);
    this.offsets = new Int32Array(rowCapacity + 1);
    // Small capacities (LocalPredictor's one-row chunks) are slab views: see smallArrays.
    this.indices = newInt32Array(Math.max(4, entryCapacity));
    this.values = newFloat64Array(Math.max(4, entryCapacity));
  }

  /** Makes room for `extra` more entries. */
  ensureEntries(extra: number): void {
    if (this.entries + extra <= this.indices.length) return;
    const capacity = Math.max(this.indices.length * 2, this.entries + extra);
    const indices = new Int32Array(capacity);
    indices.set(this.indices.subarray(0, this.entries));
    const values = new Float64Array(capacity);
    values.set(this.values.subarray(0, this.entries));
    this.indices = indices;
    this.values = values;
  }

  appendNull(): void {
    if (this.nulls === null) this.nulls = new Uint8Array(this.rowCapacity);
    this.nulls[this.rows] = 1;
    this.rows++;
    this.offsets[this.rows] = this.entries;
  }

  /** Closes a sparse row whose entries were written at `entries..newEntries` by the caller. */
  endSparseRow(size: number, newEntries: number): void {
    this.sizes[this.rows] = size;
    this.entries = newEntries;
    this.rows++;
    this.offsets[this.rows] = newEntries;
  }

  /** One sparse row from parallel arrays (indices ascending). */
  appendSparse(size: number, indices: ArrayLike<number>, values: ArrayLike<number>, count: number): void {
    this.ensureEntries(count);
    const at = this.entries;
    for (let k = 0; k < count; k++) {
      this.indices[at + k] = indices[k];
      this.values[at + k] = values[k];
    }
    this.endSparseRow(size, at + count);
  }

  /** One dense row of `count` values. */
  appendDense(values: ArrayLike<number>, count: number): void {
    this.ensureEntries(count);
    const at = this.entries;
    for (let k = 0; k < count; k++) {
      this.indices[at + k] = k;
      this.values[at + k] = values[k];
    }
    this.dense[this.rows] = 1;
    this.endSparseRow(count, at + count);
  }

  /** The finished column (arrays trimmed; kept as views when little space is wasted). */
  build(type: TypeName): VectorColumn {
    const fit = <T extends Int32Array | Float64Array | Uint8Array>(a: T, n: number): T =>
      (n === a.length ? a : n >= a.length * 0.75 ? a.subarray(0, n) : a.slice(0, n)) as T;
    return new VectorColumn(
      type,
      fit(this.sizes, this.rows),
      fit(this.dense, this.rows),
      fit(this.offsets, this.rows + 1),
      fit(this.indices, this.entries),
      fit(this.values, this.entries),
      this.nulls === null ? null : fit(this.nulls, this.rows),
    );
  }
}
