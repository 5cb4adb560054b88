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
 *
 * With `miniBatchSize` 1 every row is its own mini-batch, and {@link FtrlLearner.accumulate} takes
 * the fused path: one pass that predicts and then steps each coordinate of the row with G = (p − y)·x_i
 * — what accumulating into an empty batch and averaging over a count of 1 computes, bit for bit
 * (v / 1 is v, and 0 + v is v except that 0 + (−0) is +0; the sign of a zero G cannot show: G enters
 * as G², and as z + (G − σw), where z is never −0 — it starts at +0 and a sum is −0 only when both
 * terms are), without the gradient buffer, the touched list or a second pass. `pending` then stays 0.
 */
export interface FtrlHyperParams {
  alpha: number;
  beta: number;
  l1: number;
  l2: number;
  /** Rows per mini-batch when the caller applies a batch every that many rows; 1 takes the fused per-row path. Default: batched. */
  miniBatchSize?: number;
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
  /** miniBatchSize 1: every row is applied as it comes (the fused path). */
  private perRow: boolean;
  /**
   * [alpha, beta, l1, l2], read into locals once per row or batch. A Float64Array rather than four
   * number fields: with the fields the per-row loop measured ~5 % slower (V8 boxes double fields).
   */
  private readonly hyper: Float64Array;

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
    this.perRow = params.miniBatchSize === 1;
    this.hyper = Float64Array.of(params.alpha, params.beta, params.l1, params.l2);
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
    if (this.perRow && this.pending === 0) return this.step(indices, values, from, to, label);
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

  /**
   * The fused per-row step (miniBatchSize 1): predict, then one FTRL-Proximal update per coordinate
   * of the row, in one pass. A row whose indices are not strictly increasing may name a coordinate
   * twice (its gradients are then summed and averaged over 2): it goes through the batch path.
   */
  private step(indices: Int32Array, values: Float64Array, from: number, to: number, label: number): number {
    const w = this.w;
    const shift = this.shift;
    let dot = shift === 1 ? w[0] : 0;
    let finite = 0;
    let previous = -1;
    let ordered = true;
    for (let k = from; k < to; k++) {
      const x = values[k];
      const i = indices[k];
      dot += w[i + shift] * x;
      finite += x * 0;
      ordered = ordered && i > previous;
      previous = i;
    }
    if (finite !== finite) return Number.NaN;
    if (!ordered) {
      this.perRow = false;
      const q = this.accumulate(indices, values, from, to, label);
      this.perRow = true;
      this.applyBatch();
      return q;
    }
    const p = sigmoid(dot);
    const residual = p - label;
    const { z, n, sqrtN, hyper } = this;
    const alpha = hyper[0], beta = hyper[1], l1 = hyper[2], l2 = hyper[3];
    if (shift === 1) ftrlStep(w, z, n, sqrtN, alpha, beta, l1, l2, 0, residual);
    // Two coordinates per turn: their updates are independent (distinct coordinates), and the
    // second one's square root and divisions overlap the first one's.
    let k = from;
    for (; k + 1 < to; k += 2) {
      const i0 = indices[k] + shift;
      const i1 = indices[k + 1] + shift;
      const g0 = residual * values[k];
      const g1 = residual * values[k + 1];
      ftrlStep(w, z, n, sqrtN, alpha, beta, l1, l2, i0, g0);
      ftrlStep(w, z, n, sqrtN, alpha, beta, l1, l2, i1, g1);
    }
    if (k < to) ftrlStep(w, z, n, sqrtN, alpha, beta, l1, l2, indices[k] + shift, residual * values[k]);
    return p;
  }

  /** Applies the mini-batch: one FTRL-Proximal step per touched coordinate with its averaged gradient. */
  applyBatch(): void {
    const { w, z, n, sqrtN, grad, touched, hyper } = this;
    const alpha = hyper[0], beta = hyper[1], l1 = hyper[2], l2 = hyper[3];
    const count = this.touchedCount;
    // Touched coordinates are distinct: two per turn, as in step().
    let t = 0;
    for (; t + 1 < count; t += 2) {
      const i0 = touched[t];
      const i1 = touched[t + 1];
      const g0 = grad[2 * i0] / grad[2 * i0 + 1];
      const g1 = grad[2 * i1] / grad[2 * i1 + 1];
      grad[2 * i0] = 0;
      grad[2 * i0 + 1] = 0;
      grad[2 * i1] = 0;
      grad[2 * i1 + 1] = 0;
      ftrlStep(w, z, n, sqrtN, alpha, beta, l1, l2, i0, g0);
      ftrlStep(w, z, n, sqrtN, alpha, beta, l1, l2, i1, g1);
    }
    if (t < count) {
      const i = touched[t];
      const g = grad[2 * i] / grad[2 * i + 1];
      grad[2 * i] = 0;
      grad[2 * i + 1] = 0;
      ftrlStep(w, z, n, sqrtN, alpha, beta, l1, l2, i, g);
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

/**
 * One FTRL-Proximal step of coordinate i with gradient g. The hyper-parameters come as arguments:
 * the callers read them once into locals and this function is inlined into their loops, so they stay
 * in registers (read from an array they cost a load each, every step).
 *
 * sign(z)·l1 is (1 − 2·[z < 0])·l1, exactly ±l1 (and l1 for a NaN z, as a branch on z < 0 picks),
 * made without a branch: the sign of z is a coin toss from one coordinate to the next, and each
 * mispredicted branch threw away the overlapped work of the neighbouring updates (the per-row loop
 * went from 0.38× to ~0.65× the C loop, whose compiler emits this select without a branch too).
 * Whether |z| ≤ l1 stays a branch: it is predictable (a coordinate mostly stays on one side), and a
 * branch-free form would do the division every time.
 */
function ftrlStep(w: Float64Array, z: Float64Array, n: Float64Array, sqrtN: Float64Array, alpha: number, beta: number, l1: number, l2: number, i: number, g: number): void {
  // σ = (√(n + g²) − √n)/α; the new √n is that same square root.
  const nNext = n[i] + g * g;
  n[i] = nNext;
  const sqrtNext = Math.sqrt(nNext);
  const sigma = (sqrtNext - sqrtN[i]) / alpha;
  sqrtN[i] = sqrtNext;
  const zi = z[i] + (g - sigma * w[i]);
  z[i] = zi;
  w[i] = Math.abs(zi) <= l1 ? 0 : ((1 - 2 * +(zi < 0)) * l1 - zi) / ((beta + sqrtNext) / alpha + l2);
}

export function sigmoid(margin: number): number {
  return 1 / (1 + Math.exp(-margin));
}
