import { StringColumn } from "../../core/column";
import { StreamlabError, quote } from "../../core/errors";
import { jsonDoubleArray, jsonStringArray, paramsToJson, parseJavaJson } from "../../core/javaJson";
import { Table } from "../../core/table";
import { buildLabeledModelTable, readLabeledModelTable, readModelLabels } from "../../common/modelTable";
import { checkLinearModel } from "./modelCheck";
import type { LinearModelData, LinearModelType } from "./modelData";
import { LinearModelTexts } from "./modelTexts";

/**
 * Linear model data (Alink's `LinearModelData`) and its converter to and from Alink's model
 * table (`LinearModelDataConverter`, reference §4.1–§4.6). Logistic regression writes it; FTRL
 * reads and writes the same form; `LinearModelMapper` predicts with it.
 *
 * Table layout: `model_id 0` = meta (a Params JSON: modelName, hasInterceptItem,
 * linearModelType, vectorCol (only with vector input), vectorSize, labelCol — in Java HashMap
 * order); `model_id 1048576` = the data string
 * `{"featureColNames":…,"featureColTypes":…,"coefVector":{"data":[…]},"coefVectors":null,"convergenceInfo":null}`
 * (doubles in Java `Double.toString` form, intercept first); then one row per label, in label
 * order, in a `label_value` column of the training label's type.
 */
export type { LinearModelData, LinearModelType } from "./modelData";

export const LOGISTIC_REGRESSION_MODEL_NAME = "Logistic Regression";

const KNOWN_META = new Set(["modelName", "hasInterceptItem", "linearModelType", "vectorCol", "vectorSize", "labelCol"]);
/** Meta keys only a linear model writes: a meta with none of them belongs to another algorithm. */
const LINEAR_META = new Set(["modelName", "hasInterceptItem", "linearModelType", "vectorSize"]);

/** The meta Params JSON of a linear model (keys in Java HashMap order, values as JSON texts). */
export function linearModelMetaJson(model: LinearModelData): string {
  const entries: [string, string | null][] = [
    ["modelName", JSON.stringify(model.modelName)],
    ["hasInterceptItem", String(model.hasInterceptItem)],
    ["linearModelType", JSON.stringify(model.linearModelType)],
  ];
  if (model.vectorColName !== null) entries.push(["vectorCol", JSON.stringify(model.vectorColName)]);
  entries.push(["vectorSize", String(model.vectorSize)]);
  entries.push(["labelCol", model.labelName === null ? null : JSON.stringify(model.labelName)]);
  for (const entry of model.extraMeta ?? []) if (!KNOWN_META.has(entry[0])) entries.push(entry);
  return paramsToJson(entries);
}

/** The data string (Jackson serialization of Alink's `LinearModelDataConverter.ModelData`). */
export function linearModelDataJson(model: LinearModelData): string {
  return (
    `{"featureColNames":${jsonStringArray(model.featureNames)},` +
    `"featureColTypes":${jsonStringArray(model.featureTypes)},` +
    `"coefVector":{"data":${jsonDoubleArray(model.coefVector)}},` +
    `"coefVectors":null,"convergenceInfo":null}`
  );
}

/** Alink's model table for a linear model. */
export function linearModelToTable(model: LinearModelData): Table {
  return withModelTexts(buildLabeledModelTable(linearModelMetaJson(model), [linearModelDataJson(model)], model.labelValues, model.labelType), model);
}

/**
 * `table` (written from `model` by {@link buildLabeledModelTable}) with `model` attached to its
 * `model_info` column, so that {@link linearModelFromTable} need not parse the texts back. The
 * model is copied: the caller may go on changing its coefficients (FTRL does).
 */
export function withModelTexts(table: Table, model: LinearModelData): Table {
  const info = table.schema.indexOf("model_info");
  const texts = (table.columns[info] as StringColumn).values;
  const snapshot: LinearModelData = { ...model, coefVector: Float64Array.from(model.coefVector) };
  const columns = table.columns.map((column, c) => (c === info ? new StringColumn(texts, LinearModelTexts.of(snapshot, texts)) : column));
  return new Table(table.schema, columns);
}

/**
 * The model a table's `model_info` texts were written from, when the table still holds all of its
 * rows in the written order (model ids increasing); null otherwise, and then the texts are parsed.
 */
function writtenModel(table: Table): LinearModelData | null {
  const info = table.schema.indexOf("model_info");
  const column = info >= 0 ? table.columns[info] : null;
  if (!(column instanceof StringColumn) || !(column.origin instanceof LinearModelTexts)) return null;
  const model = column.origin.wholeModel;
  const idIndex = table.schema.indexOf("model_id");
  if (model === null || idIndex < 0) return null;
  const ids = table.columns[idIndex];
  for (let r = 1; r < table.numRows; r++) if (!((ids.get(r) as number) > (ids.get(r - 1) as number))) return null;
  return model;
}

/**
 * Reads a linear model table (written by streamlab or by Alink) and checks it
 * ({@link linearModelProblem}): a damaged or foreign table is an error naming what is wrong and
 * what was expected, never a model that predicts wrong numbers.
 */
export function linearModelFromTable(table: Table, operator = "LinearModelDataConverter"): LinearModelData {
  const written = writtenModel(table);
  if (written !== null) {
    const { labels, labelType } = readModelLabels(table);
    return checkLinearModel({ ...written, coefVector: Float64Array.from(written.coefVector), labelValues: labels, labelType }, operator);
  }
  const { meta, data, labels, labelType } = readLabeledModelTable(table, "model", operator);
  const bad = (why: string): never => {
    throw new StreamlabError(`${operator}: the model input is not a linear model table: ${why}.`, { operator });
  };
  let rawMeta: unknown;
  try {
    rawMeta = parseJavaJson(meta);
  } catch {
    return bad(`its meta row (model_id 0) is not JSON: ${quote(meta, 80)}`);
  }
  if (rawMeta === null || typeof rawMeta !== "object" || Array.isArray(rawMeta)) return bad(`its meta row (model_id 0) is not a JSON object: ${quote(meta, 80)}`);
  const metaTexts = rawMeta as Record<string, unknown>;
  if (!Object.keys(metaTexts).some((key) => LINEAR_META.has(key))) {
    return bad(
      `its meta row has none of the keys ${[...LINEAR_META].join(", ")} (it has ${Object.keys(metaTexts).join(", ") || "no keys"}): ` +
        "is it the model of another algorithm? Link a LogisticRegressionTrainBatchOp or FtrlTrainStreamOp model",
    );
  }
  /** A meta value (Params JSON: each value is itself a JSON text), or undefined when absent or null. */
  const value = (key: string): unknown => {
    const text = metaTexts[key];
    if (text === undefined || text === null) return undefined;
    if (typeof text !== "string") return text;
    let parsed: unknown;
    try {
      parsed = parseJavaJson(text);
    } catch {
      return bad(`its meta value ${key} is not JSON: ${quote(text, 80)}`);
    }
    return parsed === null ? undefined : parsed;
  };
  const typed = <T>(key: string, type: "string" | "boolean" | "number", fallback: T): T => {
    const v = value(key);
    if (v === undefined) return fallback;
    if (typeof v !== type) return bad(`its meta value ${key} is ${JSON.stringify(v)?.slice(0, 80)}; expected a ${type}`);
    return v as T;
  };
  if (data.length === 0) return bad("it has no data row (model_id 1048576)");
  if (data.length > 1) return bad(`it has ${data.length} data strings; a linear model has one (model_id 1048576 and its slices)`);
  let body: unknown;
  try {
    body = parseJavaJson(data[0]);
  } catch {
    return bad(`its data row (model_id 1048576) is not JSON: ${quote(data[0], 80)}`);
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) return bad(`its data row (model_id 1048576) is not a JSON object: ${quote(data[0], 80)}`);
  const fields = body as Record<string, unknown>;
  const coef = (fields.coefVector as { data?: unknown } | null | undefined)?.data;
  if (!Array.isArray(coef) || !coef.every((c) => typeof c === "number")) return bad('its data row has no "coefVector": {"data": [numbers]}');
  const strings = (key: string): string[] | null => {
    const v = fields[key];
    if (v === undefined || v === null) return null;
    if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) return bad(`its data row's ${key} is ${JSON.stringify(v).slice(0, 80)}; expected an array of strings or null`);
    return [...(v as string[])];
  };
  const coefVector = Float64Array.from(coef as number[]);
  const intercept = typed("hasInterceptItem", "boolean", true);
  const extraMeta: [string, string | null][] = Object.entries(metaTexts)
    .filter(([k]) => !KNOWN_META.has(k))
    .map(([k, v]) => [k, v === null ? null : typeof v === "string" ? v : JSON.stringify(v)]);
  return checkLinearModel(
    {
      modelName: typed("modelName", "string", LOGISTIC_REGRESSION_MODEL_NAME),
      linearModelType: typed<string>("linearModelType", "string", "LR") as LinearModelType,
      hasInterceptItem: intercept,
      vectorColName: typed<string | null>("vectorCol", "string", null),
      vectorSize: typed("vectorSize", "number", coefVector.length - (intercept ? 1 : 0)),
      labelName: typed<string | null>("labelCol", "string", null),
      featureNames: strings("featureColNames"),
      featureTypes: strings("featureColTypes"),
      coefVector,
      labelValues: labels,
      labelType,
      ...(extraMeta.length > 0 ? { extraMeta } : {}),
    },
    operator,
  );
}
