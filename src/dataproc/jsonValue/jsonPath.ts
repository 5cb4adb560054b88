import { StreamlabError, quote } from "../../core/errors";
import { javaDoubleToString } from "../../core/javaFormat";

/**
 * Relaxed JSON and a definite-path subset of JSONPath, for `JsonValueBatchOp` (Alink's
 * `JsonPathMapper`, which calls Jayway JsonPath on its json-smart provider in permissive mode).
 *
 * The reader accepts standard JSON plus what json-smart's permissive mode is commonly used for:
 * unquoted keys and unquoted string values (`{a:girl,b:{b1:[1,3]}}`), single-quoted strings and
 * trailing commas. Unquoted tokens that look like numbers, `true`, `false` or `null` are those
 * values. Numbers remember whether they were written as integers, because Alink prints an integer
 * leaf as `1` but a decimal one in Java's double format (`1.0`, `1.0E10`).
 */
export type JsonValue = string | JsonNumber | boolean | null | JsonValue[] | JsonObject;

/** An object, keys in document order (a later duplicate replaces the value, keeping the position). */
export type JsonObject = Map<string, JsonValue>;

export class JsonNumber {
  constructor(
    /** The number as written. */
    readonly text: string,
    /** Written without a fraction or exponent. */
    readonly isInteger: boolean,
  ) {}

  /** Jackson's text of the value json-smart parsed: integers as digits, decimals as Java doubles. */
  toJavaText(): string {
    if (this.isInteger) return BigInt(this.text.replace(/^\+/, "")).toString();
    return javaDoubleToString(Number(this.text));
  }
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses relaxed JSON; throws a StreamlabError saying where it stopped. */
export function parseRelaxedJson(text: string): JsonValue {
  let i = 0;
  const n = text.length;
  const fail = (what: string): never => {
    throw new StreamlabError(`${what} at position ${i}`);
  };
  const ws = () => {
    while (i < n && /\s/.test(text[i])) i++;
  };

  const quoted = (q: string): string => {
    i++; // opening quote
    let out = "";
    while (i < n) {
      const c = text[i++];
      if (c === q) return out;
      if (c !== "\\") {
        out += c;
        continue;
      }
      const e = text[i++];
      switch (e) {
        case "n":
          out += "\n";
          break;
        case "t":
          out += "\t";
          break;
        case "r":
          out += "\r";
          break;
        case "b":
          out += "\b";
          break;
        case "f":
          out += "\f";
          break;
        case "u": {
          const hex = text.slice(i, i + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("bad \\u escape");
          out += String.fromCharCode(parseInt(hex, 16));
          i += 4;
          break;
        }
        case undefined:
          return fail("unterminated string");
        default:
          out += e; // \" \' \\ \/ and anything else as itself
      }
    }
    return fail("unterminated string");
  };

  /** An unquoted token up to one of the stop characters, trimmed. */
  const token = (stops: string): string => {
    const start = i;
    while (i < n && !stops.includes(text[i])) i++;
    return text.slice(start, i).trim();
  };

  const scalar = (raw: string): JsonValue => {
    if (raw === "true") return true;
    if (raw === "false") return false;
    if (raw === "null") return null;
    if (NUMBER.test(raw)) return new JsonNumber(raw, !/[.eE]/.test(raw));
    return raw;
  };

  const value = (stops: string): JsonValue => {
    ws();
    if (i >= n) return fail("unexpected end of text");
    const c = text[i];
    if (c === "{") {
      i++;
      const obj: JsonObject = new Map();
      for (;;) {
        ws();
        if (text[i] === "}") {
          i++;
          return obj;
        }
        if (i >= n) fail("unterminated object");
        const key = text[i] === '"' || text[i] === "'" ? quoted(text[i]) : token(":,}");
        ws();
        if (text[i] !== ":") fail(`expected ":" after key ${quote(key)}`);
        i++;
        obj.set(key, value(",}]"));
        ws();
        if (text[i] === ",") i++;
        else if (text[i] !== "}") fail('expected "," or "}"');
      }
    }
    if (c === "[") {
      i++;
      const arr: JsonValue[] = [];
      for (;;) {
        ws();
        if (text[i] === "]") {
          i++;
          return arr;
        }
        if (i >= n) fail("unterminated array");
        arr.push(value(",]}"));
        ws();
        if (text[i] === ",") i++;
        else if (text[i] !== "]") fail('expected "," or "]"');
      }
    }
    if (c === '"' || c === "'") return quoted(c);
    const raw = token(stops);
    if (raw === "") fail("expected a value");
    return scalar(raw);
  };

  const result = value("");
  ws();
  if (i < n) fail("unexpected text after the JSON value");
  return result;
}

/** Compact JSON text of a value (Jackson's output for json-smart values). */
export function jsonText(v: JsonValue): string {
  if (v === null) return "null";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "boolean") return String(v);
  if (v instanceof JsonNumber) return v.toJavaText();
  if (Array.isArray(v)) return `[${v.map(jsonText).join(",")}]`;
  return `{${[...v].map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x)}`).join(",")}}`;
}

/** One step of a definite JSONPath: a property name or an array index (negative counts from the end). */
export type PathStep = { kind: "property"; name: string } | { kind: "index"; index: number };

export interface CompiledJsonPath {
  readonly text: string;
  readonly steps: readonly PathStep[];
  /** Jayway's normalised form, e.g. `$['b']['b1'][0]`. */
  readonly normalized: string;
}

const SUPPORTED = "$.a, $.a.b, $.a[0], $['a'], $.a.b[1].c (negative indices count from the end)";

/**
 * Compiles a definite JSONPath: `$`, then `.name`, `['name']` / `["name"]` and `[index]` steps. A path
 * without a leading `$` gets `$.` prepended (as Jayway does). Wildcards, deep scan (`..`), slices,
 * unions, filters and functions are rejected with the list of supported forms.
 */
export function compileJsonPath(path: string): CompiledJsonPath {
  const text = path.trim();
  const unsupported = (why: string): never => {
    throw new StreamlabError(`JSONPath ${quote(path)}: ${why}. Supported forms: ${SUPPORTED}.`);
  };
  let s = text;
  if (s.startsWith("@")) unsupported("filter-relative paths (@) are not supported");
  if (!s.startsWith("$")) s = "$." + s;
  const steps: PathStep[] = [];
  let i = 1;
  while (i < s.length) {
    const c = s[i];
    if (c === ".") {
      if (s[i + 1] === ".") unsupported("deep scan (..) is not supported");
      const start = ++i;
      while (i < s.length && s[i] !== "." && s[i] !== "[") i++;
      const name = s.slice(start, i);
      if (name === "") unsupported("empty property name");
      if (name === "*") unsupported("wildcards (*) are not supported");
      if (/[()]/.test(name)) unsupported("functions are not supported");
      steps.push({ kind: "property", name });
    } else if (c === "[") {
      const close = findClose(s, i);
      if (close < 0) unsupported('missing "]"');
      const inner = s.slice(i + 1, close).trim();
      const quotedName = /^'((?:[^'\\]|\\.)*)'$|^"((?:[^"\\]|\\.)*)"$/.exec(inner);
      if (quotedName !== null) {
        steps.push({ kind: "property", name: (quotedName[1] ?? quotedName[2]).replace(/\\(.)/g, "$1") });
      } else if (/^-?\d+$/.test(inner)) {
        steps.push({ kind: "index", index: Number(inner) });
      } else {
        unsupported(`the selector [${inner}] is not supported (only one quoted name or one integer index)`);
      }
      i = close + 1;
    } else {
      unsupported(`unexpected ${quote(c)} at position ${i}`);
    }
  }
  const normalized = "$" + steps.map((st) => (st.kind === "property" ? `['${st.name}']` : `[${st.index}]`)).join("");
  return { text: path, steps, normalized };
}

function findClose(s: string, open: number): number {
  let q: string | null = null;
  for (let i = open + 1; i < s.length; i++) {
    const c = s[i];
    if (q !== null) {
      if (c === "\\") i++;
      else if (c === q) q = null;
    } else if (c === "'" || c === '"') q = c;
    else if (c === "]") return i;
  }
  return -1;
}

/** The value at a compiled path, or `{ missing }` naming the first step that found nothing. */
export function readJsonPath(root: JsonValue, path: CompiledJsonPath): { value: JsonValue } | { missing: string } {
  let current: JsonValue = root;
  let where = "$";
  for (const step of path.steps) {
    if (step.kind === "property") {
      where += `['${step.name}']`;
      if (!(current instanceof Map) || !current.has(step.name)) return { missing: where };
      current = current.get(step.name)!;
    } else {
      where += `[${step.index}]`;
      if (!Array.isArray(current)) return { missing: where };
      const k = step.index < 0 ? current.length + step.index : step.index;
      if (k < 0 || k >= current.length) return { missing: where };
      current = current[k];
    }
  }
  return { value: current };
}

/**
 * The cell Alink writes for a value found at a path: strings as they are, `null` as null, any other
 * value as its JSON text (`1`, `true`, `[1,2]`, `{"a":1}`).
 */
export function jsonValueCell(v: JsonValue): string | null {
  if (v === null) return null;
  if (typeof v === "string") return v;
  return jsonText(v);
}
