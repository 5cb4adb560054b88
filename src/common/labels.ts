import { Value } from "../core/column";
import { javaDoubleToString, javaFloatToString } from "../core/javaFormat";
import { TypeName } from "../core/types";

/*
 * Label values as Alink's Java code sees them, in one place for training (classification/),
 * online learning and evaluation: which column types can be labels, how a label prints
 * (`label.toString()` orders labels and keys the prediction detail map), how a detail key is read
 * back in the label's type (`EvaluationUtil.castTo`), and the types' natural order.
 */

/** A label value as stored in its column: a string, a number or a boolean. */
export type LabelValue = string | number | boolean;

/** Label column types Alink's `castTo` supports. */
export const LABEL_TYPES: readonly TypeName[] = ["STRING", "BOOLEAN", "TINYINT", "SMALLINT", "INT", "BIGINT", "FLOAT", "DOUBLE"];

const INTEGER_RANGE: Partial<Record<TypeName, [number, number]>> = {
  TINYINT: [-128, 127],
  SMALLINT: [-32768, 32767],
  INT: [-2147483648, 2147483647],
  BIGINT: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

const JAVA_DOUBLE = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)[fFdD]?$/;

/**
 * Java `Double.valueOf(text)` for decimal text: surrounding whitespace, a sign, `NaN`, `Infinity`,
 * an exponent and an `f`/`d` suffix are accepted; anything else gives undefined (Java throws).
 */
export function parseJavaDouble(text: string): number | undefined {
  const t = text.trim();
  if (!JAVA_DOUBLE.test(t)) return undefined;
  const body = /[fFdD]$/.test(t) && !/Infinity$/.test(t) ? t.slice(0, -1) : t;
  return Number(body);
}

/**
 * Alink `EvaluationUtil.castTo(text, type)`: the value of a prediction-detail key in the label
 * column's type (`"1"` → 1 for INT, `"1"` → 1.0 for DOUBLE). Undefined when the text is not a
 * value of the type (Java throws `NumberFormatException`).
 */
export function castLabel(text: string, type: TypeName): LabelValue | undefined {
  switch (type) {
    case "STRING":
      return text;
    case "BOOLEAN":
      // Boolean.valueOf: "true" in any case is true, everything else false.
      return text.toLowerCase() === "true";
    case "FLOAT": {
      const v = parseJavaDouble(text);
      return v === undefined ? undefined : Math.fround(v);
    }
    case "DOUBLE":
      return parseJavaDouble(text);
    default: {
      const range = INTEGER_RANGE[type];
      if (range === undefined || !/^[+-]?\d+$/.test(text)) return undefined;
      const v = Number(text);
      return v < range[0] || v > range[1] ? undefined : v === 0 ? 0 : v;
    }
  }
}

/** Java `Double.compare`: -0.0 < 0.0, NaN above everything. */
export function javaDoubleCompare(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) {
    if (a !== 0) return 0;
    const na = Object.is(a, -0);
    const nb = Object.is(b, -0);
    return na === nb ? 0 : na ? -1 : 1;
  }
  const aNaN = Number.isNaN(a);
  const bNaN = Number.isNaN(b);
  return aNaN === bNaN ? 0 : aNaN ? 1 : -1;
}

/** Natural order of labels (`Comparable.compareTo` of the Java type). */
export function compareLabels(a: LabelValue, b: LabelValue): number {
  if (typeof a === "number" && typeof b === "number") return javaDoubleCompare(a, b);
  if (typeof a === "boolean" && typeof b === "boolean") return a === b ? 0 : a ? 1 : -1;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Label column types a classifier accepts (the same as {@link LABEL_TYPES}). */
export function isLabelType(type: TypeName): boolean {
  return LABEL_TYPES.includes(type);
}

/**
 * Java `toString()` of a label value of the column type: a DOUBLE label 2 prints as `2.0`, an INT
 * label as `2`, a FLOAT label with Java's `Float.toString`, a string as itself, a boolean as
 * `true`/`false`, null as `null`.
 */
export function labelToString(value: Value, type: TypeName): string {
  if (typeof value === "number") {
    if (type === "DOUBLE") return javaDoubleToString(value);
    if (type === "FLOAT") return javaFloatToString(value);
    return String(value);
  }
  return String(value);
}

/**
 * Alink's `orderLabels` for two labels (reference §4.5): the label whose `toString()` is larger
 * in Java `String.compareTo` order (UTF-16 code units, which JS string comparison also uses)
 * comes first and is the positive class: {0, 1} → 1; {9, 10} → 9 ("9" > "10"); {"no", "yes"} → "yes".
 */
export function orderTwoLabels(a: Value, b: Value, type: TypeName): [Value, Value] {
  return labelToString(b, type) > labelToString(a, type) ? [b, a] : [a, b];
}
