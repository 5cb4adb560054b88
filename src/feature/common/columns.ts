import { StreamlabError, quote } from "../../core/errors";
import { Schema } from "../../core/schema";
import { isNumericType } from "../../core/types";
import { ChunkPosition, describeNonFinite, rowContext, rowRef } from "../../common/rowPosition";

/** Column-type helpers shared by the feature operators: checks at link time, clear errors. */

export const NUMERIC_TYPE_LIST = "TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE";

/** Where an error comes from: the operator (or stage) name and the parameter naming the columns. */
export interface ColumnContext {
  operator: string;
  param: string;
}

/**
 * Indices of columns that must exist and be numeric (Alink's `TableUtil.assertNumericalCols`):
 * a missing column gets the "did you mean" error, a non-numeric one says what it is.
 */
export function requireNumericColumns(schema: Schema, names: readonly string[], context: ColumnContext): number[] {
  return names.map((name) => {
    const index = schema.require(name, context);
    const type = schema.types[index];
    if (!isNumericType(type)) {
      throw new StreamlabError(
        `${context.operator}: column ${quote(name)} (parameter "${context.param}") is ${type}; expected a numeric column (${NUMERIC_TYPE_LIST}).`,
        { operator: context.operator, param: context.param, column: name },
      );
    }
    return index;
  });
}

/** Indices of columns that must exist (any type). */
export function requireColumns(schema: Schema, names: readonly string[], context: ColumnContext): number[] {
  return names.map((name) => schema.require(name, context));
}

/** Throws unless `outputCols` (when given) has one name per selected column. */
export function checkOutputColsLength(outputCols: readonly string[], selectedCols: readonly string[], operator: string): void {
  if (outputCols.length !== selectedCols.length) {
    throw new StreamlabError(
      `${operator}: outputCols has ${outputCols.length} name${outputCols.length === 1 ? "" : "s"} (${outputCols.join(", ")}) ` +
        `but there ${selectedCols.length === 1 ? "is 1 selected column" : `are ${selectedCols.length} selected columns`} (${selectedCols.join(", ")}); give one output name per selected column, or null to write in place.`,
      { operator, param: "outputCols" },
    );
  }
}

/** Index of `name` in `names`, compared case-insensitively as Alink looks up columns (errata E10); -1 if absent. */
export function indexOfName(names: readonly string[], name: string): number {
  const lower = name.toLowerCase();
  for (let i = 0; i < names.length; i++) if (names[i].toLowerCase() === lower) return i;
  return -1;
}

export { describeNonFinite };

/** The standard error for a NaN / infinite value where a scaler needs finite numbers (`at` places a stream chunk). */
export function nonFiniteError(operator: string, column: string, row: number, value: number, at?: ChunkPosition): StreamlabError {
  const ref = rowRef(at, row);
  return new StreamlabError(
    `${operator}: ${ref.text}, column ${quote(column)} is ${describeNonFinite(value)}; scalers need finite numbers ` +
      `(filter the row or impute the value first; null values are allowed and stay null).`,
    { operator, column, ...rowContext(ref) },
  );
}
