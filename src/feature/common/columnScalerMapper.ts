import { Column, NumberColumn } from "../../core/column";
import { StreamlabError } from "../../core/errors";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { Mapper } from "../../common/mapper";
import { ParamSource, snapshotParams } from "../../common/paramSnapshot";
import { OutputColsParam, ReservedColsParam } from "../../params/shared";
import { ChunkPosition } from "../../common/rowPosition";
import { OutputColsHelper } from "../../common/outputCols";
import { checkOutputColsLength, nonFiniteError } from "./columns";
import { requireModelColumns } from "./modelColumns";
import { ColumnScalerModelData } from "./twoVectorScalerModel";

/** The parameters a column scaler's mapper reads (the scalers' prediction parameters). */
export const SCALER_MAPPER_PARAMS = { ...OutputColsParam, ...ReservedColsParam };

/**
 * The shared shape of Alink's column scalers (`StandardScalerModelMapper`,
 * `MinMaxScalerModelMapper`): each selected numeric column is mapped value by value to a DOUBLE
 * output column; `outputCols` null writes in place; nulls stay null; NaN and ±Infinity are
 * rejected with the row and column (Alink silently produces NaN or 0.0 for them).
 * Subclasses supply the per-value formula.
 */
export abstract class ColumnScalerMapper<M extends ColumnScalerModelData = ColumnScalerModelData> implements Mapper {
  readonly outputSchema: Schema;
  readonly selectedCols: readonly string[];
  private readonly helper: OutputColsHelper;
  private readonly inputIndices: number[];
  /** Output-reuse mode (Mapper.reuseOutputs): each output column's values, kept across calls, and its last column. */
  private reused: Float64Array[] | null = null;
  private reusedColumns: (NumberColumn | null)[] = [];
  private reusedOutputs: Column[] = [];

  /** @param model the fitted scaler: its selected columns, and the statistics {@link scale} reads */
  constructor(
    protected readonly model: M,
    dataSchema: Schema,
    params: ParamSource<typeof SCALER_MAPPER_PARAMS>,
    readonly operator: string,
  ) {
    this.selectedCols = model.selectedCols;
    const layout = scalerLayout(dataSchema, model.selectedCols, params, operator);
    this.inputIndices = layout.inputIndices;
    this.helper = layout.helper;
    this.outputSchema = this.helper.resultSchema;
  }

  /** The scaled value of `v` (finite, not null) in selected column `i`. */
  protected abstract scale(i: number, v: number): number;

  reuseOutputs(): void {
    this.reused = this.inputIndices.map(() => new Float64Array(0));
    this.reusedColumns = this.inputIndices.map(() => null);
    this.reusedOutputs = new Array(this.inputIndices.length);
    this.helper.reuseOutputs();
  }

  map(chunk: Table, at?: ChunkPosition): Table {
    const n = chunk.numRows;
    // Plain loops (no closure per call): a one-row chunk (LocalPredictor) is dominated by set-up.
    const inputIndices = this.inputIndices;
    const reused = this.reused;
    const outputs: Column[] = reused === null ? new Array(inputIndices.length) : this.reusedOutputs;
    for (let i = 0; i < inputIndices.length; i++) {
      const columnIndex = inputIndices[i];
      const column = chunk.columns[columnIndex] as NumberColumn;
      const values = column.values;
      const nulls = column.nulls;
      let out: Float64Array;
      if (reused === null) out = new Float64Array(n);
      else if (reused[i].length === n) out = reused[i];
      else out = reused[i] = new Float64Array(n);
      // One row: the row function directly (see scaleColumn for why the loop stays out of this path).
      const bad = n === 1 ? (this.scaleRow(i, values, nulls, out, 0) ? -1 : 0) : this.scaleColumn(i, values, nulls, out, n);
      if (bad >= 0) throw nonFiniteError(this.operator, chunk.schema.names[columnIndex], bad, values[bad], at);
      // The null mask is the input's: a kept column serves again while the mask object is the same.
      const last = reused === null ? null : this.reusedColumns[i];
      if (last !== null && last.values === out && last.nulls === nulls) outputs[i] = last;
      else {
        outputs[i] = new NumberColumn("DOUBLE", out, nulls);
        if (reused !== null) this.reusedColumns[i] = outputs[i] as NumberColumn;
      }
    }
    return this.helper.combine(chunk, outputs);
  }

  /**
   * Scales selected column i's n values into `out`; returns −1, or the first row holding NaN or
   * ±Infinity. The row loop is the whole function and one-row chunks call {@link scaleRow}
   * directly: V8 compiles a loop that ran long (a batch) "on stack", and a function that later
   * enters that compiled loop once per call, as a one-row chunk would, can stay several times
   * slower than its normally compiled form.
   */
  private scaleColumn(i: number, values: Float64Array | Int32Array, nulls: Uint8Array | null, out: Float64Array, n: number): number {
    for (let r = 0; r < n; r++) if (!this.scaleRow(i, values, nulls, out, r)) return r;
    return -1;
  }

  /** Row r of {@link scaleColumn}; false when the value is NaN or ±Infinity. */
  private scaleRow(i: number, values: Float64Array | Int32Array, nulls: Uint8Array | null, out: Float64Array, r: number): boolean {
    // A null row holds 0.0, as in a new array (reused storage holds the last call's value).
    if (nulls !== null && nulls[r] === 1) {
      out[r] = 0;
      return true;
    }
    const v = values[r];
    // Integer columns cannot hold a non-finite value.
    if (v - v !== 0) return false;
    out[r] = this.scale(i, v);
    return true;
  }
}

/** Input column indices and output layout of a scaler; checks columns, types and outputCols. */
function scalerLayout(dataSchema: Schema, selectedCols: readonly string[], source: ParamSource<typeof SCALER_MAPPER_PARAMS>, operator: string) {
  const params = snapshotParams(SCALER_MAPPER_PARAMS, source);
  const outputParam = params.outputCols;
  const outputCols = outputParam === null || outputParam.length === 0 ? selectedCols : outputParam;
  checkOutputColsLength(outputCols, selectedCols, operator);
  const inputIndices = requireModelColumns(dataSchema, selectedCols, operator, true);
  const helper = new OutputColsHelper(
    dataSchema,
    outputCols,
    outputCols.map(() => "DOUBLE" as const),
    params.reservedCols,
    operator,
  );
  return { inputIndices, helper };
}

/**
 * A scaler predictor's output schema from the model table's schema alone (its extra columns name
 * the selected columns), so links are checked before any data is read.
 */
export function scalerOutputSchema(modelSchema: Schema, dataSchema: Schema, params: ParamSource<typeof SCALER_MAPPER_PARAMS>, operator: string): Schema {
  if (!modelSchema.has("model_id") || !modelSchema.has("model_info")) {
    throw new StreamlabError(
      `${operator}: the first input is not a model table: expected columns model_id, model_info and the trained columns, got ${modelSchema.names.join(", ")}. ` +
        "Link the model (the train operator's output) first: linkFrom(model, data).",
      { operator },
    );
  }
  const selectedCols = modelSchema.names.filter((n) => n.toLowerCase() !== "model_id" && n.toLowerCase() !== "model_info");
  return scalerLayout(dataSchema, selectedCols, params, operator).helper.resultSchema;
}
