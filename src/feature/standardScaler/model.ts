import { Table } from "../../core/table";
import { ColumnScalerModelData, twoVectorModelReader, twoVectorModelToTable } from "../common/twoVectorScalerModel";

/**
 * A fitted StandardScaler: per selected column the mean and the (sample) standard deviation
 * that prediction uses. With `withMean` false the stored means are 0, with `withStd` false the
 * stored stds are 1 (Alink's `StandardScalerModelDataConverter`).
 */
export interface StandardScalerModelData extends ColumnScalerModelData {
  withMean: boolean;
  withStd: boolean;
  means: Float64Array;
  stds: Float64Array;
}

/**
 * The model table, as Alink writes it (see {@link twoVectorModelToTable}); rows: meta
 * `{"withMean":"true","withStd":"true"}`, then `JSON(means)` and `JSON(stds)`.
 */
export function standardScalerModelToTable(model: StandardScalerModelData, operator = "StandardScalerTrainBatchOp"): Table {
  return twoVectorModelToTable(
    [
      ["withMean", String(model.withMean)],
      ["withStd", String(model.withStd)],
    ],
    model.selectedCols,
    model.means,
    model.stds,
    operator,
  );
}

/**
 * Reads a StandardScaler model table (memoised per table) and checks its statistics: each std
 * finite and ≥ 0; each mean finite, or NaN for a column that had no values in training (its std
 * is then 0 and every value maps to 0.0). A NaN mean with a std other than 0, or an infinite one,
 * would turn every prediction of that column into NaN, so such a model is refused.
 */
export const standardScalerModelFromTable: (table: Table, operator: string) => StandardScalerModelData = twoVectorModelReader({
  kind: "StandardScaler",
  metaKeys: ["withMean", "withStd"],
  metaType: "boolean",
  vectorNames: ["means", "standard deviations"],
  checkColumn(mean, std) {
    if (!(std >= 0) || std === Infinity) return `the standard deviation is ${std}; expected a finite number ≥ 0`;
    if (mean === Infinity || mean === -Infinity || (mean !== mean && std !== 0)) {
      return `the mean is ${mean} (with standard deviation ${std}); expected a finite number (NaN only for a column without values in training, whose std is 0)`;
    }
    return null;
  },
  build: (params, selectedCols, means, stds) => ({ selectedCols, withMean: params.withMean as boolean, withStd: params.withStd as boolean, means, stds }),
});
