import { NumberColumn, StringColumn, VectorColumn } from "../../core/column";
import { StreamlabError, quote } from "../../core/errors";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { isNumericType, isVectorType } from "../../core/types";
import { DenseVector, Vector, parseVector } from "../../core/vector";
import { Mapper } from "../../common/mapper";
import { ParamSource, snapshotParams } from "../../common/paramSnapshot";
import { ChunkPosition, describeNonFinite, rowContext, rowRef } from "../../common/rowPosition";
import { OutputColsHelper } from "../../common/outputCols";
import { CsrWriter } from "../common/csrWriter";
import { VECTOR_ASSEMBLER_PARAMS } from "./params";

/**
 * Concatenates numeric, vector and vector-string columns into one vector (Alink
 * `VectorAssemblerMapper`), shared by VectorAssemblerBatchOp, the VectorAssembler stage and (later)
 * the stream op.
 *
 * A number takes one slot; a dense vector all its slots (zeros included); a sparse vector its
 * declared size, so it must have one (a sparse string without `$n$` is an error). The result is
 * dense when `entries · 1.5 > size` — explicit values, zeros included, count as entries — and
 * sparse otherwise. A null input throws (ERROR) or makes the output null (SKIP), as in Alink;
 * a NaN or ±Infinity — in a number or inside a vector — is invalid too and follows the same rule
 * (Alink copies it into the vector, where it would poison whatever is trained or scored on it).
 * Errors name the row (and event time in a stream), the column and the value.
 */
export class VectorAssemblerMapper implements Mapper {
  readonly outputSchema: Schema;
  private readonly helper: OutputColsHelper;
  private readonly inputIndices: number[];
  private readonly skipInvalid: boolean;
  private readonly allNumeric: boolean;
  /** Where the chunk being mapped sits in the input (for error messages). */
  private at: ChunkPosition | undefined;
  /** Output-reuse mode (Mapper.reuseOutputs): the writer kept across calls. */
  private reuse = false;
  private writer: CsrWriter | null = null;

  constructor(dataSchema: Schema, source: ParamSource<typeof VECTOR_ASSEMBLER_PARAMS>, readonly operator: string) {
    const params = snapshotParams(VECTOR_ASSEMBLER_PARAMS, source);
    const selected = params.selectedCols;
    this.inputIndices = selected.map((name) => {
      const index = dataSchema.require(name, { operator, param: "selectedCols" });
      const type = dataSchema.types[index];
      if (!isNumericType(type) && !isVectorType(type) && type !== "STRING") {
        throw new StreamlabError(
          `${operator}: column ${quote(name)} (parameter "selectedCols") is ${type}; VectorAssembler takes numeric, vector and vector-string (STRING) columns.`,
          { operator, param: "selectedCols", column: name },
        );
      }
      return index;
    });
    this.allNumeric = this.inputIndices.every((i) => isNumericType(dataSchema.types[i]));
    this.skipInvalid = params.handleInvalidMethod === "SKIP";
    this.helper = new OutputColsHelper(
      dataSchema,
      [params.outputCol],
      ["VECTOR"],
      params.reservedCols,
      operator,
    );
    this.outputSchema = this.helper.resultSchema;
  }

  reuseOutputs(): void {
    this.reuse = true;
    this.helper.reuseOutputs();
  }

  /** A writer for the chunk's n rows and about `entries` entries (the kept one in reuse mode). */
  private writerFor(n: number, entries: number): CsrWriter {
    if (!this.reuse) return new CsrWriter(n, entries);
    const kept = this.writer;
    if (kept !== null && kept.rowCapacity === n) {
      kept.restart();
      kept.ensureEntries(entries);
      return kept;
    }
    return (this.writer = CsrWriter.reusable(n, entries));
  }

  map(chunk: Table, at?: ChunkPosition): Table {
    this.at = at;
    const output = this.allNumeric ? this.mapNumeric(chunk) : this.mapGeneral(chunk);
    return this.helper.combine(chunk, [output]);
  }

  private nullError(chunk: Table, column: number, row: number): StreamlabError {
    const name = chunk.schema.names[column];
    const ref = rowRef(this.at, row);
    return new StreamlabError(
      `${this.operator}: ${ref.text}, column ${quote(name)} is null and handleInvalidMethod is ERROR ` +
        "(null value is found in vector assembler inputs). Set handleInvalidMethod to SKIP to output a null vector for such rows.",
      { operator: this.operator, column: name, ...rowContext(ref) },
    );
  }

  /** NaN or ±Infinity at `index` of the row's inputs (`inVector`: inside a vector of that column). */
  private nonFiniteError(chunk: Table, column: number, row: number, value: number, inVector: number | null): StreamlabError {
    const name = chunk.schema.names[column];
    const ref = rowRef(this.at, row);
    const where = inVector === null ? `is ${describeNonFinite(value)}` : `holds ${describeNonFinite(value)} at index ${inVector} of its vector`;
    return new StreamlabError(
      `${this.operator}: ${ref.text}, column ${quote(name)} ${where} and handleInvalidMethod is ERROR; NaN and ±Infinity are invalid inputs like null. ` +
        "Set handleInvalidMethod to SKIP to output a null vector for such rows.",
      { operator: this.operator, column: name, ...rowContext(ref) },
    );
  }

  /** Only numeric inputs: every row is a dense vector with one slot per column. */
  private mapNumeric(chunk: Table): VectorColumn {
    const n = chunk.numRows;
    const k = this.inputIndices.length;
    const columns = this.inputIndices.map((c) => chunk.columns[c] as NumberColumn);
    const writer = this.writerFor(n, n * k);
    // A one-row chunk calls the row function directly: V8 compiles a loop that ran long (a batch)
    // "on stack", and a function that later enters that compiled loop once per call, as a one-row
    // chunk would, can stay several times slower than its normally compiled form.
    if (n === 1) this.writeNumericRow(chunk, columns, writer, 0);
    else this.writeNumericRows(chunk, columns, writer);
    return writer.build("VECTOR");
  }

  /** The rows of {@link mapNumeric}. */
  private writeNumericRows(chunk: Table, columns: NumberColumn[], writer: CsrWriter): void {
    for (let r = 0; r < chunk.numRows; r++) this.writeNumericRow(chunk, columns, writer, r);
  }

  /** Row r of {@link mapNumeric}. */
  private writeNumericRow(chunk: Table, columns: NumberColumn[], writer: CsrWriter, r: number): void {
    const k = columns.length;
    for (let j = 0; j < k; j++) {
      const nulls = columns[j].nulls;
      if (nulls !== null && nulls[r] === 1) {
        if (!this.skipInvalid) throw this.nullError(chunk, this.inputIndices[j], r);
        writer.appendNull();
        return;
      }
    }
    const indices = writer.indices;
    const values = writer.values;
    const at = writer.entries;
    for (let j = 0; j < k; j++) {
      const v = columns[j].values[r];
      if (v - v !== 0) {
        if (!this.skipInvalid) throw this.nonFiniteError(chunk, this.inputIndices[j], r, v, null);
        writer.appendNull();
        return;
      }
      indices[at + j] = j;
      values[at + j] = v;
    }
    // Every value is an entry, so entries · 1.5 > size always holds: the row is dense.
    writer.dense[writer.rows] = 1;
    writer.endSparseRow(k, at + k);
  }

  // Scratch state of the general path: the current row's entries (ascending indices).
  private idx = new Int32Array(64);
  private val = new Float64Array(64);
  private count = 0;
  private denseBuffer = new Float64Array(64);

  /** Adds an entry; a sparse vector may repeat an index (errata E11): as in Alink's map, the last value wins. */
  private push(index: number, value: number): void {
    const count = this.count;
    if (count > 0 && this.idx[count - 1] === index) {
      this.val[count - 1] = value;
      return;
    }
    if (count === this.idx.length) {
      const idx = new Int32Array(count * 2);
      idx.set(this.idx);
      this.idx = idx;
      const val = new Float64Array(count * 2);
      val.set(this.val);
      this.val = val;
    }
    this.idx[count] = index;
    this.val[count] = value;
    this.count = count + 1;
  }

  /** Index (in the row's entries) of the first NaN or ±Infinity from entry `from` on, or −1. */
  private firstNonFinite(from: number): number {
    for (let e = from; e < this.count; e++) if (this.val[e] - this.val[e] !== 0) return e;
    return -1;
  }

  private mapGeneral(chunk: Table): VectorColumn {
    const n = chunk.numRows;
    // Room for every input entry (a number or text vector counted as one per row; more is made when needed).
    let entries = 0;
    for (const c of this.inputIndices) {
      const column = chunk.columns[c];
      entries += column.kind === "vector" ? column.offsets[n] - column.offsets[0] : n;
    }
    const writer = this.writerFor(n, entries);
    if (n === 1) this.writeRow(chunk, writer, 0);
    else this.writeRows(chunk, writer);
    return writer.build("VECTOR");
  }

  /** The rows of {@link mapGeneral}. */
  private writeRows(chunk: Table, writer: CsrWriter): void {
    for (let r = 0; r < chunk.numRows; r++) this.writeRow(chunk, writer, r);
  }

  /** Row r of {@link mapGeneral}. */
  private writeRow(chunk: Table, writer: CsrWriter, r: number): void {
    this.count = 0;
    let pos = 0;
    const inputIndices = this.inputIndices;
    for (let j = 0; j < inputIndices.length; j++) {
      const c = inputIndices[j];
      const column = chunk.columns[c];
      if (column.kind === "number") {
        // A number: one entry at pos (always past the entries before it), checked where it is read.
        const nulls = column.nulls;
        if (nulls !== null && nulls[r] === 1) {
          if (!this.skipInvalid) throw this.nullError(chunk, c, r);
          writer.appendNull();
          return;
        }
        const v = column.values[r];
        if (v - v !== 0) {
          if (!this.skipInvalid) throw this.nonFiniteError(chunk, c, r, v, null);
          writer.appendNull();
          return;
        }
        this.push(pos++, v);
        continue;
      }
      if (column.isNull(r)) {
        if (!this.skipInvalid) throw this.nullError(chunk, c, r);
        writer.appendNull();
        return;
      }
      const first = this.count;
      const start = pos;
      if (column.kind === "vector") pos = this.appendStored(column, r, pos, chunk, c);
      else pos = this.appendParsed(column as StringColumn, r, pos, chunk, c);
      // The entries this column added: a NaN or ±Infinity among them makes the row invalid.
      const bad = this.firstNonFinite(first);
      if (bad >= 0) {
        if (!this.skipInvalid) throw this.nonFiniteError(chunk, c, r, this.val[bad], this.idx[bad] - start);
        writer.appendNull();
        return;
      }
    }
    const count = this.count;
    if (count * 1.5 > pos) {
      if (this.denseBuffer.length < pos) this.denseBuffer = new Float64Array(Math.max(pos, this.denseBuffer.length * 2));
      const dense = this.denseBuffer;
      dense.fill(0, 0, pos);
      for (let e = 0; e < count; e++) dense[this.idx[e]] = this.val[e];
      writer.appendDense(dense, pos);
    } else {
      writer.appendSparse(pos, this.idx, this.val, count);
    }
  }

  private sizeError(chunk: Table, column: number, row: number, vector: Vector): StreamlabError {
    const name = chunk.schema.names[column];
    const ref = rowRef(this.at, row);
    return new StreamlabError(
      `${this.operator}: ${ref.text}, column ${quote(name)} holds a sparse vector without a size (${quote(vector.toString())}); ` +
        'VectorAssembler needs each sparse vector\'s size to place the next column, e.g. "$5$0:1.0 2:3.0" (The append sparse vector must have size).',
      { operator: this.operator, column: name, ...rowContext(ref) },
    );
  }

  private appendStored(column: VectorColumn, r: number, pos: number, chunk: Table, c: number): number {
    const from = column.offsets[r];
    const to = column.offsets[r + 1];
    if (column.dense[r] === 1) {
      for (let e = from; e < to; e++) this.push(pos + (e - from), column.values[e]);
      return pos + (to - from);
    }
    const size = column.sizes[r];
    if (size <= 0) throw this.sizeError(chunk, c, r, column.get(r) as Vector);
    for (let e = from; e < to; e++) this.push(pos + column.indices[e], column.values[e]);
    return pos + size;
  }

  private appendParsed(column: StringColumn, r: number, pos: number, chunk: Table, c: number): number {
    let vector: Vector;
    try {
      vector = parseVector(column.values[r] as string);
    } catch (error) {
      const name = chunk.schema.names[c];
      const ref = rowRef(this.at, r);
      throw new StreamlabError(`${this.operator}: ${ref.text}, column ${quote(name)}: ${(error as Error).message}`, {
        operator: this.operator,
        column: name,
        ...rowContext(ref),
      });
    }
    if (vector instanceof DenseVector) {
      for (let e = 0; e < vector.data.length; e++) this.push(pos + e, vector.data[e]);
      return pos + vector.data.length;
    }
    if (vector.n <= 0) throw this.sizeError(chunk, c, r, vector);
    for (let e = 0; e < vector.indices.length; e++) this.push(pos + vector.indices[e], vector.values[e]);
    return pos + vector.n;
  }
}
