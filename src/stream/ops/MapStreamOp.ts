import { Mapper } from "../../common/mapper";
import { MapperRecipe } from "../../common/mapperRecipe";
import { Schema } from "../../core/schema";
import { StreamOperator } from "../streamOperator";
import { PushableMap, StreamTask } from "../task";

/**
 * A stream operator applying a mapper built from its own parameters, chunk by chunk (the stream
 * twin of `MapBatchOp`: `VectorAssemblerStreamOp`, `FeatureHasherStreamOp`, `JsonValueStreamOp`...).
 */
export abstract class MapStreamOp extends StreamOperator {
  abstract createMapper(inputSchema: Schema): Mapper;
  /** Set by the pushdown plan for the next run: chunks of the output schema arrive mapped already. */
  protected premapped = false;

  protected outputSchema([input]: readonly Schema[]): Schema {
    return this.createMapper(input).outputSchema;
  }

  createTask([input]: readonly Schema[]): StreamTask {
    const mapper = this.createMapper(input);
    const premapped = this.premapped;
    this.premapped = false;
    const outputSchema = mapper.outputSchema;
    // Rows seen so far, so that a mapper's error names the row in the whole stream (and its event time).
    let rows = 0;
    return {
      process(inputs, _stepEnd, out) {
        for (const chunk of inputs[0]) {
          // A chunk the source's thread mapped (pushdown.ts) has the output schema, which differs from the input's.
          if (premapped && chunk.table.schema.equals(outputSchema)) out.emit(chunk);
          else out.emit(chunk.withTable(mapper.map(chunk.table, { firstRow: rows, times: chunk.times })));
          rows += chunk.numRows;
        }
      },
      finish() {},
    };
  }
}

/** What can build a mapper in another thread: a fitted pipeline (see `PipelineModel.workerRecipe`). */
export interface RecipeSource {
  workerRecipe(inputSchema: Schema): MapperRecipe | null;
}

/** Applies any mapper factory to a stream: how pipeline stages transform streams. */
export class MapperStreamOp extends MapStreamOp {
  /**
   * @param stage where the factory's mappers come from, when they can also be built in another
   *   thread: maps of the same stage over the same schema are the same map (pushdown.ts)
   */
  constructor(
    private readonly factory: (inputSchema: Schema) => Mapper,
    private readonly name: string,
    private readonly stage: RecipeSource | null = null,
  ) {
    super();
  }

  override get operatorName(): string {
    return this.name;
  }

  createMapper(inputSchema: Schema): Mapper {
    return this.factory(inputSchema);
  }

  pushableMap(): PushableMap | null {
    const stage = this.stage;
    if (stage === null || this.inputs.length !== 1) return null;
    const { op, port } = this.inputs[0];
    const inputSchema = op.portSchema(port);
    const outputSchema = this.portSchema(0);
    return {
      key: stage,
      inputSchema,
      outputSchema,
      recipe: () => stage.workerRecipe(inputSchema),
      acceptPremapped: () => {
        this.premapped = true;
      },
      withdraw: () => {
        this.premapped = false;
      },
    };
  }
}
