import { Mapper } from "../../common/mapper";
import { Schema } from "../../core/schema";
import { StreamOperator } from "../streamOperator";
import { StreamTask } from "../task";

/**
 * A stream operator applying a mapper built from its own parameters, chunk by chunk (the stream
 * twin of `MapBatchOp`: `VectorAssemblerStreamOp`, `FeatureHasherStreamOp`, `JsonValueStreamOp`...).
 */
export abstract class MapStreamOp extends StreamOperator {
  abstract createMapper(inputSchema: Schema): Mapper;

  protected outputSchema([input]: readonly Schema[]): Schema {
    return this.createMapper(input).outputSchema;
  }

  createTask([input]: readonly Schema[]): StreamTask {
    const mapper = this.createMapper(input);
    // Rows seen so far, so that a mapper's error names the row in the whole stream (and its event time).
    let rows = 0;
    return {
      process(inputs, _stepEnd, out) {
        for (const chunk of inputs[0]) {
          out.emit(chunk.withTable(mapper.map(chunk.table, { firstRow: rows, times: chunk.times })));
          rows += chunk.numRows;
        }
      },
      finish() {},
    };
  }
}

/** Applies any mapper factory to a stream: how pipeline stages transform streams. */
export class MapperStreamOp extends MapStreamOp {
  constructor(private readonly factory: (inputSchema: Schema) => Mapper, private readonly name: string) {
    super();
  }

  override get operatorName(): string {
    return this.name;
  }

  createMapper(inputSchema: Schema): Mapper {
    return this.factory(inputSchema);
  }
}
