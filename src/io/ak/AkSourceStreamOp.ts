import { Schema } from "../../core/schema";
import { readAk, readAkSchema } from "./akFile";
import { AK_SOURCE_PARAMS } from "./akParams";
import { resolveAkPath } from "./AkSourceBatchOp";
import { declareParams } from "../../params/declareParams";
import { ParamAccessors } from "../../params/withParams";
import { EventTimeParams, checkTimeCol } from "../../stream/eventTime";
import { StreamOperator } from "../../stream/streamOperator";
import { SourceTask } from "../../stream/task";
import { chunkedSource } from "../table/TableSourceStreamOp";

const PARAMS = { ...AK_SOURCE_PARAMS, ...EventTimeParams };

export interface AkSourceStreamOp extends ParamAccessors<AkSourceStreamOp, typeof PARAMS> {}

/**
 * Streams the rows of an Alink `.ak` file or folder (Alink's `AkSourceStreamOp`); reading rules
 * and errors are those of `AkSourceBatchOp`. Event times come from `timeCol` or `timePerSample`.
 * The file is decoded when the run starts (an `.ak` file is one compressed entry), then streamed
 * in chunks.
 */
export class AkSourceStreamOp extends declareParams(StreamOperator, PARAMS) {
  static override readonly INPUTS = 0;

  protected outputSchema(): Schema {
    const schema = readAkSchema(resolveAkPath(this.getFilePath(), this.operatorName), this.getFilePath());
    return checkTimeCol(schema, this, this.operatorName);
  }

  createTask(): SourceTask {
    const table = readAk(resolveAkPath(this.getFilePath(), this.operatorName), this.getFilePath());
    return chunkedSource(table, this, this.operatorName);
  }
}
