import { StreamlabError, describeValue } from "../core/errors";
import { javaDoubleToString } from "../core/javaFormat";
import { javaHashMapOrder, parseJavaJson } from "../core/javaJson";
import { Schema } from "../core/schema";
import { Table } from "../core/table";
import { TypeName } from "../core/types";
import { LOGISTIC_REGRESSION_TRAIN_PARAMS } from "../classification/logisticRegression/params";
import { MIN_MAX_SCALER_TRAIN_PARAMS } from "../feature/minMaxScaler/params";
import { ONE_HOT_TRAIN_PARAMS } from "../feature/oneHot/params";
import { STANDARD_SCALER_TRAIN_PARAMS } from "../feature/standardScaler/params";
import { ParamDeclarations } from "../params/param";
import { alinkFilePathText, localPathOfAlinkFilePath } from "../io/modelStream/alinkFilePath";
import { stageClass } from "./registry";
import { ModelBase, TransformerBase } from "../base/stages";

/**
 * Alink's packed pipeline-model table (reference §11.3, errata E21; `ModelExporterUtils` in Alink):
 * columns `id BIGINT, p0 STRING, p1 …`; row `id = -1` holds `{"stages": "<StageNode[] JSON>"}` +
 * `__ALINK_META_ROW_DELIMITER__` + the pipeline's params JSON; the model rows of the stage at
 * pre-order node index `s` carry `id = s`, model column j in `p{schemaIndices[j]}`.
 */

export const META_DELIMITER = "__ALINK_META_ROW_DELIMITER__";

/** streamlab stage name ↔ the Java class Alink writes in `identifier`. */
const ALINK_CLASSES: Readonly<Record<string, string>> = {
  StandardScalerModel: "com.alibaba.alink.pipeline.dataproc.StandardScalerModel",
  MinMaxScalerModel: "com.alibaba.alink.pipeline.dataproc.MinMaxScalerModel",
  OneHotEncoderModel: "com.alibaba.alink.pipeline.feature.OneHotEncoderModel",
  VectorAssembler: "com.alibaba.alink.pipeline.dataproc.vector.VectorAssembler",
  FeatureHasher: "com.alibaba.alink.pipeline.feature.FeatureHasher",
  LogisticRegressionModel: "com.alibaba.alink.pipeline.classification.LogisticRegressionModel",
};
const STREAMLAB_NAMES: ReadonlyMap<string, string> = new Map(Object.entries(ALINK_CLASSES).map(([s, a]) => [a, s]));
const NESTED_PIPELINE_MODEL = "com.alibaba.alink.pipeline.PipelineModel";

/**
 * Parameters Alink stores on a fitted stage that do not change its transform: the estimator's
 * training parameters (Alink copies every estimator parameter onto the model), Alink's lazy-print
 * switches and the ML environment id. They are kept as they were read and written back on save.
 */
const TRAINING_PARAMS: Readonly<Record<string, ParamDeclarations>> = {
  StandardScalerModel: STANDARD_SCALER_TRAIN_PARAMS,
  MinMaxScalerModel: MIN_MAX_SCALER_TRAIN_PARAMS,
  OneHotEncoderModel: ONE_HOT_TRAIN_PARAMS,
  LogisticRegressionModel: LOGISTIC_REGRESSION_TRAIN_PARAMS,
};
const BOOKKEEPING_PARAMS = new Set([
  "MLEnvironmentId",
  "lazyPrintTransformDataEnabled",
  "lazyPrintTransformDataNum",
  "lazyPrintTransformDataTitle",
  "lazyPrintTransformStatEnabled",
  "lazyPrintTransformStatTitle",
  "lazyPrintModelInfoEnabled",
  "lazyPrintModelInfoTitle",
  "lazyPrintTrainInfoEnabled",
  "lazyPrintTrainInfoTitle",
]);

/** The Alink params a loaded stage carried, in the file's key order, and the ones streamlab keeps only to write back. */
interface ForeignParams {
  keyOrder: string[];
  kept: Map<string, string>;
}
const foreignParams = new WeakMap<TransformerBase, ForeignParams>();

/** Pipeline-level params of a packed model (after the delimiter), as Alink's JSON texts. */
export type PackedPipelineParams = Map<string, string>;

/** The Java class name Alink uses for a streamlab stage. */
export function alinkClassOf(stage: TransformerBase): string {
  const cls = ALINK_CLASSES[stage.operatorName];
  if (cls === undefined) {
    throw new StreamlabError(
      `PipelineModel.save: stage ${stage.operatorName} has no Alink pipeline class known to streamlab; stages that can be packed: ${Object.keys(ALINK_CLASSES).join(", ")}.`,
      { operator: stage.operatorName },
    );
  }
  return cls;
}

/** A parameter value as the JSON text Alink's `Params` stores (doubles in Java's `Double.toString` form). */
function paramText(typeLabel: string, value: unknown): string {
  if (typeLabel === "Double" && typeof value === "number") return javaDoubleToString(value);
  if (typeLabel === "Double[]" && Array.isArray(value)) return "[" + value.map((v) => javaDoubleToString(v as number)).join(",") + "]";
  return JSON.stringify(value);
}

/**
 * Alink `Params` JSON: `{"k":"<json text>",…}`. Keys a loaded file had keep the file's order (so a
 * re-saved Alink model is written as read); other keys follow in java.util.HashMap order (the order
 * Alink's own maps take depends on their history, so it is not always reproduced; JSON readers,
 * Alink's included, do not depend on it).
 */
function paramsJson(entries: Map<string, string>, fileOrder: readonly string[]): string {
  const kept = fileOrder.filter((k) => entries.has(k));
  const order = [...kept, ...javaHashMapOrder([...entries.keys()].filter((k) => !kept.includes(k)))];
  return "{" + order.map((k) => `${JSON.stringify(k)}:${JSON.stringify(entries.get(k))}`).join(",") + "}";
}

function stageParams(stage: TransformerBase): string {
  const specs = (stage.constructor as unknown as { PARAMS: ParamDeclarations }).PARAMS;
  const entries = new Map<string, string>();
  const foreign = foreignParams.get(stage);
  for (const [name, value] of Object.entries(stage.getParams())) {
    if (value === null || value === undefined) continue;
    entries.set(name, name === MODEL_STREAM_FILE_PATH ? JSON.stringify(alinkFilePathText(value as string)) : paramText(specs[name]?.typeLabel ?? "", value));
  }
  if (foreign) for (const [k, v] of foreign.kept) if (!entries.has(k)) entries.set(k, v);
  return paramsJson(entries, foreign?.keyOrder ?? []);
}

/** Alink's `mergeType`: b's i-th type reuses the next unused column of that type in `a`, else is appended. */
function mergeTypes(a: readonly TypeName[] | null, b: readonly TypeName[] | null): { merged: readonly TypeName[] | null; indices: number[] | null } {
  const identity = (t: readonly TypeName[] | null) => (t === null ? null : t.map((_, i) => i));
  if (a === null) return { merged: b, indices: identity(b) };
  if (b === null) return { merged: a, indices: identity(a) };
  const merged = [...a];
  const next = new Map<TypeName, number>();
  const indices = b.map((t) => {
    const from = next.get(t) ?? 0;
    if (from < 0) return merged.push(t) - 1;
    let found = -1;
    for (let i = from; i < a.length; i++) {
      if (a[i] === t) {
        found = i;
        break;
      }
    }
    if (found < 0) {
      next.set(t, -1);
      return merged.push(t) - 1;
    }
    next.set(t, found + 1);
    return found;
  });
  return { merged, indices };
}

/** Packs fitted stages (a flat list: node i + 1 is stage i) into Alink's pipeline-model table. */
export function packPipeline(stages: readonly TransformerBase[], pipelineParams: PackedPipelineParams): Table {
  const models = stages.map((s) => (s instanceof ModelBase ? s.getModelData() : null));
  // postOrderCreateSchema for the root's children.
  let rootTypes: readonly TypeName[] | null = null;
  const childIndices: (number[] | null)[] = [];
  models.forEach((m, i) => {
    const types = m === null ? null : m.schema.types;
    if (i === 0) {
      rootTypes = types;
      childIndices.push(types === null ? null : types.map((_, j) => j));
      return;
    }
    const { merged, indices } = mergeTypes(rootTypes, types);
    childIndices.push(types === null ? null : indices);
    rootTypes = merged;
  });
  // preOrderCorrectIndex: the root's types behind the STRING prefix.
  let columnTypes: readonly TypeName[] = ["STRING"];
  let rootIndices: number[] | null = null;
  if (rootTypes !== null) {
    const { merged, indices } = mergeTypes(["STRING"], rootTypes);
    columnTypes = merged!;
    rootIndices = indices!;
  }
  const stageIndices = childIndices.map((idx) => (idx === null ? null : idx.map((j) => rootIndices![j])));

  const nodes: string[] = [
    `{"identifier":null,"params":null,"schemaIndices":${rootIndices === null ? "null" : JSON.stringify(rootIndices)},"colNames":null,"parent":-1}`,
    ...stages.map(
      (stage, i) =>
        `{"identifier":${JSON.stringify(alinkClassOf(stage))},"params":{"params":${stageParams(stage)}},` +
        `"schemaIndices":${stageIndices[i] === null ? "null" : JSON.stringify(stageIndices[i])},` +
        `"colNames":${models[i] === null ? "null" : JSON.stringify(models[i]!.schema.names)},"parent":0}`,
    ),
  ];
  const meta = `{"stages":${JSON.stringify("[" + nodes.join(",") + "]")}}` + META_DELIMITER + paramsJson(pipelineParams, [...pipelineParams.keys()]);

  const width = columnTypes.length + 1;
  const names = ["id", ...columnTypes.map((_, i) => `p${i}`)];
  const rows: unknown[][] = [];
  const metaRow: unknown[] = new Array(width).fill(null);
  metaRow[0] = -1;
  metaRow[1] = meta;
  rows.push(metaRow);
  models.forEach((m, i) => {
    if (m === null) return;
    const idx = stageIndices[i]!;
    for (const cells of m.toRows()) {
      const row: unknown[] = new Array(width).fill(null);
      row[0] = i + 1;
      idx.forEach((p, j) => (row[p + 1] = cells[j]));
      rows.push(row);
    }
  });
  return Table.fromRows(rows, new Schema(names, ["BIGINT", ...columnTypes]), "PipelineModel.save");
}

/** The default pipeline-level params Alink writes (errata E21): training schema, environment id, timestamp. */
export function defaultPipelineParams(trainingDataSchema: string | null, now = new Date()): PackedPipelineParams {
  const params = new Map<string, string>();
  if (trainingDataSchema !== null) params.set("trainingDataSchema", JSON.stringify(trainingDataSchema));
  params.set("MLEnvironmentId", "0");
  const p = (n: number) => String(n).padStart(2, "0");
  const ts = `${now.getUTCFullYear()}-${p(now.getUTCMonth() + 1)}-${p(now.getUTCDate())} ${p(now.getUTCHours())}:${p(now.getUTCMinutes())}:${p(now.getUTCSeconds())}`;
  params.set("timestamp", JSON.stringify(ts));
  return params;
}

export interface UnpackedPipeline {
  stages: TransformerBase[];
  pipelineParams: PackedPipelineParams;
}

interface StageNodeJson {
  identifier: string | null;
  params: { params: Record<string, unknown> } | null;
  schemaIndices: unknown;
  colNames: unknown;
  parent: unknown;
}

/**
 * Rebuilds the stages of a packed pipeline-model table. `where` names the source (file or
 * operator) in errors. Every part is checked: the column layout, the one meta row, the stage JSON,
 * each stage's class, parameters, `schemaIndices`/`colNames` and model rows.
 */
export function unpackPipeline(table: Table, where: string, context: { file?: string; operator?: string }): UnpackedPipeline {
  const fail = (why: string, extra: Record<string, unknown> = {}): never => {
    throw new StreamlabError(`${where}: ${why}`, { ...context, ...extra });
  };
  const { names, types } = table.schema;
  const expectedNames = names.map((_, i) => (i === 0 ? "id" : `p${i - 1}`));
  if (names.length < 2 || names.some((n, i) => n !== expectedNames[i])) {
    fail(`not a packed pipeline model: columns are (${names.join(", ")}); expected id, p0, p1, … (Alink's PipelineModel table).`);
  }
  if (!["BIGINT", "INT"].includes(types[0]) || types[1] !== "STRING") {
    fail(`not a packed pipeline model: column id is ${types[0]} and p0 is ${types[1]}; expected id BIGINT and p0 STRING.`);
  }
  const rows = table.toRows();
  const metaRows = rows.map((r, i) => (r[0] === -1 ? i : -1)).filter((i) => i >= 0);
  if (metaRows.length === 0) fail(`not a complete packed pipeline model: it has no meta row (id = -1) holding the stages (${rows.length} rows; the table may be cut short).`);
  if (metaRows.length > 1) fail(`has ${metaRows.length} meta rows (id = -1, rows ${metaRows.join(", ")}); expected exactly one.`, { row: metaRows[1] });
  const metaText = rows[metaRows[0]][1];
  if (typeof metaText !== "string") fail(`meta row ${metaRows[0]} has ${describeValue(metaText)} in p0; expected the stages JSON.`, { row: metaRows[0] });
  const cut = (metaText as string).indexOf(META_DELIMITER);
  const stagesPart = cut < 0 ? (metaText as string) : (metaText as string).slice(0, cut);
  const paramsPart = cut < 0 ? "" : (metaText as string).slice(cut + META_DELIMITER.length);

  const parseJson = (text: string, what: string): unknown => {
    try {
      return parseJavaJson(text);
    } catch (error) {
      return fail(`meta row: ${what} is not valid JSON (${(error as Error).message}); the table may be cut short or damaged.`, { row: metaRows[0] });
    }
  };
  const outer = parseJson(stagesPart, "the stages part");
  if (outer === null || typeof outer !== "object" || typeof (outer as Record<string, unknown>).stages !== "string") {
    fail(`meta row: expected {"stages": "<JSON array of stage nodes>"}, got ${stagesPart.slice(0, 120)}.`, { row: metaRows[0] });
  }
  const nodes = parseJson((outer as { stages: string }).stages, "the \"stages\" array");
  if (!Array.isArray(nodes) || nodes.length === 0) fail(`meta row: "stages" must be a non-empty JSON array of stage nodes, got ${describeValue(nodes)}.`);

  const pipelineParams: PackedPipelineParams = new Map();
  if (paramsPart.trim() !== "") {
    const p = parseJson(paramsPart, "the pipeline params part");
    if (p === null || typeof p !== "object" || Array.isArray(p)) fail(`meta row: the pipeline params must be a JSON object, got ${paramsPart.slice(0, 120)}.`);
    for (const [k, v] of Object.entries(p as Record<string, unknown>)) pipelineParams.set(k, typeof v === "string" ? v : JSON.stringify(v));
  }
  try {
    followParamsOfPacked(pipelineParams);
  } catch (error) {
    if (!(error instanceof StreamlabError)) throw error;
    fail(`meta row: ${error.message}`, { param: error.context.param });
  }

  const numP = names.length - 1;
  const list = nodes as unknown[];
  const root = list[0] as StageNodeJson;
  if (root === null || typeof root !== "object" || root.identifier !== null || root.parent !== -1) {
    fail(`stage node 0 must be the virtual root (identifier null, parent -1), got ${JSON.stringify(root).slice(0, 160)}.`);
  }

  // Model rows of each node.
  const rowsById = new Map<number, unknown[][]>();
  rows.forEach((r, i) => {
    if (i === metaRows[0]) return;
    const id = r[0];
    if (typeof id !== "number" || !Number.isInteger(id) || id < 1 || id >= list.length) {
      fail(`row ${i} has id ${JSON.stringify(id) ?? String(id)}; expected the index (1…${list.length - 1}) of the stage node it belongs to.`, { row: i });
    }
    if (!rowsById.has(id as number)) rowsById.set(id as number, []);
    rowsById.get(id as number)!.push(r);
  });

  const stages: TransformerBase[] = [];
  for (let index = 1; index < list.length; index++) {
    const node = list[index] as StageNodeJson;
    const at = `stage node ${index}`;
    if (node === null || typeof node !== "object" || Array.isArray(node)) fail(`${at} is ${describeValue(node)}; expected an object with identifier, params, schemaIndices, colNames, parent.`);
    const parent = node.parent;
    if (typeof parent !== "number" || !Number.isInteger(parent) || parent < 0 || parent >= index) {
      fail(`${at} has parent ${describeValue(parent)}; expected the index of an earlier node (0…${index - 1}).`);
    }
    if (node.identifier === NESTED_PIPELINE_MODEL) {
      // A nested PipelineModel: its stages follow in pre-order and are flattened (as Alink's loaders do).
      if (rowsById.has(index)) fail(`${at} (${NESTED_PIPELINE_MODEL}) is a nested pipeline but has model rows.`);
      continue;
    }
    if (parent !== 0 && (list[parent as number] as StageNodeJson).identifier !== NESTED_PIPELINE_MODEL) {
      fail(`${at} has parent ${parent}, which is not a pipeline model.`);
    }
    if (typeof node.identifier !== "string") fail(`${at} has no identifier (Java class name), got ${describeValue(node.identifier)}.`);
    const alinkClass = node.identifier as string;
    const named = `${at} (${alinkClass})`;
    const streamlabName = STREAMLAB_NAMES.get(alinkClass);
    if (streamlabName === undefined) {
      fail(`${named}: streamlab cannot load Alink stage class ${alinkClass}; supported: ${[...STREAMLAB_NAMES.keys()].join(", ")}.`, { operator: alinkClass });
    }
    const cls = stageClass(streamlabName!);
    const isModel = cls.prototype instanceof ModelBase;
    const schemaIndices = node.schemaIndices;
    const colNames = node.colNames;
    let modelTable: Table | null = null;
    if (isModel) {
      if (!Array.isArray(schemaIndices) || !Array.isArray(colNames)) {
        fail(`${named}: a fitted model needs "schemaIndices" and "colNames" arrays, got ${describeValue(schemaIndices)} and ${describeValue(colNames)}.`);
      }
      const idx = schemaIndices as unknown[];
      const cols = colNames as unknown[];
      if (idx.length !== cols.length || idx.length === 0) fail(`${named}: "schemaIndices" has ${idx.length} entries and "colNames" ${cols.length}; expected one index per model column.`);
      idx.forEach((v, j) => {
        if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v >= numP) {
          fail(`${named}: schemaIndices[${j}] (model column ${JSON.stringify(cols[j])}) is ${JSON.stringify(v) ?? String(v)}, out of range: the table has columns p0…p${numP - 1}.`);
        }
      });
      cols.forEach((c, j) => {
        if (typeof c !== "string") fail(`${named}: colNames[${j}] is ${describeValue(c)}; expected a column name.`);
      });
      const stageRows = rowsById.get(index) ?? [];
      if (stageRows.length === 0) fail(`${named}: a fitted model has no model rows (id = ${index}); the table may be cut short.`);
      const modelSchema = new Schema(cols as string[], (idx as number[]).map((p) => types[p + 1]));
      modelTable = Table.fromRows(
        stageRows.map((r) => (idx as number[]).map((p) => r[p + 1])),
        modelSchema,
        `${where} ${named}`,
      );
    } else {
      if (schemaIndices !== null && schemaIndices !== undefined) fail(`${named}: a transformer without training has no model columns, but "schemaIndices" is ${JSON.stringify(schemaIndices)}.`);
      if (rowsById.has(index)) fail(`${named}: a transformer without training has no model rows, but ${rowsById.get(index)!.length} rows have id ${index}.`);
    }
    const params = node.params === null || node.params === undefined ? {} : (node.params as { params?: unknown }).params;
    if (params === null || typeof params !== "object" || Array.isArray(params)) {
      fail(`${named}: "params" must be {"params": {<name>: <JSON text>}}, got ${describeValue(node.params)}.`);
    }
    let stage: TransformerBase;
    try {
      stage = isModel ? new cls(modelTable) : new cls();
    } catch (error) {
      if (!(error instanceof StreamlabError)) throw error;
      return fail(`${named}: ${error.message}`, { ...error.context, operator: alinkClass });
    }
    const specs = (cls as unknown as { PARAMS: ParamDeclarations }).PARAMS;
    const training = TRAINING_PARAMS[streamlabName!] ?? {};
    const foreign: ForeignParams = { keyOrder: Object.keys(params as object), kept: new Map() };
    for (const [name, raw] of Object.entries(params as Record<string, unknown>)) {
      const text = typeof raw === "string" ? raw : JSON.stringify(raw);
      const declared = declaredName(specs, name);
      if (declared === undefined) {
        if (BOOKKEEPING_PARAMS.has(name) || declaredName(training, name) !== undefined) {
          foreign.kept.set(name, text);
          continue;
        }
        fail(`${named}: parameter "${name}" (${text}) is not one streamlab's ${streamlabName} reads, so the stage would not transform as in Alink. Parameters it reads: ${Object.keys(specs).join(", ")}.`, {
          operator: alinkClass,
          param: name,
        });
      }
      let value: unknown;
      try {
        value = parseJavaJson(text);
      } catch {
        fail(`${named}: parameter "${name}" holds ${JSON.stringify(text)}, which is not a JSON value.`, { operator: alinkClass, param: name });
      }
      if (declared === MODEL_STREAM_FILE_PATH && typeof value === "string") {
        const local = localPathOfAlinkFilePath(value);
        if ("error" in local) fail(`${named}: parameter "${name}": ${local.error}.`, { operator: alinkClass, param: name });
        else value = local.path;
      }
      try {
        stage.set(name, value);
      } catch (error) {
        if (!(error instanceof StreamlabError)) throw error;
        fail(`${named}: ${error.message}`, { ...error.context, operator: alinkClass, param: name });
      }
    }
    foreignParams.set(stage, foreign);
    stages.push(stage);
  }
  return { stages, pipelineParams };
}

function declaredName(specs: ParamDeclarations, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(specs, name)) return name;
  for (const [canonical, spec] of Object.entries(specs)) if (spec.aliases.includes(name)) return canonical;
  return undefined;
}

const MODEL_STREAM_FILE_PATH = "modelStreamFilePath";

/** The model-stream settings of a packed pipeline (`PipelineModel.setModelStreamFilePath` and co.), as streamlab values. */
export interface PackedFollowParams {
  modelStreamFilePath?: string;
  modelStreamScanInterval?: number;
  modelStreamStartTime?: string;
}

/**
 * Reads the pipeline-level `ModelStreamScanParams` of a packed model (errata E21: the path is
 * Alink's FilePath JSON inside a JSON string; the interval an int; the start time a JSON string).
 */
export function followParamsOfPacked(pipelineParams: PackedPipelineParams): PackedFollowParams {
  const out: PackedFollowParams = {};
  const read = (name: string): unknown => {
    const text = pipelineParams.get(name);
    if (text === undefined || text === "null") return undefined;
    try {
      return JSON.parse(text);
    } catch {
      throw new StreamlabError(`pipeline parameter "${name}" holds ${JSON.stringify(text)}, which is not a JSON value.`, { param: name });
    }
  };
  const filePath = read(MODEL_STREAM_FILE_PATH);
  if (filePath !== undefined) {
    if (typeof filePath !== "string") throw new StreamlabError(`pipeline parameter "${MODEL_STREAM_FILE_PATH}" must be a string, got ${describeValue(filePath)}.`, { param: MODEL_STREAM_FILE_PATH });
    const local = localPathOfAlinkFilePath(filePath);
    if ("error" in local) throw new StreamlabError(`pipeline parameter "${MODEL_STREAM_FILE_PATH}": ${local.error}.`, { param: MODEL_STREAM_FILE_PATH });
    out.modelStreamFilePath = local.path;
  }
  const interval = read("modelStreamScanInterval");
  if (interval !== undefined) {
    const n = typeof interval === "string" ? Number(interval) : interval;
    if (typeof n !== "number" || !Number.isInteger(n) || n < 1) {
      throw new StreamlabError(`pipeline parameter "modelStreamScanInterval" must be an integer ≥ 1, got ${describeValue(interval)}.`, { param: "modelStreamScanInterval" });
    }
    out.modelStreamScanInterval = n;
  }
  const start = read("modelStreamStartTime");
  if (start !== undefined) {
    if (typeof start !== "string") throw new StreamlabError(`pipeline parameter "modelStreamStartTime" must be a string, got ${describeValue(start)}.`, { param: "modelStreamStartTime" });
    out.modelStreamStartTime = start;
  }
  return out;
}

/** Writes the pipeline-level model-stream settings into packed params (removing the unset ones), as Alink stores them. */
export function withFollowParams(pipelineParams: PackedPipelineParams, follow: PackedFollowParams): PackedPipelineParams {
  const out = new Map(pipelineParams);
  const put = (name: string, text: string | undefined) => (text === undefined ? out.delete(name) : out.set(name, text));
  put(MODEL_STREAM_FILE_PATH, follow.modelStreamFilePath === undefined ? undefined : JSON.stringify(alinkFilePathText(follow.modelStreamFilePath)));
  put("modelStreamScanInterval", follow.modelStreamScanInterval === undefined ? undefined : String(follow.modelStreamScanInterval));
  put("modelStreamStartTime", follow.modelStreamStartTime === undefined ? undefined : JSON.stringify(follow.modelStreamStartTime));
  return out;
}
