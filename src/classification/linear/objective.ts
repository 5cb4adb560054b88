import { BlockExecutor, CsrRows } from "./blockExecutor";
import { Standardization } from "./standardization";

/**
 * The smooth part of a linear model's training objective, as the optimizers see it.
 *
 * Points `x` live in the standardized space, intercept first when there is one (Alink's
 * coefficient layout). The optimizer moves from a *current* point: it asks for values at trial
 * points (anywhere, or along a line through the current point) and accepts one trial, which
 * becomes the new current point.
 */
export interface SmoothObjective {
  readonly dim: number;
  /** Value at an arbitrary point `x` (a trial). */
  valueAt(x: Float64Array): number;
  /** Prepares the line `current + t·d`. */
  setLine(d: Float64Array): void;
  /** Value and slope `dφ/dt` at `current + t·d` (a trial). */
  valueAlong(t: number): { value: number; slope: number };
  /** Makes the last trial the current point. */
  acceptTrial(): void;
  /** Gradient at the current point. */
  gradient(out: Float64Array): void;
  /** Hessian at the current point, row-major `dim × dim` (Newton's method; small problems only). */
  hessian?(out: Float64Array): void;
  /**
   * A fixed positive estimate of the inverse Hessian's diagonal, used by (OW)L-BFGS as its
   * initial matrix: changes the path, never the optimum.
   */
  inverseCurvature?(): Float64Array;
}

/**
 * Alink's logistic-regression objective (reference §5.2), smooth part:
 * `f(β) = Σ_i w_i·log(1 + exp(−y_i·β·x'_i)) / Σ_i w_i + l2·‖β‖²` over standardized rows `x'`
 * (with a leading 1 for the intercept), the intercept regularized like every coefficient and no
 * ½ on the l2 term. (The l1 term is left to the optimizer, which handles it orthant-wise.)
 *
 * Standardization is never applied to the data: `β·x'_i = b + Σ_j w_j·x_ij` with raw weights
 * `w_j = β_j/σ_j` and `b = β_0 − Σ_j w_j·μ_j`, so each evaluation is one pass over the raw CSR rows
 * and gradients are mapped back the same way. Along a line the margins are linear in the step, so
 * one pass computes `X·d` and every line-search trial after it costs O(rows), not O(entries).
 */
export class LogisticObjective implements SmoothObjective {
  readonly dim: number;
  private readonly intercept: number;
  private readonly weightSum: number;
  private readonly current: Float64Array;
  private readonly trial: Float64Array;
  private readonly direction: Float64Array;
  private readonly rawWeights: Float64Array;
  private readonly rawGradient: Float64Array;
  /** Σ r at the current point and at the last trial (the intercept's raw gradient). */
  private rSum = 0;
  private trialRSum = 0;
  /** Line constants: ‖x‖², x·d, ‖d‖² for the l2 term. */
  private xx = 0;
  private xd = 0;
  private dd = 0;

  constructor(
    private readonly rows: CsrRows,
    private readonly executor: BlockExecutor,
    private readonly scaling: Standardization,
    readonly withIntercept: boolean,
    private readonly l2: number,
  ) {
    this.intercept = withIntercept ? 1 : 0;
    this.dim = rows.numFeatures + this.intercept;
    let sum = 0;
    for (let i = 0; i < rows.numRows; i++) sum += rows.weights[i];
    this.weightSum = sum;
    this.current = new Float64Array(this.dim);
    this.trial = new Float64Array(this.dim);
    this.direction = new Float64Array(this.dim);
    this.rawWeights = new Float64Array(rows.numFeatures);
    this.rawGradient = new Float64Array(rows.numFeatures);
  }

  /** Raw-space weights and bias of a standardized point: `β·x'` = `b + w·x`. */
  toRaw(x: Float64Array, w: Float64Array): number {
    const { mean, scale } = this.scaling;
    const off = this.intercept;
    let b = off === 1 ? x[0] : 0;
    for (let j = 0; j < w.length; j++) {
      const wj = x[off + j] / scale[j];
      w[j] = wj;
      b -= wj * mean[j];
    }
    return b;
  }

  /**
   * `1 / (c·E[x'_j²] + 2·l2)` per coefficient, `c = p̄(1 − p̄)` from the weighted positive rate:
   * the Hessian's diagonal for a model that predicts the base rate everywhere. Hashed or one-hot
   * features after max-|x| scaling have second moments spanning orders of magnitude (their
   * frequencies); scaling L-BFGS's initial matrix by this diagonal cuts the iterations several-fold.
   */
  inverseCurvature(): Float64Array {
    const { weights, y } = this.rows;
    let positive = 0;
    for (let i = 0; i < this.rows.numRows; i++) if (y[i] > 0) positive += weights[i];
    const rate = positive / this.weightSum;
    const c = Math.max(rate * (1 - rate), 1e-3);
    const out = new Float64Array(this.dim);
    const off = this.intercept;
    const twoL2 = 2 * this.l2;
    if (off === 1) out[0] = 1 / (c + twoL2);
    const moment = this.scaling.secondMoment;
    for (let j = 0; j < moment.length; j++) {
      const h = c * moment[j] + twoL2;
      out[off + j] = h > 0 ? 1 / h : 1 / c;
    }
    return out;
  }

  valueAt(x: Float64Array): number {
    const b = this.toRaw(x, this.rawWeights);
    this.executor.marginsAt(this.rawWeights, b);
    const sums = this.executor.lossAtTrial();
    this.trial.set(x);
    this.trialRSum = sums.rSum;
    return sums.loss / this.weightSum + this.l2 * dot(x, x);
  }

  setLine(d: Float64Array): void {
    this.direction.set(d);
    const db = this.toRaw(d, this.rawWeights);
    this.executor.setDirection(this.rawWeights, db);
    this.xx = dot(this.current, this.current);
    this.xd = dot(this.current, d);
    this.dd = dot(d, d);
  }

  valueAlong(t: number): { value: number; slope: number } {
    const sums = this.executor.lossAlong(t);
    const x = this.trial;
    for (let j = 0; j < this.dim; j++) x[j] = this.current[j] + t * this.direction[j];
    this.trialRSum = sums.rSum;
    const l2 = this.l2;
    return {
      value: sums.loss / this.weightSum + l2 * (this.xx + 2 * t * this.xd + t * t * this.dd),
      slope: sums.slope / this.weightSum + 2 * l2 * (this.xd + t * this.dd),
    };
  }

  acceptTrial(): void {
    this.executor.accept();
    this.current.set(this.trial);
    this.rSum = this.trialRSum;
  }

  gradient(out: Float64Array): void {
    const g = this.rawGradient;
    this.executor.gradient(g);
    const { mean, scale } = this.scaling;
    const off = this.intercept;
    const W = this.weightSum;
    const R = this.rSum;
    const twoL2 = 2 * this.l2;
    const x = this.current;
    if (off === 1) out[0] = R / W + twoL2 * x[0];
    for (let j = 0; j < g.length; j++) out[off + j] = (g[j] - mean[j] * R) / scale[j] / W + twoL2 * x[off + j];
  }

  /**
   * Hessian at the current point: `Σ_i w_i·s_i(1−s_i)·x'_i x'_iᵀ / Σw + 2·l2·I` (dense; for
   * Newton's method on small problems, computed on the calling thread).
   */
  hessian(out: Float64Array): void {
    const p = this.dim;
    const { mean, scale } = this.scaling;
    const { offsets, indices, values, weights, y } = this.rows;
    const off = this.intercept;
    const m = this.executor.margins;
    const row = new Float64Array(p);
    out.fill(0);
    for (let i = 0; i < this.rows.numRows; i++) {
      const wt = weights[i];
      if (wt === 0) continue;
      const s = 1 / (1 + Math.exp(-y[i] * m[i]));
      const h = (wt * s * (1 - s)) / this.weightSum;
      if (h === 0) continue;
      // x'_i densely: centered/scaled features (absent entries are 0 before centering).
      if (off === 1) row[0] = 1;
      for (let j = 0; j < p - off; j++) row[off + j] = -mean[j] / scale[j];
      for (let k = offsets[i]; k < offsets[i + 1]; k++) row[off + indices[k]] += values[k] / scale[indices[k]];
      for (let a = 0; a < p; a++) {
        const ha = h * row[a];
        if (ha === 0) continue;
        for (let c = a; c < p; c++) out[a * p + c] += ha * row[c];
      }
    }
    for (let a = 0; a < p; a++) {
      out[a * p + a] += 2 * this.l2;
      for (let c = 0; c < a; c++) out[a * p + c] = out[c * p + a];
    }
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
