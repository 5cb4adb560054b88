import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { CSV_SOURCE_PARAMS, csvLayout, csvParserConfig, newCsvParser, resolveLocalFile } from "./CsvSourceBatchOp";
import { SkippedLine } from "./CsvChunkParser";
import { CsvSkipTally } from "./csvWorkerProtocol";
import { readCsvChunks } from "./readCsvFile";
import { parsedTimeColumn, readCsvChunksInWorker, releaseIdleCsvWorkers } from "./readCsvInWorker";
import { MapperRecipe } from "../../common/mapperRecipe";
import { displayPort } from "../../engine/display";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { StreamChunk } from "../../stream/chunk";
import { EventTimeAssigner, EventTimeParams, checkTimeCol } from "../../stream/eventTime";
import { StreamOperator } from "../../stream/streamOperator";
import { SourceTask } from "../../stream/task";

/** Bytes read per chunk: small enough for a smooth event-time stream, large enough to amortise the per-chunk work. */
const CHUNK_BYTES = 1 << 20;

const PARAMS = { ...CSV_SOURCE_PARAMS, ...EventTimeParams };

export interface CsvSourceStreamOp extends ParamAccessors<CsvSourceStreamOp, typeof PARAMS> {}

/**
 * Streams a CSV file (Alink's `CsvSourceStreamOp`), reading it 1 MB at a time so memory stays
 * flat whatever the file size. Parsing rules and errors are those of `CsvSourceBatchOp`; event
 * times come from `timeCol` (e.g. the CTR data's `ts`) or `timePerSample`.
 *
 * With `setLenient(true)` malformed lines are skipped and counted: {@link getSkippedLineCount}
 * and {@link getSkippedLines} give the count and the first reasons of the latest run (live while
 * it runs), and a one-line note is shown when a run that skipped lines ends.
 */
export class CsvSourceStreamOp extends StreamOperator {
  static override readonly PARAMS = PARAMS;
  static override readonly INPUTS = 0;
  private lastSkipped: CsvSkipTally = { skippedCount: 0, skipped: [] };
  /** A row mapper offered for the next run (stream/pushdown.ts). */
  private offeredMapper: { recipe: MapperRecipe; mappedSchema: Schema } | null = null;

  constructor(params?: ParamInit<typeof PARAMS>) {
    super(params);
  }

  protected outputSchema(): Schema {
    return checkTimeCol(Schema.parse(this.getSchemaStr()), this, this.operatorName);
  }

  /**
   * Ends the parsing threads kept after earlier runs (each holds ~60 MB for up to 30 s after its
   * read, so that a run that follows starts with warm code); the next run starts a new one.
   */
  static releaseWorkers(): Promise<void> {
    return releaseIdleCsvWorkers();
  }

  /** Lines the latest run skipped because they did not parse (only with `lenient`; 0 before any run). */
  getSkippedLineCount(): number {
    return this.lastSkipped.skippedCount;
  }

  /** Line numbers and reasons of the first lines the latest run skipped (up to 20). */
  getSkippedLines(): SkippedLine[] {
    return [...this.lastSkipped.skipped];
  }

  /**
   * Lets the parsing thread also run the row-wise map every row of this source goes through next
   * (a feature pipeline's transform), on the chunks it parses while it is ahead of the stream's
   * thread (see stream/pushdown.ts). Not with `maxOutOfOrderness`: rows are then reordered here.
   */
  offerRowMapper(recipe: MapperRecipe, mappedSchema: Schema): boolean {
    if (this.getMaxOutOfOrderness() !== 0) return false;
    this.offeredMapper = { recipe, mappedSchema };
    return true;
  }

  withdrawRowMapper(): void {
    this.offeredMapper = null;
  }

  createTask(): SourceTask {
    const schema = this.outputSchema();
    const offered = this.offeredMapper;
    this.offeredMapper = null;
    const file = resolveLocalFile(this.getFilePath(), this.operatorName);
    const layout = csvLayout(this, schema, file);
    const timeCol = this.getTimeCol();
    const rowMapper =
      offered === null
        ? null
        : { recipe: offered.recipe, mappedNames: offered.mappedSchema.names, mappedTypes: offered.mappedSchema.types, timeIndex: timeCol === null ? -1 : schema.indexOf(timeCol) };
    // Parsed by a worker thread where one can run (the stream's operators keep this thread busy),
    // else here. Chunks are short-lived, so STRING fields are decoded only if their column is read.
    const tally: CsvSkipTally = { skippedCount: 0, skipped: [] };
    let chunks = readCsvChunksInWorker(csvParserConfig(this, schema, file, layout), CHUNK_BYTES, tally, rowMapper);
    if (chunks === null) {
      const parser = newCsvParser(this, schema, layout, true);
      chunks = readCsvChunks(file, parser, CHUNK_BYTES);
      this.lastSkipped = parser; // the parser keeps its own count
    } else this.lastSkipped = tally;
    const skips = this.lastSkipped;
    const source = chunks;
    const assigner = new EventTimeAssigner(
      schema,
      { timeCol: this.getTimeCol(), timePerSample: this.getTimePerSample(), startTime: this.getStartTime(), maxOutOfOrderness: this.getMaxOutOfOrderness() },
      this.operatorName,
    );
    const operator = this.operatorName;
    const fileName = this.getFilePath();
    let done = false;
    return {
      next(): StreamChunk | null {
        if (done) return null;
        for (let r = source.next(); !r.done; r = source.next()) {
          const ready = assigner.push(r.value, parsedTimeColumn(r.value));
          if (ready !== null) return ready;
        }
        done = true;
        if (skips.skippedCount > 0) displayPort().showText(skippedNote(operator, fileName, skips));
        return assigner.flush() ?? new StreamChunk(Table.empty(schema), new Float64Array(0));
      },
      close() {
        source.return(undefined);
      },
    };
  }
}

/** The note shown when a lenient run skipped lines (the stream counterpart of the batch source's print footnote). */
function skippedNote(operator: string, file: string, skips: CsvSkipTally): string {
  const count = skips.skippedCount;
  const first = skips.skipped.length > 0 ? `; first: ${skips.skipped[0].reason}` : "";
  return `${operator} (${file}): ${count} malformed line${count === 1 ? " was" : "s were"} skipped (lenient)${first}. See getSkippedLines().`;
}
