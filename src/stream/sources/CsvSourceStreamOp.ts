import { Schema } from "../../core/schema";
import { CSV_SOURCE_PARAMS, csvParserConfig, newCsvParser, resolveLocalFile } from "../../io/CsvSourceBatchOp";
import { headerProjection, projectChunk } from "../../io/csv/headerProjection";
import { readCsvChunks } from "../../io/csv/readCsvFile";
import { readCsvChunksInWorker } from "../../io/csv/readCsvInWorker";

/** Bytes read per chunk: small enough for a smooth event-time stream, large enough to amortise the per-chunk work. */
const CHUNK_BYTES = 1 << 20;
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { StreamChunk } from "../chunk";
import { EventTimeAssigner, EventTimeParams, checkTimeCol } from "../eventTime";
import { StreamOperator } from "../streamOperator";
import { SourceTask } from "../task";
import { Table } from "../../core/table";

const PARAMS = { ...CSV_SOURCE_PARAMS, ...EventTimeParams };

export interface CsvSourceStreamOp extends ParamAccessors<CsvSourceStreamOp, typeof PARAMS> {}

/**
 * Streams a CSV file (Alink's `CsvSourceStreamOp`), reading it 1 MB at a time so memory stays
 * flat whatever the file size. Parsing rules and errors are those of `CsvSourceBatchOp`; event
 * times come from `timeCol` (e.g. the CTR data's `ts`) or `timePerSample`.
 */
export class CsvSourceStreamOp extends StreamOperator {
  static override readonly PARAMS = PARAMS;
  static override readonly INPUTS = 0;

  constructor(params?: ParamInit<typeof PARAMS>) {
    super(params);
  }

  protected outputSchema(): Schema {
    return checkTimeCol(Schema.parse(this.getSchemaStr()), this, this.operatorName);
  }

  createTask(): SourceTask {
    const schema = this.outputSchema();
    const file = resolveLocalFile(this.getFilePath(), this.operatorName);
    const projection = this.getIgnoreFirstLine() ? headerProjection(file, schema, this.getFieldDelimiter(), this.getQuoteChar()) : null;
    // Parsed by a worker thread where one can run (the stream's operators keep this thread busy),
    // else here. Chunks are short-lived, so STRING fields are decoded only if their column is read.
    const fileSchema = projection?.fileSchema ?? schema;
    const chunks = readCsvChunksInWorker(csvParserConfig(this, fileSchema, file), CHUNK_BYTES) ?? readCsvChunks(file, newCsvParser(this, fileSchema, true), CHUNK_BYTES);
    const assigner = new EventTimeAssigner(
      schema,
      { timeCol: this.getTimeCol(), timePerSample: this.getTimePerSample(), startTime: this.getStartTime(), maxOutOfOrderness: this.getMaxOutOfOrderness() },
      this.operatorName,
    );
    let done = false;
    return {
      next(): StreamChunk | null {
        if (done) return null;
        for (let r = chunks.next(); !r.done; r = chunks.next()) {
          const ready = assigner.push(projectChunk(r.value, schema, projection));
          if (ready !== null) return ready;
        }
        done = true;
        return assigner.flush() ?? new StreamChunk(Table.empty(schema), new Float64Array(0));
      },
      close() {
        chunks.return(undefined);
      },
    };
  }
}
