import * as fs from "fs";
import * as path from "path";
import { StreamlabError } from "../../core/errors";
import { Table } from "../../core/table";
import { BatchSinkOperator } from "../../engine/BatchSinkOperator";
import { Param } from "../../params/param";
import { CsvFormatParams, FilePathParam } from "../../params/shared";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { formatCsv } from "./formatCsv";

const PARAMS = {
  ...FilePathParam,
  ...CsvFormatParams,
  overwriteSink: Param.bool({ doc: "Replace an existing file; otherwise writing over a file is an error.", default: false }),
};

export interface CsvSinkBatchOp extends ParamAccessors<CsvSinkBatchOp, typeof PARAMS> {}

/**
 * Writes its input to a CSV file on the next `BatchOperator.execute()` (Alink's `CsvSinkBatchOp`;
 * like Alink, no header line is written — read it back with the same schema string).
 * The file is written to a temporary name and renamed, so readers never see half a file.
 */
export class CsvSinkBatchOp extends BatchSinkOperator {
  static override readonly PARAMS = PARAMS;

  constructor(params?: ParamInit<typeof PARAMS>) {
    super(params);
  }

  protected write(table: Table): void {
    const target = path.resolve(this.getFilePath());
    if (fs.existsSync(target) && !this.getOverwriteSink()) {
      throw new StreamlabError(`${this.operatorName}: ${target} already exists; setOverwriteSink(true) to replace it.`, {
        operator: this.operatorName,
        param: "filePath",
        file: target,
      });
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const text = formatCsv(table, this.getFieldDelimiter(), this.getRowDelimiter(), this.getQuoteChar());
    const temporary = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, target);
  }
}
