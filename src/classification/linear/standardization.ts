import { CsrRows } from "./blockExecutor";

/**
 * How the linear trainers standardize features (Alink's `BaseLinearModelTrainBatchOp`,
 * reference §5.3): `x'_j = (x_j − mean_j) / scale_j`.
 *
 * - dense data (feature columns, or a vector column whose rows are all dense): `mean_j` is the
 *   mean and `scale_j` the **sample** standard deviation `sqrt(max(0, Σx² − n·mean²)/(n − 1))`;
 *   without intercept the data are only scaled (mean 0);
 * - sparse data: no centering, `scale_j = max_i |x_ij|`;
 * - a zero scale (constant column, or one used row) becomes scale 1 with mean 0, as Alink's
 *   `modifyMeanVar` does; with `standardization = false` every mean is 0 and every scale 1.
 *
 * Only rows with a positive weight count (Alink also counts zero-weight rows, errata E9).
 * The same pass also gives each feature's plain sample standard deviation, which Alink uses for
 * the feature-importance side output (`|coef_j|·std_j`).
 */
export interface Standardization {
  readonly mean: Float64Array;
  readonly scale: Float64Array;
  /** Sample standard deviation of each raw feature over the used rows (0 when fewer than 2 rows). */
  readonly std: Float64Array;
  /** Mean of `x'_j²` over the used rows (standardized features): the optimizers' curvature estimate. */
  readonly secondMoment: Float64Array;
}

export function computeStandardization(rows: CsrRows, dense: boolean, withIntercept: boolean, enabled: boolean): Standardization {
  const d = rows.numFeatures;
  const sum = new Float64Array(d);
  const sumSq = new Float64Array(d);
  const maxAbs = new Float64Array(d);
  const { offsets, indices, values, weights } = rows;
  let n = 0;
  for (let i = 0; i < rows.numRows; i++) {
    if (weights[i] === 0) continue;
    n++;
    for (let k = offsets[i]; k < offsets[i + 1]; k++) {
      const j = indices[k];
      const v = values[k];
      sum[j] += v;
      sumSq[j] += v * v;
      const a = Math.abs(v);
      if (a > maxAbs[j]) maxAbs[j] = a;
    }
  }
  const mean = new Float64Array(d);
  const scale = new Float64Array(d).fill(1);
  const std = new Float64Array(d);
  const secondMoment = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const mu = n > 0 ? sum[j] / n : 0;
    std[j] = n > 1 ? Math.sqrt(Math.max(0, sumSq[j] - n * mu * mu) / (n - 1)) : 0;
    if (!enabled) continue;
    if (dense) {
      if (std[j] !== 0 && Number.isFinite(std[j])) {
        scale[j] = std[j];
        mean[j] = withIntercept ? mu : 0;
      }
    } else if (maxAbs[j] !== 0) {
      scale[j] = maxAbs[j];
    }
  }
  for (let j = 0; j < d; j++) {
    // Σ (x − μ)² / σ² / n, from the raw sums.
    const m = mean[j];
    secondMoment[j] = n > 0 ? Math.max(0, sumSq[j] - 2 * m * sum[j] + n * m * m) / (scale[j] * scale[j]) / n : 0;
  }
  return { mean, scale, std, secondMoment };
}

/** No standardization: means 0, scales 1 (used when mapping coefficients that need no change). */
export function identityStandardization(d: number): Standardization {
  return { mean: new Float64Array(d), scale: new Float64Array(d).fill(1), std: new Float64Array(d), secondMoment: new Float64Array(d).fill(1) };
}
