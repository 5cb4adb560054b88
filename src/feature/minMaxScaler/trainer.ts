import { Table } from "../../core/table";
import { requireNumericColumns } from "../common/columns";
import { numericColumnStats } from "../common/columnStats";
import { MinMaxScalerModelData } from "./model";

/**
 * Fits a MinMaxScaler: per selected column the minimum and maximum of its non-null values
 * (NaN for a column without values). NaN/Infinity inputs are errors.
 */
export function fitMinMaxScaler(table: Table, selectedCols: readonly string[], min: number, max: number, operator: string): MinMaxScalerModelData {
  const indices = requireNumericColumns(table.schema, selectedCols, { operator, param: "selectedCols" });
  const stats = numericColumnStats(table, indices, operator);
  return {
    selectedCols: [...selectedCols],
    min,
    max,
    eMins: Float64Array.from(stats, (s) => s.min),
    eMaxs: Float64Array.from(stats, (s) => s.max),
  };
}
