import { BooleanColumn, Column, NumberColumn, StringColumn, Value, VectorColumn, VectorColumnBuilder } from "../../core/column";
import { StreamlabError, quote } from "../../core/errors";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { TypeName, isNumericType, isVectorType } from "../../core/types";
import { parseVector } from "../../core/vector";
import { CsrRows } from "./blockExecutor";
import { isLabelType, labelToString, orderTwoLabels } from "../../common/labels";

/**
 * Turns a training table into the CSR rows the linear trainers compute on, checking everything a
 * user can get wrong and naming the column and row when something is off.
 *
 * - Features come from `vectorCol` (a vector column, or a STRING column of vector strings) or
 *   from numeric `featureCols` (both set is an error, as in Alink); with neither, every numeric
 *   column except the label and the weight column (Alink also takes the weight, errata E9).
 * - A vector column's CSR arrays are used as they are, without copying.
 * - Rows with weight 0 are left out of everything (standardization, labels, loss); they are
 *   not checked. A negative, NaN, infinite or null weight is an error (Alink silently drops
 *   weights ≤ 0).
 * - Used rows must have a label (finite, when numeric), no null feature and only finite feature
 *   values (Alink rejects nulls but lets NaN through, which poisons the model).
 * - All training vectors must have one size (dense length or sparse `$n$`); sparse vectors
 *   without a size take the largest index + 1 and must fit the others' size.
 */
export interface LinearTrainingData extends CsrRows {
  /** All used rows dense (feature columns or dense vectors): standardize by mean and sample std. */
  readonly dense: boolean;
  /** `[positive, negative]` in Alink's order (§4.5). */
  readonly labelValues: [Value, Value];
  readonly labelType: TypeName;
  /** Feature column names (featureCols input), else null. */
  readonly featureNames: string[] | null;
  /** Alink's feature type names ("double", "int", ...) for featureCols input, else null. */
  readonly featureTypes: string[] | null;
  /** The vector column (vectorCol input), else null. */
  readonly vectorColName: string | null;
  /** Rows with a positive weight. */
  readonly usedRows: number;
}

export interface LinearTrainingParams {
  labelCol: string;
  featureCols: readonly string[] | null;
  vectorCol: string | null;
  weightCol: string | null;
}

export type FeatureSource = { kind: "vector"; column: string } | { kind: "columns"; columns: string[] };

/**
 * Where the features come from, checked against the schema (used at link time and at training).
 * Column names are returned as spelled in the schema.
 */
export function resolveFeatureSource(schema: Schema, params: LinearTrainingParams, operator: string): FeatureSource {
  const { featureCols, vectorCol, labelCol, weightCol } = params;
  schema.require(labelCol, { operator, param: "labelCol" });
  if (weightCol !== null) {
    const type = schema.types[schema.require(weightCol, { operator, param: "weightCol" })];
    if (!isNumericType(type)) throw new StreamlabError(`${operator}: the weight column ${quote(weightCol)} is ${type}; expected a numeric column.`, { operator, param: "weightCol", column: weightCol });
  }
  const labelType = schema.typeOf(labelCol);
  if (!isLabelType(labelType)) {
    throw new StreamlabError(`${operator}: the label column ${quote(labelCol)} is ${labelType}; labels must be numbers, strings or booleans.`, { operator, param: "labelCol", column: labelCol });
  }
  if (featureCols !== null && vectorCol !== null) {
    throw new StreamlabError(`${operator}: featureCols and vectorCol cannot be set at the same time; set one of them.`, { operator, param: "vectorCol" });
  }
  if (vectorCol !== null) {
    const index = schema.require(vectorCol, { operator, param: "vectorCol" });
    const type = schema.types[index];
    if (!isVectorType(type) && type !== "STRING") {
      throw new StreamlabError(`${operator}: vectorCol ${quote(vectorCol)} is ${type}; expected a VECTOR column or a STRING column of vector strings.`, { operator, param: "vectorCol", column: vectorCol });
    }
    return { kind: "vector", column: schema.names[index] };
  }
  if (featureCols !== null) {
    if (featureCols.length === 0) {
      throw new StreamlabError(`${operator}: featureCols is empty; name at least one numeric column, or leave it null to use every numeric column except the label.`, { operator, param: "featureCols" });
    }
    const columns = featureCols.map((name) => {
      const index = schema.require(name, { operator, param: "featureCols" });
      const type = schema.types[index];
      if (!isNumericType(type)) {
        throw new StreamlabError(`${operator}: feature column ${quote(name)} is ${type}; linear models need numeric feature columns (or a vector column via vectorCol).`, { operator, param: "featureCols", column: name });
      }
      return schema.names[index];
    });
    return { kind: "columns", columns };
  }
  const label = schema.names[schema.indexOf(labelCol)];
  const weight = weightCol === null ? null : schema.names[schema.indexOf(weightCol)];
  const columns = schema.names.filter((name, i) => isNumericType(schema.types[i]) && name !== label && name !== weight);
  if (columns.length === 0) {
    throw new StreamlabError(`${operator}: no numeric feature columns besides the label ${quote(labelCol)}; set featureCols or vectorCol.`, { operator, param: "featureCols" });
  }
  return { kind: "columns", columns };
}

/** Alink's `featureColTypes` names (BaseLinearModelTrainBatchOp.getFeatureTypes); TINYINT, which Alink rejects there, is "byte". */
const ALINK_FEATURE_TYPE: Partial<Record<TypeName, string>> = {
  DOUBLE: "double", FLOAT: "float", BIGINT: "long", INT: "int", SMALLINT: "short", TINYINT: "byte",
};

export function extractTrainingData(table: Table, params: LinearTrainingParams, operator: string): LinearTrainingData {
  const schema = table.schema;
  const source = resolveFeatureSource(schema, params, operator);
  const n = table.numRows;
  if (n === 0) throw new StreamlabError(`${operator}: the training data is empty; logistic regression needs rows of both labels.`, { operator });

  const weights = readWeights(table, params.weightCol, operator);
  let usedRows = 0;
  for (let i = 0; i < n; i++) if (weights[i] > 0) usedRows++;
  if (usedRows === 0) throw new StreamlabError(`${operator}: every row has weight 0; nothing to train on.`, { operator, param: "weightCol" });

  const labelName = schema.names[schema.indexOf(params.labelCol)];
  const labelColumn = table.column(labelName);
  const labelType = schema.typeOf(labelName);
  const { labelValues, y } = readLabels(labelColumn, labelName, labelType, weights, operator);

  if (source.kind === "columns") {
    const rows = denseRowsFromColumns(table, source.columns, weights, operator);
    return {
      ...rows,
      y,
      weights,
      dense: true,
      labelValues,
      labelType,
      featureNames: source.columns,
      featureTypes: source.columns.map((c) => ALINK_FEATURE_TYPE[schema.typeOf(c)] ?? "double"),
      vectorColName: null,
      usedRows,
    };
  }
  const column = table.column(source.column);
  const vectors = column.kind === "vector" ? column : parseVectorStrings(column as StringColumn, source.column, weights, operator);
  const rows = rowsFromVectors(vectors, source.column, weights, operator);
  return { ...rows, y, weights, labelValues, labelType, featureNames: null, featureTypes: null, vectorColName: source.column, usedRows };
}

function readWeights(table: Table, weightCol: string | null, operator: string): Float64Array {
  const n = table.numRows;
  const weights = new Float64Array(n);
  if (weightCol === null) return weights.fill(1);
  const column = table.column(weightCol) as NumberColumn;
  const name = table.schema.names[table.schema.indexOf(weightCol)];
  for (let i = 0; i < n; i++) {
    if (column.isNull(i)) throw new StreamlabError(`${operator}: the weight column ${quote(name)} is null at row ${i}.`, { operator, column: name, row: i });
    const w = column.values[i];
    if (!(w >= 0) || w === Infinity) {
      throw new StreamlabError(
        `${operator}: the weight column ${quote(name)} holds ${w} at row ${i}; weights must be finite numbers ≥ 0 (rows with weight 0 are left out).`,
        { operator, column: name, row: i },
      );
    }
    weights[i] = w;
  }
  return weights;
}

function readLabels(column: Column, name: string, type: TypeName, weights: Float64Array, operator: string): { labelValues: [Value, Value]; y: Float64Array } {
  const n = column.length;
  const read: (i: number) => Value =
    column.kind === "string"
      ? (i) => (column as StringColumn).values[i]
      : column.kind === "boolean"
        ? (i) => (column as BooleanColumn).values[i] === 1
        : (i) => (column as NumberColumn).values[i];
  const same = (a: Value, b: Value) => a === b || (a !== a && b !== b);
  let first: Value = null;
  let second: Value = null;
  let count = 0;
  let more: Set<string> | null = null;
  for (let i = 0; i < n; i++) {
    if (weights[i] === 0) continue;
    if (column.isNull(i)) throw new StreamlabError(`${operator}: the label column ${quote(name)} is null at row ${i}; remove or fill rows without a label.`, { operator, column: name, row: i });
    const v = read(i);
    if (typeof v === "number" && v - v !== 0) {
      // A NaN label would be a class of its own (NaN ≠ NaN everywhere else); an infinite one is a data error.
      throw new StreamlabError(`${operator}: the label column ${quote(name)} holds ${v} at row ${i}; numeric labels must be finite numbers.`, { operator, column: name, row: i });
    }
    if (count === 0) {
      first = v;
      count = 1;
    } else if (count === 1) {
      if (!same(v, first)) {
        second = v;
        count = 2;
      }
    } else if (!same(v, first) && !same(v, second)) {
      // More than two labels: collect them all (in order of appearance) for the message.
      more ??= new Set([labelToString(first, type), labelToString(second, type)]);
      more.add(labelToString(v, type));
    }
  }
  if (count !== 2 || more !== null) {
    const all = more !== null ? [...more] : count === 1 ? [labelToString(first, type)] : [];
    const shown = all.slice(0, 10).join(", ") + (all.length > 10 ? ", …" : "");
    throw new StreamlabError(
      `${operator}: logistic regression needs exactly 2 distinct labels in column ${quote(name)}, found ${all.length}: ${shown}.`,
      { operator, param: "labelCol", column: name },
    );
  }
  const labelValues = orderTwoLabels(first, second, type);
  const positive = labelValues[0];
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) if (weights[i] !== 0) y[i] = same(read(i), positive) ? 1 : -1;
  return { labelValues, y };
}

type RowArrays = Pick<LinearTrainingData, "numRows" | "numFeatures" | "offsets" | "indices" | "values" | "dense">;

function denseRowsFromColumns(table: Table, names: readonly string[], weights: Float64Array, operator: string): RowArrays {
  const n = table.numRows;
  const d = names.length;
  const offsets = new Int32Array(n + 1);
  const indices = new Int32Array(n * d);
  const values = new Float64Array(n * d);
  names.forEach((name, j) => {
    const column = table.column(name) as NumberColumn;
    const src = column.values;
    for (let i = 0; i < n; i++) {
      const at = i * d + j;
      indices[at] = j;
      if (weights[i] === 0) continue;
      if (column.isNull(i)) {
        throw new StreamlabError(`${operator}: the feature column ${quote(name)} is null at row ${i}; linear models need every feature value (fill or drop nulls first).`, { operator, column: name, row: i });
      }
      const v = src[i];
      if (v - v !== 0) {
        throw new StreamlabError(`${operator}: the feature column ${quote(name)} holds ${v} at row ${i}; features must be finite numbers.`, { operator, column: name, row: i });
      }
      values[at] = v;
    }
  });
  for (let i = 0; i <= n; i++) offsets[i] = i * d;
  return { numRows: n, numFeatures: d, offsets, indices, values, dense: true };
}

function parseVectorStrings(column: StringColumn, name: string, weights: Float64Array, operator: string): VectorColumn {
  const builder = new VectorColumnBuilder("VECTOR", column.length);
  for (let i = 0; i < column.length; i++) {
    const text = column.values[i];
    if (text === null || weights[i] === 0) {
      if (text === null && weights[i] !== 0) builder.appendNull();
      else builder.appendSparse(0, [], [], 0);
      continue;
    }
    try {
      builder.append(parseVector(text));
    } catch (error) {
      throw new StreamlabError(`${operator}: row ${i} of the vector column ${quote(name)}: ${(error as Error).message}`, { operator, column: name, row: i });
    }
  }
  return builder.build();
}

function rowsFromVectors(column: VectorColumn, name: string, weights: Float64Array, operator: string): RowArrays {
  const n = column.length;
  const { sizes, offsets, indices, values, dense: denseFlags } = column;
  let size = -1;
  let sizeRow = -1;
  let maxUnsized = -1;
  let maxUnsizedRow = -1;
  let allDense = true;
  for (let i = 0; i < n; i++) {
    if (weights[i] === 0) continue;
    if (column.isNull(i)) {
      throw new StreamlabError(`${operator}: the vector column ${quote(name)} is null at row ${i}; linear models need a feature vector in every row.`, { operator, column: name, row: i });
    }
    if (denseFlags[i] !== 1) allDense = false;
    const s = sizes[i];
    const from = offsets[i];
    const to = offsets[i + 1];
    if (s >= 0) {
      if (size < 0) {
        size = s;
        sizeRow = i;
      } else if (s !== size) {
        throw new StreamlabError(
          `${operator}: vectors in column ${quote(name)} have different sizes: ${size} at row ${sizeRow} and ${s} at row ${i}; all training vectors must have the same size.`,
          { operator, column: name, row: i },
        );
      }
    } else if (to > from) {
      let top = -1;
      for (let k = from; k < to; k++) if (indices[k] > top) top = indices[k];
      if (top > maxUnsized) {
        maxUnsized = top;
        maxUnsizedRow = i;
      }
    }
    for (let k = from; k < to; k++) {
      const v = values[k];
      if (v - v !== 0) {
        throw new StreamlabError(
          `${operator}: the vector in column ${quote(name)} holds ${v} at row ${i} (index ${indices[k]}); features must be finite numbers.`,
          { operator, column: name, row: i },
        );
      }
    }
  }
  if (size >= 0 && maxUnsized >= size) {
    throw new StreamlabError(
      `${operator}: the vector at row ${maxUnsizedRow} of column ${quote(name)} has index ${maxUnsized}, beyond the size ${size} of the other vectors.`,
      { operator, column: name, row: maxUnsizedRow },
    );
  }
  const d = size >= 0 ? size : maxUnsized + 1;
  return { numRows: n, numFeatures: d, offsets, indices, values, dense: allDense };
}
