import { Mapper } from "../common/mapper";
import { eventTimeText } from "../common/rowPosition";
import { NumberColumn } from "../core/column";
import { StreamlabError } from "../core/errors";
import { formatTimestamp } from "../core/javaFormat";
import { Schema } from "../core/schema";
import { Table } from "../core/table";
import { BatchOperator, InputArity } from "../engine/batchOperator";
import { FollowedFolder, ModelFolderTicksStreamOp, announcedModels, followedFolderOf, isModelStreamScanParam, readFollowedModel } from "../io/modelStream/follow";
import { Param } from "../params/param";
import { snapshotParams } from "../common/paramSnapshot";
import { mergeByTime } from "../stream/chunk";
import { ModelStreamAssembler, modelSchemaOfStream } from "../io/modelStream/modelStreamRows";
import { StreamOperator } from "../stream/streamOperator";
import { StreamTask } from "../stream/task";

export const ModelVersionParam = {
  modelVersionCol: Param.string({
    doc: "With a model stream linked (or modelStreamFilePath set): name of an added TIMESTAMP column telling which model version (its timestamp; null = the initial model) made each prediction. Null = no such column (Alink's exact layout).",
    default: "model_version",
    optional: true,
  }),
};

/** One streamed model: swapped in (`ok`), or refused with the reason while the previous model keeps serving. */
export interface ModelSwapEvent {
  /** Event time (seconds) at which the model's last row arrived. */
  eventTime: number;
  /** The model's timestamp (epoch ms), its version. */
  timestampMs: number;
  ok: boolean;
  /** Why the model was refused (when `ok` is false). */
  error?: string;
}

/** Refused models announced one by one in a run; later ones are only counted in the closing line. */
const ANNOUNCED_FAILURES = 3;

/**
 * A stream predictor with an initial (batch) model that can follow a model stream (Alink's
 * `ModelMapStreamOp` / `BaseOnlinePredictStreamOp`). Inputs are merged in event time, so a model
 * whose timestamp is T serves the data rows after T — on every run. (A data row at exactly T: the
 * scheduler takes equal times in the order the sources were linked, so with a linked model stream
 * whose source comes after the data's the row is served by the previous model; a followed folder's
 * models always come first.)
 *
 * Every streamed model is checked before it replaces the serving one: it must load (the model
 * loaders reject damaged tables, non-finite coefficients or statistics, wrong counts), give the
 * same output columns, and pass the mapper's `swapProblem` (for linear models: the same
 * vectorSize, feature columns, type and labels as the model it replaces — an initial model
 * narrower than its model stream therefore refuses every streamed model). A refused model is
 * never swapped in: the swap is recorded in `getModelSwaps()` with `ok: false` and the reason,
 * the previous model keeps serving, and a warning line is written (Alink prints "Model stream
 * updating failed" likewise) — the first few one by one, the rest counted when the run ends.
 *
 * Input order: `linkFrom(data[, modelStream])` as Alink's ModelMapStreamOp; FTRL's predictor
 * takes `linkFrom(modelStream, data)` and overrides {@link modelStreamFirst}.
 *
 * **Following a model-stream folder** (`setModelStreamFilePath(path)`, with
 * `setModelStreamStartTime` and `setModelStreamScanInterval`; Alink's `ModelStreamScanParams`,
 * reference §5.6, §11.4): `linkFrom(data)` alone, and the predictor follows the folder's committed
 * models exactly as if the folder were linked as a model stream (`ModelStreamFileSourceStreamOp`):
 * the folder is listed once when the run starts, and the model with timestamp T serves the data
 * rows with event time ≥ T (a model and a row at the same time: the model first). A model that
 * cannot be read (missing commit log, damaged file, row count other than its log's, another
 * schema) or that fails the checks above is a refused swap (`getModelSwaps()`, `ok: false`), never
 * a failed run. Linking a model stream and also setting a path is an error. Differences from
 * Alink: Alink scans the folder every `modelStreamScanInterval` seconds of wall-clock time from
 * `modelStreamStartTime` (default: the job's start) and loads only the newest new model of a scan;
 * streamlab serves each model from its own timestamp, deterministically, and by default follows
 * every committed model (set `modelStreamStartTime` to skip older ones). In a paced run
 * (`execute({ speedFactor })`, real time) the folder is also scanned every
 * `modelStreamScanInterval` wall-clock seconds, and the newest model committed meanwhile takes
 * effect at the event time the run has reached, as in Alink.
 */
export abstract class ModelMapStreamOp extends StreamOperator {
  static override readonly INPUTS: InputArity = [1, 2];
  private readonly initModel: BatchOperator | Table;
  private swaps: ModelSwapEvent[] = [];
  /** The hidden source (input 0) when following `modelStreamFilePath`. */
  private folderSource: ModelFolderTicksStreamOp | null = null;
  /** Whether a model stream was linked explicitly (then no path may be set). */
  private modelStreamLinked = false;

  constructor(initModel: BatchOperator | Table, params?: Record<string, unknown>) {
    super(params);
    if (initModel === null || initModel === undefined || (!(initModel instanceof Table) && !BatchOperator.isBatchOperator(initModel))) {
      throw new StreamlabError(`${this.operatorName}: the initial model is required (a batch operator producing a model table, e.g. a trainer).`, {
        operator: this.operatorName,
      });
    }
    this.initModel = initModel;
  }

  /** The mapper for a model table and a data schema, from the current parameter values. */
  abstract createModelMapper(model: Table, dataSchema: Schema): Mapper;

  /** True when the model stream is input 0 (FtrlPredictStreamOp), false when it is input 1. */
  protected modelStreamFirst(): boolean {
    return false;
  }

  /** Model versions loaded (or refused) during the last run, in event-time order. */
  getModelSwaps(): ModelSwapEvent[] {
    return [...this.swaps];
  }

  /** The mapper for a streamed model, or why it may not replace `current`. */
  private nextMapper(current: Mapper, model: Table, dataSchema: Schema): Mapper | string {
    let next: Mapper;
    try {
      next = this.createModelMapper(model, dataSchema);
    } catch (error) {
      // Whatever went wrong, the serving model stays: a streamed model never stops the predictor.
      return (error as Error).message;
    }
    if (!next.outputSchema.equals(current.outputSchema)) {
      return `${this.operatorName}: the model would change the output columns from ${current.outputSchema} to ${next.outputSchema}`;
    }
    const problem = this.swapProblem(current, next);
    return problem === null ? next : `${this.operatorName}: the model cannot replace the serving one: ${problem}`;
  }

  /**
   * Why `next` may not replace `current` beyond keeping the output columns (the mapper's own
   * `swapProblem`: feature space, labels...), or null. Operators that swap a whole pipeline at once
   * override it: there every stage changes together, so a new feature space is consistent.
   */
  protected swapProblem(current: Mapper, next: Mapper): string | null {
    return current.swapProblem?.(next) ?? null;
  }

  /** The warning line for a refused model (shown where the notebook shows the run). */
  protected warnRefused(event: ModelSwapEvent): void {
    console.warn(
      `${this.operatorName}: model stream updating failed for the model of ${formatTimestamp(event.timestampMs)} ` +
        `(arrived at event time ${eventTimeText(event.eventTime)}); the previous model keeps serving. ${event.error}`,
    );
  }

  /** The folder this predictor follows, or null (`modelStreamFilePath` unset). */
  private followedFolder(): FollowedFolder | null {
    return "modelStreamFilePath" in this.paramSpecs ? followedFolderOf(this) : null;
  }

  private bothError(): StreamlabError {
    return new StreamlabError(
      `${this.operatorName}: a model stream is linked and modelStreamFilePath is set; follow either a linked model stream or a folder, not both ` +
        `(link only the data stream to follow the folder, or set modelStreamFilePath to null).`,
      { operator: this.operatorName, param: "modelStreamFilePath" },
    );
  }

  /**
   * `linkFrom(data[, modelStream])` (FTRL: `linkFrom(modelStream, data)`); with
   * `modelStreamFilePath` set, `linkFrom(data)` only.
   */
  override linkFrom(...inputs: StreamOperator[]): this {
    const folder = this.followedFolder();
    if (folder === null) {
      super.linkFrom(...inputs);
      this.folderSource = null;
      this.modelStreamLinked = inputs.length >= 2;
      return this;
    }
    if (inputs.length >= 2) throw this.bothError();
    if (inputs.length !== 1) {
      throw new StreamlabError(`${this.operatorName}.linkFrom: with modelStreamFilePath set, expected the data stream only, got ${inputs.length} inputs.`, {
        operator: this.operatorName,
      });
    }
    const previous = this.folderSource;
    this.folderSource = new ModelFolderTicksStreamOp(folder, this.operatorName);
    try {
      super.linkFrom(this.folderSource, inputs[0]);
    } catch (error) {
      this.folderSource = previous;
      throw error;
    }
    this.modelStreamLinked = false;
    return this;
  }

  /** Setting `modelStreamFilePath` / `modelStreamStartTime` after linkFrom re-links the hidden folder source. */
  override set(name: string, value: unknown): this {
    const scanParam = isModelStreamScanParam(name);
    if (isModelStreamScanParam(name, true) && value !== null && value !== undefined && this.modelStreamLinked) throw this.bothError();
    super.set(name, value);
    // During construction (no inputs yet) there is nothing to re-link.
    if (!scanParam || this.inputs === undefined || this.inputs.length === 0) return this;
    const data = this.folderSource !== null ? this.inputs[1] : this.inputs[0];
    const folder = this.followedFolder();
    this.folderSource = folder === null ? null : new ModelFolderTicksStreamOp(folder, this.operatorName);
    this.inputs = this.folderSource === null ? [data] : [{ op: this.folderSource, port: 0 }, data];
    return this;
  }

  private initTable(): Table {
    return this.initModel instanceof Table ? this.initModel : this.initModel.getOutputTable();
  }

  private layout(inputSchemas: readonly Schema[]): { data: number; model: number } {
    // The hidden folder source is input 0: a model and a data row at the same event time, model first.
    if (this.folderSource !== null) return { data: 1, model: 0 };
    if (inputSchemas.length === 1) {
      if (this.modelStreamFirst()) {
        throw new StreamlabError(`${this.operatorName}.linkFrom: expected (modelStream, data), got one input.`, { operator: this.operatorName });
      }
      return { data: 0, model: -1 };
    }
    return this.modelStreamFirst() ? { data: 1, model: 0 } : { data: 0, model: 1 };
  }

  private versionCol(inputSchemas: readonly Schema[]): string | null {
    return this.layout(inputSchemas).model >= 0 ? snapshotParams(ModelVersionParam, this).modelVersionCol : null;
  }

  protected outputSchema(inputSchemas: readonly Schema[]): Schema {
    const { data, model } = this.layout(inputSchemas);
    const init = this.initTable();
    if (model >= 0 && this.folderSource === null) modelSchemaOfStream(inputSchemas[model], this.operatorName, init.schema);
    const base = this.createModelMapper(init, inputSchemas[data]).outputSchema;
    const version = this.versionCol(inputSchemas);
    return version === null ? base : new Schema([...base.names, version], [...base.types, "TIMESTAMP"]);
  }

  createTask(inputSchemas: readonly Schema[]): StreamTask {
    const { data, model } = this.layout(inputSchemas);
    const dataSchema = inputSchemas[data];
    const init = this.initTable();
    let mapper = this.createModelMapper(init, dataSchema);
    let versionMs: number | null = null;
    const version = this.versionCol(inputSchemas);
    const folder = this.folderSource?.folder ?? null;
    const assembler = model >= 0 && folder === null ? new ModelStreamAssembler(modelSchemaOfStream(inputSchemas[model], this.operatorName), this.operatorName) : null;
    const swaps: ModelSwapEvent[] = [];
    this.swaps = swaps;
    let failures = 0;
    const order = model >= 0 ? [model, data] : [data];
    const swap = (timestampMs: number, eventTime: number, next: Mapper | string) => {
      const event: ModelSwapEvent = { eventTime, timestampMs, ok: typeof next !== "string" };
      if (typeof next === "string") {
        event.error = next;
        if (++failures <= ANNOUNCED_FAILURES) this.warnRefused(event);
      } else {
        mapper = next;
        versionMs = timestampMs;
      }
      swaps.push(event);
    };
    // Data rows seen so far, so that a mapper's error names the row in the whole stream.
    let rows = 0;
    return {
      process: (inputs, _stepEnd, out) => {
        // The model input first at equal event times, whatever its position: a model of time T serves the row of time T.
        for (const [k, chunk] of mergeByTime(order.map((i) => inputs[i]))) {
          const index = order[k];
          if (index === model && folder !== null) {
            for (const announced of announcedModels(chunk.table)) {
              let next: Mapper | string;
              try {
                next = this.nextMapper(mapper, readFollowedModel(folder, announced, init.schema, this.operatorName), dataSchema);
              } catch (error) {
                next = (error as Error).message;
              }
              swap(announced.timestampMs, chunk.lastTime, next);
            }
          } else if (index === model) {
            for (const streamed of assembler!.push(chunk.table)) swap(streamed.timestampMs, chunk.lastTime, this.nextMapper(mapper, streamed.table, dataSchema));
          } else if (index === data) {
            const mapped = mapper.map(chunk.table, { firstRow: rows, times: chunk.times });
            rows += chunk.numRows;
            if (version === null) out.emit(chunk.withTable(mapped));
            else {
              const n = chunk.numRows;
              const nulls = versionMs === null ? new Uint8Array(n).fill(1) : null;
              const column = new NumberColumn("TIMESTAMP", new Float64Array(n).fill(versionMs ?? 0), nulls);
              const schema = new Schema([...mapped.schema.names, version], [...mapped.schema.types, "TIMESTAMP"]);
              out.emit(chunk.withTable(new Table(schema, [...mapped.columns, column])));
            }
          }
        }
      },
      finish: () => {
        if (failures > ANNOUNCED_FAILURES) {
          console.warn(
            `${this.operatorName}: ${failures} of ${swaps.length} streamed models were refused in this run ` +
              `(${failures - ANNOUNCED_FAILURES} not shown above); getModelSwaps() lists each with its reason.`,
          );
        }
      },
    };
  }
}
