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

export class SparseVector {
  readonly kind = "sparse" as const;
  /**
   * @param n size of the vector, or -1 when unknown (a sparse string without `$n$`)
   * @param indices sorted ascending; duplicates are kept as Alink keeps them
   */
  constructor(readonly n: number, readonly indices: Int32Array, readonly values: Float64Array) {}

  /** Builds a sparse vector from unsorted entries, validating indices against `n` as Alink does. */
  static of(n: number, indices: ArrayLike<number>, values: ArrayLike<number>): SparseVector {
    if (indices.length !== values.length) {
      throw new StreamlabError(`Sparse vector has ${indices.length} indices but ${values.length} values.`);
    }
    const order = Array.from({ length: indices.length }, (_, i) => i);
    order.sort((a, b) => indices[a] - indices[b] || a - b);
    const idx = new Int32Array(order.length);
    const val = new Float64Array(order.length);
    order.forEach((from, to) => {
      const index = indices[from];
      if (!Number.isInteger(index) || index < 0 || (n >= 0 && index >= n)) {
        throw new StreamlabError(
          `Sparse vector index ${index} is out of bounds: expected an integer in [0, ${n >= 0 ? n - 1 : "∞"}].`,
        );
      }
      idx[to] = index;
      val[to] = values[from];
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
    let sum = 0;
    for (let k = 0; k < this.indices.length; k++) if (this.indices[k] === i) sum += this.values[k];
    return sum;
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
    if (!isJavaDouble(valueText)) fail(`value ${quote(valueText)} at index ${index} is not a number`);
    indices.push(index);
    values.push(parseJavaDouble(valueText));
  }
  return SparseVector.of(size, indices, values);
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
