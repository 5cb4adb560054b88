/**
 * Column types: the subset of Alink's type system that streamlab stores and computes on.
 *
 * Each type has one storage kind, chosen for speed: numbers in typed arrays, booleans in bytes,
 * strings in plain arrays, vectors in one CSR block per column (see `column.ts`).
 */
export type TypeName =
  | "BOOLEAN"
  | "TINYINT"
  | "SMALLINT"
  | "INT"
  | "BIGINT"
  | "FLOAT"
  | "DOUBLE"
  | "STRING"
  | "TIMESTAMP"
  | "VECTOR"
  | "DENSE_VECTOR"
  | "SPARSE_VECTOR";

/** How a column of the type is stored. */
export type StorageKind = "float64" | "int32" | "boolean" | "string" | "vector";

interface TypeInfo {
  storage: StorageKind;
  /** Usable as a numeric feature (Alink's `TableUtil.isSupportedNumericType`). */
  numeric: boolean;
  /** Inclusive bounds for integer types; values outside are rejected at parse time. */
  min?: number;
  max?: number;
}

export const TYPE_INFO: Readonly<Record<TypeName, TypeInfo>> = {
  BOOLEAN: { storage: "boolean", numeric: false },
  TINYINT: { storage: "int32", numeric: true, min: -128, max: 127 },
  SMALLINT: { storage: "int32", numeric: true, min: -32768, max: 32767 },
  INT: { storage: "int32", numeric: true, min: -2147483648, max: 2147483647 },
  // BIGINT values live in a Float64Array: exact for |v| ≤ 2^53 − 1, larger values are rejected
  // rather than silently rounded (a deliberate limit; Alink's long reaches 2^63 − 1).
  BIGINT: { storage: "float64", numeric: true, min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER },
  FLOAT: { storage: "float64", numeric: true },
  DOUBLE: { storage: "float64", numeric: true },
  STRING: { storage: "string", numeric: false },
  // Epoch milliseconds, UTC.
  TIMESTAMP: { storage: "float64", numeric: false },
  VECTOR: { storage: "vector", numeric: false },
  DENSE_VECTOR: { storage: "vector", numeric: false },
  SPARSE_VECTOR: { storage: "vector", numeric: false },
};

export const TYPE_NAMES = Object.keys(TYPE_INFO) as TypeName[];

export function isNumericType(type: TypeName): boolean {
  return TYPE_INFO[type].numeric;
}

export function isIntegerType(type: TypeName): boolean {
  return type === "TINYINT" || type === "SMALLINT" || type === "INT" || type === "BIGINT";
}

export function isVectorType(type: TypeName): boolean {
  return TYPE_INFO[type].storage === "vector";
}
