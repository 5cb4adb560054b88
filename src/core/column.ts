import { StreamlabError, quote } from "./errors";
import { parseTimestamp } from "./javaFormat";
import { TYPE_INFO, TypeName } from "./types";
import { DenseVector, SparseVector, Vector, isVector, parseVector } from "./vector";

/**
 * Columns: one typed storage per kind of value, immutable once built.
 *
 * - numbers: `Float64Array` (DOUBLE, FLOAT, BIGINT, TIMESTAMP as epoch ms) or `Int32Array`
 *   (INT, SMALLINT, TINYINT), with an optional null mask (`nulls[i] === 1` ⇒ null);
 * - booleans: `Uint8Array` + null mask;
 * - strings: a plain array with `null` for nulls;
 * - vectors: one CSR block for the whole column (`offsets`, `indices`, `values`) plus the declared
 *   size and a dense flag per row, so hashed features flow without a JS object per row.
 *
 * Row values (`get(i)`) are materialised only at the edges: printing, `collect()`, single rows.
 */
export type Value = number | string | boolean | Date | Vector | null;

export type Column = NumberColumn | BooleanColumn | StringColumn | VectorColumn;

export class NumberColumn {
  readonly kind = "number" as const;
  constructor(
    readonly type: TypeName,
    readonly values: Float64Array | Int32Array,
    readonly nulls: Uint8Array | null,
  ) {}

  get length(): number {
    return this.values.length;
  }

  isNull(i: number): boolean {
    return this.nulls !== null && this.nulls[i] === 1;
  }

  get(i: number): number | Date | null {
    if (this.isNull(i)) return null;
    return this.type === "TIMESTAMP" ? new Date(this.values[i]) : this.values[i];
  }

  slice(start: number, end: number): NumberColumn {
    return new NumberColumn(this.type, this.values.subarray(start, end), this.nulls?.subarray(start, end) ?? null);
  }

  take(rows: ArrayLike<number>): NumberColumn {
    const n = rows.length;
    const from = this.values;
    const fromNulls = this.nulls;
    // One loop per array, reading locals (a split takes every column of every chunk).
    if (from instanceof Int32Array) {
      const values = new Int32Array(n);
      for (let i = 0; i < n; i++) values[i] = from[rows[i]];
      return new NumberColumn(this.type, values, takeBytes(fromNulls, rows));
    }
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = from[rows[i]];
    return new NumberColumn(this.type, values, takeBytes(fromNulls, rows));
  }
}

export class BooleanColumn {
  readonly kind = "boolean" as const;
  readonly type = "BOOLEAN" as const;
  constructor(readonly values: Uint8Array, readonly nulls: Uint8Array | null) {}

  get length(): number {
    return this.values.length;
  }

  isNull(i: number): boolean {
    return this.nulls !== null && this.nulls[i] === 1;
  }

  get(i: number): boolean | null {
    return this.isNull(i) ? null : this.values[i] === 1;
  }

  slice(start: number, end: number): BooleanColumn {
    return new BooleanColumn(this.values.subarray(start, end), this.nulls?.subarray(start, end) ?? null);
  }

  take(rows: ArrayLike<number>): BooleanColumn {
    const values = new Uint8Array(rows.length);
    const nulls = this.nulls === null ? null : new Uint8Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      values[i] = this.values[rows[i]];
      if (nulls !== null) nulls[i] = this.nulls![rows[i]];
    }
    return new BooleanColumn(values, nulls);
  }
}

/**
 * Typed data a string column's texts are rendered from (for example the probabilities behind
 * prediction details, or the coefficients behind a model's JSON). The texts are rendered only when
 * someone reads them; a reader that knows the origin's class reads its typed data instead of
 * parsing the texts back — the texts are exact renderings of it, so both give the same values.
 */
export interface TextOrigin {
  readonly length: number;
  /** All texts (called at most once per column). */
  render(): (string | null)[];
  /** The origin of rows [start, end), or null when it has none (the texts are then rendered). */
  slice(start: number, end: number): TextOrigin | null;
  /** The origin of the given rows, when it can make one without rendering. */
  take?(rows: ArrayLike<number>): TextOrigin | null;
  /**
   * For texts that are JSON objects: the JSON text of the top-level field `key` of row i, written
   * without writing the rest; undefined when the row has no such field.
   */
  fieldText?(i: number, key: string): string | undefined;
  /**
   * Dictionary view: `codes[i] ≥ 0` means row i's text is `dictionary[codes[i]]`; −1 means read
   * {@link text}. A dictionary is shared by all chunks of one source column and only grows.
   */
  dictionaryCodes?(): { codes: Int32Array; dictionary: readonly string[] } | null;
  /** Row i's text, without rendering the others. */
  text?(i: number): string | null;
}

export class StringColumn {
  readonly kind = "string" as const;
  readonly type = "STRING" as const;
  private texts: readonly (string | null)[] | null;

  /** Texts given now (`values`), or rendered from `origin` when first read (`values` null). */
  constructor(values: readonly (string | null)[] | null, readonly origin: TextOrigin | null = null) {
    if (values === null && origin === null) throw new StreamlabError("A string column needs its values or an origin to render them from.");
    this.texts = values;
  }

  /** A column whose texts are rendered from `origin` when first read. */
  static rendered(origin: TextOrigin): StringColumn {
    return new StringColumn(null, origin);
  }

  get values(): readonly (string | null)[] {
    if (this.texts === null) this.texts = this.origin!.render();
    return this.texts;
  }

  get length(): number {
    return this.texts !== null ? this.texts.length : this.origin!.length;
  }

  isNull(i: number): boolean {
    return this.values[i] === null;
  }

  get(i: number): string | null {
    return this.values[i];
  }

  slice(start: number, end: number): StringColumn {
    const origin = this.origin === null ? null : this.origin.slice(start, end);
    if (origin !== null && this.texts === null) return new StringColumn(null, origin);
    return new StringColumn(this.values.slice(start, end), origin);
  }

  take(rows: ArrayLike<number>): StringColumn {
    if (this.texts === null && this.origin!.take !== undefined) {
      const origin = this.origin!.take(rows);
      if (origin !== null) return new StringColumn(null, origin);
    }
    const texts = this.values;
    const values = new Array<string | null>(rows.length);
    for (let i = 0; i < rows.length; i++) values[i] = texts[rows[i]];
    return new StringColumn(values);
  }
}

/** A column of vectors in CSR form; row i's entries are `indices/values[offsets[i] .. offsets[i+1])`. */
export class VectorColumn {
  readonly kind = "vector" as const;
  constructor(
    readonly type: TypeName,
    /** Declared vector size per row (-1 = unknown, for sparse strings without `$n$`). */
    readonly sizes: Int32Array,
    /** 1 where the row holds a dense vector (its indices are then 0..size-1). */
    readonly dense: Uint8Array,
    readonly offsets: Int32Array,
    readonly indices: Int32Array,
    readonly values: Float64Array,
    readonly nulls: Uint8Array | null,
  ) {}

  get length(): number {
    return this.sizes.length;
  }

  isNull(i: number): boolean {
    return this.nulls !== null && this.nulls[i] === 1;
  }

  get(i: number): Vector | null {
    if (this.isNull(i)) return null;
    const from = this.offsets[i];
    const to = this.offsets[i + 1];
    if (this.dense[i] === 1) return new DenseVector(this.values.slice(from, to));
    return new SparseVector(this.sizes[i], this.indices.slice(from, to), this.values.slice(from, to));
  }

  slice(start: number, end: number): VectorColumn {
    const from = this.offsets[start];
    const to = this.offsets[end];
    const offsets = new Int32Array(end - start + 1);
    for (let i = 0; i <= end - start; i++) offsets[i] = this.offsets[start + i] - from;
    return new VectorColumn(
      this.type,
      this.sizes.subarray(start, end),
      this.dense.subarray(start, end),
      offsets,
      this.indices.subarray(from, to),
      this.values.subarray(from, to),
      this.nulls?.subarray(start, end) ?? null,
    );
  }

  /** The given rows, as `VectorColumnBuilder.appendFrom` row by row gives them, sized once (a split takes every chunk's vectors). */
  take(rows: ArrayLike<number>): VectorColumn {
    const n = rows.length;
    const { offsets: from, nulls: isNull, indices: fromIndices, values: fromValues, sizes: fromSizes, dense: fromDense } = this;
    const offsets = new Int32Array(n + 1);
    let entries = 0;
    for (let r = 0; r < n; r++) {
      const i = rows[r];
      if (isNull === null || isNull[i] !== 1) entries += from[i + 1] - from[i];
      offsets[r + 1] = entries;
    }
    const sizes = new Int32Array(n);
    const dense = new Uint8Array(n);
    const indices = new Int32Array(entries);
    const values = new Float64Array(entries);
    let nulls: Uint8Array | null = null;
    for (let r = 0; r < n; r++) {
      const i = rows[r];
      if (isNull !== null && isNull[i] === 1) {
        (nulls ??= new Uint8Array(n))[r] = 1; // size 0, not dense, no entries
        continue;
      }
      sizes[r] = fromSizes[i];
      dense[r] = fromDense[i];
    }
    // Entries: consecutive non-null rows are contiguous in both columns, so each run is one copy
    // (a bulk one when long: a split keeps runs of neighbouring rows).
    let r = 0;
    while (r < n) {
      let end = r + 1;
      if (isNull !== null && isNull[rows[r]] === 1) {
        r = end;
        continue;
      }
      while (end < n && rows[end] === rows[end - 1] + 1 && (isNull === null || isNull[rows[end]] !== 1)) end++;
      const a = from[rows[r]];
      const b = from[rows[end - 1] + 1];
      const at = offsets[r];
      if (b - a > 32) {
        indices.set(fromIndices.subarray(a, b), at);
        values.set(fromValues.subarray(a, b), at);
      } else {
        for (let k = a, t = at; k < b; k++, t++) {
          indices[t] = fromIndices[k];
          values[t] = fromValues[k];
        }
      }
      r = end;
    }
    return new VectorColumn(this.type, sizes, dense, offsets, indices, values, nulls);
  }
}

/** Appends vectors into CSR arrays, growing them geometrically. */
export class VectorColumnBuilder {
  private sizes: Int32Array;
  private dense: Uint8Array;
  private offsets: Int32Array;
  private indices: Int32Array;
  private values: Float64Array;
  private nulls: Uint8Array | null = null;
  private rows = 0;
  private entries = 0;

  constructor(readonly type: TypeName, capacity = 16) {
    this.sizes = new Int32Array(Math.max(1, capacity));
    this.dense = new Uint8Array(Math.max(1, capacity));
    this.offsets = new Int32Array(Math.max(1, capacity) + 1);
    this.indices = new Int32Array(Math.max(4, capacity * 4));
    this.values = new Float64Array(Math.max(4, capacity * 4));
  }

  get length(): number {
    return this.rows;
  }

  private ensureRows(extra: number): void {
    if (this.rows + extra <= this.sizes.length) return;
    const capacity = Math.max(this.sizes.length * 2, this.rows + extra);
    this.sizes = grow(this.sizes, capacity);
    this.dense = grow(this.dense, capacity);
    this.offsets = grow(this.offsets, capacity + 1);
    if (this.nulls !== null) this.nulls = grow(this.nulls, capacity);
  }

  private ensureEntries(extra: number): void {
    if (this.entries + extra <= this.indices.length) return;
    const capacity = Math.max(this.indices.length * 2, this.entries + extra);
    this.indices = grow(this.indices, capacity);
    this.values = grow(this.values, capacity);
  }

  appendNull(): void {
    this.ensureRows(1);
    if (this.nulls === null) this.nulls = new Uint8Array(this.sizes.length);
    this.nulls[this.rows] = 1;
    this.sizes[this.rows] = 0;
    this.rows++;
    this.offsets[this.rows] = this.entries;
  }

  append(vector: Vector): void {
    this.ensureRows(1);
    if (vector instanceof DenseVector) {
      const n = vector.data.length;
      this.ensureEntries(n);
      for (let k = 0; k < n; k++) {
        this.indices[this.entries + k] = k;
        this.values[this.entries + k] = vector.data[k];
      }
      this.sizes[this.rows] = n;
      this.dense[this.rows] = 1;
      this.entries += n;
    } else {
      const n = vector.indices.length;
      this.ensureEntries(n);
      this.indices.set(vector.indices, this.entries);
      this.values.set(vector.values, this.entries);
      this.sizes[this.rows] = vector.n;
      this.dense[this.rows] = 0;
      this.entries += n;
    }
    this.rows++;
    this.offsets[this.rows] = this.entries;
  }

  /** Appends sparse entries given as parallel arrays (already sorted), e.g. from a hasher. */
  appendSparse(size: number, indices: ArrayLike<number>, values: ArrayLike<number>, count: number): void {
    this.ensureRows(1);
    this.ensureEntries(count);
    for (let k = 0; k < count; k++) {
      this.indices[this.entries + k] = indices[k];
      this.values[this.entries + k] = values[k];
    }
    this.sizes[this.rows] = size;
    this.dense[this.rows] = 0;
    this.entries += count;
    this.rows++;
    this.offsets[this.rows] = this.entries;
  }

  appendFrom(column: VectorColumn, row: number): void {
    if (column.isNull(row)) {
      this.appendNull();
      return;
    }
    const from = column.offsets[row];
    const count = column.offsets[row + 1] - from;
    this.ensureRows(1);
    this.ensureEntries(count);
    this.indices.set(column.indices.subarray(from, from + count), this.entries);
    this.values.set(column.values.subarray(from, from + count), this.entries);
    this.sizes[this.rows] = column.sizes[row];
    this.dense[this.rows] = column.dense[row];
    this.entries += count;
    this.rows++;
    this.offsets[this.rows] = this.entries;
  }

  build(): VectorColumn {
    return new VectorColumn(
      this.type,
      this.sizes.slice(0, this.rows),
      this.dense.slice(0, this.rows),
      this.offsets.slice(0, this.rows + 1),
      this.indices.slice(0, this.entries),
      this.values.slice(0, this.entries),
      this.nulls === null ? null : this.nulls.slice(0, this.rows),
    );
  }
}

/** The given rows of a null mask (null stays null). */
function takeBytes(from: Uint8Array | null, rows: ArrayLike<number>): Uint8Array | null {
  if (from === null) return null;
  const n = rows.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = from[rows[i]];
  return out;
}

function grow<T extends Int32Array | Uint8Array | Float64Array>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}

/** Where a value came from, for error messages during conversion. */
export interface ValueOrigin {
  column: string;
  row: number;
  operator?: string;
}

/**
 * Builds a column of a given type from JS values (memory sources, DataFrames, `fromRows`), checking
 * every value against the type and naming the column and row when one does not fit.
 */
export class ColumnBuilder {
  private readonly items: Value[] = [];
  constructor(readonly type: TypeName, readonly name: string, readonly operator?: string) {}

  append(value: unknown, row: number): void {
    this.items.push(coerceValue(value, this.type, { column: this.name, row, operator: this.operator }));
  }

  build(): Column {
    return columnFromValues(this.type, this.items);
  }
}

/** Converts a JS value to the stored representation of `type`, or throws a clear error. */
export function coerceValue(value: unknown, type: TypeName, origin: ValueOrigin): Value {
  if (value === null || value === undefined) return null;
  const bad = (expected: string): never => {
    const shown = typeof value === "string" ? quote(value) : String(value);
    throw new StreamlabError(
      `${origin.operator ? origin.operator + ": " : ""}row ${origin.row}, column ${quote(origin.column)} (${type}): ` +
        `cannot use ${shown} (${typeof value}); expected ${expected}.`,
      { column: origin.column, row: origin.row, operator: origin.operator },
    );
  };
  const info = TYPE_INFO[type];
  switch (info.storage) {
    case "int32":
    case "float64": {
      if (type === "TIMESTAMP") {
        if (value instanceof Date) return Number.isNaN(value.getTime()) ? bad("a valid date") : value.getTime();
        if (typeof value === "number" && Number.isFinite(value)) return value;
        if (typeof value === "string") {
          const ms = parseTimestamp(value);
          return Number.isNaN(ms) ? bad('a timestamp "yyyy-mm-dd hh:mm:ss[.fff]", a Date or epoch milliseconds') : ms;
        }
        return bad('a timestamp "yyyy-mm-dd hh:mm:ss[.fff]", a Date or epoch milliseconds');
      }
      let number: number;
      if (typeof value === "number") number = value;
      else if (typeof value === "bigint") number = Number(value);
      else return bad(`a number`);
      if (info.min !== undefined) {
        if (!Number.isInteger(number)) return bad(`an integer`);
        if (number < info.min || number > info.max!) return bad(`an integer in [${info.min}, ${info.max}]`);
      }
      return type === "FLOAT" ? Math.fround(number) : number;
    }
    case "boolean":
      return typeof value === "boolean" ? value : bad("true or false");
    case "string":
      return typeof value === "string" ? value : bad("a string");
    case "vector": {
      if (isVector(value)) return value;
      if (typeof value === "string") {
        try {
          return parseVector(value);
        } catch (error) {
          return bad(`a vector string (${(error as Error).message})`);
        }
      }
      return bad('a vector or a vector string such as "1.0 2.0" or "$3$0:1.0"');
    }
  }
}

/** Builds a column from values already of the stored representation (see {@link coerceValue}). */
export function columnFromValues(type: TypeName, items: readonly Value[]): Column {
  const n = items.length;
  const storage = TYPE_INFO[type].storage;
  let nulls: Uint8Array | null = null;
  const markNull = (i: number) => {
    if (nulls === null) nulls = new Uint8Array(n);
    nulls[i] = 1;
  };
  switch (storage) {
    case "float64":
    case "int32": {
      const values = storage === "int32" ? new Int32Array(n) : new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const v = items[i];
        if (v === null) markNull(i);
        else values[i] = v instanceof Date ? v.getTime() : (v as number);
      }
      return new NumberColumn(type, values, nulls);
    }
    case "boolean": {
      const values = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const v = items[i];
        if (v === null) markNull(i);
        else values[i] = v ? 1 : 0;
      }
      return new BooleanColumn(values, nulls);
    }
    case "string":
      return new StringColumn(items.map((v) => (v === null ? null : (v as string))));
    case "vector": {
      const builder = new VectorColumnBuilder(type, n);
      for (const v of items) {
        if (v === null) builder.appendNull();
        else builder.append(v as Vector);
      }
      return builder.build();
    }
  }
}

/** Concatenates columns of one type (stream chunks into a batch table). */
export function concatColumns(type: TypeName, columns: readonly Column[]): Column {
  if (columns.length === 1) return columns[0];
  const total = columns.reduce((sum, c) => sum + c.length, 0);
  const storage = TYPE_INFO[type].storage;
  const anyNulls = columns.some((c) => "nulls" in c && c.nulls !== null);
  if (storage === "float64" || storage === "int32" || storage === "boolean") {
    const values =
      storage === "float64" ? new Float64Array(total) : storage === "int32" ? new Int32Array(total) : new Uint8Array(total);
    const nulls = anyNulls ? new Uint8Array(total) : null;
    let at = 0;
    for (const c of columns as (NumberColumn | BooleanColumn)[]) {
      values.set(c.values as never, at);
      if (nulls !== null && c.nulls !== null) nulls.set(c.nulls, at);
      at += c.length;
    }
    return storage === "boolean"
      ? new BooleanColumn(values as Uint8Array, nulls)
      : new NumberColumn(type, values as Float64Array | Int32Array, nulls);
  }
  if (storage === "string") {
    const values: (string | null)[] = new Array(total);
    let at = 0;
    for (const c of columns as StringColumn[]) {
      const texts = c.values;
      for (let i = 0; i < texts.length; i++) values[at++] = texts[i];
    }
    return new StringColumn(values);
  }
  const builder = new VectorColumnBuilder(type, total);
  for (const c of columns as VectorColumn[]) for (let i = 0; i < c.length; i++) builder.appendFrom(c, i);
  return builder.build();
}
