import { Mapper } from "../../common/mapper";
import { eventTimeText } from "../../common/rowPosition";
import { NumberColumn } from "../../core/column";
import { StreamlabError } from "../../core/errors";
import { formatTimestamp } from "../../core/javaFormat";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { BatchOperator, InputArity } from "../../engine/batchOperator";
import { Param } from "../../params/param";
import { mergeByTime } from "../chunk";
import { ModelStreamAssembler, modelSchemaOfStream } from "../modelStream";
import { StreamOperator } from "../streamOperator";
import { StreamTask } from "../task";

export const ModelVersionParam = {
  modelVersionCol: Param.string({
    doc: "With a model stream linked: name of an added TIMESTAMP column telling which model version (its timestamp; null = the initial model) made each prediction. Null = no such column (Alink's exact layout).",
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
 * whose timestamp is T serves exactly the data rows from T on — on every run.
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
 */
export abstract class ModelMapStreamOp extends StreamOperator {
  static override readonly INPUTS: InputArity = [1, 2];
  private readonly initModel: BatchOperator | Table;
  private swaps: ModelSwapEvent[] = [];

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
    const problem = current.swapProblem?.(next) ?? null;
    return problem === null ? next : `${this.operatorName}: the model cannot replace the serving one: ${problem}`;
  }

  /** The warning line for a refused model (shown where the notebook shows the run). */
  protected warnRefused(event: ModelSwapEvent): void {
    console.warn(
      `${this.operatorName}: model stream updating failed for the model of ${formatTimestamp(event.timestampMs)} ` +
        `(arrived at event time ${eventTimeText(event.eventTime)}); the previous model keeps serving. ${event.error}`,
    );
  }

  private initTable(): Table {
    return this.initModel instanceof Table ? this.initModel : this.initModel.getOutputTable();
  }

  private layout(inputSchemas: readonly Schema[]): { data: number; model: number } {
    if (inputSchemas.length === 1) {
      if (this.modelStreamFirst()) {
        throw new StreamlabError(`${this.operatorName}.linkFrom: expected (modelStream, data), got one input.`, { operator: this.operatorName });
      }
      return { data: 0, model: -1 };
    }
    return this.modelStreamFirst() ? { data: 1, model: 0 } : { data: 0, model: 1 };
  }

  private versionCol(inputSchemas: readonly Schema[]): string | null {
    return this.layout(inputSchemas).model >= 0 ? (this.get("modelVersionCol") as string | null) : null;
  }

  protected outputSchema(inputSchemas: readonly Schema[]): Schema {
    const { data, model } = this.layout(inputSchemas);
    const init = this.initTable();
    if (model >= 0) modelSchemaOfStream(inputSchemas[model], this.operatorName, init.schema);
    const base = this.createModelMapper(init, inputSchemas[data]).outputSchema;
    const version = this.versionCol(inputSchemas);
    return version === null ? base : new Schema([...base.names, version], [...base.types, "TIMESTAMP"]);
  }

  createTask(inputSchemas: readonly Schema[]): StreamTask {
    const { data, model } = this.layout(inputSchemas);
    const dataSchema = inputSchemas[data];
    let mapper = this.createModelMapper(this.initTable(), dataSchema);
    let versionMs: number | null = null;
    const version = this.versionCol(inputSchemas);
    const assembler = model >= 0 ? new ModelStreamAssembler(modelSchemaOfStream(inputSchemas[model], this.operatorName), this.operatorName) : null;
    const swaps: ModelSwapEvent[] = [];
    this.swaps = swaps;
    let failures = 0;
    // Data rows seen so far, so that a mapper's error names the row in the whole stream.
    let rows = 0;
    return {
      process: (inputs, _stepEnd, out) => {
        for (const [index, chunk] of mergeByTime(inputs)) {
          if (index === model) {
            for (const streamed of assembler!.push(chunk.table)) {
              const next = this.nextMapper(mapper, streamed.table, dataSchema);
              const event: ModelSwapEvent = { eventTime: chunk.lastTime, timestampMs: streamed.timestampMs, ok: typeof next !== "string" };
              if (typeof next === "string") {
                event.error = next;
                if (++failures <= ANNOUNCED_FAILURES) this.warnRefused(event);
              } else {
                mapper = next;
                versionMs = streamed.timestampMs;
              }
              swaps.push(event);
            }
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
