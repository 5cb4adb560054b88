import { Schema } from "../core/schema";
import { Table } from "../core/table";
import { BatchOperator } from "./batchOperator";
import { registerLazy } from "./environment";

/**
 * A batch sink (Alink's `…SinkBatchOp`): linking it registers a write that runs on the next
 * `BatchOperator.execute()`, as in Alink; its output is its input, so it can also sit inside a
 * graph. Subclasses say only how to write the table.
 */
export abstract class BatchSinkOperator extends BatchOperator {
  override linkFrom(...inputs: BatchOperator[]): this {
    super.linkFrom(...inputs);
    registerLazy(() => this.write(this.getOutputTable()));
    return this;
  }

  protected override outputSchema([input]: readonly Schema[]): Schema {
    return input;
  }

  protected compute([input]: readonly Table[]): Table {
    return input;
  }

  /** Writes the input table (called once per `BatchOperator.execute()` after linking). */
  protected abstract write(table: Table): void;
}
