import { inferSchema, initParser } from "udsv";
import { Schema, StreamlabError } from "../index";
import { TYPE_INFO, TypeName } from "../core/types";

/** What a request asked to predict: rows in input-schema order, and whether they came as objects. */
export interface RequestRows {
  rows: unknown[][];
  /** Rows were given as objects keyed by column name: answer in the same form. */
  asObjects: boolean;
}

/** A client error: the service answers it with 400 and this message (it names the row and column). */
export class BadRequest extends Error {}

/** The value range of an integer column type (TYPE_INFO, as memory sources check it), or null for other types. */
function integerRange(type: string): [number, number] | null {
  const info = TYPE_INFO[type as TypeName];
  return info !== undefined && info.min !== undefined ? [info.min, info.max!] : null;
}
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|NaN|Infinity)$/;

/**
 * Reads a JSON body: one row (`[…]` or `{"col": …}`), or many (`{"rows": [...]}` or `[[…], …]`).
 * Each value is checked against its column type here, so that an error names the row of the
 * request (`rows[3]`) and the column, not a position in the service's lifetime.
 */
export function rowsFromJson(body: unknown, schema: Schema, maxRows: number): RequestRows {
  let list: unknown[];
  const many = isPlainObject(body) && "rows" in (body as object);
  if (Array.isArray(body)) list = body.length > 0 && body.every((r) => Array.isArray(r) || isPlainObject(r)) ? body : [body];
  else if (many) {
    const rows = (body as { rows: unknown }).rows;
    if (!Array.isArray(rows)) throw new BadRequest(`"rows" must be an array of rows, got ${describe(rows)}.`);
    list = rows;
  } else if (isPlainObject(body)) list = [body];
  else throw new BadRequest(`expected a row ([…] or {"column": value}) or {"rows": [...]}, got ${describe(body)}.`);
  if (list.length === 0) throw new BadRequest(`"rows" is empty; send at least one row.`);
  if (list.length > maxRows) throw new BadRequest(`${list.length} rows in one request; at most ${maxRows} (--max-rows).`);
  const asObjects = isPlainObject(list[0]);
  const rows = list.map((row, i) => {
    const where = list.length === 1 && !many ? "the row" : `rows[${i}]`;
    if (asObjects !== isPlainObject(row) || (!asObjects && !Array.isArray(row))) {
      throw new BadRequest(`${where} is ${describe(row)}; every row must be ${asObjects ? "an object keyed by column name" : "an array of values in schema order"} like the first.`);
    }
    return asObjects ? objectRow(row as Record<string, unknown>, schema, where) : arrayRow(row as unknown[], schema, where);
  });
  return { rows, asObjects };
}

/** Reads a text/csv body: one row per line, fields in schema order (a first line equal to the column names is a header). */
export function rowsFromCsv(text: string, schema: Schema, maxRows: number): RequestRows {
  if (text.trim() === "") throw new BadRequest("the CSV body is empty; send one row per line.");
  // uDSV needs a line end to see a row; the delimiter is fixed to "," (never guessed from the data).
  const lines = text.endsWith("\n") ? text : text + "\n";
  let fields: string[][];
  try {
    const parser = initParser(inferSchema(lines, { col: ",", header: () => [] }));
    fields = parser.stringArrs(lines) as string[][];
  } catch (error) {
    throw new BadRequest(`the CSV body cannot be parsed: ${(error as Error).message}`);
  }
  if (fields.length > 0 && fields[0].length === schema.size && fields[0].every((f, c) => f.trim() === schema.names[c])) fields = fields.slice(1);
  if (fields.length > maxRows) throw new BadRequest(`${fields.length} rows in one request; at most ${maxRows} (--max-rows).`);
  const rows = fields.map((line, i) => {
    const where = `line ${i + 1}`;
    if (line.length !== schema.size) throw new BadRequest(`${where} has ${line.length} fields; the schema has ${schema.size} (${schema.names.join(", ")}).`);
    return line.map((text, c) => valueFromText(text, schema.types[c], `${where}, column "${schema.names[c]}"`));
  });
  return { rows, asObjects: false };
}

function objectRow(row: Record<string, unknown>, schema: Schema, where: string): unknown[] {
  const known = new Set(schema.names);
  const unknown = Object.keys(row).filter((k) => !known.has(k));
  if (unknown.length > 0) throw new BadRequest(`${where} has column ${JSON.stringify(unknown[0])}, which is not in the schema (${schema.names.join(", ")}).`);
  const missing = schema.names.filter((n) => !(n in row));
  if (missing.length > 0) throw new BadRequest(`${where} lacks column ${JSON.stringify(missing[0])} (give null for a missing value).`);
  return schema.names.map((name, c) => checkedValue(row[name], schema.types[c], `${where}, column "${name}"`));
}

function arrayRow(row: unknown[], schema: Schema, where: string): unknown[] {
  if (row.length !== schema.size) throw new BadRequest(`${where} has ${row.length} values; the schema has ${schema.size} (${schema.names.join(", ")}).`);
  return row.map((v, c) => checkedValue(v, schema.types[c], `${where}, column "${schema.names[c]}"`));
}

function checkedValue(value: unknown, type: string, where: string): unknown {
  if (value === null || value === undefined) return null;
  const fail = (expected: string): never => {
    throw new BadRequest(`${where} (${type}) is ${describe(value)}; expected ${expected}.`);
  };
  const range = integerRange(type);
  if (range !== null) {
    const [min, max] = range;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) fail(`an integer in [${min}, ${max}]`);
    return value;
  }
  switch (type) {
    case "DOUBLE":
    case "FLOAT":
      return typeof value === "number" ? value : fail("a number");
    case "BOOLEAN":
      return typeof value === "boolean" ? value : fail("true or false");
    case "STRING":
      return typeof value === "string" ? value : fail("a string");
    case "TIMESTAMP":
      return typeof value === "string" || (typeof value === "number" && Number.isFinite(value)) ? value : fail('"yyyy-mm-dd hh:mm:ss[.fff]" or epoch milliseconds');
    default:
      return typeof value === "string" ? value : fail('a vector in Alink\'s text form ("1.0 2.0" or "$n$i:v …")');
  }
}

function valueFromText(text: string, type: string, where: string): unknown {
  if (text === "") return null;
  if (integerRange(type) !== null || type === "DOUBLE" || type === "FLOAT") {
    if (!NUMBER_TEXT.test(text.trim())) throw new BadRequest(`${where} (${type}) is ${JSON.stringify(text)}; expected a number.`);
    return checkedValue(Number(text.trim()), type, where);
  }
  if (type === "BOOLEAN") {
    const lower = text.trim().toLowerCase();
    if (lower !== "true" && lower !== "false") throw new BadRequest(`${where} (BOOLEAN) is ${JSON.stringify(text)}; expected true or false.`);
    return lower === "true";
  }
  return text;
}

function isPlainObject(v: unknown): boolean {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v);
  if (typeof v === "object") return "an object";
  return `${typeof v} ${String(v)}`;
}

/** A stage's error on a request row (the predictor names it by its index in the request) is the client's. */
export function predictionError(error: unknown): BadRequest | unknown {
  return error instanceof StreamlabError ? new BadRequest(error.message) : error;
}
