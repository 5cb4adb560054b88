import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { buildMemTable } from "./MemSourceBatchOp";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { EventTimeParams, checkTimeCol } from "../../stream/eventTime";
import { StreamOperator } from "../../stream/streamOperator";
import { SourceTask } from "../../stream/task";
import { SourceChunkParams, chunkedSource } from "../table/TableSourceStreamOp";

const PARAMS = { ...EventTimeParams, ...SourceChunkParams };

export interface MemSourceStreamOp extends ParamAccessors<MemSourceStreamOp, typeof PARAMS> {}

/** Rows from memory as a stream (Alink's `MemSourceStreamOp`); same constructor forms as the batch one. */
export class MemSourceStreamOp extends StreamOperator {
  static override readonly PARAMS = PARAMS;
  static override readonly INPUTS = 0;
  private readonly table: Table;

  constructor(rows: readonly unknown[], schemaStrOrColNames: string | readonly string[], params?: ParamInit<typeof PARAMS>) {
    super(params);
    this.table = buildMemTable(rows, schemaStrOrColNames, "MemSourceStreamOp");
  }

  protected outputSchema(): Schema {
    return checkTimeCol(this.table.schema, this, this.operatorName);
  }

  createTask(): SourceTask {
    return chunkedSource(this.table, this, this.operatorName, this.getChunkSize());
  }
}
