import * as fs from "fs";
import * as path from "path";
import { StreamlabError } from "../../core/errors";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { BatchOperator } from "../../engine/batchOperator";
import { declareParams } from "../../params/declareParams";
import { ParamAccessors } from "../../params/withParams";
import { readAk, readAkSchema } from "./akFile";
import { AK_SOURCE_PARAMS } from "./akParams";

export interface AkSourceBatchOp extends ParamAccessors<AkSourceBatchOp, typeof AK_SOURCE_PARAMS> {}

/**
 * Reads an Alink `.ak` file — or a folder of them, such as `AkSinkBatchOp.setNumFiles(n)` output or
 * a model-stream model folder — into a typed table (Alink's `AkSourceBatchOp`). The schema comes
 * from the file's meta (`VARCHAR` and `STRING` both read as STRING).
 *
 * ```ts
 * const model = new AkSourceBatchOp().setFilePath("lr_model.ak");
 * model.print();
 * ```
 * Differences from Alink: a folder's files are read in numeric name order (`1, 2, …`; Alink takes
 * the file system's unsorted order), and files of one folder must share one schema. A damaged file
 * fails with its name, and the row and column when the fault is inside a record.
 * Column types streamlab does not hold (DECIMAL, DATE, TIME, VARBINARY, TENSOR, MTABLE) are an error.
 */
export class AkSourceBatchOp extends declareParams(BatchOperator, AK_SOURCE_PARAMS) {
  static override readonly INPUTS = 0;

  protected override outputSchema(): Schema {
    return readAkSchema(resolveAkPath(this.getFilePath(), this.operatorName), this.getFilePath());
  }

  protected compute(): Table {
    return readAk(resolveAkPath(this.getFilePath(), this.operatorName), this.getFilePath());
  }
}

/** Absolute path of an existing local `.ak` file or folder, or a clear error. */
export function resolveAkPath(filePath: string, operator: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(filePath)) {
    throw new StreamlabError(`${operator}: ${JSON.stringify(filePath)} is a URL; streamlab reads local files only.`, { operator, param: "filePath" });
  }
  const resolved = path.resolve(filePath);
  if (!fs.existsSync(resolved)) {
    throw new StreamlabError(`${operator}: file ${JSON.stringify(filePath)} does not exist (looked for ${resolved}; working directory ${process.cwd()}).`, {
      operator,
      param: "filePath",
      file: filePath,
    });
  }
  return resolved;
}
