import { StreamlabError } from "../../core/errors";
import { jsonDoubleArray, paramsFromJson, paramsToJson, parseJavaJson } from "../../core/javaJson";
import { Table } from "../../core/table";
import { buildRichModelTable, modelDoubles, readRichModelTable } from "../common/richModelTable";

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

/** Reads a StandardScaler model table (memoised per table). */
export function standardScalerModelFromTable(table: Table, operator: string): StandardScalerModelData {
  const hit = cache.get(table);
  if (hit !== undefined) return hit;
  const { meta, data, extraNames } = readRichModelTable(table, operator);
  const params = paramsFromJson(meta);
  if (typeof params.withMean !== "boolean" || typeof params.withStd !== "boolean" || data.length < 2) {
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
    means: modelDoubles(parseJavaJson(data[0]), n, "means", operator),
    stds: modelDoubles(parseJavaJson(data[1]), n, "standard deviations", operator),
  };
  cache.set(table, model);
  return model;
}
