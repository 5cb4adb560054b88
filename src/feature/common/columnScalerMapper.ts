import { Column, NumberColumn } from "../../core/column";
import { StreamlabError } from "../../core/errors";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { Mapper, ParamReader } from "../../common/mapper";
import { ChunkPosition } from "../../common/rowPosition";
import { OutputColsHelper } from "../../common/outputCols";
import { checkOutputColsLength, nonFiniteError } from "./columns";
import { requireModelColumns } from "./modelColumns";

/**
 * The shared shape of Alink's column scalers (`StandardScalerModelMapper`,
 * `MinMaxScalerModelMapper`): each selected numeric column is mapped value by value to a DOUBLE
 * output column; `outputCols` null writes in place; nulls stay null; NaN and ±Infinity are
 * rejected with the row and column (Alink silently produces NaN or 0.0 for them).
 * Subclasses supply the per-value formula.
 */
export abstract class ColumnScalerMapper implements Mapper {
  readonly outputSchema: Schema;
  private readonly helper: OutputColsHelper;
  private readonly inputIndices: number[];

  constructor(
    dataSchema: Schema,
    readonly selectedCols: readonly string[],
    params: ParamReader,
    readonly operator: string,
  ) {
    const layout = scalerLayout(dataSchema, selectedCols, params, operator);
    this.inputIndices = layout.inputIndices;
    this.helper = layout.helper;
    this.outputSchema = this.helper.resultSchema;
  }

  /** The scaled value of `v` (finite, not null) in selected column `i`. */
  protected abstract scale(i: number, v: number): number;

  map(chunk: Table, at?: ChunkPosition): Table {
    const n = chunk.numRows;
    // Plain loops (no closure per call): a one-row chunk (LocalPredictor) is dominated by set-up.
    const inputIndices = this.inputIndices;
    const outputs: Column[] = new Array(inputIndices.length);
    for (let i = 0; i < inputIndices.length; i++) {
      const columnIndex = inputIndices[i];
      const column = chunk.columns[columnIndex] as NumberColumn;
      const values = column.values;
      const nulls = column.nulls;
      const out = new Float64Array(n);
      const checkFinite = values instanceof Float64Array;
      for (let r = 0; r < n; r++) {
        if (nulls !== null && nulls[r] === 1) continue;
        const v = values[r];
        if (checkFinite && !Number.isFinite(v)) throw nonFiniteError(this.operator, chunk.schema.names[columnIndex], r, v, at);
        out[r] = this.scale(i, v);
      }
      outputs[i] = new NumberColumn("DOUBLE", out, nulls);
    }
    return this.helper.combine(chunk, outputs);
  }
}

/** Input column indices and output layout of a scaler; checks columns, types and outputCols. */
function scalerLayout(dataSchema: Schema, selectedCols: readonly string[], params: ParamReader, operator: string) {
  const outputParam = params.get("outputCols") as readonly string[] | null;
  const outputCols = outputParam === null || outputParam.length === 0 ? selectedCols : outputParam;
  checkOutputColsLength(outputCols, selectedCols, operator);
  const inputIndices = requireModelColumns(dataSchema, selectedCols, operator, true);
  const helper = new OutputColsHelper(
    dataSchema,
    outputCols,
    outputCols.map(() => "DOUBLE" as const),
    params.get("reservedCols") as readonly string[] | null,
    operator,
  );
  return { inputIndices, helper };
}

/**
 * A scaler predictor's output schema from the model table's schema alone (its extra columns name
 * the selected columns), so links are checked before any data is read.
 */
export function scalerOutputSchema(modelSchema: Schema, dataSchema: Schema, params: ParamReader, operator: string): Schema {
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
