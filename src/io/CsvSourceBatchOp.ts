import * as fs from "fs";
import * as path from "path";
import { StreamlabError } from "../core/errors";
import { Schema } from "../core/schema";
import { Table } from "../core/table";
import { BatchOperator } from "../engine/batchOperator";
import { Param } from "../params/param";
import { CsvFormatParams, FilePathParam } from "../params/shared";
import { ParamAccessors, ParamInit } from "../params/withParams";
import { CsvChunkParser, SkippedLine } from "./csv/CsvChunkParser";
import { headerProjection, projectChunk } from "./csv/headerProjection";
import { readCsvChunks } from "./csv/readCsvFile";
import { CsvParserConfig } from "./csv/csvWorkerProtocol";

export const CSV_SOURCE_PARAMS = {
  ...FilePathParam,
  schemaStr: Param.schemaStr({ doc: 'Column names and types, e.g. "id string, click int, ts double" (Alink grammar).' }),
  ...CsvFormatParams,
  ignoreFirstLine: Param.bool({ doc: "Skip the first line (a header).", default: false }),
  skipBlankLine: Param.bool({
    doc: "Skip lines that hold only whitespace. Empty lines are always skipped (as in Alink).",
    default: true,
  }),
  lenient: Param.bool({
    doc: "Skip lines that do not parse (and count them, see getSkippedLineCount()) instead of failing.",
    default: false,
  }),
  handleInvalidMethod: Param.enum(["ERROR", "SKIP"], {
    doc: "Vector columns only: ERROR fails on a malformed vector string, SKIP stores null for it.",
    default: "ERROR",
    aliases: ["handleInvalid"],
  }),
};

export interface CsvSourceBatchOp extends ParamAccessors<CsvSourceBatchOp, typeof CSV_SOURCE_PARAMS> {}

/**
 * Reads a CSV file into a typed table (Alink's `CsvSourceBatchOp`).
 *
 * ```ts
 * const data = new CsvSourceBatchOp()
 *   .setFilePath("../datasets/ctr_train.csv")
 *   .setSchemaStr(CTR_SCHEMA_STR)
 *   .setIgnoreFirstLine(true);
 * data.firstN(5).print();
 * ```
 * A malformed line fails with the file, line number, column and text; with `setLenient(true)`
 * it is skipped, and the count shows under `print()` and in {@link getSkippedLineCount}.
 *
 * Columns are read by position, as in Alink — except that with `ignoreFirstLine` a header naming
 * every schema column selects them by name (so a schema listing a few of a file's columns reads
 * those columns, not the first few; see `csv/headerProjection.ts`).
 */
export class CsvSourceBatchOp extends BatchOperator {
  static override readonly PARAMS = CSV_SOURCE_PARAMS;
  static override readonly INPUTS = 0;
  private lastSkipped: { count: number; lines: SkippedLine[] } = { count: 0, lines: [] };

  constructor(params?: ParamInit<typeof CSV_SOURCE_PARAMS>) {
    super(params);
  }

  protected override outputSchema(): Schema {
    return Schema.parse(this.getSchemaStr());
  }

  protected compute(): Table {
    const schema = this.outputSchema();
    const file = this.resolvedPath();
    const projection = this.getIgnoreFirstLine() ? headerProjection(file, schema, this.getFieldDelimiter(), this.getQuoteChar()) : null;
    const parser = newCsvParser(this, projection?.fileSchema ?? schema);
    const chunks: Table[] = [];
    // A batch table is held whole anyway: read files up to 256 MB in one piece (no concatenation).
    const chunkBytes = Math.min(fs.statSync(file).size + 1, 256 * 1024 * 1024);
    for (const chunk of readCsvChunks(file, parser, chunkBytes)) chunks.push(projectChunk(chunk, schema, projection));
    this.lastSkipped = { count: parser.skippedCount, lines: [...parser.skipped] };
    return Table.concat(chunks, schema);
  }

  /** Lines skipped by the last read because they did not parse (only with `lenient`). */
  getSkippedLineCount(): number {
    this.getOutputTable();
    return this.lastSkipped.count;
  }

  /** Line numbers and reasons of the first skipped lines (up to 20). */
  getSkippedLines(): SkippedLine[] {
    this.getOutputTable();
    return [...this.lastSkipped.lines];
  }

  protected override printFootnote(): string | undefined {
    const { count, lines } = this.lastSkipped;
    if (count === 0) return undefined;
    return `${count} malformed line${count === 1 ? " was" : "s were"} skipped (lenient); first: ${lines[0].reason}`;
  }

  private resolvedPath(): string {
    return resolveLocalFile(this.getFilePath(), this.operatorName);
  }
}

type CsvSourceLike = CsvSourceBatchOp | { get(name: string): unknown; operatorName: string };

/** What a parser for a CSV source reads: its format parameters and the schema of the file's columns. */
export function csvParserConfig(op: CsvSourceLike, schema: Schema, file: string): CsvParserConfig {
  return {
    file,
    names: schema.names,
    types: schema.types,
    format: {
      fieldDelimiter: op.get("fieldDelimiter") as string,
      rowDelimiter: op.get("rowDelimiter") as string,
      quoteChar: op.get("quoteChar") as string | null,
      skipBlankLine: op.get("skipBlankLine") as boolean,
      lenient: op.get("lenient") as boolean,
      handleInvalidMethod: op.get("handleInvalidMethod") as "ERROR" | "SKIP",
    },
    fileName: op.get("filePath") as string,
    ignoreFirstLine: op.get("ignoreFirstLine") as boolean,
    operator: op.operatorName,
  };
}

/** The parser configured from a CSV source's parameters (shared with the stream source). */
export function newCsvParser(op: CsvSourceLike, schema: Schema, deferStrings = false): CsvChunkParser {
  const config = csvParserConfig(op, schema, "");
  return new CsvChunkParser(schema, config.format, config.fileName, config.ignoreFirstLine, config.operator, deferStrings);
}

/** Absolute path of an existing local file, or a clear error. */
export function resolveLocalFile(filePath: string, operator: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(filePath)) {
    throw new StreamlabError(
      `${operator}: ${JSON.stringify(filePath)} is a URL; streamlab reads local files only. Download it first and pass the local path.`,
      { operator, param: "filePath" },
    );
  }
  const resolved = path.resolve(filePath);
  if (!fs.existsSync(resolved)) {
    throw new StreamlabError(
      `${operator}: file ${JSON.stringify(filePath)} does not exist (looked for ${resolved}; working directory ${process.cwd()}).`,
      { operator, param: "filePath", file: filePath },
    );
  }
  if (fs.statSync(resolved).isDirectory()) {
    throw new StreamlabError(`${operator}: ${JSON.stringify(filePath)} is a directory, not a CSV file.`, { operator, param: "filePath", file: filePath });
  }
  return resolved;
}
