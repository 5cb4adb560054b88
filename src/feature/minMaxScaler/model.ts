import { StreamlabError } from "../../core/errors";
import { jsonDouble, jsonDoubleArray, jsonStringArray, paramsToJson } from "../../core/javaJson";
import { Table } from "../../core/table";
import { badStatistic, buildRichModelTable, modelDoubles, readRichModelTable } from "../common/richModelTable";

const KIND = "MinMaxScaler";

/**
 * A fitted MinMaxScaler: the output range [min, max] and per selected column the minimum and
 * maximum seen in training (Alink's `MinMaxScalerModelDataConverter`).
 */
export interface MinMaxScalerModelData {
  selectedCols: string[];
  min: number;
  max: number;
  eMins: Float64Array;
  eMaxs: Float64Array;
}

/**
 * The model table as Alink writes it: `model_id BIGINT, model_info STRING` plus one DOUBLE
 * column per selected column; rows: meta `{"min":"0.0","max":"1.0","selectedCols":"[…]"}`, then
 * `JSON(eMins)` and `JSON(eMaxs)`.
 */
export function minMaxScalerModelToTable(model: MinMaxScalerModelData, operator = "MinMaxScalerTrainBatchOp"): Table {
  const meta = paramsToJson([
    ["selectedCols", jsonStringArray(model.selectedCols)],
    ["min", jsonDouble(model.min)],
    ["max", jsonDouble(model.max)],
  ]);
  return buildRichModelTable(
    meta,
    [jsonDoubleArray(model.eMins), jsonDoubleArray(model.eMaxs)],
    model.selectedCols,
    model.selectedCols.map(() => "DOUBLE" as const),
    operator,
  );
}

const cache = new WeakMap<Table, MinMaxScalerModelData>();

/**
 * Reads a MinMaxScaler model table (memoised per table) and checks it: `min` and `max` finite;
 * per column the training minimum and maximum finite with eMin ≤ eMax, or both NaN (a column
 * without values in training); the meta's `selectedCols`, when present, naming the model's columns.
 */
export function minMaxScalerModelFromTable(table: Table, operator: string): MinMaxScalerModelData {
  const hit = cache.get(table);
  if (hit !== undefined) return hit;
  const { meta: params, data, extraNames } = readRichModelTable(table, operator, KIND, 2);
  if (typeof params.min !== "number" || typeof params.max !== "number") {
    throw new StreamlabError(
      `${operator}: the model input is not a MinMaxScaler model (expected meta min/max and two data rows). ` +
        "Link the output of MinMaxScalerTrainBatchOp as the first input.",
      { operator },
    );
  }
  for (const key of ["min", "max"] as const) {
    const v = params[key] as number;
    if (v - v !== 0) throw new StreamlabError(`${operator}: the MinMaxScaler model is not valid: its ${key} is ${v}; expected a finite number.`, { operator });
  }
  const named = params.selectedCols;
  if (named !== undefined && named !== null) {
    const same = Array.isArray(named) && named.length === extraNames.length && named.every((c, i) => typeof c === "string" && c.toLowerCase() === extraNames[i].toLowerCase());
    if (!same) {
      throw new StreamlabError(
        `${operator}: the MinMaxScaler model is not valid: its meta names the columns ${JSON.stringify(named)} but the table carries ${extraNames.join(", ")}.`,
        { operator },
      );
    }
  }
  const n = extraNames.length;
  const model: MinMaxScalerModelData = {
    selectedCols: extraNames,
    min: params.min,
    max: params.max,
    eMins: modelDoubles(data[0], n, "column minima", operator),
    eMaxs: modelDoubles(data[1], n, "column maxima", operator),
  };
  model.selectedCols.forEach((column, i) => {
    const lo = model.eMins[i];
    const hi = model.eMaxs[i];
    const bothNaN = lo !== lo && hi !== hi;
    if (!bothNaN && !(lo - lo === 0 && hi - hi === 0 && lo <= hi)) {
      throw badStatistic(operator, KIND, column, `the training minimum is ${lo} and maximum ${hi}; expected finite numbers with minimum ≤ maximum (or both NaN for a column without values)`);
    }
  });
  cache.set(table, model);
  return model;
}
