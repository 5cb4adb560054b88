import { Column, NumberColumn, VectorColumn } from "../../core/column";
import { StreamlabError, quote } from "../../core/errors";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { TypeName } from "../../core/types";
import { Mapper } from "../../common/mapper";
import { ParamSource, snapshotParams } from "../../common/paramSnapshot";
import { ChunkPosition, rowContext, rowRef } from "../../common/rowPosition";
import { OutputColsHelper } from "../../common/outputCols";
import { checkOutputColsLength, indexOfName } from "../common/columns";
import { CsrWriter } from "../common/csrWriter";
import { javaStringOf, javaStringifier } from "../common/javaString";
import { requireModelColumns } from "../common/modelColumns";
import { OneHotModelData } from "./model";
import { ONE_HOT_PREDICT_PARAMS } from "./params";

type HandleInvalid = "KEEP" | "ERROR" | "SKIP";
type Encode = "VECTOR" | "ASSEMBLED_VECTOR" | "INDEX";

/** Marks in the per-row index arrays (and in a plan's nullIndex / unseenIndex). */
export const NULL_RESULT = -1;
export const THROW = -2;

/** How one column encodes (Alink `OneHotModelMapper.InvalidStrategy` + `getVectorSizeAndIndex`). */
export interface OneHotColumnPlan {
  name: string;
  tokens: Map<string, number>;
  /** Index of the last seen token (−1 when the column kept no token). */
  maxIdx: number;
  /** Slots before dropLast. */
  vectorSize: number;
  /** Raw index of a null value, or NULL_RESULT / THROW. */
  nullIndex: number;
  /** Raw index of an unseen token, or NULL_RESULT / THROW. */
  unseenIndex: number;
  /** Slots in the output (after dropLast). */
  outputSize: number;
}

/**
 * One-hot encoding with a fitted model (Alink `OneHotModelMapper`), shared by
 * OneHotPredictBatchOp, OneHotEncoderModel and (later) the stream predictor.
 *
 * Per column, with `maxIdx` the last token index of the model:
 *
 * | enableElse, handleInvalid | slots (before dropLast) | null →      | unseen token → |
 * |---------------------------|-------------------------|-------------|----------------|
 * | no else, KEEP             | maxIdx + 2              | maxIdx + 1  | maxIdx + 1     |
 * | no else, SKIP             | maxIdx + 1              | null        | null           |
 * | no else, ERROR            | maxIdx + 1              | error       | error          |
 * | else, KEEP                | maxIdx + 3              | maxIdx + 1  | maxIdx + 2     |
 * | else, SKIP                | maxIdx + 2              | null        | maxIdx + 1     |
 * | else, ERROR               | maxIdx + 2              | error       | maxIdx + 1     |
 *
 * With `dropLast`, the slot of index `maxIdx` is dropped (that token encodes as an all-zero
 * vector) and higher indices shift down by one; INDEX output is never shifted. ASSEMBLED_VECTOR
 * lays the columns' blocks side by side. Where SKIP yields null for a column in ASSEMBLED_VECTOR
 * mode the whole output vector is null (Alink throws a NullPointerException there).
 */
export class OneHotModelMapper implements Mapper {
  readonly outputSchema: Schema;
  private readonly helper: OutputColsHelper;
  private readonly inputIndices: number[];
  private readonly plans: OneHotColumnPlan[];
  private readonly encode: Encode;
  private readonly dropLast: boolean;
  private readonly handleInvalid: HandleInvalid;
  private readonly assembledSize: number;

  constructor(model: OneHotModelData, dataSchema: Schema, source: ParamSource<typeof ONE_HOT_PREDICT_PARAMS>, readonly operator: string) {
    const params = snapshotParams(ONE_HOT_PREDICT_PARAMS, source);
    this.encode = params.encode;
    this.dropLast = params.dropLast;
    this.handleInvalid = params.handleInvalid;
    const wanted = params.selectedCols;
    const selectedCols = wanted === null ? model.selectedCols : [...wanted];
    const modelColumns = selectedCols.map((name) => {
      const at = indexOfName(model.selectedCols, name);
      if (at < 0) {
        throw new StreamlabError(
          `${operator}: column ${quote(name)} (parameter "selectedCols") was not one-hot encoded in training; the model has ${model.selectedCols.join(", ")}.`,
          { operator, param: "selectedCols", column: name },
        );
      }
      return at;
    });
    this.inputIndices = requireModelColumns(dataSchema, selectedCols, operator, false);
    this.plans = selectedCols.map((name, i) => this.plan(name, model.tokenIndex[modelColumns[i]], model.enableElse));
    this.assembledSize = this.plans.reduce((sum, p) => sum + p.outputSize, 0);

    const outputParam = params.outputCols;
    let outputCols: readonly string[];
    let outputTypes: TypeName[];
    if (this.encode === "ASSEMBLED_VECTOR") {
      if (outputParam === null || outputParam.length !== 1) {
        throw new StreamlabError(
          `${operator}: encode ASSEMBLED_VECTOR writes one vector column, so outputCols must hold exactly one name` +
            `${outputParam === null ? " (it is not set)" : `, got ${outputParam.length}`}; e.g. setOutputCols(["vec"]), or use encode VECTOR or INDEX for one output per column.`,
          { operator, param: "outputCols" },
        );
      }
      outputCols = outputParam;
      outputTypes = ["SPARSE_VECTOR"];
    } else {
      outputCols = outputParam === null || outputParam.length === 0 ? selectedCols : outputParam;
      checkOutputColsLength(outputCols, selectedCols, operator);
      outputTypes = outputCols.map(() => (this.encode === "INDEX" ? "BIGINT" : "SPARSE_VECTOR"));
    }
    this.helper = new OutputColsHelper(dataSchema, outputCols, outputTypes, params.reservedCols, operator);
    this.outputSchema = this.helper.resultSchema;
  }

  /** How each selected column encodes, and the encoding options: what an exporter (ONNX) must reproduce. */
  describe(): { plans: readonly OneHotColumnPlan[]; encode: Encode; dropLast: boolean; inputIndices: readonly number[] } {
    return { plans: this.plans, encode: this.encode, dropLast: this.dropLast, inputIndices: this.inputIndices };
  }

  private plan(name: string, tokens: Map<string, number>, enableElse: boolean): OneHotColumnPlan {
    const distinct = new Set(tokens.values());
    const maxIdx = distinct.size - 1;
    for (const index of distinct) {
      if (!Number.isInteger(index) || index < 0 || index > maxIdx) {
        throw new StreamlabError(
          `${this.operator}: the model's token indices of column ${quote(name)} are not 0..${maxIdx} (found ${index}); the model table is damaged.`,
          { operator: this.operator, column: name },
        );
      }
    }
    const extra = !enableElse ? (this.handleInvalid === "KEEP" ? 2 : 1) : this.handleInvalid === "KEEP" ? 3 : 2;
    let vectorSize = maxIdx + extra;
    // Alink: with dropLast, a column without tokens gets one more slot so that one is left after the drop.
    if (this.dropLast && maxIdx < 0) vectorSize += 1;
    let nullIndex: number;
    let unseenIndex: number;
    if (!enableElse) {
      const invalid = this.handleInvalid === "KEEP" ? vectorSize - 1 : this.handleInvalid === "SKIP" ? NULL_RESULT : THROW;
      nullIndex = invalid;
      unseenIndex = invalid;
    } else {
      unseenIndex = vectorSize - 1;
      nullIndex = this.handleInvalid === "KEEP" ? vectorSize - 2 : this.handleInvalid === "SKIP" ? NULL_RESULT : THROW;
    }
    return { name, tokens, maxIdx, vectorSize, nullIndex, unseenIndex, outputSize: this.dropLast ? vectorSize - 1 : vectorSize };
  }

  /** Raw token indices of column i for a chunk into `out[from..from + n)` (NULL_RESULT where the output is null). */
  private indicesOf(chunk: Table, i: number, at: ChunkPosition | undefined, out: Int32Array, from: number): void {
    const column = chunk.columns[this.inputIndices[i]];
    const n = chunk.numRows;
    const strings = column.kind === "string" ? column.values : null;
    const text = strings !== null ? null : javaStringifier(column);
    for (let r = 0; r < n; r++) {
      // A string column's null is its text; other kinds have a null mask.
      const token = strings !== null ? strings[r] : column.isNull(r) ? null : text!(r);
      out[from + r] = this.indexOfToken(chunk, i, r, token, at);
    }
  }

  /** Raw token index of row r of column i, for one-row chunks (see map()). */
  private indexOfRow(chunk: Table, i: number, r: number, at: ChunkPosition | undefined): number {
    const column = chunk.columns[this.inputIndices[i]];
    const token = column.kind === "string" ? column.values[r] : column.isNull(r) ? null : javaStringOf(column, r);
    return this.indexOfToken(chunk, i, r, token, at);
  }

  /** Raw index of a token (null for a null value) of column i, row r: its index in the model, or the column's null / unseen index. */
  private indexOfToken(chunk: Table, i: number, r: number, token: string | null, at: ChunkPosition | undefined): number {
    const plan = this.plans[i];
    if (token === null) {
      if (plan.nullIndex === THROW) throw this.invalidError(chunk, i, r, null, at);
      return plan.nullIndex;
    }
    const hit = plan.tokens.get(token);
    if (hit !== undefined) return hit;
    if (plan.unseenIndex === THROW) throw this.invalidError(chunk, i, r, token, at);
    return plan.unseenIndex;
  }

  private invalidError(chunk: Table, i: number, row: number, token: string | null, at: ChunkPosition | undefined): StreamlabError {
    const column = chunk.schema.names[this.inputIndices[i]];
    const what = token === null ? "is null" : `holds the token ${quote(token)}, which the model has not seen`;
    const ref = rowRef(at, row);
    return new StreamlabError(
      `${this.operator}: ${ref.text}, column ${quote(column)} ${what}, and handleInvalid is ERROR. ` +
        "Set handleInvalid to KEEP (an extra slot) or SKIP (null output) to accept such values.",
      { operator: this.operator, column, ...rowContext(ref) },
    );
  }

  /**
   * A newer model may replace this one only if every column keeps its number of output slots:
   * downstream operators (an LR model over the assembled vector) read the slots by position.
   */
  swapProblem(next: Mapper): string | null {
    if (!(next instanceof OneHotModelMapper)) return "it is not a one-hot model";
    for (let i = 0; i < this.plans.length; i++) {
      const [now, then] = [this.plans[i], next.plans[i]];
      if (then === undefined || then.outputSize !== now.outputSize) {
        return `column ${quote(now.name)} would encode into ${then?.outputSize ?? "no"} slots instead of ${now.outputSize} (its tokens changed), so the output vectors would change layout`;
      }
    }
    return null;
  }

  /** Output slot of a raw index in column i's block after dropLast, or −1 for "no entry". */
  private slot(i: number, index: number): number {
    if (!this.dropLast) return index;
    const drop = this.plans[i].maxIdx;
    return index === drop ? -1 : index > drop ? index - 1 : index;
  }

  /** Scratch for the raw indices of small chunks (they never leave map()). */
  private scratch = new Int32Array(64);
  /** Output-reuse mode (Mapper.reuseOutputs): the ASSEMBLED_VECTOR writer kept across calls. */
  private reuse = false;
  private writer: CsrWriter | null = null;

  reuseOutputs(): void {
    this.reuse = true;
    this.helper.reuseOutputs();
  }

  map(chunk: Table, at?: ChunkPosition): Table {
    const n = chunk.numRows;
    const k = this.plans.length;
    // Column i's raw index of row r is raw[i·n + r]; a small chunk's come from the scratch.
    if (n * k > this.scratch.length && n * k <= 4096) this.scratch = new Int32Array(n * k);
    const raw = n * k <= this.scratch.length ? this.scratch : new Int32Array(n * k);
    // A one-row chunk calls the row functions directly: V8 compiles a loop that ran long (a batch)
    // "on stack", and a function that later enters that compiled loop once per call, as a one-row
    // chunk would, can stay several times slower than its normally compiled form.
    if (n === 1) for (let i = 0; i < k; i++) raw[i] = this.indexOfRow(chunk, i, 0, at);
    else for (let i = 0; i < k; i++) this.indicesOf(chunk, i, at, raw, i * n);
    const outputs = this.encode === "INDEX" ? this.indexColumns(raw, n) : this.encode === "VECTOR" ? this.vectorColumns(raw, n) : [this.assembledColumn(raw, n)];
    return this.helper.combine(chunk, outputs);
  }

  /** INDEX: one BIGINT column per selected column. */
  private indexColumns(raw: Int32Array, n: number): Column[] {
    const outputs: Column[] = [];
    for (let i = 0; i < this.plans.length; i++) {
      const values = new Float64Array(n);
      let nulls: Uint8Array | null = null;
      for (let r = 0; r < n; r++) {
        const index = raw[i * n + r];
        if (index === NULL_RESULT) {
          if (nulls === null) nulls = new Uint8Array(n);
          nulls[r] = 1;
        } else values[r] = index;
      }
      outputs.push(new NumberColumn("BIGINT", values, nulls));
    }
    return outputs;
  }

  /** VECTOR: one sparse vector column per selected column. */
  private vectorColumns(raw: Int32Array, n: number): Column[] {
    const outputs: Column[] = [];
    for (let i = 0; i < this.plans.length; i++) {
      const writer = new CsrWriter(n, n);
      const size = this.plans[i].outputSize;
      for (let r = 0; r < n; r++) {
        const index = raw[i * n + r];
        if (index === NULL_RESULT) {
          writer.appendNull();
          continue;
        }
        const s = this.slot(i, index);
        if (s >= 0) {
          writer.indices[writer.entries] = s;
          writer.values[writer.entries] = 1.0;
          writer.endSparseRow(size, writer.entries + 1);
        } else writer.endSparseRow(size, writer.entries);
      }
      outputs.push(writer.build("SPARSE_VECTOR"));
    }
    return outputs;
  }

  /** ASSEMBLED_VECTOR: the columns' blocks side by side in one sparse vector. */
  private assembledColumn(raw: Int32Array, n: number): VectorColumn {
    const k = this.plans.length;
    let writer: CsrWriter;
    if (!this.reuse) writer = new CsrWriter(n, n * k);
    else if (this.writer !== null && this.writer.rowCapacity === n) (writer = this.writer).restart();
    else writer = this.writer = CsrWriter.reusable(n, n * k);
    // One row: the row function directly (see map()).
    if (n === 1) this.writeAssembledRow(raw, 1, 0, writer);
    else for (let r = 0; r < n; r++) this.writeAssembledRow(raw, n, r, writer);
    return writer.build("SPARSE_VECTOR");
  }

  /** Row r of {@link assembledColumn}. */
  private writeAssembledRow(raw: Int32Array, n: number, r: number, writer: CsrWriter): void {
    const k = this.plans.length;
    const plans = this.plans;
    for (let i = 0; i < k; i++) {
      if (raw[i * n + r] === NULL_RESULT) {
        writer.appendNull();
        return;
      }
    }
    let at = writer.entries;
    let start = 0;
    for (let i = 0; i < k; i++) {
      const s = this.slot(i, raw[i * n + r]);
      if (s >= 0) {
        writer.indices[at] = start + s;
        writer.values[at] = 1.0;
        at++;
      }
      start += plans[i].outputSize;
    }
    writer.endSparseRow(this.assembledSize, at);
  }
}
