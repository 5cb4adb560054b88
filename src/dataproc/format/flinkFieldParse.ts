import { Value } from "../../core/column";
import { parseTimestamp } from "../../core/javaFormat";
import { TYPE_INFO, TypeName } from "../../core/types";
import { parseVector } from "../../core/vector";
import { javaFloatFromDouble, parseJavaDouble } from "../../io/csv/javaNumbers";

/** A cell that did not convert: why, in words for an error message. */
export interface CellFailure {
  why: string;
}

const INTEGER = /^-?\d+$/;

/**
 * A text field as the type of its output column, as Alink's `ColumnsWriter` converts it (Flink's
 * `FieldParser` for the column's Java class): STRING keeps the text (null stays null); every other
 * type rejects null, blank text and surrounding blanks (Flink's number parsers refuse them), then:
 * integers are `-?digits` within the type's range (no `+`, no fraction: `1.0` is not an INT),
 * DOUBLE/FLOAT are Java double literals (`1e3`, `NaN`, `1.5d`), BOOLEAN is true/false/1/0 in any
 * case (Flink's BooleanParser), TIMESTAMP is `yyyy-mm-dd hh:mm:ss[.fff]` (UTC). Vector types
 * (streamlab's addition: Alink's ColumnsWriter has no parser for them) take Alink's vector text.
 */
export function cellFromText(type: TypeName, text: string | null): Value | CellFailure {
  if (type === "STRING") return text;
  if (text === null) return { why: "the value is null" };
  if (text.trim() === "") return { why: `the value ${JSON.stringify(text)} is empty` };
  if (text !== text.trim()) return { why: `${JSON.stringify(text)} has surrounding blanks` };
  const info = TYPE_INFO[type];
  switch (type) {
    case "DOUBLE":
    case "FLOAT": {
      const d = parseJavaDouble(text);
      if (d === undefined) return { why: `${JSON.stringify(text)} is not a number` };
      return type === "FLOAT" ? javaFloatFromDouble(d, () => text) : d;
    }
    case "TINYINT":
    case "SMALLINT":
    case "INT":
    case "BIGINT": {
      if (!INTEGER.test(text)) return { why: `${JSON.stringify(text)} is not an integer` };
      const v = Number(text);
      if (!(v >= info.min! && v <= info.max!) || !Number.isSafeInteger(v)) return { why: `${text} is outside [${info.min}, ${info.max}]` };
      return v;
    }
    case "BOOLEAN": {
      const t = text.toLowerCase();
      if (t === "true" || t === "1") return true;
      if (t === "false" || t === "0") return false;
      return { why: `${JSON.stringify(text)} is not true, false, 1 or 0` };
    }
    case "TIMESTAMP": {
      const ms = parseTimestamp(text);
      return Number.isNaN(ms) ? { why: `${JSON.stringify(text)} is not a timestamp "yyyy-mm-dd hh:mm:ss[.fff]"` } : ms;
    }
    default:
      try {
        return parseVector(text);
      } catch (error) {
        return { why: `${JSON.stringify(text)} is not a vector (${(error as Error).message})` };
      }
  }
}

export function isFailure(v: Value | CellFailure): v is CellFailure {
  return v !== null && typeof v === "object" && "why" in v && !(v instanceof Date);
}
