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
  /** For each output column: its position in the result. */
  private readonly outputPositions: Int32Array;

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
    this.outputPositions = new Int32Array(outputNames.length);
    sources.forEach(([from, i], c) => {
      if (from === "output") this.outputPositions[i] = c;
    });
  }

  /**
   * Output-reuse mode (a mapper's `reuseOutputs`): the result table of the previous call is
   * refilled and returned again when it has the same number of rows (its columns array is owned
   * here), instead of a new table and columns array per call.
   */
  private reuse = false;
  private kept: Table | null = null;
  /** The input table of the last call and its columnsVersion then (reuse mode). */
  private lastInput: Table | null = null;
  private lastInputVersion = -1;
  /** The output columns whose length was checked for the kept table (mappers in reuse mode mostly hand over the same objects again). */
  private checked: Column[] = [];

  reuseOutputs(): void {
    this.reuse = true;
  }

  /** Assembles a result chunk from an input chunk and the computed output columns. */
  combine(input: Table, outputs: readonly Column[]): Table {
    const kept = this.kept;
    if (kept !== null && kept.numRows === input.numRows && input.columns.length > 0) return this.refill(kept, input, outputs);
    // A plain loop: for one-row chunks (LocalPredictor) this runs once per row and mapper.
    const sources = this.sources;
    const columns = new Array<Column>(sources.length);
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
    const table = new Table(this.resultSchema, columns, n);
    if (this.reuse) {
      this.kept = table;
      this.checked = [...outputs];
      this.lastInput = input;
      this.lastInputVersion = input.columnsVersion;
    }
    return table;
  }

  /**
   * Reuse mode: the kept table with this call's columns. When the input is the table of the last
   * call holding the same column objects (same columnsVersion: a chain of reusing mappers hands
   * on its kept tables), only the outputs are put in; any column object replaced bumps the kept
   * table's columnsVersion for the next mapper (at once, so that a throw midway leaves no stale version).
   */
  private refill(kept: Table, input: Table, outputs: readonly Column[]): Table {
    const columns = kept.columns as Column[];
    const sources = this.sources;
    if (input !== this.lastInput || input.columnsVersion !== this.lastInputVersion) {
      const inputs = input.columns;
      for (let c = 0; c < sources.length; c++) {
        const i = sources[c];
        if (i >= 0 && columns[c] !== inputs[i]) {
          columns[c] = inputs[i];
          kept.columnsVersion++;
        }
      }
      this.lastInput = input;
      this.lastInputVersion = input.columnsVersion;
    }
    const positions = this.outputPositions;
    const checked = this.checked;
    const n = input.numRows;
    for (let o = 0; o < outputs.length; o++) {
      const output = outputs[o];
      if (checked[o] !== output) {
        if (output.length !== n) throw new StreamlabError(`Output column ${o} has ${output.length} rows, expected ${n} (the input's).`);
        checked[o] = output;
      }
      const c = positions[o];
      if (columns[c] !== output) {
        columns[c] = output;
        kept.columnsVersion++;
      }
    }
    return kept;
  }
}
