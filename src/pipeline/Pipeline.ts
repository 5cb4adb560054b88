import * as fs from "fs";
import * as path from "path";
import { Mapper, MapperChain } from "../common/mapper";
import { MapperRecipe } from "../common/mapperRecipe";
import { StreamlabError, describeValue } from "../core/errors";
import { Schema } from "../core/schema";
import { Table } from "../core/table";
import { BatchOperator } from "../engine/batchOperator";
import { StreamOperator } from "../stream/streamOperator";
import { readAk, writeAk } from "../io/ak/akFile";
import { TableSourceBatchOp } from "../io/table/TableSourceBatchOp";
import { PackedFollowParams, PackedPipelineParams, defaultPipelineParams, followParamsOfPacked, packPipeline, unpackPipeline, withFollowParams } from "./packed";
import { ModelStreamScanParams } from "../params/shared";
import { ParamAccessors } from "../params/withParams";
import { FollowableModel } from "../base/followModelStream";
import { stageClass } from "./registry";
import { EstimatorBase, ModelBase, PipelineStage, TransformerBase } from "../base/stages";

/**
 * A sequence of estimators and transformers (Alink's `Pipeline`).
 *
 * ```ts
 * const model = new Pipeline()
 *   .add(new StandardScaler().setSelectedCols(["C15", "C16"]))
 *   .add(new FeatureHasher().setSelectedCols(["C1", "banner_pos", "site_id", "C15", "C16"]).setCategoricalCols(["C1", "banner_pos", "site_id"]).setOutputCol("vec"))
 *   .add(new LogisticRegression().setVectorCol("vec").setLabelCol("click").setPredictionCol("pred"))
 *   .fit(train);
 * model.transform(test).print();
 * ```
 * `fit` fits each estimator on the data transformed by the stages before it (up to the last
 * estimator; later transformers are kept as they are) and returns a {@link PipelineModel}.
 */
export class Pipeline {
  private readonly stages: PipelineStage[];

  constructor(...stages: PipelineStage[]) {
    this.stages = [];
    stages.forEach((stage, i) => this.addStage(stage, `new Pipeline(...): stage ${i}`));
    return new Proxy(this, PIPELINE_ACCESSOR_TRAP);
  }

  add(stage: PipelineStage | Pipeline): this {
    if (arguments.length !== 1) {
      throw new StreamlabError(`Pipeline.add: expected one stage, got ${arguments.length} arguments; call add() once per stage or pass them all to new Pipeline(...).`);
    }
    return this.addStage(stage, `Pipeline.add (stage ${this.stages.length})`);
  }

  private addStage(stage: PipelineStage | Pipeline, where: string): this {
    if (stage instanceof Pipeline) {
      this.stages.push(...stage.getStages());
      return this;
    }
    if (!(stage instanceof EstimatorBase) && !(stage instanceof TransformerBase)) {
      throw new StreamlabError(
        `${where}: expected an estimator or a transformer (e.g. new StandardScaler()), got ${describeValue(stage)}` +
          (isOperator(stage) ? " (an operator; pipelines take the stage classes, e.g. StandardScaler rather than StandardScalerTrainBatchOp)." : "."),
      );
    }
    this.stages.push(stage);
    return this;
  }

  getStages(): PipelineStage[] {
    return [...this.stages];
  }

  fit(input: BatchOperator): PipelineModel {
    if (!BatchOperator.isBatchOperator(input)) {
      throw new StreamlabError(`Pipeline.fit: expected a batch operator with the training data, got ${describeValue(input)}.`);
    }
    let lastEstimator = -1;
    this.stages.forEach((s, i) => {
      if (s instanceof EstimatorBase) lastEstimator = i;
    });
    const fitted: TransformerBase[] = [];
    let current = input;
    this.stages.forEach((stage, i) => {
      const transformer = stage instanceof EstimatorBase && i <= lastEstimator ? stage.fit(current) : (stage as TransformerBase);
      if (transformer instanceof PipelineModel) fitted.push(...transformer.getStages());
      else fitted.push(transformer);
      if (i < lastEstimator) current = transformer.transform(current);
    });
    const model = new PipelineModel(...fitted);
    model.trainingDataSchema = input.getSchema().toString();
    return model;
  }
}

/**
 * A Pipeline holds no parameters of its own: `pipeline.setSelectedCols(...)` would fail with a bare
 * "is not a function"; say where the parameter goes instead (as operators do for unknown names).
 */
const PIPELINE_ACCESSOR_TRAP: ProxyHandler<Pipeline> = {
  get(target, property, receiver) {
    if (typeof property === "string" && !(property in target) && /^(set|get)[A-Z]\w*$/.test(property)) {
      throw new StreamlabError(
        `Pipeline has no parameters (method ${property}): set them on its stages, e.g. new Pipeline(new StandardScaler().setSelectedCols(["x"])).`,
        { operator: "Pipeline" },
      );
    }
    return Reflect.get(target, property, receiver);
  },
};

const FORMAT = "streamlab-pipeline-model";

/** What `PipelineModel.save` writes: one JSON document (see the class docs for the layout). */
interface SavedPipelineModel {
  format: typeof FORMAT;
  version: 1;
  stages: { className: string; params: Record<string, unknown>; modelData: { schemaStr: string; rows: unknown[][] } | null }[];
  /** The pipeline's own parameters (its model-stream settings); absent in files written before they existed. */
  params?: Record<string, unknown>;
}

/**
 * Fitted stages applied in order (Alink's `PipelineModel`). Its transform is one chain of mappers,
 * the same chain that stream prediction and single-row prediction run.
 *
 * Saving and loading, in Alink's packed form (reference §11.2–11.3):
 * - `save(path, overwrite = false)` writes one `.ak` file holding Alink's packed pipeline-model
 *   table (`id, p0, p1, …`: a meta row `id = -1` with the stages JSON, then each stage's model rows),
 *   which real Alink's `PipelineModel.load` reads;
 * - `save()` returns that table as a batch operator (e.g. to link into
 *   `AppendModelStreamFileSinkBatchOp`);
 * - `PipelineModel.load(path)` reads a packed `.ak` file written by Alink or streamlab, and
 *   `PipelineModel.collectLoad(op)` a packed table from a batch operator.
 *
 * A path ending in `.json` keeps streamlab's earlier form: one JSON document with each stage's
 * class, parameters and model table (overwritten by default, as before); `load` reads both forms.
 */
export interface PipelineModel extends ParamAccessors<PipelineModel, typeof ModelStreamScanParams> {}

export class PipelineModel extends TransformerBase {
  /**
   * A fitted pipeline can follow a model-stream folder of packed pipeline models (Alink's
   * `PipelineModel.setModelStreamFilePath`, reference §11.4, errata E22), saved with it.
   */
  static override readonly PARAMS = ModelStreamScanParams;
  private readonly stages: TransformerBase[];

  constructor(...stages: TransformerBase[]) {
    super();
    stages.forEach((s, i) => {
      if (!(s instanceof TransformerBase)) {
        throw new StreamlabError(
          `new PipelineModel(...): stage ${i} is ${describeValue(s)}, not a fitted transformer` +
            ((s as unknown) instanceof EstimatorBase ? " (an estimator: fit it, or a Pipeline holding it, first)." : "."),
        );
      }
    });
    this.stages = stages.flatMap((s) => (s instanceof PipelineModel ? s.getStages() : [s]));
  }

  getStages(): TransformerBase[] {
    return [...this.stages];
  }

  createMapper(inputSchema: Schema): Mapper {
    return this.chain(inputSchema, (stage, schema) => stage.createMapper(schema));
  }

  private chain(inputSchema: Schema, mapperOf: (stage: TransformerBase, schema: Schema) => Mapper): MapperChain {
    const mappers: Mapper[] = [];
    let schema = inputSchema;
    for (const stage of this.stages) {
      const mapper = mapperOf(stage, schema);
      mappers.push(mapper);
      schema = mapper.outputSchema;
    }
    return new MapperChain(mappers, inputSchema);
  }

  /**
   * Transforms a batch or a stream (Alink's `PipelineModel.transform`). With `modelStreamFilePath`
   * set on the pipeline, the whole pipeline follows that folder of packed pipeline models (a stream
   * swaps to each at the event time of its timestamp; a batch uses the newest committed one);
   * otherwise each stage that has its own `modelStreamFilePath` follows its folder of stage models.
   * Alink follows only on streams, and only for runs of two or more map stages (errata E22);
   * streamlab follows in every form.
   */
  override transform(input: BatchOperator): BatchOperator;
  override transform(input: StreamOperator): StreamOperator;
  override transform(input: BatchOperator | StreamOperator): BatchOperator | StreamOperator {
    if (StreamOperator.isStreamOperator(input) && this.followedFolder() === null && this.stages.some((s) => s.followedFolder() !== null)) {
      let current: StreamOperator = input;
      for (const stage of this.stages) current = stage.transform(current);
      return current;
    }
    return super.transform(input as BatchOperator);
  }

  override batchMapper(inputSchema: Schema): Mapper {
    if (this.followedFolder() !== null) return super.batchMapper(inputSchema);
    return this.chain(inputSchema, (stage, schema) => stage.batchMapper(schema));
  }

  /** Follows folders of packed pipeline models: each one replaces every stage at once. */
  override followable(): FollowableModel {
    const packed = this.packedTable();
    return {
      model: packed,
      wholePipeline: true,
      mapperFor: (model, dataSchema) => (model === packed ? this.createMapper(dataSchema) : PipelineModel.fromPackedTable(model).createMapper(dataSchema)),
    };
  }

  /** Schema string of the data the pipeline was fitted on (saved in Alink's pipeline params), if known. */
  trainingDataSchema: string | null = null;
  /** Pipeline-level params read from a packed model (Alink JSON texts), written back by save. */
  private packedParams: PackedPipelineParams | null = null;

  /**
   * Writes the fitted pipeline as one `.ak` file in Alink's packed form (`overwrite` defaults to
   * false, as in Alink), or with `numFiles` > 1 as a folder of `.ak` files `1…n` (Alink's
   * `save(path, overwrite, numFiles)`; `load` reads both); a path ending in `.json` writes streamlab's JSON document instead
   * (`overwrite` defaults to true there, as before). Without a path, returns the packed table as a
   * batch operator.
   */
  save(): BatchOperator;
  save(filePath: string, overwrite?: boolean, numFiles?: number): void;
  save(filePath?: string, overwrite?: boolean, numFiles?: number): BatchOperator | void {
    if (arguments.length === 0) return new TableSourceBatchOp(this.packedTable());
    if (typeof filePath !== "string" || filePath === "") {
      throw new StreamlabError(`PipelineModel.save: expected the path of the file to write, got ${describeValue(filePath)}.`);
    }
    if (overwrite !== undefined && typeof overwrite !== "boolean") {
      throw new StreamlabError(`PipelineModel.save: "overwrite" must be a boolean, got ${describeValue(overwrite)}.`);
    }
    if (numFiles !== undefined && (!Number.isInteger(numFiles) || numFiles < 1)) {
      throw new StreamlabError(`PipelineModel.save: "numFiles" must be an integer ≥ 1, got ${describeValue(numFiles)}.`, { param: "numFiles" });
    }
    const target = path.resolve(filePath);
    const json = /\.json$/i.test(target);
    if (json && numFiles !== undefined && numFiles !== 1) {
      throw new StreamlabError(`PipelineModel.save: numFiles ${numFiles} needs Alink's .ak form; a .json path is written as one file.`, { param: "numFiles", file: target });
    }
    // Never delete a folder that is not a saved model: a directory is only replaced by a multi-file save, and only if it holds .ak files.
    if (fs.existsSync(target) && fs.statSync(target).isDirectory() && ((numFiles ?? 1) === 1 || !isAkFolder(target))) {
      const hint = isAkFolder(target) ? "it holds a model saved with numFiles > 1: save with numFiles > 1 to replace it, or remove it" : `give the path of a file, e.g. ${path.join(target, "model.ak")}`;
      throw new StreamlabError(`PipelineModel.save: ${target} is a directory; ${hint}.`, { file: target });
    }
    const replace = overwrite ?? json;
    if (!replace && fs.existsSync(target)) throw new StreamlabError(`PipelineModel.save: ${target} exists; pass overwrite = true to replace it.`, { file: target });
    if (!json) {
      writeAk(this.packedTable(), target, { overwrite: true, numFiles: numFiles ?? 1, operator: "PipelineModel.save" });
      return;
    }
    const doc = this.savedDocument();
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(doc));
    fs.renameSync(temporary, target);
  }

  /** streamlab's JSON document of the model (what `save("….json")` writes). */
  private savedDocument(): SavedPipelineModel {
    return {
      format: FORMAT,
      version: 1,
      params: this.getParams(),
      stages: this.stages.map((stage) => ({
        className: stage.operatorName,
        params: stage.getParams(),
        modelData: stage instanceof ModelBase ? tableToJson(stage.getModelData()) : null,
      })),
    };
  }

  /**
   * The pipeline's mapper rebuilt in another thread from its JSON document (see MapperRecipe): a
   * CSV stream source parsing in a worker thread maps rows there when it is ahead. Null for a
   * pipeline that follows a model stream, one whose document does not rebuild the same pipeline
   * (a parameter JSON cannot carry), or when running from the TypeScript sources.
   */
  override workerRecipe(inputSchema: Schema): MapperRecipe | null {
    if (this.followedFolder() !== null || this.stages.some((stage) => stage.followedFolder() !== null)) return null;
    const module = path.join(__dirname, "workerMapper.js");
    if (!fs.existsSync(module)) return null;
    let text: string;
    try {
      text = JSON.stringify(this.savedDocument());
      // Loaded and written again it must read the same: NaN, Infinity or an object parameter would not.
      if (JSON.stringify(PipelineModel.fromSavedDocument(JSON.parse(text), "worker recipe").savedDocument()) !== text) return null;
    } catch {
      return null;
    }
    return { module, factory: "savedPipelineMapper", args: text, inputNames: inputSchema.names, inputTypes: inputSchema.types };
  }

  /** A pipeline model from its JSON document (see {@link save}); `target` names it in errors. */
  static fromSavedDocument(doc: unknown, target: string): PipelineModel {
    const saved = checkSavedDocument(doc, target);
    const model = new PipelineModel(...saved.stages.map((stage, i) => loadStage(stage, i, target)));
    if (saved.params !== undefined) {
      if (saved.params === null || typeof saved.params !== "object" || Array.isArray(saved.params)) {
        throw new StreamlabError(`PipelineModel.load: ${target} "params" must be an object of pipeline parameters, got ${describeValue(saved.params)}.`, { file: target });
      }
      try {
        for (const [name, value] of Object.entries(saved.params)) model.set(name, value);
      } catch (error) {
        if (!(error instanceof StreamlabError)) throw error;
        throw new StreamlabError(`PipelineModel.load: ${target} pipeline params: ${error.message}`, { ...error.context, file: target });
      }
    }
    return model;
  }

  /** The packed table Alink's `PipelineModel.save()` produces (reference §11.3), with the pipeline's model-stream settings. */
  private packedTable(): Table {
    const params = this.packedParams ?? defaultPipelineParams(this.trainingDataSchema);
    const follow: PackedFollowParams = {};
    const filePath = this.getModelStreamFilePath();
    if (filePath !== null) {
      follow.modelStreamFilePath = filePath;
      if (this.hasParam("modelStreamScanInterval")) follow.modelStreamScanInterval = this.getModelStreamScanInterval();
      const startTime = this.getModelStreamStartTime();
      if (startTime !== null) follow.modelStreamStartTime = startTime;
    }
    return packPipeline(this.stages, withFollowParams(params, follow));
  }

  /**
   * A pipeline model from a packed pipeline-model table (Alink's layout, §11.3): what
   * `save()` returns, one model of a pipeline model stream, or an `.ak` file's table.
   */
  static fromPackedTable(table: Table, where = "PipelineModel.fromPackedTable"): PipelineModel {
    if (!(table instanceof Table)) throw new StreamlabError(`${where}: expected a packed pipeline-model table, got ${describeValue(table)}.`);
    return PipelineModel.fromPacked(table, where, {});
  }

  /**
   * Rebuilds a pipeline model from a batch operator holding a packed pipeline-model table
   * (Alink's `PipelineModel.collectLoad`), e.g. an `AkSourceBatchOp` or `save()`'s output.
   */
  static collectLoad(op: BatchOperator): PipelineModel {
    if (!BatchOperator.isBatchOperator(op)) {
      throw new StreamlabError(`PipelineModel.collectLoad: expected a batch operator holding a packed pipeline model, got ${describeValue(op)}.`);
    }
    return PipelineModel.fromPacked(op.getOutputTable(), `PipelineModel.collectLoad (${op.operatorName})`, { operator: op.operatorName });
  }

  private static fromPacked(table: Table, where: string, context: { file?: string; operator?: string }): PipelineModel {
    const { stages, pipelineParams } = unpackPipeline(table, where, context);
    const model = new PipelineModel(...stages);
    model.packedParams = pipelineParams;
    for (const [name, value] of Object.entries(followParamsOfPacked(pipelineParams))) model.set(name, value);
    const schema = pipelineParams.get("trainingDataSchema");
    if (schema !== undefined) {
      try {
        const parsed = JSON.parse(schema);
        model.trainingDataSchema = typeof parsed === "string" ? parsed : null;
      } catch {
        model.trainingDataSchema = null;
      }
    }
    return model;
  }

  /**
   * Reads a file written by {@link save}: Alink's packed `.ak` form (written by Alink or
   * streamlab; recognised by its ZIP signature) or streamlab's JSON document. Everything in it is
   * checked before use: a damaged or cut-short file, another shape, an unknown stage class,
   * parameters streamlab would not apply or of the wrong type, `schemaIndices` out of range and
   * malformed model tables are errors naming the file, the stage index and class.
   */
  static load(filePath: string): PipelineModel {
    if (typeof filePath !== "string" || filePath === "") {
      throw new StreamlabError(`PipelineModel.load: expected the path of a saved model, got ${describeValue(filePath)}.`);
    }
    const target = path.resolve(filePath);
    if (isZipFile(target) || isAkFolder(target)) {
      let table: Table;
      try {
        table = readAk(target);
      } catch (error) {
        if (!(error instanceof StreamlabError)) throw error;
        throw new StreamlabError(`PipelineModel.load: ${error.message}`, { ...error.context, file: target });
      }
      return PipelineModel.fromPacked(table, `PipelineModel.load: ${target}`, { file: target });
    }
    return PipelineModel.fromSavedDocument(readSavedDocument(target), target);
  }
}

/** True when `target` is a folder of `.ak` files (Alink's `save(path, overwrite, numFiles > 1)`: files 1…n). */
function isAkFolder(target: string): boolean {
  if (!fs.existsSync(target) || !fs.statSync(target).isDirectory()) return false;
  const files = fs.readdirSync(target).filter((f) => !f.startsWith(".") && !f.startsWith("_"));
  return files.length > 0 && files.every((f) => isZipFile(path.join(target, f)));
}

/** True when `target` is a file starting with a ZIP signature (an `.ak` file). */
function isZipFile(target: string): boolean {
  if (!fs.existsSync(target) || fs.statSync(target).isDirectory()) return false;
  const fd = fs.openSync(target, "r");
  try {
    const head = Buffer.alloc(2);
    return fs.readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x50 && head[1] === 0x4b;
  } finally {
    fs.closeSync(fd);
  }
}

/** The JSON document of a saved model file (parsed, not yet checked). */
function readSavedDocument(target: string): unknown {
  const fail = (why: string): never => {
    throw new StreamlabError(`PipelineModel.load: ${target} ${why}`, { file: target });
  };
  if (!fs.existsSync(target)) fail("does not exist.");
  if (fs.statSync(target).isDirectory()) fail("is a directory; expected a file written by PipelineModel.save.");
  const text = fs.readFileSync(target, "utf8");
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    // save() writes one JSON object: one that starts but does not end was cut short (a copy or
    // a write that did not finish).
    const trimmed = text.trim();
    const truncated = trimmed.startsWith("{") && !trimmed.endsWith("}") ? "; the file looks cut short" : "";
    fail(`is not a saved pipeline model: it is not valid JSON (${(error as Error).message}${truncated}).`);
  }
  return doc;
}

/** The stage entries (and pipeline params) of a saved model document, after checking its shape. */
function checkSavedDocument(doc: unknown, target: string): { stages: unknown[]; params: unknown } {
  const fail = (why: string): never => {
    throw new StreamlabError(`PipelineModel.load: ${target} ${why}`, { file: target });
  };
  if (doc === null || typeof doc !== "object" || Array.isArray(doc) || (doc as SavedPipelineModel).format !== FORMAT) {
    fail(`is not a saved streamlab pipeline model (expected a JSON object with "format": "${FORMAT}").`);
  }
  const saved = doc as SavedPipelineModel;
  if (saved.version !== 1) fail(`has format version ${JSON.stringify(saved.version)}; this version of streamlab reads version 1.`);
  if (!Array.isArray(saved.stages)) fail(`has no "stages" array (got ${describeValue(saved.stages)}).`);
  return { stages: saved.stages, params: saved.params };
}

/** Rebuilds stage `index` of a saved model: its class, model table and parameters, each checked. */
function loadStage(saved: unknown, index: number, target: string): TransformerBase {
  const where = `PipelineModel.load: ${target} stage ${index}`;
  if (saved === null || typeof saved !== "object" || Array.isArray(saved)) {
    throw new StreamlabError(`${where} is ${describeValue(saved)}; expected an object with "className", "params" and "modelData".`, { file: target });
  }
  const { className, params, modelData } = saved as Partial<SavedPipelineModel["stages"][number]>;
  if (typeof className !== "string") {
    throw new StreamlabError(`${where} has no "className" (got ${describeValue(className)}).`, { file: target });
  }
  const context = { file: target, operator: className };
  const named = `${where} (${className})`;
  let cls: ReturnType<typeof stageClass>;
  try {
    cls = stageClass(className);
  } catch (error) {
    throw new StreamlabError(`${where}: ${(error as Error).message}`, context);
  }
  if (params !== undefined && (params === null || typeof params !== "object" || Array.isArray(params))) {
    throw new StreamlabError(`${named}: "params" must be an object of parameter values, got ${describeValue(params)}.`, context);
  }
  const isModel = cls.prototype instanceof ModelBase;
  if (isModel && (modelData === null || modelData === undefined)) {
    throw new StreamlabError(`${named}: a fitted model needs its "modelData" (schemaStr and rows), but it is ${String(modelData)}.`, context);
  }
  if (!isModel && modelData !== null && modelData !== undefined) {
    throw new StreamlabError(`${named}: a transformer without training has no model data, but "modelData" is set.`, context);
  }
  try {
    const stage = isModel ? new cls(tableFromJson(modelData!, `${target} stage ${index}`)) : new cls();
    for (const [name, value] of Object.entries(params ?? {})) stage.set(name, value);
    return stage;
  } catch (error) {
    if (!(error instanceof StreamlabError)) throw error;
    throw new StreamlabError(`${named}: ${error.message}`, { ...error.context, ...context });
  }
}

function tableToJson(table: Table): { schemaStr: string; rows: unknown[][] } {
  return {
    schemaStr: table.schema.toString(),
    rows: table.toRows().map((row) => row.map((v) => (v instanceof Date ? v.getTime() : v !== null && typeof v === "object" ? String(v) : v))),
  };
}

function tableFromJson(json: { schemaStr: string; rows: unknown[][] }, where: string): Table {
  if (json === null || typeof json !== "object" || typeof json.schemaStr !== "string" || !Array.isArray(json.rows)) {
    throw new StreamlabError(`"modelData" must be an object with a "schemaStr" string and a "rows" array of arrays.`);
  }
  const bad = json.rows.findIndex((row) => !Array.isArray(row));
  if (bad >= 0) throw new StreamlabError(`model data row ${bad} is ${describeValue(json.rows[bad])}; expected an array of values.`, { row: bad });
  return Table.fromRows(json.rows, Schema.parse(json.schemaStr), `PipelineModel.load (${where})`);
}

function isOperator(value: unknown): boolean {
  return BatchOperator.isBatchOperator(value) || StreamOperator.isStreamOperator(value);
}
