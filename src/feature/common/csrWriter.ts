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
  /**
   * Only for a writer a mapper keeps across calls ({@link CsrWriter.reusable}): the columns built
   * over this writer's own buffers, one per entry count (×2, +1 with nulls), and the null mask
   * kept for the next chunk that has nulls.
   */
  private built: (VectorColumn | undefined)[] | null = null;
  private spareNulls: Uint8Array | null = null;

  constructor(readonly rowCapacity: number, entryCapacity: number) {
    this.sizes = new Int32Array(rowCapacity);
    this.dense = new Uint8Array(rowCapacity);
    this.offsets = new Int32Array(rowCapacity + 1);
    // Small capacities (LocalPredictor's one-row chunks) are slab views: see smallArrays.
    this.indices = newInt32Array(Math.max(4, entryCapacity));
    this.values = newFloat64Array(Math.max(4, entryCapacity));
  }

  /**
   * A writer that a mapper in output-reuse mode (`Mapper.reuseOutputs`) keeps across calls: call
   * {@link restart} before each chunk of `rowCapacity` rows. Its built columns are views of its own
   * buffers, cached per entry count, so a one-row chunk costs no typed array; each is valid only
   * until the next restart.
   */
  static reusable(rowCapacity: number, entryCapacity: number): CsrWriter {
    const writer = new CsrWriter(rowCapacity, entryCapacity);
    writer.built = [];
    return writer;
  }

  /** Empties a {@link reusable} writer for the next chunk (what a new writer would hold). */
  restart(): void {
    this.rows = 0;
    this.entries = 0;
    // One row (LocalPredictor) is the common case: two stores instead of two fill() calls.
    if (this.rowCapacity === 1) {
      this.sizes[0] = 0;
      this.dense[0] = 0;
    } else {
      this.sizes.fill(0);
      this.dense.fill(0);
    }
    if (this.nulls !== null) {
      this.spareNulls = this.nulls.fill(0);
      this.nulls = null;
    }
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
    // Columns built earlier view the old buffers.
    if (this.built !== null) this.built = [];
  }

  appendNull(): void {
    if (this.nulls === null) this.nulls = this.spareNulls ?? new Uint8Array(this.rowCapacity);
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

  /** A {@link reusable} writer's column over its own buffers, kept for its entry count. */
  buildReused(type: TypeName): VectorColumn {
    const column = this.built![this.entries * 2 + (this.nulls === null ? 0 : 1)];
    return column !== undefined && column.type === type ? column : this.buildView(type);
  }

  /** A new column over a reusable writer's buffers, kept for its entry count. */
  private buildView(type: TypeName): VectorColumn {
    const column = new VectorColumn(type, this.sizes, this.dense, this.offsets, this.indices.subarray(0, this.entries), this.values.subarray(0, this.entries), this.nulls);
    const built = this.built!;
    const key = this.entries * 2 + (this.nulls === null ? 0 : 1);
    while (built.length <= key) built.push(undefined);
    built[key] = column;
    return column;
  }

  /** The finished column (arrays trimmed; kept as views when little space is wasted). */
  build(type: TypeName): VectorColumn {
    if (this.built !== null && this.rows === this.rowCapacity) return this.buildReused(type);
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
