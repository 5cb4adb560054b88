import { StreamlabError } from "../../core/errors";
import { jsonDouble, jsonStringArray } from "../../core/javaJson";
import { Table } from "../../core/table";
import { ColumnScalerModelData, twoVectorModelReader, twoVectorModelToTable } from "../common/twoVectorScalerModel";

/**
 * A fitted MinMaxScaler: the output range [min, max] and per selected column the minimum and
 * maximum seen in training (Alink's `MinMaxScalerModelDataConverter`).
 */
export interface MinMaxScalerModelData extends ColumnScalerModelData {
  min: number;
  max: number;
  eMins: Float64Array;
  eMaxs: Float64Array;
}

/**
 * The model table as Alink writes it (see {@link twoVectorModelToTable}); rows: meta
 * `{"min":"0.0","max":"1.0","selectedCols":"[…]"}`, then `JSON(eMins)` and `JSON(eMaxs)`.
 */
export function minMaxScalerModelToTable(model: MinMaxScalerModelData, operator = "MinMaxScalerTrainBatchOp"): Table {
  return twoVectorModelToTable(
    [
      ["selectedCols", jsonStringArray(model.selectedCols)],
      ["min", jsonDouble(model.min)],
      ["max", jsonDouble(model.max)],
    ],
    model.selectedCols,
    model.eMins,
    model.eMaxs,
    operator,
  );
}

/**
 * Reads a MinMaxScaler model table (memoised per table) and checks it: `min` and `max` finite;
 * per column the training minimum and maximum finite with eMin ≤ eMax, or both NaN (a column
 * without values in training); the meta's `selectedCols`, when present, naming the model's columns.
 */
export const minMaxScalerModelFromTable: (table: Table, operator: string) => MinMaxScalerModelData = twoVectorModelReader({
  kind: "MinMaxScaler",
  metaKeys: ["min", "max"],
  metaType: "number",
  vectorNames: ["column minima", "column maxima"],
  checkMeta(params, extraNames, operator) {
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
  },
  checkColumn(lo, hi) {
    const bothNaN = lo !== lo && hi !== hi;
    if (!bothNaN && !(lo - lo === 0 && hi - hi === 0 && lo <= hi)) {
      return `the training minimum is ${lo} and maximum ${hi}; expected finite numbers with minimum ≤ maximum (or both NaN for a column without values)`;
    }
    return null;
  },
  build: (params, selectedCols, eMins, eMaxs) => ({ selectedCols, min: params.min as number, max: params.max as number, eMins, eMaxs }),
});
