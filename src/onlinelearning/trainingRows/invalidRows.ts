import { NumberColumn, VectorColumn } from "../../core/column";
import { quote } from "../../core/errors";
import { javaDoubleToString } from "../../core/javaFormat";

/**
 * Finding the training rows FTRL cannot learn from (a null label, a null vector or feature, a NaN or
 * ±Infinity feature value): one NaN gradient would poison every coefficient it touches for the rest
 * of the stream. The scans run once per chunk over the typed arrays (`v - v` is 0 exactly for finite
 * v), so a clean chunk costs one tight loop; only a chunk holding a bad row is looked at row by row.
 * (Vector values are checked by `FtrlLearner.accumulate` itself, inside its margin loop.)
 */

/** Label code of a row whose label is null (FtrlTrainStreamOp's labels are 1 / 0 otherwise). */
export const NULL_LABEL = 2;

/** What is wrong with one row: the column to name and the text of the problem. */
export interface RowProblem {
  column: string;
  what: string;
}

/** Index of the first NaN or ±Infinity in `values[from, to)`, or -1. */
export function firstNonFinite(values: ArrayLike<number>, from: number, to: number): number {
  for (let k = from; k < to; k++) {
    const v = values[k];
    if (v - v !== 0) return k;
  }
  return -1;
}

/** Index of the first 1 in `mask[from, to)` (a null mask or label codes compared with `code`), or -1. */
export function firstEqual(mask: ArrayLike<number> | null, from: number, to: number, code = 1): number {
  if (mask === null) return -1;
  for (let k = from; k < to; k++) if (mask[k] === code) return k;
  return -1;
}

/** Whether the rows [from, to) of numeric feature columns (and their labels) are all usable. */
export function columnRowsClean(columns: readonly NumberColumn[], from: number, to: number, ys: Uint8Array): boolean {
  for (const column of columns) {
    if (firstEqual(column.nulls, from, to) >= 0 || firstNonFinite(column.values, from, to) >= 0) return false;
  }
  return firstEqual(ys, 0, ys.length, NULL_LABEL) < 0;
}

/** The problem of row `r` of a vector column, or null when the row is usable. */
export function vectorRowProblem(vectors: VectorColumn, r: number, label: number, labelCol: string, vectorCol: string): RowProblem | null {
  if (label === NULL_LABEL) return { column: labelCol, what: `the label in ${quote(labelCol)} is null` };
  if (vectors.nulls !== null && vectors.nulls[r] === 1) return { column: vectorCol, what: `the feature vector in ${quote(vectorCol)} is null` };
  const k = firstNonFinite(vectors.values, vectors.offsets[r], vectors.offsets[r + 1]);
  if (k < 0) return null;
  return { column: vectorCol, what: `feature ${vectors.indices[k]} of the vector in ${quote(vectorCol)} is ${javaDoubleToString(vectors.values[k])}, not a finite number` };
}

/** The problem of row `r` of numeric feature columns, or null when the row is usable. */
export function columnRowProblem(columns: readonly NumberColumn[], names: readonly string[], r: number, label: number, labelCol: string): RowProblem | null {
  if (label === NULL_LABEL) return { column: labelCol, what: `the label in ${quote(labelCol)} is null` };
  for (let c = 0; c < columns.length; c++) {
    if (columns[c].isNull(r)) return { column: names[c], what: `feature column ${quote(names[c])} is null` };
    const v = columns[c].values[r];
    if (v - v !== 0) return { column: names[c], what: `feature column ${quote(names[c])} holds ${javaDoubleToString(v)}, not a finite number` };
  }
  return null;
}
