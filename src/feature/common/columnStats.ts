import { NumberColumn } from "../../core/column";
import { Table } from "../../core/table";
import { nonFiniteError } from "./columns";

/**
 * Per-column summary the scaler trainers need (the part of Alink's `TableSummary` they read):
 * count of non-null values, mean, the sum of squared deviations from the mean, min and max.
 * Nulls are skipped; NaN and ±Infinity are rejected with the row and column (errata E15: Alink
 * would turn the whole column into NaN statistics).
 *
 * Alink computes the variance in one pass as (Σx² − (Σx)²/n)/(n−1). When |mean| ≫ std that
 * subtracts two nearly equal huge numbers: for 1e9+1, 1e9+2, 1e9+3 it gives 0 instead of 1
 * (Σx² ≈ 3e18 is only held to ±256). streamlab keeps Alink's definitions (sample std, n−1) but
 * computes them stably, so its results equal Alink's wherever Alink's are right:
 *  - the sum is compensated (Neumaier), so the mean is Σx/n correctly rounded for all practical
 *    inputs, and identical to Alink's where Alink's sum is exact;
 *  - the deviations are summed (compensated) in a second pass over the column with the
 *    "corrected two-pass" formula Σd² − (Σd)²/n, d = x − mean (Chan, Golub & LeVeque 1983),
 *    whose error does not grow with the offset (tested: mean and std within 1 ulp of the exact values).
 * Both passes run in row order over the whole column: the same rows give the same bits.
 */
export interface ColumnStats {
  count: number;
  /** Σx / n; NaN for a column without values. */
  mean: number;
  /** Σ(x − mean)², ≥ 0. */
  m2: number;
  min: number;
  max: number;
}

export function numericColumnStats(table: Table, columnIndices: readonly number[], operator: string): ColumnStats[] {
  return columnIndices.map((c) => {
    const column = table.columns[c] as NumberColumn;
    const { values, nulls } = column;
    // First pass: count, compensated sum, min, max; non-finite values are refused here.
    let count = 0;
    let sum = 0;
    let compensation = 0;
    let min = Infinity;
    let max = -Infinity;
    const checkFinite = values instanceof Float64Array;
    for (let r = 0; r < values.length; r++) {
      if (nulls !== null && nulls[r] === 1) continue;
      const v = values[r];
      if (checkFinite && !Number.isFinite(v)) throw nonFiniteError(operator, table.schema.names[c], r, v);
      count++;
      const t = sum + v;
      compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
      sum = t;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (count === 0) return { count, mean: NaN, m2: 0, min: NaN, max: NaN };
    const mean = (sum + compensation) / count;
    // Second pass: squared deviations from the mean (compensated sum), corrected by the rounding
    // left in the mean.
    let deviations = 0;
    let squares = 0;
    let squaresCompensation = 0;
    for (let r = 0; r < values.length; r++) {
      if (nulls !== null && nulls[r] === 1) continue;
      const d = values[r] - mean;
      deviations += d;
      const d2 = d * d;
      const t = squares + d2;
      squaresCompensation += squares >= d2 ? squares - t + d2 : d2 - t + squares;
      squares = t;
    }
    squares += squaresCompensation;
    return { count, mean, m2: Math.max(0, squares - (deviations * deviations) / count), min, max };
  });
}

/** Alink's `TableSummary.mean`: Σx / n, NaN for a column without values. */
export function summaryMean(s: ColumnStats): number {
  return s.mean;
}

/**
 * Alink's `TableSummary.standardDeviation` (errata E15): the sample standard deviation
 * `sqrt(Σ(x − mean)² / (n − 1))`, 0 when n ≤ 1 (computed stably, see {@link ColumnStats}).
 */
export function summaryStd(s: ColumnStats): number {
  const n = s.count;
  if (n <= 1) return 0;
  return Math.sqrt(s.m2 / (n - 1));
}
