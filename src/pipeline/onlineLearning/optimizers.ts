import { StreamlabError } from "../../core/errors";
import { FtrlLearner, sigmoid } from "../../onlinelearning/ftrl/FtrlLearner";
import { OptimMethod } from "./params";

/**
 * The online optimizers of OnlineLearningStreamOp for a binary logistic-regression last stage
 * (Alink's `LinearOnlineLearningKernel`, reference: Ruder, "An overview of gradient descent
 * optimization algorithms", 2016).
 *
 * Every method sees the same gradient: per mini-batch, for every coordinate i a row stores,
 * g_i += (p − y)·x_i and c_i += 1 (p = σ(w·x), x with a leading 1.0 when there is an intercept),
 * then each touched coordinate is updated once with the averaged gradient G = g_i / c_i. FTRL is
 * {@link FtrlLearner} (shared with FtrlTrainStreamOp); the others are {@link GradientStepLearner}.
 */
export interface LinearOnlineLearner {
  /** The coefficients (intercept first when there is one), updated in place. */
  readonly w: Float64Array;
  /** Rows in the current (not yet applied) mini-batch. */
  readonly pending: number;
  /** Adds a row's gradient; returns p before learning, or NaN for a row holding a non-finite value (not added). */
  accumulate(indices: Int32Array, values: Float64Array, from: number, to: number, label: number): number;
  /** Applies the mini-batch: one update per touched coordinate. */
  applyBatch(): void;
}

/** The hyper-parameters the methods read (each reads its own, as Alink's kernel). */
export interface OnlineOptimizerParams {
  method: OptimMethod;
  /** null = Alink's per-method default ({@link defaultLearningRate}). */
  learningRate: number | null;
  alpha: number;
  beta: number;
  l1: number;
  l2: number;
  gamma: number;
  beta1: number;
  beta2: number;
}

/** Alink's `OnlineLearningKernel` defaults when learningRate is null (FTRL does not use it). */
export function defaultLearningRate(method: OptimMethod): number {
  switch (method) {
    case "SGD":
      return 0.0005;
    case "ADAM":
    case "RMSprop":
    case "MOMENTUM":
      return 0.001;
    case "ADAGRAD":
      return 0.01;
    default:
      return 0;
  }
}

/**
 * A learner with fresh optimizer state starting from `weights`. Alink builds a new kernel on every
 * rebase, so a rebased model restarts n, z, the moments and ADAM's bias correction too.
 */
export function createLearner(weights: Float64Array, withIntercept: boolean, params: OnlineOptimizerParams): LinearOnlineLearner {
  if (params.method === "FTRL") return new FtrlLearner(weights, withIntercept, { alpha: params.alpha, beta: params.beta, l1: params.l1, l2: params.l2 });
  return new GradientStepLearner(weights, withIntercept, params);
}

/** Alink's `EPS` in the ADAGRAD, RMSprop and ADAM denominators. */
const EPS = 1.0e-8;

/**
 * ADAM, RMSprop, ADAGRAD, SGD and MOMENTUM with Alink's per-coordinate rules (η = learningRate,
 * G the averaged gradient of the coordinate in the mini-batch, state per coordinate starting at 0):
 *
 * - SGD:      w −= η·G
 * - MOMENTUM: v = γ·v + η·G;  w −= v
 * - ADAGRAD:  n += G²;  w −= η·G / √(n + ε)
 * - RMSprop:  n = γ·n + (1 − γ)·G²;  w −= η·G / √(n + ε)
 * - ADAM:     b1ᵗ *= β1, b2ᵗ *= β2 once per mini-batch (t counts mini-batches, not the coordinate's
 *             own updates, as in Alink); m = β1·m + (1 − β1)·G;  v = β2·v + (1 − β2)·G²;
 *             w −= η·(m / (1 − b1ᵗ)) / (√(v / (1 − b2ᵗ)) + ε)
 *
 * Only coordinates a row of the mini-batch stored are updated (the sparse form: a momentum or ADAM
 * coordinate keeps its velocity / moments, unapplied, while no row touches it). l1 and l2 are not
 * applied (Alink applies them in FTRL only).
 */
export class GradientStepLearner implements LinearOnlineLearner {
  readonly w: Float64Array;
  /** First state per coordinate: ADAGRAD / RMSprop n, MOMENTUM velocity, ADAM first moment. */
  private readonly s1: Float64Array;
  /** ADAM's second moment. */
  private readonly s2: Float64Array;
  private readonly gradSum: Float64Array;
  private readonly gradCount: Float64Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private readonly shift: number;
  private readonly method: OptimMethod;
  private readonly eta: number;
  private beta1Power = 1;
  private beta2Power = 1;
  pending = 0;

  constructor(initialWeights: Float64Array, withIntercept: boolean, private readonly params: OnlineOptimizerParams) {
    if (params.method === "FTRL") throw new StreamlabError("GradientStepLearner: FTRL is FtrlLearner's; use createLearner.");
    const d = initialWeights.length;
    this.w = Float64Array.from(initialWeights);
    this.s1 = new Float64Array(d);
    this.s2 = new Float64Array(d);
    this.gradSum = new Float64Array(d);
    this.gradCount = new Float64Array(d);
    this.touched = new Int32Array(d);
    this.shift = withIntercept ? 1 : 0;
    this.method = params.method;
    this.eta = params.learningRate ?? defaultLearningRate(params.method);
  }

  accumulate(indices: Int32Array, values: Float64Array, from: number, to: number, label: number): number {
    const { w, shift, gradSum, gradCount, touched } = this;
    let dot = shift === 1 ? w[0] : 0;
    let finite = 0;
    for (let k = from; k < to; k++) {
      const x = values[k];
      dot += w[indices[k] + shift] * x;
      finite += x * 0;
    }
    if (finite !== finite) return Number.NaN;
    const p = sigmoid(dot);
    const residual = p - label;
    if (shift === 1) {
      if (gradCount[0] === 0) touched[this.touchedCount++] = 0;
      gradSum[0] += residual;
      gradCount[0] += 1;
    }
    for (let k = from; k < to; k++) {
      const i = indices[k] + shift;
      if (gradCount[i] === 0) touched[this.touchedCount++] = i;
      gradSum[i] += residual * values[k];
      gradCount[i] += 1;
    }
    this.pending++;
    return p;
  }

  applyBatch(): void {
    const { w, s1, s2, gradSum, gradCount, touched, eta } = this;
    const { gamma, beta1, beta2 } = this.params;
    const method = this.method;
    if (method === "ADAM") {
      this.beta1Power *= beta1;
      this.beta2Power *= beta2;
    }
    const b1 = 1 - this.beta1Power;
    const b2 = 1 - this.beta2Power;
    for (let t = 0; t < this.touchedCount; t++) {
      const i = touched[t];
      const g = gradSum[i] / gradCount[i];
      gradSum[i] = 0;
      gradCount[i] = 0;
      switch (method) {
        case "SGD":
          w[i] -= eta * g;
          break;
        case "MOMENTUM":
          s1[i] = gamma * s1[i] + eta * g;
          w[i] -= s1[i];
          break;
        case "ADAGRAD":
          s1[i] += g * g;
          w[i] -= (eta * g) / Math.sqrt(s1[i] + EPS);
          break;
        case "RMSprop":
          s1[i] = gamma * s1[i] + (1 - gamma) * g * g;
          w[i] -= (eta * g) / Math.sqrt(s1[i] + EPS);
          break;
        case "ADAM":
          s1[i] = beta1 * s1[i] + (1 - beta1) * g;
          s2[i] = beta2 * s2[i] + (1 - beta2) * g * g;
          w[i] -= (eta * (s1[i] / b1)) / (Math.sqrt(s2[i] / b2) + EPS);
          break;
      }
    }
    this.touchedCount = 0;
    this.pending = 0;
  }
}
