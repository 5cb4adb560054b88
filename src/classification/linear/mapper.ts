import { Column, NumberColumn, StringColumn, Value, VectorColumn, columnFromValues } from "../../core/column";
import { StreamlabError, quote } from "../../core/errors";
import { javaHashMapOrder } from "../../core/javaJson";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { TypeName, isNumericType, isVectorType } from "../../core/types";
import { parseVector } from "../../core/vector";
import { BinaryDetailTexts } from "../../common/binaryDetails";
import { Mapper, ParamReader } from "../../common/mapper";
import { OutputColsHelper } from "../../common/outputCols";
import { labelToString } from "./labels";
import { LinearModelData } from "./model";

/**
 * Prediction with a linear model (Alink's `LinearModelMapper`, reference §4.7), shared by
 * `LogisticRegressionPredictBatchOp`, the `LogisticRegressionModel` pipeline stage and (next)
 * the FTRL predictors.
 *
 * - Features: the `vectorCol` parameter if set, else the model's feature columns (looked up by
 *   name), else the model's vector column (errata E5).
 * - `dot = coef · [1, x]` (the 1 only with an intercept), tolerant of size differences: a sparse
 *   vector's indices beyond the model are ignored; a dense vector of another length uses the
 *   first `min(len)` coordinates. A null feature value counts as 0 (Alink).
 * - Classifiers (LR, SVM, Perceptron): label `labelValues[0]` if `dot ≥ 0` else `labelValues[1]`.
 *   LR/SVM detail: `{"<label>":"<probability>",…}` with `p0 = 1 − 1/(1 + exp(dot))`,
 *   `p1 = 1 − p0`, values in Java `Double.toString` form as JSON strings, keys in the iteration
 *   order of Java's `new HashMap<>(0)` (so labels 2.0/1.0 print `"2.0"` first).
 * - Regression models (LinearReg, SVR): prediction = dot (DOUBLE); the detail column is null.
 * - A row whose feature vector is null gets a null prediction and detail (Alink would fail).
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

  constructor(readonly model: LinearModelData, readonly dataSchema: Schema, params: ParamReader, readonly operator = "LinearModelMapper") {
    const type = model.linearModelType;
    if (!CLASSIFIERS.has(type) && !REGRESSORS.has(type)) {
      throw new StreamlabError(`${operator}: linear model type ${quote(type)} cannot be predicted by LinearModelMapper.`, { operator });
    }
    this.classifier = CLASSIFIERS.has(type);
    if (this.classifier && model.labelValues.length !== 2) {
      throw new StreamlabError(`${operator}: the ${type} model has ${model.labelValues.length} label rows; a binary classifier needs 2.`, { operator });
    }
    const predictionCol = params.get("predictionCol") as string;
    const detailCol = params.get("predictionDetailCol") as string | null;
    const reservedCols = params.get("reservedCols") as readonly string[] | null;
    const vectorCol = params.get("vectorCol") as string | null;
    this.withDetail = detailCol !== null;
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

  /** `coef · [1, x]` per row; NaN where the feature vector is null. */
  scores(chunk: Table): Float64Array {
    const n = chunk.numRows;
    const out = new Float64Array(n);
    const coef = this.model.coefVector;
    const off = this.model.hasInterceptItem ? 1 : 0;
    const bias = off === 1 ? coef[0] : 0;
    if (this.featureIndices !== null) {
      out.fill(bias);
      this.featureIndices.forEach((col, j) => {
        const column = chunk.columns[col] as NumberColumn;
        const c = coef[off + j] ?? 0;
        const values = column.values;
        if (column.nulls === null) for (let i = 0; i < n; i++) out[i] += c * values[i];
        else for (let i = 0; i < n; i++) if (column.nulls[i] !== 1) out[i] += c * values[i];
      });
      return out;
    }
    const column = chunk.columns[this.vectorIndex];
    const vectors = column.kind === "vector" ? column : stringsToVectors(column as StringColumn, this.dataSchema.names[this.vectorIndex], this.operator);
    linearScoresOfVectors(vectors, coef, off, out);
    return out;
  }

  map(chunk: Table): Table {
    const n = chunk.numRows;
    const dots = this.scores(chunk);
    const vectorColumn = this.vectorIndex >= 0 ? chunk.columns[this.vectorIndex] : null;
    const outputs: Column[] = [];
    if (!this.classifier) {
      const values: Value[] = new Array(n);
      for (let i = 0; i < n; i++) values[i] = vectorColumn !== null && vectorColumn.isNull(i) ? null : dots[i];
      outputs.push(columnFromValues("DOUBLE", values));
      if (this.withDetail) outputs.push(new StringColumn(new Array<string | null>(n).fill(null)));
      return this.helper.combine(chunk, outputs);
    }
    const labels = this.model.labelValues;
    const predictions: Value[] = new Array(n);
    // Details are kept as p(labels[0]) per row and rendered as JSON only when read (BinaryDetailTexts).
    const withDetails = this.withDetail && WITH_DETAIL.has(this.model.linearModelType);
    const p0s = withDetails ? new Float64Array(n) : null;
    let detailNulls: Uint8Array | null = null;
    for (let i = 0; i < n; i++) {
      if (vectorColumn !== null && vectorColumn.isNull(i)) {
        predictions[i] = null;
        if (p0s !== null) (detailNulls ??= new Uint8Array(n))[i] = 1;
        continue;
      }
      const dot = dots[i];
      predictions[i] = dot >= 0 ? labels[0] : labels[1];
      if (p0s !== null) p0s[i] = 1 - 1.0 / (1.0 + Math.exp(dot));
    }
    outputs.push(columnFromValues(this.predictionType, predictions));
    if (this.withDetail) {
      const [first, second] = this.detailOrder;
      outputs.push(
        p0s !== null
          ? StringColumn.rendered(new BinaryDetailTexts([first.text, second.text], first.label === 0 ? 0 : 1, p0s, detailNulls))
          : new StringColumn(new Array<string | null>(n).fill(null)),
      );
    }
    return this.helper.combine(chunk, outputs);
  }
}

/**
 * `out[i] = coef · [1?, x_i]` over a CSR vector column with Alink's size tolerance
 * (`FeatureLabelUtil.dot`); NaN for null rows.
 */
export function linearScoresOfVectors(vectors: VectorColumn, coef: Float64Array, interceptOffset: number, out: Float64Array): void {
  const { offsets, indices, values } = vectors;
  const limit = coef.length - interceptOffset;
  const bias = interceptOffset === 1 ? coef[0] : 0;
  for (let i = 0; i < vectors.length; i++) {
    if (vectors.isNull(i)) {
      out[i] = NaN;
      continue;
    }
    let s = bias;
    const end = offsets[i + 1];
    for (let k = offsets[i]; k < end; k++) {
      const j = indices[k];
      if (j < limit) s += values[k] * coef[interceptOffset + j];
    }
    out[i] = s;
  }
}

function stringsToVectors(column: StringColumn, name: string, operator: string): VectorColumn {
  const values: Value[] = column.values.map((text, i) => {
    if (text === null) return null;
    try {
      return parseVector(text);
    } catch (error) {
      throw new StreamlabError(`${operator}: row ${i} of the vector column ${quote(name)}: ${(error as Error).message}`, { operator, column: name, row: i });
    }
  });
  return columnFromValues("VECTOR", values) as VectorColumn;
}
