import { ParamSource, snapshotParams } from "../../common/paramSnapshot";
import { StreamlabError } from "../../core/errors";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { BatchOperator } from "../../engine/batchOperator";
import { Param } from "../../params/param";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { StreamChunk } from "../../stream/chunk";
import { EventTimeAssigner, EventTimeParams, checkTimeCol } from "../../stream/eventTime";
import { StreamOperator } from "../../stream/streamOperator";
import { SourceTask } from "../../stream/task";

/**
 * Rows per chunk of an in-memory source (streamlab's addition). Results never depend on it — the
 * contract test checks 1, 7 and all rows — so it exists to prove that and to profile per-chunk cost.
 */
export const SourceChunkParams = {
  chunkSize: Param.int({
    doc: "Rows per chunk this source emits (default 4096). Outputs do not depend on it; smaller chunks only cost more per-chunk work.",
    default: 4096,
    min: 1,
  }),
};

const PARAMS = { ...EventTimeParams, ...SourceChunkParams };

export interface TableSourceStreamOp extends ParamAccessors<TableSourceStreamOp, typeof PARAMS> {}

/**
 * Streams the rows of a table or of a batch operator's output (Alink's `TableSourceStreamOp`;
 * also how a batch result becomes a stream). Event times come from `timeCol` or `timePerSample`.
 */
export class TableSourceStreamOp extends StreamOperator {
  static override readonly PARAMS = PARAMS;
  static override readonly INPUTS = 0;
  private readonly source: Table | BatchOperator;

  constructor(source: Table | BatchOperator, params?: ParamInit<typeof PARAMS>) {
    super(params);
    if (!(source instanceof Table) && !BatchOperator.isBatchOperator(source)) {
      throw new StreamlabError("TableSourceStreamOp: expected a Table or a batch operator.");
    }
    this.source = source;
  }

  protected outputSchema(): Schema {
    return checkTimeCol(this.source instanceof Table ? this.source.schema : this.source.getSchema(), this, this.operatorName);
  }

  createTask(): SourceTask {
    const table = this.source instanceof Table ? this.source : this.source.getOutputTable();
    return chunkedSource(table, this, this.operatorName, this.getChunkSize());
  }
}

/** A source task over an in-memory table, in chunks of `chunkRows`. */
export function chunkedSource(table: Table, params: ParamSource<typeof EventTimeParams>, operator: string, chunkRows = 4096): SourceTask {
  const assigner = new EventTimeAssigner(table.schema, snapshotParams(EventTimeParams, params), operator);
  let at = 0;
  let flushed = false;
  return {
    next(): StreamChunk | null {
      while (at < table.numRows) {
        const piece = table.slice(at, at + chunkRows);
        at += piece.numRows;
        const ready = assigner.push(piece);
        if (ready !== null) return ready;
      }
      if (!flushed) {
        flushed = true;
        return assigner.flush() ?? new StreamChunk(Table.empty(table.schema), new Float64Array(0));
      }
      return null;
    },
  };
}
