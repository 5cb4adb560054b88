import { Table } from "../../core/table";
import { requireNumericColumns } from "../common/columns";
import { numericColumnStats, summaryMean, summaryStd } from "../common/columnStats";
import { StandardScalerModelData } from "./model";

/**
 * Fits a StandardScaler: per selected column the mean and the sample standard deviation of its
 * non-null values (Alink's `TableSummary`, errata E15), computed stably so that large offsets
 * (1e9 + small spread) keep their exact std (see `numericColumnStats`). A column without values
 * has mean NaN and std 0 (so prediction maps its values to 0.0, as Alink does); NaN/Infinity
 * inputs are errors.
 */
export function fitStandardScaler(
  table: Table,
  selectedCols: readonly string[],
  withMean: boolean,
  withStd: boolean,
  operator: string,
): StandardScalerModelData {
  const indices = requireNumericColumns(table.schema, selectedCols, { operator, param: "selectedCols" });
  const stats = numericColumnStats(table, indices, operator);
  return {
    selectedCols: [...selectedCols],
    withMean,
    withStd,
    means: Float64Array.from(stats, (s) => (withMean ? summaryMean(s) : 0)),
    stds: Float64Array.from(stats, (s) => (withStd ? summaryStd(s) : 1)),
  };
}
