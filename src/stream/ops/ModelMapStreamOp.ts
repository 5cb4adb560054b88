import { Mapper } from "../../common/mapper";
import { NumberColumn } from "../../core/column";
import { StreamlabError } from "../../core/errors";
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

/** Problems met while loading streamed models; the predictor keeps serving the previous model. */
export interface ModelSwapEvent {
  eventTime: number;
  timestampMs: number;
  ok: boolean;
  error?: string;
}

/**
 * A stream predictor with an initial (batch) model that can follow a model stream (Alink's
 * `ModelMapStreamOp` / `BaseOnlinePredictStreamOp`). Inputs are merged in event time, so a model
 * whose timestamp is T serves exactly the data rows from T on — on every run. A model that fails
 * to load is reported in `getModelSwaps()` and the previous one keeps serving.
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

  /** Model versions loaded (or rejected) during the last run, in event-time order. */
  getModelSwaps(): ModelSwapEvent[] {
    return [...this.swaps];
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
    return {
      process: (inputs, _stepEnd, out) => {
        for (const [index, chunk] of mergeByTime(inputs)) {
          if (index === model) {
            for (const streamed of assembler!.push(chunk.table)) {
              try {
                mapper = this.createModelMapper(streamed.table, dataSchema);
                versionMs = streamed.timestampMs;
                swaps.push({ eventTime: chunk.lastTime, timestampMs: streamed.timestampMs, ok: true });
              } catch (error) {
                swaps.push({ eventTime: chunk.lastTime, timestampMs: streamed.timestampMs, ok: false, error: (error as Error).message });
              }
            }
          } else if (index === data) {
            const mapped = mapper.map(chunk.table);
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
      finish() {},
    };
  }
}
