import { OutputColsHelper } from "../../common/outputCols";
import { ChunkPosition, rowContext, rowRef } from "../../common/rowPosition";
import { Column, StringColumn, Value, columnFromValues } from "../../core/column";
import { StreamlabError, quote } from "../../core/errors";
import { Schema, parseSchemaStr } from "../../core/schema";
import { Table } from "../../core/table";
import { displayPort } from "../../engine/display";

/** What JsonToColumns and CsvToColumns share (Alink's `FormatTransMapper` with `toFormat` COLUMNS). */
export interface ToColumnsSettings {
  /** The text column (jsonCol / csvCol) and the name of that parameter, for messages. */
  textCol: string;
  textParam: "jsonCol" | "csvCol";
  schemaStr: string;
  reservedCols: readonly string[] | null;
  handleInvalid: "ERROR" | "SKIP";
  operator: string;
}

/** A row whose text did not become the output columns, and why (in words). */
export interface InvalidRow {
  row: number;
  why: string;
}

/**
 * Turns one text column into typed columns, row by row, keeping the row count: output row i
 * belongs to input row i. Subclasses parse a chunk's texts (`parseTexts`); this class checks the
 * columns, lays out the output (Alink's OutputColsHelper: reservedCols, outputs replace inputs of
 * the same name), and applies handleInvalid — ERROR throws for the first bad row naming row,
 * column and expected type; SKIP (as Alink) keeps the row with null in every output column and
 * counts it, and says so once.
 */
export abstract class ToColumnsMapper {
  readonly outputSchema: Schema;
  /** The output columns the text is parsed into (schemaStr). */
  protected readonly target: Schema;
  private readonly helper: OutputColsHelper;
  private readonly textIndex: number;
  /** Rows written as nulls under handleInvalid SKIP, over every chunk this mapper saw. */
  skippedRows = 0;

  constructor(inputSchema: Schema, protected readonly settings: ToColumnsSettings) {
    const { operator, textParam } = settings;
    this.target = parseSchemaStr(settings.schemaStr);
    this.textIndex = inputSchema.require(settings.textCol, { operator, param: textParam });
    const name = inputSchema.names[this.textIndex];
    if (inputSchema.types[this.textIndex] !== "STRING") {
      throw new StreamlabError(`${operator}: ${textParam} ${quote(name)} must be a STRING column, got ${inputSchema.types[this.textIndex]}.`, { operator, param: textParam, column: name });
    }
    this.helper = new OutputColsHelper(inputSchema, this.target.names, this.target.types, settings.reservedCols, operator);
    this.outputSchema = this.helper.resultSchema;
  }

  /**
   * The chunk's texts as the target columns (one per target column, `texts.length` rows each), and
   * the rows that failed, in row order (their cells in `columns` are ignored).
   */
  protected abstract parseTexts(texts: readonly (string | null)[]): { columns: Column[]; invalid: InvalidRow[] };

  map(chunk: Table, at?: ChunkPosition): Table {
    const texts = (chunk.columns[this.textIndex] as StringColumn).values;
    let { columns, invalid } = this.parseTexts(texts);
    if (invalid.length > 0) {
      const { operator, textParam, handleInvalid } = this.settings;
      if (handleInvalid === "ERROR") {
        const first = invalid[0];
        const ref = rowRef(at, first.row);
        const text = texts[first.row];
        throw new StreamlabError(
          `${operator}: ${ref.text}, ${textParam} ${quote(this.settings.textCol)}: ${first.why}. Text: ${text === null ? "null" : quote(text, 200)}. ` +
            `Fix the data or schemaStr, or setHandleInvalid("SKIP") to write null for such rows.`,
          { operator, column: this.settings.textCol, ...rowContext(ref) },
        );
      }
      if (this.skippedRows === 0) {
        const ref = rowRef(at, invalid[0].row);
        displayPort().showText(`${operator}: ${ref.text}: ${invalid[0].why}; handleInvalid SKIP writes null in every output column for such rows (the first is shown).`);
      }
      this.skippedRows += invalid.length;
      columns = nullRows(this.target, columns, invalid);
    }
    return this.helper.combine(chunk, columns);
  }
}

/** The columns with every invalid row set to null. */
function nullRows(target: Schema, columns: Column[], invalid: readonly InvalidRow[]): Column[] {
  const bad = new Set(invalid.map((i) => i.row));
  return columns.map((column, c) => {
    const values: Value[] = new Array(column.length);
    for (let r = 0; r < column.length; r++) values[r] = bad.has(r) ? null : column.get(r);
    return columnFromValues(target.types[c], values);
  });
}
