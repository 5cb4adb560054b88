import { Table } from "../../core/table";
import { BatchSinkOperator } from "../../engine/BatchSinkOperator";
import { declareParams } from "../../params/declareParams";
import { ParamAccessors } from "../../params/withParams";
import { writeAk } from "./akFile";
import { AK_SINK_PARAMS } from "./akParams";

export interface AkSinkBatchOp extends ParamAccessors<AkSinkBatchOp, typeof AK_SINK_PARAMS> {}

/**
 * Writes its input as an Alink `.ak` file on the next `BatchOperator.execute()` (Alink's
 * `AkSinkBatchOp`); Alink reads the result with `AkSourceBatchOp`, and so does streamlab.
 *
 * The file is what Alink 1.6.2 writes: a ZIP with `alink_meta.json` (`{"fileFormat":"binary",
 * "schemaStr":"id STRING,…","numFiles":1,"version":"v0.1"}`) then `data` (an "ALK" record stream,
 * one Flink-serialized row per record, vectors as Kryo). With `numFiles` n > 1 the path becomes a
 * folder of files `1 … n`, row i going to file (i mod n) + 1.
 *
 * Differences from Alink: the DEFLATE bytes differ from Java's (the uncompressed entries — meta
 * and records, vectors included — are identical to Alink's for the same rows).
 */
export class AkSinkBatchOp extends declareParams(BatchSinkOperator, AK_SINK_PARAMS) {
  protected write(table: Table): void {
    writeAk(table, this.getFilePath(), {
      numFiles: this.getNumFiles(),
      overwrite: this.getOverwriteSink(),
      operator: this.operatorName,
    });
  }
}
