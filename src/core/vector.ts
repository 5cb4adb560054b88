import { StreamlabError, quote } from "./errors";
import { javaDoubleToString } from "./javaFormat";

/**
 * Dense and sparse vectors with Alink's string formats (reference §3):
 * dense `"1.0 2.0 3.0"`, sparse `"$4$0:1.0 2:3.0"` (size 4) or `"0:1 2:3"` (size unknown = -1).
 */
export type Vector = DenseVector | SparseVector;

export class DenseVector {
  readonly kind = "dense" as const;
  constructor(readonly data: Float64Array) {}

  static of(values: ArrayLike<number>): DenseVector {
    return new DenseVector(Float64Array.from(values));
  }

  size(): number {
    return this.data.length;
  }

  get(i: number): number {
    return this.data[i] ?? 0;
  }

  /** Alink's text form: Java `Double.toString` of each element, separated by single spaces. */
  toString(): string {
    let out = "";
    for (let i = 0; i < this.data.length; i++) out += (i === 0 ? "" : " ") + javaDoubleToString(this.data[i]);
    return out;
  }

  toArray(): number[] {
    return Array.from(this.data);
  }
}

/** Largest vector size (Java's int range, as Alink's); indices are below it. */
export const MAX_VECTOR_SIZE = 2147483647;

/**
 * A sparse vector: strictly ascending indices, each once.
 *
 * A repeated index is rejected wherever a sparse vector is made (text, `of`, the constructor).
 * Alink keeps repeats and its operators then disagree on what `1:2 1:3` means (a dot product sums
 * them, VectorAssembler keeps the last, `get` the first found), so one input could train and
 * predict as two different vectors; streamlab refuses such input instead of picking one reading.
 */
export class SparseVector {
  readonly kind = "sparse" as const;
  /**
   * @param n size of the vector, or -1 when unknown (a sparse string without `$n$`)
   * @param indices strictly ascending, each in [0, n) (use {@link SparseVector.of} for unsorted entries)
   */
  constructor(readonly n: number, readonly indices: Int32Array, readonly values: Float64Array) {
    checkSparse(n, indices, values);
  }

  /** Builds a sparse vector from entries in any order (sorted, as Alink's constructor does), validating them. */
  static of(n: number, indices: ArrayLike<number>, values: ArrayLike<number>): SparseVector {
    if (indices.length !== values.length) {
      throw new StreamlabError(`Sparse vector has ${indices.length} indices but ${values.length} values.`);
    }
    for (let k = 0; k < indices.length; k++) {
      const index = indices[k];
      const limit = n >= 0 ? n : MAX_VECTOR_SIZE;
      if (!Number.isInteger(index) || index < 0 || index >= limit) {
        throw new StreamlabError(`Sparse vector index ${index} is out of bounds: expected an integer in [0, ${limit - 1}].`);
      }
    }
    const order = Array.from({ length: indices.length }, (_, i) => i);
    order.sort((a, b) => indices[a] - indices[b] || a - b);
    const idx = new Int32Array(order.length);
    const val = new Float64Array(order.length);
    order.forEach((from, to) => {
      idx[to] = indices[from];
      val[to] = values[from];
      if (to > 0 && idx[to] === idx[to - 1]) throw repeatedIndexError(idx[to], val[to - 1], val[to]);
    });
    return new SparseVector(n, idx, val);
  }

  size(): number {
    return this.n;
  }

  numberOfValues(): number {
    return this.indices.length;
  }

  get(i: number): number {
    for (let k = 0; k < this.indices.length; k++) if (this.indices[k] === i) return this.values[k];
    return 0;
  }

  /** Alink's text form: `$n$i:v i:v` (no `$n$` header when the size is 0 or unknown). */
  toString(): string {
    let out = this.n > 0 ? `$${this.n}$` : "";
    for (let k = 0; k < this.indices.length; k++) {
      out += (k === 0 ? "" : " ") + this.indices[k] + ":" + javaDoubleToString(this.values[k]);
    }
    return out;
  }

  toDense(): DenseVector {
    const size = this.n >= 0 ? this.n : (this.indices.length > 0 ? this.indices[this.indices.length - 1] + 1 : 0);
    const data = new Float64Array(size);
    for (let k = 0; k < this.indices.length; k++) data[this.indices[k]] += this.values[k];
    return new DenseVector(data);
  }
}

/** The constructor's invariant, one pass over typed arrays: sizes agree, indices ascend strictly within [0, n). */
function checkSparse(n: number, indices: Int32Array, values: Float64Array): void {
  if (!(indices instanceof Int32Array) || !(values instanceof Float64Array)) {
    throw new StreamlabError("new SparseVector(n, indices, values): indices must be an Int32Array and values a Float64Array; SparseVector.of(n, indices, values) takes plain arrays.");
  }
  if (!Number.isInteger(n) || n < -1 || n > MAX_VECTOR_SIZE) {
    throw new StreamlabError(`Sparse vector size ${n} is invalid: expected an integer in [0, ${MAX_VECTOR_SIZE}], or -1 for an unknown size.`);
  }
  if (indices.length !== values.length) {
    throw new StreamlabError(`Sparse vector has ${indices.length} indices but ${values.length} values.`);
  }
  let previous = -1;
  for (let k = 0; k < indices.length; k++) {
    const index = indices[k];
    if (index <= previous) {
      if (index === previous && k > 0) throw repeatedIndexError(index, values[k - 1], values[k]);
      throw new StreamlabError(
        `Sparse vector index ${index} (entry ${k}) is ${index < 0 ? "negative" : `not above the index before it (${previous})`}: ` +
          "the constructor takes strictly ascending indices; SparseVector.of(n, indices, values) sorts them.",
      );
    }
    previous = index;
  }
  if (n >= 0 && previous >= n) {
    throw new StreamlabError(`Sparse vector index ${previous} is out of bounds for size ${n}: expected an integer in [0, ${n - 1}].`);
  }
}

function repeatedIndexError(index: number, first: number, second: number): StreamlabError {
  return new StreamlabError(
    `Sparse vector index ${index} appears twice (values ${javaDoubleToString(first)} and ${javaDoubleToString(second)}): ` +
      "each index may appear once. Merge the entries (e.g. add the values) before making the vector.",
  );
}

export function isVector(value: unknown): value is Vector {
  return value instanceof DenseVector || value instanceof SparseVector;
}

/** Java `Double.parseDouble` syntax (decimal only; JS `Number()` would also take hex and ""). */
const JAVA_DOUBLE = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)[fFdD]?$/;

/** Parses one number as Java's `Double.parseDouble` would; NaN-with-reason on failure is an error. */
export function parseJavaDouble(token: string): number {
  const text = token.trim();
  if (!JAVA_DOUBLE.test(text)) return Number.NaN;
  const core = /[fFdD]$/.test(text) ? text.slice(0, -1) : text;
  if (core.endsWith("NaN")) return Number.NaN;
  return Number(core);
}

function isJavaDouble(token: string): boolean {
  return JAVA_DOUBLE.test(token.trim());
}

/**
 * Parses a vector string (Alink `VectorUtil.getVector`): sparse if blank or containing `:` or `$`,
 * dense otherwise. Numbers are parsed exactly (Alink's own fast parser can be 1 ulp off, errata E11).
 */
export function parseVector(text: string): Vector {
  if (typeof text !== "string") {
    throw new StreamlabError(`Expected a vector string such as "1.0 2.0" or "$3$0:1.0", got ${typeof text}.`);
  }
  if (text.trim() === "" || text.includes(":") || text.includes("$")) return parseSparseVector(text);
  return parseDenseVector(text);
}

/** Dense form: numbers separated by spaces and/or commas. */
export function parseDenseVector(text: string): DenseVector {
  if (text.includes(":") || text.includes("$")) return parseSparseVector(text).toDense();
  const tokens = text.split(/[ ,]+/).filter((t) => t.length > 0);
  const data = new Float64Array(tokens.length);
  tokens.forEach((token, i) => {
    if (!isJavaDouble(token)) {
      throw new StreamlabError(
        `Invalid dense vector string ${quote(text)}: element ${i + 1} (${quote(token)}) is not a number. ` +
          `Expected numbers separated by spaces, e.g. "1.0 2.0 3.0".`,
      );
    }
    data[i] = parseJavaDouble(token);
  });
  return new DenseVector(data);
}

/** Sparse form: optional `$size$` header, then `index:value` pairs separated by spaces or commas. */
export function parseSparseVector(text: string): SparseVector {
  const fail = (why: string): never => {
    throw new StreamlabError(
      `Invalid sparse vector string ${quote(text)}: ${why}. Expected "$size$index:value ..." such as "$5$0:1.0 3:2.5".`,
    );
  };
  let body = text;
  let size = -1;
  const firstDollar = text.indexOf("$");
  if (firstDollar >= 0) {
    const secondDollar = text.indexOf("$", firstDollar + 1);
    if (secondDollar < 0) fail("the size header has no closing \"$\"");
    const sizeText = text.slice(firstDollar + 1, secondDollar).trim();
    if (!/^\d+$/.test(sizeText)) fail(`the size ${quote(sizeText)} is not a non-negative integer`);
    size = Number(sizeText);
    if (size > 2147483647) fail(`the size ${sizeText} exceeds the largest vector size 2147483647`);
    if (text.slice(0, firstDollar).trim() !== "") fail("there is text before the size header");
    body = text.slice(secondDollar + 1);
  }
  const separator = body.includes(",") ? /,/ : / +/;
  const indices: number[] = [];
  const values: number[] = [];
  const valueTexts: string[] = [];
  let ascending = true;
  for (const rawPair of body.split(separator)) {
    const pair = rawPair.trim();
    if (pair === "") continue;
    const colon = pair.indexOf(":");
    if (colon < 0) fail(`entry ${quote(pair)} has no ":" between index and value`);
    const indexText = pair.slice(0, colon).trim();
    const valueText = pair.slice(colon + 1).trim();
    if (valueText.includes(":")) fail(`entry ${quote(pair)} has more than one ":"`);
    if (!/^\d+$/.test(indexText)) fail(`index ${quote(indexText)} is not a non-negative integer`);
    const index = Number(indexText);
    if (size >= 0 && index >= size) fail(`index ${index} is out of bounds for size ${size}`);
    if (index >= MAX_VECTOR_SIZE) fail(`index ${indexText} exceeds the largest index ${MAX_VECTOR_SIZE - 1}`);
    if (!isJavaDouble(valueText)) fail(`value ${quote(valueText)} at index ${index} is not a number`);
    if (indices.length > 0 && index <= indices[indices.length - 1]) ascending = false;
    indices.push(index);
    values.push(parseJavaDouble(valueText));
    valueTexts.push(valueText);
  }
  // Usually already ascending; otherwise sorted as Alink's constructor does. A repeated index is an
  // error (see SparseVector), reported here with the text it came from.
  const order = Array.from({ length: indices.length }, (_, i) => i);
  if (!ascending) order.sort((a, b) => indices[a] - indices[b] || a - b);
  const idx = new Int32Array(order.length);
  const val = new Float64Array(order.length);
  for (let k = 0; k < order.length; k++) {
    const from = order[k];
    if (k > 0 && indices[from] === idx[k - 1]) {
      fail(`index ${indices[from]} appears twice (values ${quote(valueTexts[order[k - 1]])} and ${quote(valueTexts[from])}); each index may appear once`);
    }
    idx[k] = indices[from];
    val[k] = values[from];
  }
  return new SparseVector(size, idx, val);
}

/** Accepts a vector, a vector string, a number (dense of length 1) or null, as Alink's `getVector`. */
export function toVector(value: unknown): Vector | null {
  if (value === null || value === undefined) return null;
  if (isVector(value)) return value;
  if (typeof value === "number") return new DenseVector(Float64Array.of(value));
  if (typeof value === "string") return parseVector(value);
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return DenseVector.of(value as ArrayLike<number>);
  throw new StreamlabError(`Cannot use ${quote(String(value))} as a vector: expected a vector, a vector string or a number array.`);
}
