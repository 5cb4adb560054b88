import { Column, NumberColumn, StringColumn, Value, VectorColumn, columnFromValues } from "../../core/column";
import { StreamlabError, quote } from "../../core/errors";
import { javaHashMapOrder } from "../../core/javaJson";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { TypeName, isNumericType, isVectorType } from "../../core/types";
import { parseVector } from "../../core/vector";
import { BinaryDetailTexts } from "../../common/binaryDetails";
import { Mapper } from "../../common/mapper";
import { ParamSource, snapshotParams } from "../../common/paramSnapshot";
import { OutputColsHelper } from "../../common/outputCols";
import { ChunkPosition, describeNonFinite, rowContext, rowRef } from "../../common/rowPosition";
import { labelToString } from "../../common/labels";
import { LinearModelData } from "./model";
import { linearSwapProblem } from "./modelCheck";
import { LINEAR_PREDICT_PARAMS } from "./params";

/**
 * Prediction with a linear model (Alink's `LinearModelMapper`, reference §4.7), shared by
 * `LogisticRegressionPredictBatchOp`, the `LogisticRegressionModel` pipeline stage, the FTRL
 * predictors and the model filters.
 *
 * - Features: the `vectorCol` parameter if set, else the model's feature columns (looked up by
 *   name), else the model's vector column (errata E5).
 * - `dot = coef · [1, x]` (the 1 only with an intercept).
 * - Classifiers (LR, SVM, Perceptron): label `labelValues[0]` if `dot ≥ 0` else `labelValues[1]`.
 *   LR/SVM detail: `{"<label>":"<probability>",…}` with `p0 = 1 − 1/(1 + exp(dot))`,
 *   `p1 = 1 − p0`, values in Java `Double.toString` form as JSON strings, keys in the iteration
 *   order of Java's `new HashMap<>(0)` (so labels 2.0/1.0 print `"2.0"` first).
 * - Regression models (LinearReg, SVR): prediction = dot (DOUBLE); the detail column is null.
 *
 * Input the trainer rejects is rejected here too, naming the row (and event time in a stream),
 * the column and the value: a null feature vector or feature value (Alink's predictor reads a
 * null feature as 0, its trainer fails on it), NaN or ±Infinity in a feature, and a vector whose
 * size is not the model's `vectorSize` (a dense vector of another length, a sparse `$n$` with
 * another n, or an index ≥ vectorSize in a sparse vector without a size). Alink's predictor
 * silently ignores the features beyond the model's size or reads missing ones as 0 (errata E6):
 * either way the features are not laid out as the model was trained on.
 *
 * Deviation: a non-numeric feature column is an error here (Alink silently reads it as 0).
 */
export interface LinearPredictParams {
  predictionCol: string;
  predictionDetailCol: string | null;
  reservedCols: readonly string[] | null;
  vectorCol: string | null;
}

const CLASSIFIERS = new Set(["LR", "SVM", "Perceptron"]);
const WITH_DETAIL = new Set(["LR", "SVM"]);
const REGRESSORS = new Set(["LinearReg", "SVR"]);

export class LinearModelMapper implements Mapper {
  readonly outputSchema: Schema;
  private readonly helper: OutputColsHelper;
  private readonly featureIndices: number[] | null;
  private readonly vectorIndex: number;
  private readonly classifier: boolean;
  private readonly withDetail: boolean;
  private readonly predictionType: TypeName;
  /** Detail JSON pieces: for each position in HashMap order, the label index and its quoted key. */
  private readonly detailOrder: { label: number; text: string }[];
  /** The detail keys in written order, one tuple for every chunk (BinaryDetailTexts caches their JSON form per tuple). */
  private readonly detailKeys: readonly [string, string] | null;
  /** Output-reuse mode (Mapper.reuseOutputs): the scores and detail probabilities kept across calls. */
  private reuse = false;
  private reusedDots = new Float64Array(0);
  private reusedP0s = new Float64Array(0);
  /** The details over reusedP0s (each call still gets its own column: a column keeps the texts it rendered). */
  private reusedDetails: BinaryDetailTexts | null = null;
  /** The prediction column of a one-row chunk is one of two: built once each (columns are immutable). */
  private oneRowPredictions: [Column | null, Column | null] = [null, null];

  constructor(readonly model: LinearModelData, readonly dataSchema: Schema, source: ParamSource<typeof LINEAR_PREDICT_PARAMS>, readonly operator = "LinearModelMapper") {
    const type = model.linearModelType;
    if (!CLASSIFIERS.has(type) && !REGRESSORS.has(type)) {
      throw new StreamlabError(`${operator}: linear model type ${quote(type)} cannot be predicted by LinearModelMapper.`, { operator });
    }
    this.classifier = CLASSIFIERS.has(type);
    if (this.classifier && model.labelValues.length !== 2) {
      throw new StreamlabError(`${operator}: the ${type} model has ${model.labelValues.length} label rows; a binary classifier needs 2.`, { operator });
    }
    const { predictionCol, predictionDetailCol: detailCol, reservedCols, vectorCol } = snapshotParams(LINEAR_PREDICT_PARAMS, source);
    this.withDetail = detailCol !== null;
    checkPredictionCols(predictionCol, detailCol, operator);
    this.predictionType = this.classifier ? model.labelType : "DOUBLE";

    // Feature source: param vectorCol > model feature names > model vectorCol (errata E5).
    if (vectorCol !== null) {
      this.vectorIndex = this.requireVector(vectorCol, "vectorCol");
      this.featureIndices = null;
    } else if (model.featureNames !== null) {
      this.vectorIndex = -1;
      this.featureIndices = model.featureNames.map((name) => {
        const index = dataSchema.require(name, { operator });
        if (!isNumericType(dataSchema.types[index])) {
          throw new StreamlabError(`${operator}: the model's feature column ${quote(name)} is ${dataSchema.types[index]} in the data; it must be numeric.`, { operator, column: name });
        }
        return index;
      });
    } else if (model.vectorColName !== null) {
      this.vectorIndex = this.requireVector(model.vectorColName, null);
      this.featureIndices = null;
    } else {
      throw new StreamlabError(`${operator}: the model names neither feature columns nor a vector column; set vectorCol.`, { operator, param: "vectorCol" });
    }

    const names = this.withDetail ? [predictionCol, detailCol!] : [predictionCol];
    const types: TypeName[] = this.withDetail ? [this.predictionType, "STRING"] : [this.predictionType];
    this.helper = new OutputColsHelper(dataSchema, names, types, reservedCols, operator);
    this.outputSchema = this.helper.resultSchema;
    const keys = model.labelValues.map((v) => labelToString(v, model.labelType));
    this.detailOrder = javaHashMapOrder(keys, 0).map((key) => ({ label: keys.indexOf(key), text: key }));
    this.detailKeys = this.detailOrder.length === 2 ? [this.detailOrder[0].text, this.detailOrder[1].text] : null;
  }

  private requireVector(name: string, param: string | null): number {
    const index = this.dataSchema.require(name, { operator: this.operator, ...(param ? { param } : {}) });
    const type = this.dataSchema.types[index];
    if (!isVectorType(type) && type !== "STRING") {
      throw new StreamlabError(`${this.operator}: the vector column ${quote(name)} is ${type}; expected a VECTOR column or a STRING column of vector strings.`, {
        operator: this.operator,
        column: name,
      });
    }
    return index;
  }

  /**
   * `coef · [1, x]` per row; NaN where a feature is null (the vector, or a feature column's
   * value). NaN/±Infinity feature values and vectors that do not fit the model are errors naming
   * the row (`at` places the chunk in the operator's input).
   */
  scores(chunk: Table, at?: ChunkPosition): Float64Array {
    const n = chunk.numRows;
    let out: Float64Array;
    if (!this.reuse) out = new Float64Array(n);
    else if (this.reusedDots.length === n) out = this.reusedDots; // every row is written below (or an error thrown)
    else out = this.reusedDots = new Float64Array(n);
    const coef = this.model.coefVector;
    const off = this.model.hasInterceptItem ? 1 : 0;
    if (this.featureIndices !== null) {
      out.fill(off === 1 ? coef[0] : 0);
      this.featureIndices.forEach((col, j) => {
        const column = chunk.columns[col] as NumberColumn;
        const c = coef[off + j];
        const values = column.values;
        const nulls = column.nulls;
        if (nulls === null) for (let i = 0; i < n; i++) out[i] += c * values[i];
        else for (let i = 0; i < n; i++) out[i] = nulls[i] === 1 ? NaN : out[i] + c * values[i];
      });
      // A NaN or infinite value makes its row's sum non-finite: only those rows are looked at again.
      for (let i = 0; i < n; i++) if (out[i] - out[i] !== 0) this.checkFeatureRow(chunk, i, out[i], at);
      return out;
    }
    const column = chunk.columns[this.vectorIndex];
    const vectors = column.kind === "vector" ? column : stringsToVectors(column as StringColumn, this.dataSchema.names[this.vectorIndex], this.operator, at);
    // A one-row chunk calls the row function directly (see the row loops after the class).
    const bad = n === 1 ? (linearScoreOfVectorRow(vectors, coef, off, out, 0) ? -1 : 0) : linearScoresOfVectors(vectors, coef, off, out);
    if (bad >= 0) this.vectorRowError(vectors, bad, at);
    return out;
  }

  /** Row i of feature columns scored non-finite: a null (left NaN here), a NaN/±Infinity value, or an overflow. */
  private checkFeatureRow(chunk: Table, i: number, score: number, at: ChunkPosition | undefined): void {
    for (const col of this.featureIndices!) {
      const column = chunk.columns[col] as NumberColumn;
      // The first problem in column order is reported: a null here (map() names it), before a later NaN.
      if (column.isNull(i)) return;
      const v = column.values[i];
      if (v - v !== 0) {
        const name = this.dataSchema.names[col];
        const ref = rowRef(at, i);
        throw new StreamlabError(
          `${this.operator}: the feature column ${quote(name)} holds ${describeNonFinite(v)} at ${ref.text}; features must be finite numbers.`,
          { operator: this.operator, column: name, ...rowContext(ref) },
        );
      }
    }
    if (score !== score) throw this.overflowError(i, at);
  }

  private overflowError(i: number, at: ChunkPosition | undefined): StreamlabError {
    const ref = rowRef(at, i);
    return new StreamlabError(
      `${this.operator}: the score of ${ref.text} overflows (finite features times the coefficients sum to ∞ − ∞); check that row's feature magnitudes.`,
      { operator: this.operator, ...rowContext(ref) },
    );
  }

  /** The error for the row {@link linearScoresOfVectors} stopped at. */
  private vectorRowError(vectors: VectorColumn, i: number, at: ChunkPosition | undefined): never {
    const name = this.dataSchema.names[this.vectorIndex];
    const ref = rowRef(at, i);
    const context = { operator: this.operator, column: name, ...rowContext(ref) };
    const size = this.model.vectorSize;
    const declared = vectors.sizes[i];
    if (declared >= 0 && declared !== size) {
      throw new StreamlabError(
        `${this.operator}: the vector in column ${quote(name)} at ${ref.text} has size ${declared}, but the model has vectorSize ${size}; ` +
          "prediction needs vectors laid out as in training (same size, e.g. the same numFeatures in FeatureHasher).",
        context,
      );
    }
    for (let k = vectors.offsets[i]; k < vectors.offsets[i + 1]; k++) {
      const j = vectors.indices[k];
      const v = vectors.values[k];
      if (j >= size) {
        throw new StreamlabError(
          `${this.operator}: the vector in column ${quote(name)} at ${ref.text} has index ${j}, but the model has vectorSize ${size} (indices 0..${size - 1}).`,
          context,
        );
      }
      if (v - v !== 0) {
        throw new StreamlabError(
          `${this.operator}: the vector in column ${quote(name)} holds ${describeNonFinite(v)} at ${ref.text} (index ${j}); features must be finite numbers.`,
          context,
        );
      }
    }
    throw this.overflowError(i, at);
  }

  /** The error for a row with a null feature (the trainer rejects those rows too). */
  private nullFeatureError(chunk: Table, i: number, at: ChunkPosition | undefined): StreamlabError {
    const ref = rowRef(at, i);
    if (this.featureIndices === null) {
      const name = this.dataSchema.names[this.vectorIndex];
      return new StreamlabError(
        `${this.operator}: the vector column ${quote(name)} is null at ${ref.text}; linear models need a feature vector in every row.`,
        { operator: this.operator, column: name, ...rowContext(ref) },
      );
    }
    const col = this.featureIndices.find((c) => chunk.columns[c].isNull(i))!;
    const name = this.dataSchema.names[col];
    return new StreamlabError(
      `${this.operator}: the feature column ${quote(name)} is null at ${ref.text}; linear models need every feature value (fill or drop nulls first).`,
      { operator: this.operator, column: name, ...rowContext(ref) },
    );
  }

  /** A mapper for a newer model may replace this one only with the same feature space and labels. */
  swapProblem(next: Mapper): string | null {
    if (!(next instanceof LinearModelMapper)) return "it is not a linear model";
    return linearSwapProblem(this.model, next.model);
  }

  reuseOutputs(): void {
    this.reuse = true;
    this.helper.reuseOutputs();
  }

  /** The detail texts of the probabilities p(labels[0]) (the kept ones in reuse mode, when they are over `p0s`). */
  private detailsOf(p0s: Float64Array): BinaryDetailTexts {
    const kept = this.reusedDetails;
    if (kept !== null && kept.stored === p0s) return kept;
    const details = new BinaryDetailTexts(this.detailKeys!, this.detailOrder[0].label === 0 ? 0 : 1, p0s, null);
    if (this.reuse) this.reusedDetails = details;
    return details;
  }

  /** The prediction column of a one-row chunk predicting `labels[k]`. */
  private oneRowPrediction(k: 0 | 1): Column {
    return (this.oneRowPredictions[k] ??= columnFromValues(this.predictionType, [this.model.labelValues[k]]));
  }

  map(chunk: Table, at?: ChunkPosition): Table {
    const n = chunk.numRows;
    const dots = this.scores(chunk, at);
    // scores() leaves NaN only where a feature is null.
    const nullRow = n === 1 ? (dots[0] !== dots[0] ? 0 : -1) : firstNaN(dots);
    if (nullRow >= 0) throw this.nullFeatureError(chunk, nullRow, at);
    const outputs: Column[] = [];
    if (!this.classifier) {
      outputs.push(new NumberColumn("DOUBLE", dots, null));
      if (this.withDetail) outputs.push(new StringColumn(new Array<string | null>(n).fill(null)));
      return this.helper.combine(chunk, outputs);
    }
    const labels = this.model.labelValues;
    // A one-row chunk's prediction column is one of two kept ones (oneRowPrediction).
    const predictions: Value[] | null = n === 1 ? null : new Array(n);
    // Details are kept as p(labels[0]) per row and rendered as JSON only when read (BinaryDetailTexts).
    const withDetails = this.withDetail && WITH_DETAIL.has(this.model.linearModelType);
    let p0s: Float64Array | null = null;
    if (withDetails) {
      if (!this.reuse) p0s = new Float64Array(n);
      else if (this.reusedP0s.length === n) p0s = this.reusedP0s;
      else p0s = this.reusedP0s = new Float64Array(n);
    }
    if (n === 1) classifyRow(dots, labels, predictions, p0s, 0);
    else classify(dots, labels, predictions, p0s);
    outputs.push(n === 1 ? this.oneRowPrediction(dots[0] >= 0 ? 0 : 1) : columnFromValues(this.predictionType, predictions!));
    if (this.withDetail) outputs.push(p0s !== null ? StringColumn.rendered(this.detailsOf(p0s)) : new StringColumn(new Array<string | null>(n).fill(null)));
    return this.helper.combine(chunk, outputs);
  }
}

/*
 * Row loops of map(). A one-row chunk (LocalPredictor) calls the row functions directly: V8
 * compiles a loop that ran long (a batch) "on stack", and a function that later enters that
 * compiled loop once per call, as a one-row chunk would, can stay several times slower than its
 * normally compiled form.
 */

/** The first row whose score is NaN (a null feature), or −1. */
function firstNaN(dots: Float64Array): number {
  for (let i = 0; i < dots.length; i++) if (dots[i] !== dots[i]) return i;
  return -1;
}

/** Each row's label (`labels[0]` if dot ≥ 0, else `labels[1]`) and p(labels[0]) = 1 − 1/(1 + e^dot). */
function classify(dots: Float64Array, labels: readonly Value[], predictions: Value[] | null, p0s: Float64Array | null): void {
  for (let i = 0; i < dots.length; i++) classifyRow(dots, labels, predictions, p0s, i);
}

function classifyRow(dots: Float64Array, labels: readonly Value[], predictions: Value[] | null, p0s: Float64Array | null, i: number): void {
  const dot = dots[i];
  if (predictions !== null) predictions[i] = dot >= 0 ? labels[0] : labels[1];
  if (p0s !== null) p0s[i] = 1 - 1.0 / (1.0 + Math.exp(dot));
}

/** predictionCol and predictionDetailCol must name two columns (column names compare case-insensitively). */
export function checkPredictionCols(predictionCol: string, detailCol: string | null, operator: string): void {
  if (detailCol !== null && detailCol.toLowerCase() === predictionCol.toLowerCase()) {
    throw new StreamlabError(
      `${operator}: predictionCol and predictionDetailCol are both ${quote(predictionCol)}; give the detail column another name (or leave it null).`,
      { operator, param: "predictionDetailCol" },
    );
  }
}

/**
 * `out[i] = coef · [1?, x_i]` over a CSR vector column whose vectors must fit the model: a
 * declared size (dense length or sparse `$n$`) equal to `coef.length − interceptOffset`, indices
 * below it (sparse vectors without a size), finite values. Null rows get NaN. Returns −1, or the
 * first row that does not fit (`out` is then filled only before it): the caller says why.
 */
export function linearScoresOfVectors(vectors: VectorColumn, coef: Float64Array, interceptOffset: number, out: Float64Array): number {
  for (let i = 0; i < vectors.length; i++) if (!linearScoreOfVectorRow(vectors, coef, interceptOffset, out, i)) return i;
  return -1;
}

/** Row i of {@link linearScoresOfVectors}: false when the vector does not fit the model. */
export function linearScoreOfVectorRow(vectors: VectorColumn, coef: Float64Array, interceptOffset: number, out: Float64Array, i: number): boolean {
  if (vectors.isNull(i)) {
    out[i] = NaN;
    return true;
  }
  const { offsets, indices, values } = vectors;
  const size = coef.length - interceptOffset;
  const declared = vectors.sizes[i];
  if (declared !== size && declared >= 0) return false;
  let s = interceptOffset === 1 ? coef[0] : 0;
  const end = offsets[i + 1];
  for (let k = offsets[i]; k < end; k++) {
    const j = indices[k];
    if (j >= size) return false;
    s += values[k] * coef[interceptOffset + j];
  }
  // Finite values give a finite sum unless it overflows to ±∞ (kept: the probability is then 0 or 1).
  if (s !== s) return false;
  if (s - s !== 0) for (let k = offsets[i]; k < end; k++) if (values[k] - values[k] !== 0) return false;
  out[i] = s;
  return true;
}

function stringsToVectors(column: StringColumn, name: string, operator: string, at: ChunkPosition | undefined): VectorColumn {
  const values: Value[] = column.values.map((text, i) => {
    if (text === null) return null;
    try {
      return parseVector(text);
    } catch (error) {
      const ref = rowRef(at, i);
      throw new StreamlabError(`${operator}: ${ref.text} of the vector column ${quote(name)}: ${(error as Error).message}`, { operator, column: name, ...rowContext(ref) });
    }
  });
  return columnFromValues("VECTOR", values) as VectorColumn;
}
