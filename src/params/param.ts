import { parseSchemaStr } from "../core/schema";

/**
 * Parameter declarations as data (in the spirit of scikit-learn's `_parameter_constraints`):
 * each parameter has a type, a default (or is required), documentation and a validator that can
 * describe what it accepts. Operators declare their parameters once; fluent `setXxx`/`getXxx`
 * methods, validation, error texts, the contract test's bad values and the API reference all
 * come from these declarations.
 */
export interface ParamSpec<T> {
  /** Short type label for docs and errors, e.g. `Integer`, `String[]`, `Enum`. */
  readonly typeLabel: string;
  /** What the parameter means; required and never empty. */
  readonly doc: string;
  /** Default value; `undefined` means the parameter is required. */
  readonly defaultValue: T | undefined;
  /** Alternative names accepted by `set(name, …)` and constructors (Alink's aliases). */
  readonly aliases: readonly string[];
  /** Normalises a user value or returns an error text (`describe()` is added by the caller). */
  check(value: unknown): { ok: true; value: T } | { ok: false; why: string };
  /** What the parameter accepts, for error messages: "an integer ≥ 1". */
  describe(): string;
  /** A value this parameter rejects, for the contract test. */
  readonly invalidExample: unknown;
}

/** The value type a spec holds. */
export type ParamValue<S> = S extends ParamSpec<infer T> ? T : never;
export type ParamDeclarations = Readonly<Record<string, ParamSpec<any>>>;

interface Common<T> {
  doc: string;
  aliases?: readonly string[];
  default?: T;
}

type Checked<T> = { ok: true; value: T } | { ok: false; why: string };
const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const no = (why: string): Checked<never> => ({ ok: false, why });

function make<T>(
  typeLabel: string,
  options: Common<T> & { optional?: boolean },
  describe: () => string,
  check: (value: unknown) => Checked<T>,
  invalidExample: unknown,
): ParamSpec<T> {
  const nullable = options.optional === true;
  return {
    typeLabel,
    doc: options.doc,
    defaultValue: nullable && options.default === undefined ? (null as T) : options.default,
    aliases: options.aliases ?? [],
    describe: () => (nullable ? `${describe()} or null` : describe()),
    check: (value) => (value === null && nullable ? ok(null as T) : check(value)),
    invalidExample,
  };
}

function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(show).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const name = (value as object).constructor?.name;
    return name && name !== "Object" ? `a ${name}` : "an object";
  }
  return String(value);
}

/** "string \"3\"", "boolean true", "null", "undefined": a wrongly typed value with its type. */
function typed(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  return typeof value === "object" ? show(value) : `${typeof value} ${show(value)}`;
}

/**
 * Why a number parameter rejects `v`, or undefined when it is a finite number. NaN and ±Infinity
 * are refused everywhere: a NaN learning rate or an infinite interval would not fail, it would
 * silently produce NaN models or never fire.
 */
function notFinite(v: unknown): string | undefined {
  if (typeof v !== "number") return `got ${typed(v)}`;
  if (!Number.isFinite(v)) return `got ${v} (only finite numbers are accepted)`;
  return undefined;
}

interface NumberBounds {
  min?: number;
  max?: number;
  /** Lower bound excluded: `x > min`. */
  minExclusive?: boolean;
}

function boundsText(b: NumberBounds): string {
  const parts: string[] = [];
  if (b.min !== undefined) parts.push(`${b.minExclusive ? ">" : "≥"} ${b.min}`);
  if (b.max !== undefined) parts.push(`≤ ${b.max}`);
  return parts.length ? " " + parts.join(" and ") : "";
}

function inBounds(x: number, b: NumberBounds): boolean {
  if (b.min !== undefined && (b.minExclusive ? !(x > b.min) : !(x >= b.min))) return false;
  if (b.max !== undefined && !(x <= b.max)) return false;
  return true;
}

function boundsInvalid(b: NumberBounds, fallback: unknown): unknown {
  if (b.min !== undefined) return b.min - 1;
  if (b.max !== undefined) return b.max + 1;
  return fallback;
}

/** Builders for parameter specs. `optional: true` makes the default `null` and accepts null. */
export const Param = {
  string<O extends boolean = false>(
    options: Common<string> & { optional?: O; nonEmpty?: boolean },
  ): ParamSpec<O extends true ? string | null : string> {
    return make(
      "String",
      options as never,
      () => (options.nonEmpty ? "a non-empty string" : "a string"),
      (v) =>
        typeof v !== "string" ? no(`got ${typed(v)}`) : options.nonEmpty && v === "" ? no("got an empty string") : ok(v),
      42,
    ) as never;
  },

  /** A single character, or (when `optional`) null to disable (e.g. `quoteChar`). */
  char<O extends boolean = false>(options: Common<string> & { optional?: O }): ParamSpec<O extends true ? string | null : string> {
    return make(
      "Character",
      options as never,
      () => "a single character",
      (v) => (typeof v === "string" && v.length === 1 ? ok(v) : no(`got ${typeof v === "string" ? show(v) : typed(v)}`)),
      "ab",
    ) as never;
  },

  /** A schema string in Alink's grammar; validated when set so a typo fails at the setter. */
  schemaStr<O extends boolean = false>(options: Common<string> & { optional?: O }): ParamSpec<O extends true ? string | null : string> {
    return make(
      "String",
      options as never,
      () => 'a schema string such as "f0 double, label int"',
      (v) => {
        if (typeof v !== "string") return no(`got ${typed(v)}`);
        try {
          parseSchemaStr(v);
          return ok(v);
        } catch (error) {
          return no((error as Error).message);
        }
      },
      "f0 notatype",
    ) as never;
  },

  bool<O extends boolean = false>(options: Common<boolean> & { optional?: O }): ParamSpec<O extends true ? boolean | null : boolean> {
    return make(
      "Boolean",
      options as never,
      () => "true or false",
      (v) => (typeof v === "boolean" ? ok(v) : no(`got ${typed(v)}`)),
      "yes",
    ) as never;
  },

  int<O extends boolean = false>(
    options: Common<number> & NumberBounds & { optional?: O },
  ): ParamSpec<O extends true ? number | null : number> {
    return make(
      "Integer",
      options as never,
      () => `an integer${boundsText(options)}`,
      (v) => {
        const why = notFinite(v);
        if (why !== undefined) return no(why);
        const x = v as number;
        // Beyond 2^53 integers are no longer exact: 2^53 + 1 would silently become 2^53.
        if (!Number.isInteger(x)) return no(`got ${x}`);
        if (!Number.isSafeInteger(x)) return no(`got ${x} (integers must stay within ±(2^53 − 1))`);
        return inBounds(x, options) ? ok(x) : no(`got ${x}`);
      },
      boundsInvalid(options, 1.5),
    ) as never;
  },

  double<O extends boolean = false>(
    options: Common<number> & NumberBounds & { optional?: O },
  ): ParamSpec<O extends true ? number | null : number> {
    return make(
      "Double",
      options as never,
      () => `a number${boundsText(options)}`,
      (v) => {
        const why = notFinite(v);
        if (why !== undefined) return no(why);
        return inBounds(v as number, options) ? ok(v as number) : no(`got ${v}`);
      },
      boundsInvalid(options, "0.5"),
    ) as never;
  },

  strings<O extends boolean = false>(
    options: Common<readonly string[]> & { optional?: O; nonEmpty?: boolean },
  ): ParamSpec<O extends true ? string[] | null : string[]> {
    return make(
      "String[]",
      options as never,
      () => (options.nonEmpty ? "a non-empty array of strings" : "an array of strings"),
      (v) => {
        // A single string is accepted as a one-element list (PyAlink users write setSelectedCols("a")).
        const list = typeof v === "string" ? [v] : v;
        if (!Array.isArray(list) || !list.every((x) => typeof x === "string")) return no(`got ${show(v)}`);
        if (options.nonEmpty && list.length === 0) return no("got an empty array");
        return ok(Object.freeze([...list]) as unknown as string[]);
      },
      [1, 2],
    ) as never;
  },

  doubles<O extends boolean = false>(
    options: Common<readonly number[]> & { optional?: O },
  ): ParamSpec<O extends true ? number[] | null : number[]> {
    return make(
      "Double[]",
      options as never,
      () => "an array of numbers",
      (v) =>
        Array.isArray(v) && v.every((x) => typeof x === "number" && Number.isFinite(x))
          ? ok(Object.freeze([...v]) as unknown as number[])
          : no(`got ${show(v)}${Array.isArray(v) && v.some((x) => typeof x === "number" && !Number.isFinite(x)) ? " (only finite numbers are accepted)" : ""}`),
      ["a"],
    ) as never;
  },

  /** One of a fixed set of names, matched case-insensitively as Alink's `ParamUtil.searchEnum`. */
  enum<const V extends string, O extends boolean = false>(
    values: readonly V[],
    options: Common<V> & { optional?: O },
  ): ParamSpec<O extends true ? V | null : V> {
    return make(
      "Enum",
      options as never,
      () => `one of ${values.join(", ")} (case-insensitive)`,
      (v) => {
        if (typeof v !== "string") return no(`got ${typed(v)}`);
        const hit = values.find((x) => x.toUpperCase() === v.toUpperCase());
        return hit === undefined ? no(`got ${show(v)}`) : ok(hit);
      },
      "NOT_A_CHOICE",
    ) as never;
  },
};

