import { StreamlabError, quote } from "../../core/errors";
import { jsonStringArray, paramsFromJson, paramsToJson } from "../../core/javaJson";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { TypeName } from "../../core/types";

/**
 * A fitted one-hot encoder: per selected column a token → index map (Alink's
 * `MultiStringIndexerModelData`), the columns' types and whether the "else" slot is enabled
 * (some training threshold > 0).
 */
export interface OneHotModelData {
  selectedCols: string[];
  /** Flink type names as Alink writes them (`VARCHAR` for strings, errata E16). */
  selectedColTypes: string[];
  enableElse: boolean;
  tokenIndex: Map<string, number>[];
}

export const ONE_HOT_MODEL_SCHEMA = new Schema(["column_index", "token", "token_index"], ["BIGINT", "STRING", "BIGINT"]);

/**
 * Flink's `TypeStringUtils.writeTypeInfo` names of streamlab column types (`STRING` → `VARCHAR`).
 * Vector types have no Flink SQL name; streamlab writes its own (Alink would write `ANY<…>`).
 */
export function flinkTypeName(type: TypeName): string {
  return type === "STRING" ? "VARCHAR" : type;
}

/**
 * The model table as Alink writes it: `column_index BIGINT, token STRING, token_index BIGINT`;
 * first the meta row `(-1, {"selectedCols":…,"selectedColTypes":…,"enableElse":…}, null)`, then
 * one row per token, per column in index order.
 */
export function oneHotModelToTable(model: OneHotModelData): Table {
  const meta = paramsToJson([
    ["selectedCols", jsonStringArray(model.selectedCols)],
    ["selectedColTypes", jsonStringArray(model.selectedColTypes)],
    ["enableElse", String(model.enableElse)],
  ]);
  const rows: unknown[][] = [[-1, meta, null]];
  model.tokenIndex.forEach((tokens, column) => {
    const entries = [...tokens].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [token, index] of entries) rows.push([column, token, index]);
  });
  return Table.fromRows(rows, ONE_HOT_MODEL_SCHEMA, "OneHotTrainBatchOp");
}

const cache = new WeakMap<Table, OneHotModelData>();

/**
 * Reads a one-hot model table (memoised per table); rows may come in any order. A damaged table
 * is an error naming the row: one meta row (column_index −1) holding a JSON object with
 * `selectedCols` (and, when present, as many `selectedColTypes` and a boolean `enableElse`); each
 * token row with an integer column_index of the model, a non-null token, an integer token_index
 * ≥ 0, and no token twice in a column (a token with two indices would encode at random).
 */
export function oneHotModelFromTable(table: Table, operator: string): OneHotModelData {
  const hit = cache.get(table);
  if (hit !== undefined) return hit;
  const notAModel = (why: string, row?: number): never => {
    throw new StreamlabError(
      `${operator}: the model input is not a OneHot model (${why}). Link the output of OneHotTrainBatchOp as the first input.`,
      row === undefined ? { operator } : { operator, row },
    );
  };
  const [ci, ti, ii] = ["column_index", "token", "token_index"].map((n) => table.schema.indexOf(n));
  if (ci < 0 || ti < 0 || ii < 0) notAModel(`expected columns column_index, token, token_index; got ${table.schema.names.join(", ")}`);
  const columnIndex = table.columns[ci];
  const token = table.columns[ti];
  const tokenIndex = table.columns[ii];
  let meta: Record<string, unknown> | undefined;
  let metaRow = -1;
  const entries: [number, string, number, number][] = [];
  for (let r = 0; r < table.numRows; r++) {
    const c = columnIndex.get(r) as number | null;
    if (c === null || !Number.isInteger(c) || c < -1) notAModel(`row ${r} has column_index ${c}; expected −1 (meta) or a column number ≥ 0`, r);
    if (c === -1) {
      if (metaRow >= 0) notAModel(`rows ${metaRow} and ${r} are both meta rows (column_index −1): two models mixed?`, r);
      metaRow = r;
      const text = String(token.get(r));
      try {
        meta = paramsFromJson(text);
      } catch {
        notAModel(`the meta row ${r} is not a JSON object of parameters: ${quote(text, 80)}`, r);
      }
    } else {
      const t = token.get(r);
      const index = tokenIndex.get(r);
      if (t === null) notAModel(`row ${r} (column ${c}) has a null token`, r);
      if (typeof index !== "number" || !Number.isInteger(index) || index < 0) notAModel(`row ${r} (token ${quote(String(t))}) has token_index ${index}; expected an integer ≥ 0`, r);
      entries.push([c!, String(t), index as number, r]);
    }
  }
  if (meta === undefined) notAModel("no meta row with column_index -1");
  const selectedCols = meta!.selectedCols;
  if (!Array.isArray(selectedCols) || !selectedCols.every((s) => typeof s === "string")) notAModel("the meta has no selectedCols");
  const cols = selectedCols as string[];
  const types = meta!.selectedColTypes;
  if (types !== undefined && types !== null && (!Array.isArray(types) || types.length !== cols.length || !types.every((t) => typeof t === "string"))) {
    notAModel(`the meta's selectedColTypes ${JSON.stringify(types)} do not name one type per selected column (${cols.join(", ")})`);
  }
  const enableElse = meta!.enableElse;
  if (enableElse !== undefined && enableElse !== null && typeof enableElse !== "boolean") notAModel(`the meta's enableElse is ${JSON.stringify(enableElse)}; expected true or false`);
  const maps = cols.map(() => new Map<string, number>());
  for (const [c, t, index, r] of entries) {
    if (c >= cols.length) notAModel(`column_index ${c} but the model has ${cols.length} columns`, r);
    const seen = maps[c].get(t);
    if (seen !== undefined) notAModel(`row ${r}: token ${quote(t)} of column ${quote(cols[c])} appears twice (token_index ${seen} and ${index})`, r);
    maps[c].set(t, index);
  }
  const model: OneHotModelData = {
    selectedCols: cols,
    selectedColTypes: Array.isArray(types) ? (types as string[]) : cols.map(() => "VARCHAR"),
    enableElse: enableElse === true,
    tokenIndex: maps,
  };
  cache.set(table, model);
  return model;
}
