import { Value } from "../../core/column";
import { javaDoubleToString, javaFloatToString } from "../../core/javaFormat";
import { TypeName } from "../../core/types";

/**
 * Label values as Alink's Java code sees them: `label.toString()` decides the label order and
 * is the key of the prediction detail map. A DOUBLE label 2 prints as `2.0`, an INT label as
 * `2`, a FLOAT label with Java's `Float.toString`, a string as itself, a boolean as `true`/`false`.
 */
export function labelToString(value: Value, type: TypeName): string {
  if (value === null) return "null";
  if (typeof value === "number") {
    if (type === "DOUBLE") return javaDoubleToString(value);
    if (type === "FLOAT") return javaFloatToString(value);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  return String(value);
}

/** Label column types a classifier accepts. */
export function isLabelType(type: TypeName): boolean {
  return type === "STRING" || type === "BOOLEAN" || type === "DOUBLE" || type === "FLOAT" || type === "INT" || type === "BIGINT" || type === "SMALLINT" || type === "TINYINT";
}

/**
 * Alink's `orderLabels` for two labels (reference §4.5): the label whose `toString()` is larger
 * in Java `String.compareTo` order (UTF-16 code units, which JS string comparison also uses)
 * comes first and is the positive class: {0, 1} → 1; {9, 10} → 9 ("9" > "10"); {"no", "yes"} → "yes".
 */
export function orderTwoLabels(a: Value, b: Value, type: TypeName): [Value, Value] {
  return labelToString(b, type) > labelToString(a, type) ? [b, a] : [a, b];
}
