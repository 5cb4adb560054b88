import { NumberColumn } from "../../core/column";
import { Table } from "../../core/table";
import { nonFiniteError } from "./columns";

/**
 * Per-column summary the scaler trainers need (the part of Alink's `TableSummary` they read):
 * count of non-null values, Σx, Σx², min and max, accumulated in row order. Nulls are skipped;
 * NaN and ±Infinity are rejected with the row and column (errata E15: Alink would turn the whole
 * column into NaN statistics).
 */
export interface ColumnStats {
  count: number;
  sum: number;
  sum2: number;
  min: number;
  max: number;
}

export function numericColumnStats(table: Table, columnIndices: readonly number[], operator: string): ColumnStats[] {
  return columnIndices.map((c) => {
    const column = table.columns[c] as NumberColumn;
    const { values, nulls } = column;
    let count = 0;
    let sum = 0;
    let sum2 = 0;
    let min = Infinity;
    let max = -Infinity;
    const checkFinite = values instanceof Float64Array;
    for (let r = 0; r < values.length; r++) {
      if (nulls !== null && nulls[r] === 1) continue;
      const v = values[r];
      if (checkFinite && !Number.isFinite(v)) throw nonFiniteError(operator, table.schema.names[c], r, v);
      count++;
      sum += v;
      sum2 += v * v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    return count === 0 ? { count, sum, sum2, min: NaN, max: NaN } : { count, sum, sum2, min, max };
  });
}

/** Alink's `TableSummary.mean`: Σx / n, NaN for a column without values. */
export function summaryMean(s: ColumnStats): number {
  return s.count === 0 ? NaN : s.sum / s.count;
}

/**
 * Alink's `TableSummary.standardDeviation` (errata E15): the sample standard deviation
 * `sqrt(max(0, (Σx² − (Σx)²/n) / (n − 1)))`, 0 when n ≤ 1. This one-pass formula is Alink's; it
 * is kept for parity although it loses precision when |mean| ≫ std.
 */
export function summaryStd(s: ColumnStats): number {
  const n = s.count;
  if (n <= 1) return 0;
  return Math.sqrt(Math.max(0, (s.sum2 - (s.sum * s.sum) / n) / (n - 1)));
}
