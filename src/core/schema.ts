import { StreamlabError, quote } from "./errors";
import { didYouMean } from "./suggest";
import { TYPE_NAMES, TypeName } from "./types";

/**
 * Keywords of Alink's schema grammar (reference §2), upper-cased, mapped to streamlab types.
 * Alink accepts these case-insensitively; `LONG`/`BIGINT`, `STRING`/`VARCHAR` and
 * `TINYINT`/`BYTE`, `SMALLINT`/`SHORT` are synonyms. `INTEGER`, `BOOL`, `TEXT` are *not* accepted.
 */
const KEYWORDS: Readonly<Record<string, TypeName>> = {
  BOOLEAN: "BOOLEAN",
  TINYINT: "TINYINT",
  BYTE: "TINYINT",
  SMALLINT: "SMALLINT",
  SHORT: "SMALLINT",
  INT: "INT",
  BIGINT: "BIGINT",
  LONG: "BIGINT",
  FLOAT: "FLOAT",
  DOUBLE: "DOUBLE",
  STRING: "STRING",
  VARCHAR: "STRING",
  TIMESTAMP: "TIMESTAMP",
  SQL_TIMESTAMP: "TIMESTAMP",
  VECTOR: "VECTOR",
  DENSE_VECTOR: "DENSE_VECTOR",
  SPARSE_VECTOR: "SPARSE_VECTOR",
};

/** Types Alink's grammar knows but streamlab does not store (yet): a clear error, not "unknown". */
const KNOWN_UNSUPPORTED = [
  "DECIMAL", "DATE", "SQL_DATE", "TIME", "SQL_TIME", "VARBINARY", "TENSOR", "BOOL_TENSOR", "BYTE_TENSOR",
  "DOUBLE_TENSOR", "FLOAT_TENSOR", "INT_TENSOR", "LONG_TENSOR", "STRING_TENSOR", "MTABLE",
];

/** Names people type from other systems, which Alink rejects: point them at Alink's keyword. */
const SYNONYM_HINTS: Readonly<Record<string, string>> = {
  INTEGER: "INT", INT32: "INT", INT64: "BIGINT", BOOL: "BOOLEAN", TEXT: "STRING", STR: "STRING",
  DATETIME: "TIMESTAMP", NUMBER: "DOUBLE", REAL: "DOUBLE", DBL: "DOUBLE", FLOAT8: "DOUBLE", FLOAT64: "DOUBLE", FLOAT32: "FLOAT",
};

/** Prefixes Alink strips before the lookup (`VEC_TYPES_VECTOR` → `VECTOR`). */
const TYPE_PREFIXES = ["VEC_TYPES_", "TENSOR_TYPES_"];

/** A list of column names with their types. Immutable. */
export class Schema {
  readonly names: readonly string[];
  readonly types: readonly TypeName[];
  private readonly lowerIndex: Map<string, number>;

  constructor(names: readonly string[], types: readonly TypeName[]) {
    if (names.length !== types.length) {
      throw new StreamlabError(`Schema has ${names.length} names but ${types.length} types.`);
    }
    this.names = Object.freeze([...names]);
    this.types = Object.freeze([...types]);
    this.lowerIndex = new Map();
    names.forEach((name, i) => {
      const key = name.toLowerCase();
      if (this.lowerIndex.has(key)) {
        throw new StreamlabError(
          `Duplicate column name ${quote(name)} in schema (names are compared case-insensitively, as in Alink).`,
          { column: name },
        );
      }
      this.lowerIndex.set(key, i);
    });
  }

  get size(): number {
    return this.names.length;
  }

  /** Index of a column, looked up case-insensitively as Alink's `TableUtil.findColIndex`; -1 if absent. */
  indexOf(name: string): number {
    return this.lowerIndex.get(name.toLowerCase()) ?? -1;
  }

  has(name: string): boolean {
    return this.indexOf(name) >= 0;
  }

  /** Index of a column that must exist; the error lists the available columns and the closest one. */
  require(name: string, context: { operator?: string; param?: string } = {}): number {
    const index = this.indexOf(name);
    if (index < 0) {
      const where = context.param ? ` (parameter "${context.param}")` : "";
      const who = context.operator ? `${context.operator}: ` : "";
      throw new StreamlabError(
        `${who}column ${quote(name)}${where} is not in the input.${didYouMean(name, this.names)} ` +
          `Available columns: ${this.names.join(", ")}.`,
        { ...context, column: name },
      );
    }
    return index;
  }

  typeOf(name: string): TypeName {
    return this.types[this.require(name)];
  }

  /** Alink's writer form: `name TYPE` pairs joined by "," without spaces (`TableUtil.schema2SchemaStr`). */
  toString(): string {
    return this.names.map((name, i) => `${name} ${this.types[i]}`).join(",");
  }

  select(names: readonly string[]): Schema {
    const indices = names.map((n) => this.require(n));
    return new Schema(indices.map((i) => this.names[i]), indices.map((i) => this.types[i]));
  }

  equals(other: Schema): boolean {
    return (
      this.size === other.size &&
      this.names.every((n, i) => n === other.names[i] && this.types[i] === other.types[i])
    );
  }

  /** Parses an Alink schema string such as `"id string, click int, vec vector"`. */
  static parse(schemaStr: string): Schema {
    return parseSchemaStr(schemaStr);
  }
}

/**
 * Parses a schema string per Alink's grammar (reference §2): fields split on commas outside
 * `()`/`<>`, each field `name<whitespace>type`, type keywords case-insensitive.
 * Every error names the offending field and token.
 */
export function parseSchemaStr(schemaStr: string): Schema {
  if (typeof schemaStr !== "string") {
    throw new StreamlabError(`Schema string must be a string such as "f0 double, label int", got ${typeof schemaStr}.`);
  }
  if (schemaStr.trim() === "") {
    throw new StreamlabError(`Schema string is empty; expected "name type" pairs separated by commas, e.g. "f0 double, label int".`);
  }
  const fields = splitTopLevelCommas(schemaStr);
  const names: string[] = [];
  const types: TypeName[] = [];
  fields.forEach((rawField, position) => {
    const field = rawField.trim();
    const where = `field ${position + 1} (${quote(field)}) of schema ${quote(schemaStr)}`;
    if (field === "") {
      throw new StreamlabError(`Empty ${where}: two commas in a row or a trailing comma.`);
    }
    const match = /^(\S+)\s+([\s\S]+)$/.exec(field);
    if (match === null) {
      throw new StreamlabError(`Missing type in ${where}: expected "name type", e.g. "${field} double".`, { column: field });
    }
    const name = match[1];
    const typeText = match[2].trim();
    names.push(name);
    types.push(parseTypeName(typeText, name, where));
  });
  return new Schema(names, types);
}

function parseTypeName(typeText: string, column: string, where: string): TypeName {
  let text = typeText;
  for (const prefix of TYPE_PREFIXES) {
    if (text.startsWith(prefix)) text = text.slice(prefix.length);
  }
  const upper = text.toUpperCase();
  const found = KEYWORDS[upper];
  if (found !== undefined) return found;
  const base = upper.replace(/[<(].*$/, "");
  if (KNOWN_UNSUPPORTED.includes(base) || /^(ROW|ANY|POJO|MAP|MULTISET|PRIMITIVE_ARRAY|OBJECT_ARRAY)\s*[<(]/.test(upper)) {
    throw new StreamlabError(
      `Type ${quote(typeText)} of column ${quote(column)} in ${where} is valid in Alink but not supported by streamlab. ` +
        `Supported types: ${TYPE_NAMES.join(", ")}.`,
      { column },
    );
  }
  const hint = SYNONYM_HINTS[upper];
  throw new StreamlabError(
    `Unknown type ${quote(typeText)} for column ${quote(column)} in ${where}.` +
      (hint !== undefined ? ` Did you mean "${hint}"?` : didYouMean(typeText, Object.keys(KEYWORDS))) +
      ` Supported types (case-insensitive): ${Object.keys(KEYWORDS).join(", ")}.`,
    { column },
  );
}

/** Splits on commas that are not inside `(...)` or `<...>`. */
function splitTopLevelCommas(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "(" || ch === "<") depth++;
    else if (ch === ")" || ch === ">") depth = Math.max(0, depth - 1);
    else if (ch === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
