import { StreamlabError } from "../../core/errors";
import { jsonDouble, jsonDoubleArray, jsonStringArray, paramsFromJson, paramsToJson, parseJavaJson } from "../../core/javaJson";
import { Table } from "../../core/table";
import { buildRichModelTable, modelDoubles, readRichModelTable } from "../common/richModelTable";

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

/** Reads a MinMaxScaler model table (memoised per table). */
export function minMaxScalerModelFromTable(table: Table, operator: string): MinMaxScalerModelData {
  const hit = cache.get(table);
  if (hit !== undefined) return hit;
  const { meta, data, extraNames } = readRichModelTable(table, operator);
  const params = paramsFromJson(meta);
  if (typeof params.min !== "number" || typeof params.max !== "number" || data.length < 2) {
    throw new StreamlabError(
      `${operator}: the model input is not a MinMaxScaler model (expected meta min/max and two data rows). ` +
        "Link the output of MinMaxScalerTrainBatchOp as the first input.",
      { operator },
    );
  }
  const n = extraNames.length;
  const model: MinMaxScalerModelData = {
    selectedCols: extraNames,
    min: params.min,
    max: params.max,
    eMins: modelDoubles(parseJavaJson(data[0]), n, "column minima", operator),
    eMaxs: modelDoubles(parseJavaJson(data[1]), n, "column maxima", operator),
  };
  cache.set(table, model);
  return model;
}
