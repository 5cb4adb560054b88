import { StreamlabError, quote } from "../../core/errors";
import { paramsFromJson, parseJavaJson } from "../../core/javaJson";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { TypeName } from "../../core/types";
import { MAX_NUM_SLICES, SEGMENT_SIZE, readLabeledModelTable } from "../../common/modelTable";

/**
 * Alink's `RichModelDataConverter` table (used by StandardScaler and MinMaxScaler models):
 * `model_id BIGINT, model_info STRING` followed by one extra column per selected input column,
 * named and typed after it (the extra cells are null; the columns only carry the names and
 * types). Row keys and 32 768-char slicing are those of the labeled model table (reference §4.1):
 * string 0 is the meta `Params` JSON, strings 1.. the model data.
 */
export function richModelSchema(extraNames: readonly string[], extraTypes: readonly TypeName[], operator: string): Schema {
  for (const name of extraNames) {
    if (name.toLowerCase() === "model_id" || name.toLowerCase() === "model_info") {
      throw new StreamlabError(
        `${operator}: a selected column may not be named "${name}": the model table uses that name for its own column (rename the column first).`,
        { operator, column: name },
      );
    }
  }
  return new Schema(["model_id", "model_info", ...extraNames], ["BIGINT", "STRING", ...extraTypes]);
}

export function buildRichModelTable(
  meta: string,
  data: readonly string[],
  extraNames: readonly string[],
  extraTypes: readonly TypeName[],
  operator: string,
): Table {
  const schema = richModelSchema(extraNames, extraTypes, operator);
  const nulls = extraNames.map(() => null);
  const rows: unknown[][] = [];
  [meta, ...data].forEach((text, stringIndex) => {
    if (text.length === 0) {
      rows.push([MAX_NUM_SLICES * stringIndex, "", ...nulls]);
      return;
    }
    for (let slice = 0, at = 0; at < text.length; slice++, at += SEGMENT_SIZE) {
      rows.push([MAX_NUM_SLICES * stringIndex + slice, text.slice(at, at + SEGMENT_SIZE), ...nulls]);
    }
  });
  return Table.fromRows(rows, schema, operator);
}

/**
 * Reads a rich model table back: meta (parsed Params), data strings and the extra columns' names
 * and types. `kind` names the model ("StandardScaler") in errors; the table must hold exactly
 * `dataStrings` data strings (a damaged or foreign table would otherwise be read as a model).
 */
export function readRichModelTable(
  table: Table,
  operator: string,
  kind: string,
  dataStrings: number,
): { meta: Record<string, unknown>; data: string[]; extraNames: string[]; extraTypes: TypeName[] } {
  const { meta, data } = readLabeledModelTable(table, "model", operator);
  const notAModel = (why: string): never => {
    throw new StreamlabError(`${operator}: the model input is not a ${kind} model: ${why}. Link the output of ${kind}TrainBatchOp as the first input.`, { operator });
  };
  let params: Record<string, unknown>;
  try {
    params = paramsFromJson(meta);
  } catch {
    return notAModel(`its meta row (model_id 0) is not a JSON object of parameters: ${quote(meta, 80)}`);
  }
  if (data.length !== dataStrings) notAModel(`it has ${data.length} data string${data.length === 1 ? "" : "s"}, expected ${dataStrings}`);
  const extraNames: string[] = [];
  const extraTypes: TypeName[] = [];
  table.schema.names.forEach((name, i) => {
    const lower = name.toLowerCase();
    if (lower !== "model_id" && lower !== "model_info") {
      extraNames.push(name);
      extraTypes.push(table.schema.types[i]);
    }
  });
  return { meta: params, data, extraNames, extraTypes };
}

/** Checks a model data string is a JSON array of `n` numbers (NaN allowed) and returns it. */
export function modelDoubles(text: string, n: number, what: string, operator: string): Float64Array {
  let value: unknown;
  try {
    value = parseJavaJson(text);
  } catch {
    value = text;
  }
  if (!Array.isArray(value) || value.length !== n || !value.every((x) => typeof x === "number")) {
    throw new StreamlabError(
      `${operator}: the model's ${what} should be an array of ${n} numbers (one per selected column), got ${JSON.stringify(value)?.slice(0, 200)}. ` +
        "Link the model produced by the matching train operator as the first input.",
      { operator },
    );
  }
  return Float64Array.from(value as number[]);
}

/** The error for a model statistic that cannot be used; `column` is the selected column it belongs to. */
export function badStatistic(operator: string, kind: string, column: string, why: string): StreamlabError {
  return new StreamlabError(`${operator}: the ${kind} model is not valid: for column ${quote(column)} ${why}.`, { operator, column });
}
