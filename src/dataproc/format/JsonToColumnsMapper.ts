import { Column, Value, columnFromValues } from "../../core/column";
import { quote } from "../../core/errors";
import { Schema } from "../../core/schema";
import { JsonNumber, JsonValue, jsonText, parseRelaxedJson } from "../jsonValue/jsonPath";
import { cellFromText, isFailure } from "./flinkFieldParse";
import { InvalidRow, ToColumnsMapper, ToColumnsSettings } from "./toColumns";

/**
 * JSON text → columns (Alink's `JsonReader` + `ColumnsWriter`): each row's text must be a JSON
 * object (strict JSON, as Jackson reads it); output column `c` takes the field named `c` (exact
 * case; a missing field is null), as the text Java gives for it — a string as is, an integer as
 * its digits, a decimal as Java's `Double.toString` (`1.0`), an object as compact JSON, an array
 * as Java's list text (`[1, 2]`) — converted to the column's type (see cellFromText: `1.0` is not
 * an INT; JSON null is not a number). Fields no column names are ignored.
 */
export class JsonToColumnsMapper extends ToColumnsMapper {
  constructor(inputSchema: Schema, settings: ToColumnsSettings) {
    super(inputSchema, settings);
  }

  protected parseTexts(texts: readonly (string | null)[]): { columns: Column[]; invalid: InvalidRow[] } {
    const { names, types } = this.target;
    const n = texts.length;
    const cells: Value[][] = names.map(() => new Array<Value>(n).fill(null));
    const invalid: InvalidRow[] = [];
    rows: for (let r = 0; r < n; r++) {
      const text = texts[r];
      const root = parseObject(text);
      if (typeof root === "string") {
        invalid.push({ row: r, why: root });
        continue;
      }
      for (let c = 0; c < names.length; c++) {
        if (!root.has(names[c])) continue;
        const cell = cellFromText(types[c], javaText(root.get(names[c])!));
        if (isFailure(cell)) {
          invalid.push({ row: r, why: `field ${quote(names[c])}: ${cell.why}; expected ${types[c]}` });
          continue rows;
        }
        cells[c][r] = cell;
      }
    }
    return { columns: cells.map((values, c) => columnFromValues(types[c], values)), invalid };
  }
}

/** The text's top-level object, or why it is not one. */
function parseObject(text: string | null): Map<string, JsonValue> | string {
  if (text === null || text.trim() === "") return `the text is ${text === null ? "null" : "empty"}; expected a JSON object`;
  try {
    // Jackson is strict: relaxed forms (unquoted names, single quotes) fail as in Alink.
    JSON.parse(text);
  } catch (error) {
    return `the text is not JSON (${(error as Error).message})`;
  }
  // Parsed again keeping each number as written (1 vs 1.0 matters for the column types).
  const value = parseRelaxedJson(text);
  if (!(value instanceof Map)) return "the text is JSON but not an object; expected {\"name\": value, ...}";
  return value;
}

/** `value.toString()` of what Jackson read (a Map value becomes JSON text, as Alink's JsonReader writes it). */
function javaText(v: JsonValue): string | null {
  if (v === null) return null;
  if (v instanceof Map) return jsonText(v);
  return javaToString(v);
}

function javaToString(v: JsonValue): string {
  if (v === null) return "null";
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return String(v);
  if (v instanceof JsonNumber) return v.toJavaText();
  if (Array.isArray(v)) return `[${v.map(javaToString).join(", ")}]`;
  return `{${[...v].map(([k, x]) => `${k}=${javaToString(x)}`).join(", ")}}`;
}
