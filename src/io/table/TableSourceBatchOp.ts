import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { BatchOperator } from "../../engine/batchOperator";

/** A batch source over an in-memory table (Alink's `TableSourceBatchOp`). */
export class TableSourceBatchOp extends BatchOperator {
  static override readonly INPUTS = 0;

  constructor(private readonly table: Table) {
    super();
  }

  protected override outputSchema(): Schema {
    return this.table.schema;
  }

  protected compute(): Table {
    return this.table;
  }
}

