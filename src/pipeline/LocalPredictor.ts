import * as path from "path";
import { Mapper, MapperChain } from "../common/mapper";
import { snapshotParams } from "../common/paramSnapshot";
import { BooleanColumn, Column, NumberColumn, StringColumn, ValueOrigin, VectorColumnBuilder, coerceValue } from "../core/column";
import { StreamlabError, describeValue } from "../core/errors";
import { Schema } from "../core/schema";
import { Table } from "../core/table";
import { TYPE_INFO, TypeName } from "../core/types";
import { Vector } from "../core/vector";
import { CommittedModel, readCommittedModel, scanModelFolder } from "../io/modelStream/scanner";
import { ModelTimestamp, compareModelTimestamps, parseModelTime } from "../io/modelStream/timestampName";
import { Param } from "../params/param";
import { ModelStreamScanParams } from "../params/shared";
import { ParamInit, WithParams } from "../params/withParams";
import { PipelineModel } from "./Pipeline";
import { ModelBase, TransformerBase } from "../base/stages";

const OPERATOR = "LocalPredictor";

/** `LocalPredictor`'s parameters (Alink's `ModelStreamScanParams`, read in wall-clock time here). */
export const LOCAL_PREDICTOR_PARAMS = {
  modelStreamFilePath: Param.string({
    doc:
      "Model-stream folder to follow in wall-clock time (<root>/<timestamp>/ + conf/, as written by AppendModelStreamFileSinkBatchOp, " +
      "ModelStreamFileSinkStreamOp or Alink). Its models are either packed pipeline models (pipelineModel.save(), OnlineLearningStreamOp), each " +
      "replacing the whole pipeline, or model tables of one stage (the one stage whose model table has the same schema), each replacing that " +
      "stage's model. Null = the pipeline's own modelStreamFilePath (saved with it), else serve the given model only.",
    optional: true,
    nonEmpty: true,
  }),
  modelStreamScanInterval: Param.int({
    doc: "Wall-clock seconds between scans of modelStreamFilePath (default 10, as Alink). The timer is unref'd: it never keeps Node alive; close() stops it.",
    default: 10,
    min: 1,
  }),
  modelStreamStartTime: Param.string({
    doc: 'Only models of modelStreamFilePath with a timestamp ≥ this "yyyy-mm-dd hh:mm:ss[.fffffffff]" (UTC) are used; null = every committed model.',
    optional: true,
  }),
};

/** Holds and validates the parameters (the predictor itself is not a proxy-wrapped operator: its hot path stays plain). */
class LocalPredictorParams extends WithParams {
  static override readonly PARAMS = LOCAL_PREDICTOR_PARAMS;
  override get operatorName(): string {
    return OPERATOR;
  }
}

/** One input column of the preallocated 1-row chunk. */
interface InputSlot {
  type: TypeName;
  storage: "float64" | "int32" | "boolean" | "string" | "vector";
  origin: ValueOrigin;
  /** Numbers / booleans: the 1-element storage shared by both column variants. */
  numbers: Float64Array | Int32Array | Uint8Array | null;
  /** Column variants: value present (no null mask) and null (mask [1]). */
  present: Column | null;
  missing: Column | null;
  /** Strings: the 1-element text array of the column. */
  texts: (string | null)[] | null;
  /** Integer types: the range a value must be in (NaN for other types). */
  min: number;
  max: number;
}

/**
 * How many of the latest model swaps {@link LocalPredictor.getModelSwaps} keeps: a predictor following a folder
 * committed to every second (a prediction service) would otherwise grow its history without end.
 */
export const MODEL_SWAP_HISTORY = 100;

/** A model-stream version the predictor loaded or refused. */
export interface LocalModelSwap {
  /** Folder name of the model (its timestamp, `yyyymmddhhmmssfffffffff`). */
  version: string;
  ok: boolean;
  /** Why it was refused. */
  error?: string;
  /** When it was loaded or refused (wall-clock epoch ms). */
  at: number;
}

/** The stage a model stream feeds, and how to rebuild the chain with a new model for it. */
interface StreamTarget {
  root: string;
  start: ModelTimestamp | null;
  /** The stage whose model the folder's models replace, or -1: the folder holds packed pipeline models replacing every stage. */
  stageIndex: number;
  modelSchema: Schema;
}

/**
 * Single-row prediction inside any Node program (Alink's `LocalPredictor`): a fitted pipeline
 * (a {@link PipelineModel}, any fitted stage, or the path of a saved pipeline model) applied to
 * one row at a time, with the same mappers that batch `transform` and stream prediction run.
 *
 * ```ts
 * const predictor = new LocalPredictor("models/initial_pipeline.json", CTR_SCHEMA_STR);
 * const out = predictor.map(row);            // one output row, columns as getOutputSchema()
 * const out2 = predictor.predict(...row);    // the same, values as arguments
 * predictor.close();
 * ```
 *
 * The stage mappers are built once for the input schema; each call writes the row into a
 * preallocated one-row chunk (typed 1-element columns, no per-call table or column objects for
 * number, boolean and string inputs) and runs it through the chain.
 *
 * Bad rows fail as in batch: a value that does not fit its column type fails as a memory source
 * would (naming column and type), and every stage's checks are the batch ones. Rows are counted
 * from the first call (`row k` = the k-th row given to this predictor, 0-based, failed calls
 * included), so predicting a table's rows one by one names the same row as a batch transform.
 *
 * With `modelStreamFilePath` (the predictor's, else the one saved with the pipeline model) the
 * predictor follows a model-stream folder of packed pipeline models or of one stage's models
 * (recognised by their schema) in wall-clock time, as Alink's LocalPredictor does:
 * every `modelStreamScanInterval` seconds it lists the folder and, if a newer committed model is
 * there, loads it into a new chain and swaps atomically (a call sees the old or the new chain,
 * never a mix). A model that cannot be read or would change the output, feature space or labels is
 * refused: the last good model keeps serving, {@link getLastModelError} says why,
 * {@link getModelSwaps} lists the latest versions loaded or refused and {@link getModelSwapCounts}
 * counts all of them.
 */
export class LocalPredictor {
  readonly inputSchema: Schema;
  private pipeline: PipelineModel;
  private chain: Mapper;
  /** The chain whose mappers were told to reuse their output storage (map() tells each new chain once). */
  private reusingChain: Mapper | null = null;
  private readonly slots: InputSlot[];
  private readonly columns: Column[];
  private readonly chunk: Table;
  private readonly position = { firstRow: 0, times: null as Float64Array | null };
  private rowCount = 0;
  private closed = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly params: LocalPredictorParams;
  private readonly stream: StreamTarget | null = null;
  private modelVersion: string | null = null;
  private modelTs: ModelTimestamp | null = null;
  private lastError: string | null = null;
  private readonly swaps: LocalModelSwap[] = [];
  private readonly swapCounts = { loaded: 0, refused: 0 };
  /** Versions still in the folder already looked at (loaded or refused): each is tried once. */
  private readonly seen = new Set<string>();

  constructor(model: string | PipelineModel | TransformerBase | null, inputSchemaStr: string | Schema, params?: ParamInit<typeof LOCAL_PREDICTOR_PARAMS>) {
    this.params = new LocalPredictorParams(params as Record<string, unknown> | undefined);
    if (model === null) this.pipeline = newestPipelineIn(this.params);
    else if (typeof model === "string") this.pipeline = PipelineModel.load(model);
    else if (model instanceof PipelineModel) this.pipeline = model;
    else if (model instanceof TransformerBase) this.pipeline = new PipelineModel(model);
    else {
      throw new StreamlabError(
        `${OPERATOR}: expected the path of a saved pipeline model, a PipelineModel or a fitted stage, got ${describeValue(model)}.`,
        { operator: OPERATOR },
      );
    }
    if (inputSchemaStr instanceof Schema) this.inputSchema = inputSchemaStr;
    else if (typeof inputSchemaStr === "string") this.inputSchema = Schema.parse(inputSchemaStr);
    else {
      throw new StreamlabError(`${OPERATOR}: expected the input schema string (e.g. "id string, x double"), got ${describeValue(inputSchemaStr)}.`, {
        operator: OPERATOR,
      });
    }
    this.chain = this.pipeline.createMapper(this.inputSchema);
    this.slots = this.inputSchema.names.map((name, i) => makeSlot(name, this.inputSchema.types[i]));
    // The columns array is owned here: a call swaps each slot's present/null variant in place.
    this.chunk = new Table(this.inputSchema, this.slots.map((s) => s.present ?? emptyVectorRow(s.type)));
    this.columns = this.chunk.columns as Column[];

    // The predictor's own settings win over the ones saved with the pipeline (as in Alink).
    const own = this.params.get("modelStreamFilePath") !== null;
    const settings = snapshotParams(ModelStreamScanParams, own ? this.params : this.pipeline);
    const root = settings.modelStreamFilePath;
    const staged = this.pipeline.getStages().findIndex((s) => s.followedFolder() !== null);
    if (staged >= 0) {
      throw new StreamlabError(
        `${OPERATOR}: stage ${staged} (${this.pipeline.getStages()[staged].operatorName}) follows its own model-stream folder; a LocalPredictor follows one folder: ` +
          `set modelStreamFilePath on the LocalPredictor (a folder of that stage's models or of whole pipeline models) or on the PipelineModel instead.`,
        { operator: OPERATOR, param: "modelStreamFilePath" },
      );
    }
    if (root !== null) {
      const startText = settings.modelStreamStartTime;
      const start = startText === null ? null : parseModelTime(startText, OPERATOR, "modelStreamStartTime");
      // Read before the first scan, which may replace this.pipeline (and its settings) with a streamed one.
      const seconds = snapshotParams(ModelStreamScanParams, own || this.params.hasParam("modelStreamScanInterval") ? this.params : this.pipeline).modelStreamScanInterval;
      this.stream = this.streamTarget(path.resolve(root), start, !own);
      this.scan();
      this.timer = setInterval(() => this.scan(), seconds * 1000);
      this.timer.unref?.();
    }
  }

  /** The output columns (the fitted pipeline's output for the input schema). */
  getOutputSchema(): Schema {
    return this.chain.outputSchema;
  }

  /** The output schema as a schema string. */
  getOutputSchemaStr(): string {
    return this.chain.outputSchema.toString();
  }

  /**
   * Predicts one row given as an array in input-schema order; returns the output row. Errors name
   * the row as `rowNumber`, by default the count of rows given to this predictor so far (a service
   * passes the row's position in its request).
   */
  map(row: readonly unknown[], rowNumber?: number): unknown[] {
    if (this.closed) throw new StreamlabError(`${OPERATOR}: the predictor is closed; make a new one.`, { operator: OPERATOR });
    const index = rowNumber ?? this.rowCount;
    this.rowCount++;
    if (!Array.isArray(row)) {
      throw new StreamlabError(`${OPERATOR}: row ${index} is ${describeValue(row)}; expected an array of ${this.slots.length} values (${this.inputSchema}).`, {
        operator: OPERATOR,
        row: index,
      });
    }
    const slots = this.slots;
    if (row.length !== slots.length) {
      throw new StreamlabError(
        `${OPERATOR}: row ${index} has ${row.length} values but the schema has ${slots.length} columns (${this.inputSchema.names.join(", ")}).`,
        { operator: OPERATOR, row: index },
      );
    }
    const columns = this.columns;
    const chunk = this.chunk;
    for (let c = 0; c < slots.length; c++) {
      const column = fill(slots[c], row[c], index);
      // Another column object (a null after a value, a vector): the first stage must look again (Table.columnsVersion).
      if (columns[c] !== column) {
        columns[c] = column;
        chunk.columnsVersion++;
      }
    }
    this.position.firstRow = index;
    // map() reads every output value before returning and keeps no table, so the stages may
    // write into storage kept from the previous call (a swapped-in chain is told on first use).
    const chain = this.chain;
    if (chain !== this.reusingChain) {
      chain.reuseOutputs?.();
      this.reusingChain = chain;
    }
    const out = chain.map(this.chunk, this.position);
    const outColumns = out.columns;
    const result = new Array<unknown>(outColumns.length);
    for (let c = 0; c < outColumns.length; c++) result[c] = outColumns[c].get(0);
    return result;
  }

  /** `map([...values])`: the values in input-schema order as arguments. */
  predict(...values: unknown[]): unknown[] {
    return this.map(values);
  }

  /** Stops following the model stream; later calls fail. */
  close(): void {
    this.closed = true;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** Folder name of the streamed model in use, or null while the given model serves. */
  getModelVersion(): string | null {
    return this.modelVersion;
  }

  /**
   * Why the newest model the last scan found was refused (an older one, or the given model, keeps
   * serving), or null when the newest model found loaded. A scan that finds nothing new keeps it.
   */
  getLastModelError(): string | null {
    return this.lastError;
  }

  /** The latest streamed models loaded or refused (at most {@link MODEL_SWAP_HISTORY}), oldest first. */
  getModelSwaps(): LocalModelSwap[] {
    return this.swaps.map((s) => ({ ...s }));
  }

  /** How many streamed models were loaded and refused since the start (all of them, unlike getModelSwaps()). */
  getModelSwapCounts(): { loaded: number; refused: number } {
    return { ...this.swapCounts };
  }

  /** The fitted pipeline serving now (the given one, or a copy with the streamed model in its stage). */
  getPipelineModel(): PipelineModel {
    return this.pipeline;
  }

  /**
   * What the folder's models replace: the whole pipeline when they are packed pipeline models (always
   * so for a folder saved with the pipeline), else the one model stage whose model table has their
   * schema (read from the oldest usable model).
   */
  private streamTarget(root: string, start: ModelTimestamp | null, pipelineFolder: boolean): StreamTarget {
    const packedSchema = this.pipeline.followable().model.schema;
    if (pipelineFolder) return { root, start, stageIndex: -1, modelSchema: packedSchema };
    const stages = this.pipeline.getStages();
    const models = stages.map((s, i) => ({ s, i })).filter(({ s }) => s instanceof ModelBase) as { s: ModelBase; i: number }[];
    if (models.length === 0) {
      throw new StreamlabError(`${OPERATOR}: modelStreamFilePath is set, but the pipeline has no fitted model stage whose model a stream could replace.`, {
        operator: OPERATOR,
        param: "modelStreamFilePath",
      });
    }
    // The stream's schema decides; while the folder is empty or unreadable, the last model stage is assumed.
    let stageIndex = models[models.length - 1].i;
    const scan = scanModelFolder(root, OPERATOR).models.filter((m) => start === null || compareModelTimestamps(m.ts, start) >= 0);
    for (const m of scan) {
      let table: Table;
      try {
        table = readCommittedModel(root, m, OPERATOR);
      } catch {
        continue;
      }
      if (table.schema.equals(packedSchema)) return { root, start, stageIndex: -1, modelSchema: packedSchema };
      const fits = models.filter(({ s }) => s.getModelData().schema.equals(table.schema));
      if (fits.length === 0) {
        throw new StreamlabError(
          `${OPERATOR}: the models in ${root} have schema ${table.schema}, but no stage of the pipeline has a model of that schema ` +
            `(${models.map(({ s, i }) => `stage ${i} ${s.operatorName}: ${s.getModelData().schema}`).join("; ")}).`,
          { operator: OPERATOR, param: "modelStreamFilePath", file: root },
        );
      }
      if (fits.length > 1) {
        throw new StreamlabError(
          `${OPERATOR}: the models in ${root} (schema ${table.schema}) fit stages ${fits.map(({ i }) => i).join(" and ")}; a model stream must feed one stage.`,
          { operator: OPERATOR, param: "modelStreamFilePath", file: root },
        );
      }
      stageIndex = fits[0].i;
      break;
    }
    return { root, start, stageIndex, modelSchema: (stages[stageIndex] as ModelBase).getModelData().schema };
  }

  /**
   * Lists the folder and swaps to the newest committed model newer than the serving one that
   * loads; each model is tried once, newest first (a refused newest model does not hide an older
   * good one committed since the last scan; models older than one that loaded are skipped).
   */
  private scan(): void {
    const target = this.stream;
    if (target === null || this.closed) return;
    let candidates: CommittedModel[];
    try {
      const listed = scanModelFolder(target.root, OPERATOR).models;
      // Versions gone from the folder (numKeepModel deletes old ones) are forgotten, so `seen` stays as small as the folder.
      const present = new Set(listed.map((m) => m.name));
      for (const name of this.seen) if (!present.has(name)) this.seen.delete(name);
      candidates = listed
        .filter((m) => target.start === null || compareModelTimestamps(m.ts, target.start) >= 0)
        .filter((m) => !this.seen.has(m.name) && (this.modelTs === null || compareModelTimestamps(m.ts, this.modelTs) > 0))
        .reverse();
    } catch (error) {
      this.lastError = (error as Error).message;
      return;
    }
    if (candidates.length === 0) return;
    let newestError: string | null = null;
    for (let k = 0; k < candidates.length; k++) {
      this.seen.add(candidates[k].name);
      const error = this.trySwap(target, candidates[k]);
      if (error === null) break;
      if (k === 0) newestError = error;
    }
    this.lastError = newestError;
  }

  /** Loads one committed model into a new chain and swaps to it; returns null, or why it was refused (also recorded in the swaps). */
  private trySwap(target: StreamTarget, model: CommittedModel): string | null {
    try {
      const table = readCommittedModel(target.root, model, OPERATOR);
      if (!table.schema.equals(target.modelSchema)) {
        const what = target.stageIndex < 0 ? "the packed pipeline model" : `stage ${target.stageIndex}`;
        throw new StreamlabError(`${OPERATOR}: model folder ${model.dir} holds a model of schema ${table.schema}, but ${what} has ${target.modelSchema}.`);
      }
      let pipeline: PipelineModel;
      if (target.stageIndex < 0) pipeline = PipelineModel.fromPackedTable(table, `${OPERATOR}: model ${model.dir}`);
      else {
        const stages = this.pipeline.getStages();
        stages[target.stageIndex] = (stages[target.stageIndex] as ModelBase).withModelData(table);
        pipeline = new PipelineModel(...stages);
      }
      const chain = pipeline.createMapper(this.inputSchema);
      if (!chain.outputSchema.equals(this.chain.outputSchema)) {
        throw new StreamlabError(`${OPERATOR}: the model would change the output columns from ${this.chain.outputSchema} to ${chain.outputSchema}.`);
      }
      // A whole pipeline changes consistently; one stage's new model must fit the stages around it.
      const problem = target.stageIndex < 0 ? null : (this.chain as MapperChain).swapProblem(chain);
      if (problem !== null) throw new StreamlabError(`${OPERATOR}: the model cannot replace the serving one: ${problem}`);
      // The swap: map() reads this.chain once per call, so a call runs wholly on the old or the new chain.
      this.pipeline = pipeline;
      this.chain = chain;
      this.modelVersion = model.name;
      this.modelTs = model.ts;
      this.recordSwap({ version: model.name, ok: true, at: Date.now() });
      return null;
    } catch (error) {
      const message = `model ${model.name} refused: ${(error as Error).message}`;
      this.recordSwap({ version: model.name, ok: false, error: message, at: Date.now() });
      return message;
    }
  }

  /** Counts a swap and keeps it in the bounded history. */
  private recordSwap(swap: LocalModelSwap): void {
    if (swap.ok) this.swapCounts.loaded++;
    else this.swapCounts.refused++;
    this.swaps.push(swap);
    if (this.swaps.length > MODEL_SWAP_HISTORY) this.swaps.splice(0, this.swaps.length - MODEL_SWAP_HISTORY);
  }
}

function emptyVectorRow(type: TypeName): Column {
  const builder = new VectorColumnBuilder(type, 1);
  builder.appendNull();
  return builder.build();
}

function makeSlot(name: string, type: TypeName): InputSlot {
  const storage = TYPE_INFO[type].storage as InputSlot["storage"];
  const origin: ValueOrigin = { column: name, row: 0, operator: OPERATOR };
  const info = TYPE_INFO[type];
  const slot: InputSlot = { type, storage, origin, numbers: null, present: null, missing: null, texts: null, min: info.min ?? NaN, max: info.max ?? NaN };
  switch (storage) {
    case "float64":
    case "int32": {
      const values = storage === "int32" ? new Int32Array(1) : new Float64Array(1);
      slot.numbers = values;
      slot.present = new NumberColumn(type, values, null);
      slot.missing = new NumberColumn(type, values, Uint8Array.of(1));
      break;
    }
    case "boolean": {
      const values = new Uint8Array(1);
      slot.numbers = values;
      slot.present = new BooleanColumn(values, null);
      slot.missing = new BooleanColumn(values, Uint8Array.of(1));
      break;
    }
    case "string": {
      slot.texts = [null];
      slot.present = new StringColumn(slot.texts);
      break;
    }
    case "vector":
      break;
  }
  return slot;
}

/** Writes one value into its slot (checked as a memory source checks it); returns the column to use. */
function fill(slot: InputSlot, raw: unknown, row: number): Column {
  // Fast paths for the values coerceValue would store unchanged; everything else (nulls, Dates,
  // strings in number columns, out-of-range or fractional integers...) takes the checked path.
  if (typeof raw === "number") {
    if (slot.storage === "float64" && slot.type === "DOUBLE") {
      (slot.numbers as Float64Array)[0] = raw;
      return slot.present!;
    }
    if (slot.storage === "int32" && raw >= slot.min && raw <= slot.max && Math.floor(raw) === raw) {
      (slot.numbers as Int32Array)[0] = raw;
      return slot.present!;
    }
  }
  if (slot.storage === "string" && typeof raw === "string") {
    slot.texts![0] = raw;
    return slot.present!;
  }
  slot.origin.row = row;
  const value = coerceValue(raw, slot.type, slot.origin);
  switch (slot.storage) {
    case "float64":
    case "int32":
      if (value === null) return slot.missing!;
      slot.numbers![0] = value instanceof Date ? value.getTime() : (value as number);
      return slot.present!;
    case "boolean":
      if (value === null) return slot.missing!;
      slot.numbers![0] = value ? 1 : 0;
      return slot.present!;
    case "string":
      slot.texts![0] = value as string | null;
      return slot.present!;
    case "vector": {
      const builder = new VectorColumnBuilder(slot.type, 1);
      if (value === null) builder.appendNull();
      else builder.append(value as Vector);
      return builder.build();
    }
  }
}

/**
 * The initial model of a predictor made without one (Alink: a null model path with
 * `modelStreamFilePath` in the params): the newest committed packed pipeline model of the folder.
 */
function newestPipelineIn(params: LocalPredictorParams): PipelineModel {
  const { modelStreamFilePath: root, modelStreamStartTime: startTime } = snapshotParams(ModelStreamScanParams, params);
  if (root === null) {
    throw new StreamlabError(`${OPERATOR}: no model given; pass a pipeline model (or its path), or null with modelStreamFilePath set to start from the folder's newest model.`, {
      operator: OPERATOR,
    });
  }
  const folder = { root: path.resolve(root), startTime };
  const start = folder.startTime === null ? null : parseModelTime(folder.startTime, OPERATOR, "modelStreamStartTime");
  const models = scanModelFolder(folder.root, OPERATOR).models.filter((m) => start === null || compareModelTimestamps(m.ts, start) >= 0);
  for (let i = models.length - 1; i >= 0; i--) {
    try {
      return PipelineModel.fromPackedTable(readCommittedModel(folder.root, models[i], OPERATOR), `${OPERATOR}: model ${models[i].dir}`);
    } catch {
      // a newer model that cannot be read or is not a pipeline model: try the next older one
    }
  }
  throw new StreamlabError(`${OPERATOR}: no model given and ${folder.root} holds no committed pipeline model that can be read (Alink: "Pipeline model path is null and no initial model found.").`, {
    operator: OPERATOR,
    param: "modelStreamFilePath",
    file: folder.root,
  });
}

/**
 * `pipelineModel.collectLocalPredictor(inputSchemaStr[, params])` (Alink's
 * `PipelineModel.collectLocalPredictor`): a {@link LocalPredictor} for this fitted pipeline.
 */
export function collectLocalPredictor(
  model: PipelineModel | TransformerBase,
  inputSchemaStr: string | Schema,
  params?: ParamInit<typeof LOCAL_PREDICTOR_PARAMS>,
): LocalPredictor {
  return new LocalPredictor(model, inputSchemaStr, params);
}

declare module "./Pipeline" {
  interface PipelineModel {
    /** A {@link LocalPredictor} for this fitted pipeline and input schema (Alink's `collectLocalPredictor`). */
    collectLocalPredictor(inputSchemaStr: string | Schema, params?: ParamInit<typeof LOCAL_PREDICTOR_PARAMS>): LocalPredictor;
  }
}

// Installed from here so that Pipeline.ts (owned by the save/load work) stays untouched.
PipelineModel.prototype.collectLocalPredictor = function (this: PipelineModel, inputSchemaStr, params) {
  return new LocalPredictor(this, inputSchemaStr, params);
};
