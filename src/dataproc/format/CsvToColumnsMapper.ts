import { Column, Value, columnFromValues } from "../../core/column";
import { quote } from "../../core/errors";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { CsvChunkParser, CsvFormat } from "../../io/csv/CsvChunkParser";
import { InvalidRow, ToColumnsMapper, ToColumnsSettings } from "./toColumns";

export interface CsvToColumnsSettings extends ToColumnsSettings {
  fieldDelimiter: string;
  quoteChar: string | null;
}

const encoder = new TextEncoder();

/**
 * CSV text → columns (Alink's `CsvReader` + `ColumnsWriter`), parsed by the project's CSV parser
 * (CsvChunkParser, the one CsvSourceStreamOp uses, so a line means the same in a file and in a
 * message): field k of the row's text is output column k, typed by schemaStr.
 *
 * As in Alink, a row is invalid when its text is null or empty, when a field does not parse as
 * its column's type, when it has too few fields, and when a non-STRING field is empty (Alink
 * reads it as null, and its ColumnsWriter then refuses null for a number); an empty STRING field
 * is null, `""` the empty string. Stricter than Alink: extra fields make the row invalid too (Alink
 * ignores them, which hides a schema that does not match the data).
 *
 * A chunk's texts are parsed as one CSV document (one line per row): fast, and a line that fails
 * is pinned to its row by its line number. Texts holding a line break (in a quoted field) are
 * parsed on their own.
 */
export class CsvToColumnsMapper extends ToColumnsMapper {
  private readonly format: CsvFormat;

  constructor(inputSchema: Schema, private readonly csv: CsvToColumnsSettings) {
    super(inputSchema, csv);
    this.format = {
      fieldDelimiter: csv.fieldDelimiter,
      rowDelimiter: "\n",
      quoteChar: csv.quoteChar,
      skipBlankLine: false,
      lenient: true,
      handleInvalidMethod: "ERROR",
    };
    this.parser(); // checks the delimiter and quote now, when the operator is linked
  }

  private parser(): CsvChunkParser {
    return new CsvChunkParser(this.target, this.format, this.csv.textParam, false, this.csv.operator);
  }

  protected parseTexts(texts: readonly (string | null)[]): { columns: Column[]; invalid: InvalidRow[] } {
    const n = texts.length;
    const invalid: InvalidRow[] = [];
    // Rows parsed together (plain one-line texts) and rows parsed alone.
    const together: number[] = [];
    const alone: number[] = [];
    for (let r = 0; r < n; r++) {
      const text = texts[r];
      if (text === null || text === "") invalid.push({ row: r, why: `the text is ${text === null ? "null" : "empty"}; expected a CSV line` });
      else if (text.includes("\n") || text.includes("\r")) alone.push(r);
      else together.push(r);
    }
    const parsedRows = new Map<number, { table: Table; index: number }>();
    if (together.length > 0) {
      const parser = this.parser();
      const { table } = parser.parse(encoder.encode(together.map((r) => texts[r]).join("\n")), true);
      const reasons = new Map(parser.skipped.map((s) => [s.line, s.reason]));
      if (parser.skippedCount === parser.skipped.length && table.numRows + parser.skippedCount === together.length) {
        // Every failing line is known by number (line k is together[k - 1]): the rest are the table's rows, in order.
        let index = 0;
        together.forEach((r, k) => {
          const reason = reasons.get(k + 1);
          if (reason !== undefined) invalid.push({ row: r, why: describe(reason) });
          else parsedRows.set(r, { table, index: index++ });
        });
      } else {
        // More failures than the parser keeps reasons for: each row on its own.
        alone.push(...together);
      }
    }
    for (const r of alone) {
      const parser = this.parser();
      const { table } = parser.parse(encoder.encode(texts[r]!), true);
      if (parser.skipped.length > 0) invalid.push({ row: r, why: describe(parser.skipped[0].reason) });
      else if (table.numRows !== 1) invalid.push({ row: r, why: `the text holds ${table.numRows} CSV lines; expected one` });
      else parsedRows.set(r, { table, index: 0 });
    }
    // Alink's ColumnsWriter refuses null for every type but STRING: an empty number field fails the row.
    const { names, types } = this.target;
    for (const [r, { table, index }] of parsedRows) {
      for (let c = 0; c < names.length; c++) {
        if (types[c] !== "STRING" && table.columns[c].isNull(index)) {
          invalid.push({ row: r, why: `field ${c + 1} (column ${quote(names[c])}) is empty; expected ${types[c]}` });
          parsedRows.delete(r);
          break;
        }
      }
    }
    invalid.sort((a, b) => a.row - b.row);
    const single = together.length === n && parsedRows.size === n ? parsedRows.get(0)?.table : undefined;
    if (single !== undefined) return { columns: single.columns.slice(), invalid };
    const columns = names.map((_, c) => {
      const values: Value[] = new Array<Value>(n).fill(null);
      for (const [r, { table, index }] of parsedRows) values[r] = table.columns[c].get(index);
      return columnFromValues(types[c], values);
    });
    return { columns, invalid };
  }
}

/** The parser's reason without its line number (`line 3, column "f0" (DOUBLE): …` → `column "f0" (DOUBLE): …`). */
function describe(reason: string): string {
  return reason.replace(/^line \d+(, )?/, "");
}
