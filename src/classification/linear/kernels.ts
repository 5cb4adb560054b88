/**
 * The inner loops of linear-model training: plain functions over CSR row blocks and typed arrays.
 *
 * They are deliberately self-contained (no imports, no closures, no nested functions): the same
 * source text also runs inside worker threads (`blockExecutor.ts` ships `Function.prototype.toString`
 * of each function below to its workers), so every loop exists exactly once. Keep them that way.
 *
 * Conventions: a row block is `[from, to)`; row i's entries are `indices/values[offsets[i] ..
 * offsets[i+1])`; `y[i]` is +1 (positive label, Alink's `labelValues[0]`) or −1; `weights[i] ≥ 0`
 * (0 = row not used). `r[i]` is the derivative of row i's weighted loss with respect to its margin.
 */

/**
 * Log loss of one row, `log(1 + exp(−z))` with `z = y·margin`, computed without overflow.
 * (Alink's `LogLossFunc` cuts off at z < −37 and z > 34; this form is exact everywhere.)
 */
export function logLoss(z: number): number {
  if (z >= 0) return Math.log1p(Math.exp(-z));
  return -z + Math.log1p(Math.exp(z));
}

/** `σ(−z) = 1 / (1 + exp(z))`: minus the derivative of {@link logLoss} with respect to z. */
export function logLossSlope(z: number): number {
  if (z >= 0) {
    const e = Math.exp(-z);
    return e / (1 + e);
  }
  return 1 / (1 + Math.exp(z));
}

/**
 * `out[i] = b + Σ_k w[indices[k]]·values[k]` for the rows of the block (X·w + b).
 * With `values === null` every stored value is 1 except the listed exceptions: entry e adds
 * `exValues[e]·w[exIndices[e]]` to row `exRows[e]` (`exValues` holds value − 1); `exFrom..exTo`
 * are the block's exceptions. One-hot and hashed features take this path, which skips reading
 * 8 bytes per entry and is about twice as fast.
 */
export function marginsBlock(
  offsets: Int32Array,
  indices: Int32Array,
  values: Float64Array | null,
  w: Float64Array,
  b: number,
  out: Float64Array,
  from: number,
  to: number,
  exRows: Int32Array,
  exIndices: Int32Array,
  exValues: Float64Array,
  exFrom: number,
  exTo: number,
): void {
  if (values === null) {
    for (let i = from; i < to; i++) {
      const end = offsets[i + 1];
      let m = b;
      for (let k = offsets[i]; k < end; k++) m += w[indices[k]];
      out[i] = m;
    }
    for (let e = exFrom; e < exTo; e++) out[exRows[e]] += exValues[e] * w[exIndices[e]];
  } else {
    for (let i = from; i < to; i++) {
      const end = offsets[i + 1];
      let m = b;
      for (let k = offsets[i]; k < end; k++) m += w[indices[k]] * values[k];
      out[i] = m;
    }
  }
}

/**
 * Loss along a line: for margins `m + t·q` writes the margins to `mOut` and the loss
 * derivatives to `rOut`, and stores the block's sums at `sums[at..at+3]`:
 * weighted loss, `Σ r·q` (the slope along the line) and `Σ r` (the intercept gradient).
 * With `q === null` it evaluates at the margins `m` themselves.
 */
export function lineLossBlock(
  m: Float64Array,
  q: Float64Array | null,
  t: number,
  y: Float64Array,
  weights: Float64Array,
  mOut: Float64Array,
  rOut: Float64Array,
  from: number,
  to: number,
  sums: Float64Array,
  at: number,
): void {
  let loss = 0;
  let slope = 0;
  let rSum = 0;
  for (let i = from; i < to; i++) {
    const mt = q === null ? m[i] : m[i] + t * q[i];
    mOut[i] = mt;
    const wt = weights[i];
    if (wt === 0) {
      rOut[i] = 0;
      continue;
    }
    const yi = y[i];
    const z = yi * mt;
    let l: number;
    let s: number;
    if (z >= 0) {
      const e = Math.exp(-z);
      l = Math.log1p(e);
      s = e / (1 + e);
    } else {
      const e = Math.exp(z);
      l = -z + Math.log1p(e);
      s = 1 / (1 + e);
    }
    const r = -wt * yi * s;
    rOut[i] = r;
    loss += wt * l;
    rSum += r;
    if (q !== null) slope += r * q[i];
  }
  sums[at] = loss;
  sums[at + 1] = slope;
  sums[at + 2] = rSum;
}

/** `g = Σ_i r[i]·x_i` over the block's rows (Xᵀ·r), after zeroing `g`; exceptions as in {@link marginsBlock}. */
export function gradientBlock(
  offsets: Int32Array,
  indices: Int32Array,
  values: Float64Array | null,
  r: Float64Array,
  g: Float64Array,
  from: number,
  to: number,
  exRows: Int32Array,
  exIndices: Int32Array,
  exValues: Float64Array,
  exFrom: number,
  exTo: number,
): void {
  g.fill(0);
  if (values === null) {
    for (let i = from; i < to; i++) {
      const ri = r[i];
      if (ri === 0) continue;
      const end = offsets[i + 1];
      for (let k = offsets[i]; k < end; k++) g[indices[k]] += ri;
    }
    for (let e = exFrom; e < exTo; e++) g[exIndices[e]] += exValues[e] * r[exRows[e]];
  } else {
    for (let i = from; i < to; i++) {
      const ri = r[i];
      if (ri === 0) continue;
      const end = offsets[i + 1];
      for (let k = offsets[i]; k < end; k++) g[indices[k]] += ri * values[k];
    }
  }
}

/** The state the block executor shares with its workers (typed arrays on SharedArrayBuffers when threaded). */
export interface BlockState {
  /** This thread's number (0 = the calling thread) and the thread count: thread k runs blocks k, k + threads, … */
  worker: number;
  threads: number;
  /** Row bounds of the blocks, and of each block's exceptions. */
  bounds: Int32Array;
  exBounds: Int32Array;
  /** ctrl[0] command generation, [1] command, [2] error flag, [4 + k] generation done by thread k. */
  ctrl: Int32Array;
  /** args[0] bias of w, [1] bias of dw, [2] step t, [3] which of the A/B buffers is current (0 = A). */
  args: Float64Array;
  offsets: Int32Array;
  indices: Int32Array;
  values: Float64Array | null;
  exRows: Int32Array;
  exIndices: Int32Array;
  exValues: Float64Array;
  y: Float64Array;
  weights: Float64Array;
  /** Margins and loss derivatives, double-buffered: current and trial swap on accept. */
  mA: Float64Array;
  mB: Float64Array;
  rA: Float64Array;
  rB: Float64Array;
  /** Margins of the line direction. */
  q: Float64Array;
  w: Float64Array;
  dw: Float64Array;
  /** Per block: loss, slope, Σr (4 slots each). */
  sums: Float64Array;
  /** Per block: a gradient of `dim` entries. */
  grads: Float64Array;
  dim: number;
}

/** Runs one command on one block (both on the calling thread and in workers). */
export function runBlock(s: BlockState, command: number, b: number): void {
  const from = s.bounds[b];
  const to = s.bounds[b + 1];
  const exFrom = s.exBounds[b];
  const exTo = s.exBounds[b + 1];
  const current = s.args[3] === 0;
  const m = current ? s.mA : s.mB;
  const mTrial = current ? s.mB : s.mA;
  const r = current ? s.rA : s.rB;
  const rTrial = current ? s.rB : s.rA;
  if (command === 1) marginsBlock(s.offsets, s.indices, s.values, s.w, s.args[0], mTrial, from, to, s.exRows, s.exIndices, s.exValues, exFrom, exTo);
  else if (command === 2) marginsBlock(s.offsets, s.indices, s.values, s.dw, s.args[1], s.q, from, to, s.exRows, s.exIndices, s.exValues, exFrom, exTo);
  else if (command === 3) lineLossBlock(m, s.q, s.args[2], s.y, s.weights, mTrial, rTrial, from, to, s.sums, 4 * b);
  else if (command === 4) lineLossBlock(mTrial, null, 0, s.y, s.weights, mTrial, rTrial, from, to, s.sums, 4 * b);
  else if (command === 5) {
    gradientBlock(s.offsets, s.indices, s.values, r, s.grads.subarray(b * s.dim, (b + 1) * s.dim), from, to, s.exRows, s.exIndices, s.exValues, exFrom, exTo);
  }
}

/**
 * The loop a worker thread runs (see `blockExecutor.ts` for the protocol): wait for a new
 * command generation in `ctrl[0]`, run the command on this thread's blocks, store the
 * generation in `ctrl[4 + worker]` and notify. Command 9 ends the loop.
 */
export function workerLoop(s: BlockState): void {
  const blocks = s.bounds.length - 1;
  let generation = 0;
  Atomics.store(s.ctrl, 4 + s.worker, -1);
  Atomics.notify(s.ctrl, 4 + s.worker);
  for (;;) {
    Atomics.wait(s.ctrl, 0, generation);
    generation = Atomics.load(s.ctrl, 0);
    const command = Atomics.load(s.ctrl, 1);
    if (command === 9) return;
    try {
      for (let b = s.worker; b < blocks; b += s.threads) runBlock(s, command, b);
    } catch {
      Atomics.store(s.ctrl, 2, 1);
    }
    Atomics.store(s.ctrl, 4 + s.worker, generation);
    Atomics.notify(s.ctrl, 4 + s.worker);
  }
}
