import { StreamlabError } from "../../core/errors";
import { jsonDoubleArray, paramsToJson } from "../../core/javaJson";
import { Table } from "../../core/table";
import { badStatistic, buildRichModelTable, modelDoubles, readRichModelTable } from "../common/richModelTable";

const KIND = "StandardScaler";

/**
 * A fitted StandardScaler: per selected column the mean and the (sample) standard deviation
 * that prediction uses. With `withMean` false the stored means are 0, with `withStd` false the
 * stored stds are 1 (Alink's `StandardScalerModelDataConverter`).
 */
export interface StandardScalerModelData {
  selectedCols: string[];
  withMean: boolean;
  withStd: boolean;
  means: Float64Array;
  stds: Float64Array;
}

/**
 * The model table, as Alink writes it: `model_id BIGINT, model_info STRING` plus one DOUBLE
 * column per selected column (names only; cells null). Rows: meta `{"withMean":"true","withStd":"true"}`,
 * then `JSON(means)` and `JSON(stds)` in Java `Double.toString` form.
 */
export function standardScalerModelToTable(model: StandardScalerModelData, operator = "StandardScalerTrainBatchOp"): Table {
  const meta = paramsToJson([
    ["withMean", String(model.withMean)],
    ["withStd", String(model.withStd)],
  ]);
  return buildRichModelTable(
    meta,
    [jsonDoubleArray(model.means), jsonDoubleArray(model.stds)],
    model.selectedCols,
    model.selectedCols.map(() => "DOUBLE" as const),
    operator,
  );
}

const cache = new WeakMap<Table, StandardScalerModelData>();

/**
 * Reads a StandardScaler model table (memoised per table) and checks its statistics: each std
 * finite and ≥ 0; each mean finite, or NaN for a column that had no values in training (its std
 * is then 0 and every value maps to 0.0). A NaN mean with a std other than 0, or an infinite one,
 * would turn every prediction of that column into NaN, so such a model is refused.
 */
export function standardScalerModelFromTable(table: Table, operator: string): StandardScalerModelData {
  const hit = cache.get(table);
  if (hit !== undefined) return hit;
  const { meta: params, data, extraNames } = readRichModelTable(table, operator, KIND, 2);
  if (typeof params.withMean !== "boolean" || typeof params.withStd !== "boolean") {
    throw new StreamlabError(
      `${operator}: the model input is not a StandardScaler model (expected meta withMean/withStd and two data rows). ` +
        "Link the output of StandardScalerTrainBatchOp as the first input.",
      { operator },
    );
  }
  const n = extraNames.length;
  const model: StandardScalerModelData = {
    selectedCols: extraNames,
    withMean: params.withMean,
    withStd: params.withStd,
    means: modelDoubles(data[0], n, "means", operator),
    stds: modelDoubles(data[1], n, "standard deviations", operator),
  };
  model.selectedCols.forEach((column, i) => {
    const mean = model.means[i];
    const std = model.stds[i];
    if (!(std >= 0) || std === Infinity) throw badStatistic(operator, KIND, column, `the standard deviation is ${std}; expected a finite number ≥ 0`);
    if (mean === Infinity || mean === -Infinity || (mean !== mean && std !== 0)) {
      throw badStatistic(operator, KIND, column, `the mean is ${mean} (with standard deviation ${std}); expected a finite number (NaN only for a column without values in training, whose std is 0)`);
    }
  });
  cache.set(table, model);
  return model;
}
