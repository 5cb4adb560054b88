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
 * State lives in Float64Arrays (w, z, n, √n, the mini-batch gradient); rows arrive as CSR slices, so no
 * object is made per row.
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
  /** √n per coordinate, kept beside `n` so that an update takes one square root (always equal to Math.sqrt(n[i])). */
  private readonly sqrtN: Float64Array;
  /** Mini-batch gradient per coordinate: the sum at 2i and the row count at 2i + 1 (one cache line for both). */
  private readonly grad: Float64Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  /** 1 when coordinate 0 is the intercept (features are then shifted by one). */
  private readonly shift: number;
  /** Rows in the current (not yet applied) mini-batch. */
  pending = 0;

  /**
   * @param initialWeights coefficients with the intercept first when `withIntercept` (Alink's layout)
   */
  constructor(initialWeights: Float64Array, readonly withIntercept: boolean, readonly params: FtrlHyperParams) {
    this.w = Float64Array.from(initialWeights);
    this.z = new Float64Array(this.w.length);
    this.n = new Float64Array(this.w.length);
    this.sqrtN = new Float64Array(this.w.length);
    this.grad = new Float64Array(2 * this.w.length);
    this.touched = new Int32Array(this.w.length + 1); // + 1: the branch-free append writes one past the end when all are touched
    this.shift = withIntercept ? 1 : 0;
  }

  get dimension(): number {
    return this.w.length;
  }

  /** w·x for a sparse row (indices are feature indices, without the intercept shift). */
  margin(indices: Int32Array, values: Float64Array, from: number, to: number): number {
    const w = this.w;
    const shift = this.shift;
    let dot = shift === 1 ? w[0] : 0;
    for (let k = from; k < to; k++) dot += w[indices[k] + shift] * values[k];
    return dot;
  }

  /**
   * Adds one row's gradient to the mini-batch; returns the probability predicted *before*
   * learning from the row (progressive validation). A row holding a NaN or ±Infinity value is not
   * added (one such gradient would poison every coefficient it touches): NaN is returned instead.
   */
  accumulate(indices: Int32Array, values: Float64Array, from: number, to: number, label: number): number {
    // The hot loop of FTRL training: everything in locals, margin and gradient written out.
    const w = this.w;
    const grad = this.grad;
    const touched = this.touched;
    const shift = this.shift;
    let dot = shift === 1 ? w[0] : 0;
    // Σ x·0 is NaN exactly when some x is NaN or ±Infinity: the check rides on the margin loop
    // (the values are in registers there), so clean rows pay one multiply-add per entry.
    let finite = 0;
    for (let k = from; k < to; k++) {
      const x = values[k];
      dot += w[indices[k] + shift] * x;
      finite += x * 0;
    }
    if (finite !== finite) return Number.NaN;
    const p = sigmoid(dot);
    const residual = p - label;
    let count = this.touchedCount;
    if (shift === 1) {
      if (grad[1] === 0) touched[count++] = 0;
      grad[0] += residual;
      grad[1] += 1;
    }
    for (let k = from; k < to; k++) {
      const i = indices[k] + shift;
      const at = 2 * i;
      const c = grad[at + 1];
      // Branch-free "remember i if this batch had not touched it yet": whether a coordinate is new
      // is unpredictable, and a mispredicted branch here costs more than the store.
      touched[count] = i;
      count += +(c === 0);
      grad[at] += residual * values[k];
      grad[at + 1] = c + 1;
    }
    this.touchedCount = count;
    this.pending++;
    return p;
  }

  /** Applies the mini-batch: one FTRL-Proximal step per touched coordinate with its averaged gradient. */
  applyBatch(): void {
    const { alpha, beta, l1, l2 } = this.params;
    const { w, z, n, sqrtN, grad, touched } = this;
    const count = this.touchedCount;
    for (let t = 0; t < count; t++) {
      const i = touched[t];
      const at = 2 * i;
      const g = grad[at] / grad[at + 1];
      grad[at] = 0;
      grad[at + 1] = 0;
      // σ = (√(n + g²) − √n)/α; the new √n is that same square root.
      const nNext = n[i] + g * g;
      const sqrtNext = Math.sqrt(nNext);
      const sigma = (sqrtNext - sqrtN[i]) / alpha;
      const zi = z[i] + (g - sigma * w[i]);
      z[i] = zi;
      n[i] = nNext;
      sqrtN[i] = sqrtNext;
      if (Math.abs(zi) <= l1) w[i] = 0;
      else w[i] = ((zi < 0 ? -1 : 1) * l1 - zi) / ((beta + sqrtNext) / alpha + l2);
    }
    this.touchedCount = 0;
    this.pending = 0;
  }

  /** Replaces the weights and resets n and z (Alink's rebase from a model stream, §6.5). */
  rebase(weights: Float64Array): void {
    this.w.set(weights);
    this.z.fill(0);
    this.n.fill(0);
    this.sqrtN.fill(0);
  }
}

export function sigmoid(margin: number): number {
  return 1 / (1 + Math.exp(-margin));
}
