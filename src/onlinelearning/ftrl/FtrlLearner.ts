/**
 * FTRL-Proximal logistic regression state and update, as Alink's `FtrlTrainStreamOp` computes it
 * (reference §6.2–6.4; McMahan et al., "Ad Click Prediction: a View from the Trenches", KDD 2013).
 *
 * Per mini-batch: for every row, p = σ(w·x) (x with a leading 1.0 when there is an intercept) and,
 * for every coordinate i the row stores, g_i += (p − y)·x_i and c_i += 1; then each touched
 * coordinate gets the averaged gradient G_i = g_i / c_i and the per-coordinate update
 *   σ = (√(n_i + G²) − √n_i)/α,  z_i += G − σ·w_i,  n_i += G²,
 *   w_i = 0 if |z_i| ≤ l1, else (sign(z_i)·l1 − z_i) / ((β + √n_i)/α + l2).
 * The intercept (coordinate 0) is updated and regularised like any other coordinate (as in Alink).
 *
 * State lives in three Float64Arrays; rows arrive as CSR slices, so no object is made per row.
 */
export interface FtrlHyperParams {
  alpha: number;
  beta: number;
  l1: number;
  l2: number;
}

export class FtrlLearner {
  readonly w: Float64Array;
  readonly z: Float64Array;
  readonly n: Float64Array;
  private readonly gradSum: Float64Array;
  private readonly gradCount: Int32Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  /** Rows in the current (not yet applied) mini-batch. */
  pending = 0;

  /**
   * @param initialWeights coefficients with the intercept first when `withIntercept` (Alink's layout)
   */
  constructor(initialWeights: Float64Array, readonly withIntercept: boolean, readonly params: FtrlHyperParams) {
    this.w = Float64Array.from(initialWeights);
    this.z = new Float64Array(this.w.length);
    this.n = new Float64Array(this.w.length);
    this.gradSum = new Float64Array(this.w.length);
    this.gradCount = new Int32Array(this.w.length);
    this.touched = new Int32Array(this.w.length);
  }

  get dimension(): number {
    return this.w.length;
  }

  /** w·x for a sparse row (indices are feature indices, without the intercept shift). */
  margin(indices: Int32Array, values: Float64Array, from: number, to: number): number {
    const shift = this.withIntercept ? 1 : 0;
    let dot = this.withIntercept ? this.w[0] : 0;
    const w = this.w;
    for (let k = from; k < to; k++) dot += w[indices[k] + shift] * values[k];
    return dot;
  }

  /**
   * Adds one row's gradient to the mini-batch; returns the probability predicted *before*
   * learning from the row (progressive validation).
   */
  accumulate(indices: Int32Array, values: Float64Array, from: number, to: number, label: number): number {
    const p = sigmoid(this.margin(indices, values, from, to));
    const residual = p - label;
    const shift = this.withIntercept ? 1 : 0;
    if (this.withIntercept) this.touch(0, residual);
    for (let k = from; k < to; k++) this.touch(indices[k] + shift, residual * values[k]);
    this.pending++;
    return p;
  }

  private touch(i: number, g: number): void {
    if (this.gradCount[i] === 0) this.touched[this.touchedCount++] = i;
    this.gradSum[i] += g;
    this.gradCount[i]++;
  }

  /** Applies the mini-batch: one FTRL-Proximal step per touched coordinate with its averaged gradient. */
  applyBatch(): void {
    const { alpha, beta, l1, l2 } = this.params;
    const { w, z, n, gradSum, gradCount, touched } = this;
    for (let t = 0; t < this.touchedCount; t++) {
      const i = touched[t];
      const g = gradSum[i] / gradCount[i];
      gradSum[i] = 0;
      gradCount[i] = 0;
      const sqrtN = Math.sqrt(n[i]);
      const sigma = (Math.sqrt(n[i] + g * g) - sqrtN) / alpha;
      z[i] += g - sigma * w[i];
      n[i] += g * g;
      const zi = z[i];
      if (Math.abs(zi) <= l1) w[i] = 0;
      else w[i] = ((zi < 0 ? -1 : 1) * l1 - zi) / ((beta + Math.sqrt(n[i])) / alpha + l2);
    }
    this.touchedCount = 0;
    this.pending = 0;
  }

  /** Replaces the weights and resets n and z (Alink's rebase from a model stream, §6.5). */
  rebase(weights: Float64Array): void {
    this.w.set(weights);
    this.z.fill(0);
    this.n.fill(0);
  }
}

export function sigmoid(margin: number): number {
  return 1 / (1 + Math.exp(-margin));
}
