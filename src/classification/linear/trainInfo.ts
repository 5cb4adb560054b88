import { NumberColumn, StringColumn } from "../../core/column";
import { jsonDoubleArray } from "../../core/javaJson";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { labelToString } from "../../common/labels";
import { LinearModelData, linearModelMetaJson } from "./model";
import { OptimizerTrace } from "./optimizer";

/**
 * What a linear trainer reports besides the model: the optimizer's trace (objective and
 * gradient norm per step) plus the data it saw. `losses[0]` is the objective at the starting
 * coefficients, `losses[k]` after step k (so `losses.length === iterations + 1`).
 */
export interface LinearTrainingInfo extends OptimizerTrace {
  /** Rows used (positive weight). */
  numRows: number;
  /** Rows left out because their weight is 0. */
  droppedRows: number;
  /** Features, excluding the intercept. */
  numFeatures: number;
  /** Sum of the used rows' weights (the loss is a weighted mean over it). */
  weightSum: number;
  /** Threads the trainer computed on. */
  threads: number;
}

/** Alink keeps at most this many features in the info side output (the most and least important halves). */
const INFO_FEATURE_LIMIT = 10000;

/** Feature names as the side outputs show them: the columns, or "0", "1", … for vector input. */
export function featureDisplayNames(model: LinearModelData): string[] {
  return model.featureNames ?? Array.from({ length: model.vectorSize }, (_, j) => String(j));
}

/** Alink's feature importance: `|coef_j| · std_j` with the sample std of the raw feature. */
export function featureImportance(model: LinearModelData, std: Float64Array): Float64Array {
  const off = model.hasInterceptItem ? 1 : 0;
  const out = new Float64Array(model.vectorSize);
  for (let j = 0; j < out.length; j++) out[j] = Math.abs(model.coefVector[off + j] * std[j]);
  return out;
}

/**
 * The three side outputs of Alink's linear trainers (errata E20):
 * 0 model info `id INT, info STRING` (0 meta, 1 feature names, 2 coefficients, 3 importance,
 * 4 convergence info as `[loss, gradNorm, step]` triples — all JSON),
 * 1 importance `col_name STRING, importance DOUBLE`, 2 weights `col_name STRING, weight DOUBLE`
 * (`_intercept_` first). With 10 000 features or more, the info table keeps the 5 000 most and
 * 5 000 least important ones, as Alink does; the other two tables list every feature.
 */
export function linearSideOutputs(model: LinearModelData, importance: Float64Array, info: LinearTrainingInfo): Table[] {
  const names = featureDisplayNames(model);
  const off = model.hasInterceptItem ? 1 : 0;
  const d = names.length;

  let infoNames = names;
  let infoWeights: ArrayLike<number> = model.coefVector;
  let infoImportance: ArrayLike<number> = importance;
  if (d >= INFO_FEATURE_LIMIT) {
    const order = Array.from({ length: d }, (_, j) => j).sort((a, b) => importance[b] - importance[a] || a - b);
    const half = INFO_FEATURE_LIMIT / 2;
    const kept = [...order.slice(0, half), ...order.slice(d - half)];
    infoNames = kept.map((j) => names[j]);
    infoWeights = Float64Array.from(kept, (j) => model.coefVector[off + j]);
    infoImportance = Float64Array.from(kept, (j) => importance[j]);
  }
  const convergence = new Float64Array(3 * info.losses.length);
  info.losses.forEach((loss, k) => {
    convergence[3 * k] = loss;
    convergence[3 * k + 1] = info.gradientNorms[k];
    convergence[3 * k + 2] = info.stepSizes[k];
  });
  const labelsJson = "[" + model.labelValues.map((v) => (typeof v === "string" ? JSON.stringify(v) : labelToString(v, model.labelType))).join(",") + "]";
  const meta = linearModelMetaJson({ ...model, extraMeta: [...(model.extraMeta ?? []), ["labelValues", labelsJson]] });
  const infoTable = new Table(new Schema(["id", "info"], ["INT", "STRING"]), [
    new NumberColumn("INT", Int32Array.of(0, 1, 2, 3, 4), null),
    new StringColumn([meta, JSON.stringify(infoNames), jsonDoubleArray(infoWeights), jsonDoubleArray(infoImportance), jsonDoubleArray(convergence)]),
  ]);
  const importanceTable = new Table(new Schema(["col_name", "importance"], ["STRING", "DOUBLE"]), [
    new StringColumn(names),
    new NumberColumn("DOUBLE", Float64Array.from(importance), null),
  ]);
  const weightNames = off === 1 ? ["_intercept_", ...names] : names;
  const weightsTable = new Table(new Schema(["col_name", "weight"], ["STRING", "DOUBLE"]), [
    new StringColumn(weightNames),
    new NumberColumn("DOUBLE", Float64Array.from(model.coefVector), null),
  ]);
  return [infoTable, importanceTable, weightsTable];
}
