import { Column } from "../core/column";
import { StreamlabError } from "../core/errors";
import { Schema } from "../core/schema";
import { Table } from "../core/table";
import { TypeName } from "../core/types";

/**
 * How row-wise transforms and predictors lay out their output (Alink's `OutputColsHelper`,
 * reference §1.8): walking the input columns in order, an input column with the same name as an
 * output column is replaced in place; other input columns are kept if reserved (all, when
 * `reservedCols` is null); output columns not matched are appended in output order.
 */
export class OutputColsHelper {
  readonly resultSchema: Schema;
  /** For each result column: the input column index (≥ 0), or −1 − the output column index. */
  private readonly sources: Int32Array;

  constructor(
    readonly inputSchema: Schema,
    outputNames: readonly string[],
    outputTypes: readonly TypeName[],
    reservedCols: readonly string[] | null = null,
    operator?: string,
  ) {
    if (outputNames.length !== outputTypes.length) {
      throw new StreamlabError("OutputColsHelper: output names and types differ in length.");
    }
    // Two outputs of one name would silently lose one of them.
    const seen = new Set<string>();
    for (const name of outputNames) {
      if (seen.has(name.toLowerCase())) {
        throw new StreamlabError(`${operator ? operator + ": " : ""}the output column ${JSON.stringify(name)} is named twice (${outputNames.join(", ")}); give each output column its own name.`, {
          ...(operator ? { operator } : {}),
          column: name,
        });
      }
      seen.add(name.toLowerCase());
    }
    const reserved = reservedCols === null ? null : new Set(reservedCols.map((name) => inputSchema.names[inputSchema.require(name, { operator, param: "reservedCols" })]));
    const outputIndex = new Map(outputNames.map((name, i) => [name.toLowerCase(), i]));
    const names: string[] = [];
    const types: TypeName[] = [];
    const sources: ["input" | "output", number][] = [];
    const placed = new Set<number>();
    inputSchema.names.forEach((name, i) => {
      const out = outputIndex.get(name.toLowerCase());
      if (out !== undefined) {
        names.push(outputNames[out]);
        types.push(outputTypes[out]);
        sources.push(["output", out]);
        placed.add(out);
      } else if (reserved === null || reserved.has(name)) {
        names.push(name);
        types.push(inputSchema.types[i]);
        sources.push(["input", i]);
      }
    });
    outputNames.forEach((name, i) => {
      if (!placed.has(i)) {
        names.push(name);
        types.push(outputTypes[i]);
        sources.push(["output", i]);
      }
    });
    this.resultSchema = new Schema(names, types);
    this.sources = Int32Array.from(sources, ([from, i]) => (from === "input" ? i : -1 - i));
  }

  /**
   * Output-reuse mode (a mapper's `reuseOutputs`): the result table of the previous call is
   * refilled and returned again when it has the same number of rows (its columns array is owned
   * here), instead of a new table and columns array per call.
   */
  private reuse = false;
  private kept: Table | null = null;

  reuseOutputs(): void {
    this.reuse = true;
  }

  /** Assembles a result chunk from an input chunk and the computed output columns. */
  combine(input: Table, outputs: readonly Column[]): Table {
    // A plain loop: for one-row chunks (LocalPredictor) this runs once per row and mapper.
    const sources = this.sources;
    const kept = this.kept;
    const reusing = kept !== null && kept.numRows === input.numRows && input.columns.length > 0;
    const columns = reusing ? (kept.columns as Column[]) : new Array<Column>(sources.length);
    const inputs = input.columns;
    for (let c = 0; c < sources.length; c++) {
      const i = sources[c];
      columns[c] = i >= 0 ? inputs[i] : outputs[-1 - i];
    }
    // The input's columns all have input.numRows rows; only the outputs need checking (a table
    // without columns cannot say how many rows it has: the full check then decides).
    if (input.columns.length === 0) return new Table(this.resultSchema, columns);
    const n = input.numRows;
    for (let i = 0; i < outputs.length; i++) {
      if (outputs[i].length !== n) throw new StreamlabError(`Output column ${i} has ${outputs[i].length} rows, expected ${n} (the input's).`);
    }
    if (reusing) return kept;
    const table = new Table(this.resultSchema, columns, n);
    if (this.reuse) this.kept = table;
    return table;
  }
}
