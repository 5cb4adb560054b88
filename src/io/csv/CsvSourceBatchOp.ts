import * as fs from "fs";
import * as path from "path";
import { ParamReader } from "../../common/mapper";
import { snapshotParams } from "../../common/paramSnapshot";
import { StreamlabError } from "../../core/errors";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { BatchOperator } from "../../engine/batchOperator";
import { Param } from "../../params/param";
import { CsvFormatParams, FilePathParam } from "../../params/shared";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { CsvChunkParser, CsvLayout, SkippedLine } from "./CsvChunkParser";
import { headerLayout } from "./headerProjection";
import { readCsvChunks } from "./readCsvFile";
import { CsvParserConfig } from "./csvWorkerProtocol";

/** Files up to this size are read in one piece. */
const ONE_PIECE_BYTES = 256 * 1024 * 1024;

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
    doc:
      "Skip lines that do not parse — a bad value, too few or too many fields, invalid UTF-8, an unclosed quote — " +
      "and count them (getSkippedLineCount(), shown under print()) instead of failing.",
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
 * schema columns selects them by name (so a schema listing a few of a file's columns reads those
 * columns, not the first few), and then must name every one of them; see `csv/headerProjection.ts`
 * for the exact rule. Every line must have as many fields as the schema (or the header) has
 * columns: fewer or more is a malformed line.
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
    // A batch table is held whole anyway: read files up to 256 MB in one piece (no concatenation).
    const onePiece = fs.statSync(file).size + 1 <= ONE_PIECE_BYTES;
    const chunkBytes = onePiece ? fs.statSync(file).size + 1 : ONE_PIECE_BYTES;
    // Read in one piece, STRING fields stay byte ranges into the file's bytes with dictionary codes
    // (decoded when read; a FeatureHasher hashes each distinct value once by code), which saves a
    // string per cell. Larger files are concatenated from chunks, which decodes them anyway.
    const parser = newCsvParser(this, schema, csvLayout(this, schema, file), onePiece);
    const chunks: Table[] = [];
    for (const chunk of readCsvChunks(file, parser, chunkBytes)) chunks.push(chunk);
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

type CsvSourceLike = ParamReader & { operatorName: string };

/** Where a CSV source's columns are in its file: by header name with `ignoreFirstLine` (see headerProjection), else null (by position). */
export function csvLayout(op: CsvSourceLike, schema: Schema, file: string): CsvLayout | null {
  const p = snapshotParams(CSV_SOURCE_PARAMS, op);
  if (!p.ignoreFirstLine) return null;
  const format = { fieldDelimiter: p.fieldDelimiter, rowDelimiter: p.rowDelimiter, quoteChar: p.quoteChar, skipBlankLine: p.skipBlankLine };
  return headerLayout(file, p.filePath, schema, format, op.operatorName);
}

/** What a parser for a CSV source reads: its format parameters, the output schema and where its columns are. */
export function csvParserConfig(op: CsvSourceLike, schema: Schema, file: string, layout: CsvLayout | null): CsvParserConfig {
  const p = snapshotParams(CSV_SOURCE_PARAMS, op);
  return {
    file,
    names: schema.names,
    types: schema.types,
    layout,
    format: {
      fieldDelimiter: p.fieldDelimiter,
      rowDelimiter: p.rowDelimiter,
      quoteChar: p.quoteChar,
      skipBlankLine: p.skipBlankLine,
      lenient: p.lenient,
      handleInvalidMethod: p.handleInvalidMethod,
    },
    fileName: p.filePath,
    ignoreFirstLine: p.ignoreFirstLine,
    operator: op.operatorName,
  };
}

/** The parser configured from a CSV source's parameters (shared with the stream source). */
export function newCsvParser(op: CsvSourceLike, schema: Schema, layout: CsvLayout | null, deferStrings = false): CsvChunkParser {
  const config = csvParserConfig(op, schema, "", layout);
  return new CsvChunkParser(schema, config.format, config.fileName, config.ignoreFirstLine, config.operator, deferStrings, layout);
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
