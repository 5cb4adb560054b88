import { StreamlabError } from "./errors";
import { javaDoubleToString } from "./javaFormat";

/**
 * JSON the way Alink's Java side writes it: doubles in `Double.toString` form (`1.0`, `1.0E-4`),
 * NaN/Infinity written bare (Gson's `serializeSpecialFloatingPointValues`), and maps iterated in
 * `java.util.HashMap` order (reference Appendix B), so model tables and metric JSON print like
 * Alink's.
 */

/** `String.hashCode()` (UTF-16 code units, int32 overflow). */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * Iteration order of a `java.util.HashMap` after inserting `keys` in order. `initialCapacity`
 * is the constructor argument (16 for `new HashMap<>()`, 0 for `new HashMap<>(0)`).
 * Buckets in index order, insertion order within a bucket (trees of ≥ 8 entries are not modelled).
 */
export function javaHashMapOrder(keys: readonly string[], initialCapacity = 16): string[] {
  let capacity = 1;
  while (capacity < initialCapacity) capacity *= 2;
  if (initialCapacity === 0) capacity = 1;
  let threshold = Math.floor(capacity * 0.75);
  const unique: string[] = [];
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(key);
    if (unique.length > threshold) {
      capacity *= 2;
      threshold = Math.floor(capacity * 0.75);
    }
  }
  const bucket = (key: string) => {
    const h = javaStringHash(key);
    return ((h ^ (h >>> 16)) & (capacity - 1)) >>> 0;
  };
  return unique
    .map((key, order) => ({ key, order, bucket: bucket(key) }))
    .sort((a, b) => a.bucket - b.bucket || a.order - b.order)
    .map((e) => e.key);
}

/** A JSON number in Java's `Double.toString` form (NaN/Infinity bare, as Gson writes them). */
export function jsonDouble(x: number): string {
  return javaDoubleToString(x);
}

export function jsonDoubleArray(values: ArrayLike<number>): string {
  let out = "[";
  for (let i = 0; i < values.length; i++) out += (i === 0 ? "" : ",") + javaDoubleToString(values[i]);
  return out + "]";
}

export function jsonString(s: string | null): string {
  return s === null ? "null" : JSON.stringify(s);
}

export function jsonStringArray(values: readonly string[] | null): string {
  return values === null ? "null" : "[" + values.map((v) => JSON.stringify(v)).join(",") + "]";
}

/** A JSON object from already-encoded values, keys in the given order. */
export function jsonObject(entries: readonly [string, string][]): string {
  return "{" + entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(",") + "}";
}

/**
 * Alink `Params.toJson()`: a map whose values are themselves JSON texts (so `"true"`, `"\"LR\""`,
 * `"[\"f0\"]"`), keys in HashMap order; a null value is written as JSON null.
 */
export function paramsToJson(values: readonly [string, string | null][]): string {
  const byKey = new Map(values);
  return jsonObject(javaHashMapOrder(values.map(([k]) => k)).map((k) => [k, byKey.get(k) === null ? "null" : JSON.stringify(byKey.get(k))]));
}

/** Parses JSON that may contain bare NaN / Infinity / -Infinity (Gson's special floats). */
export function parseJavaJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Quote bare special floats outside strings, then turn them back into numbers.
    const marked = text.replace(/("(?:[^"\\]|\\.)*")|(-?Infinity|NaN)/g, (m, str) => (str ? str : `"__java_special__${m}"`));
    try {
      return JSON.parse(marked, (_k, v) => (typeof v === "string" && v.startsWith("__java_special__") ? Number(v.slice(16)) : v));
    } catch (error) {
      throw new StreamlabError(`Invalid JSON ${JSON.stringify(text.slice(0, 200))}: ${(error as Error).message}`);
    }
  }
}

/** Alink `Params.fromJson`: each value parsed from its own JSON text. */
export function paramsFromJson(text: string): Record<string, unknown> {
  const outer = parseJavaJson(text);
  if (outer === null || typeof outer !== "object" || Array.isArray(outer)) {
    throw new StreamlabError(`Model meta must be a JSON object, got ${JSON.stringify(text.slice(0, 200))}.`);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(outer as Record<string, unknown>)) out[k] = typeof v === "string" ? parseJavaJson(v) : v;
  return out;
}
