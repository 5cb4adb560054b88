import * as path from "path";
import { Table } from "../../core/table";
import { BatchOperator } from "../../engine/batchOperator";
import { BatchSinkOperator } from "../../engine/BatchSinkOperator";
import { declareParams } from "../../params/declareParams";
import { ParamAccessors } from "../../params/withParams";
import { akBytes } from "../ak/akFile";
import { commitModel } from "./commit";
import { APPEND_MODEL_STREAM_PARAMS } from "./params";
import { ModelTimestamp, modelTimestampOfMs, parseModelTime } from "./timestampName";

const PARAMS = APPEND_MODEL_STREAM_PARAMS;

export interface AppendModelStreamFileSinkBatchOp extends ParamAccessors<AppendModelStreamFileSinkBatchOp, typeof PARAMS> {}

/**
 * Appends its input model table as one model to a model-stream folder on the next
 * `BatchOperator.execute()` (Alink's `AppendModelStreamFileSinkBatchOp`, reference §12.4, §12.7):
 * `<filePath>/<ts>/0 … numFiles−1` (`.ak` files, rows dealt round-robin) and
 * `<filePath>/conf/<ts>.log` (`{"count":<rows>,"numFiles":<n>}`), written with Alink's commit
 * protocol so a reader never sees a half-written model. `<ts>` is `modelTime` as Alink names it
 * (`2026-12-06 10:00:01.5` → `202612061000015`). Readers: `ModelStreamFileSourceStreamOp`
 * (streamlab or Alink), or `AkSourceBatchOp` on one model folder.
 *
 * Differences from Alink: `modelTime` is read and folder names are written in UTC (Alink: the JVM's
 * local zone; the same when it runs in UTC). Every one of the `numFiles` files is written, also
 * when it gets no rows (as Alink, errata E27).
 */
export class AppendModelStreamFileSinkBatchOp extends declareParams(BatchSinkOperator, PARAMS) {
  private linkedAt = Date.now();

  override linkFrom(...inputs: BatchOperator[]): this {
    // modelTime = null is the time of linking (as Alink, errata E27); a bad modelTime fails here.
    this.linkedAt = Date.now();
    this.modelTimestamp();
    return super.linkFrom(...inputs);
  }

  private modelTimestamp(): ModelTimestamp {
    const text = this.getModelTime();
    return text === null ? modelTimestampOfMs(this.linkedAt) : parseModelTime(text, this.operatorName, "modelTime");
  }

  protected write(table: Table): void {
    const numFiles = this.getNumFiles();
    const files = Array.from({ length: numFiles }, (_, f) => {
      const rows: number[] = [];
      for (let r = f; r < table.numRows; r += numFiles) rows.push(r);
      return akBytes(table, rows);
    });
    commitModel(path.resolve(this.getFilePath()), this.modelTimestamp(), files, table.numRows, this.getNumKeepModel(), this.operatorName);
  }
}
