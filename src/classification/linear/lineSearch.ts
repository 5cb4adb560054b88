/**
 * Line searches for the linear-model optimizers.
 *
 * Alink evaluates a fixed grid of `numSearchStep + 1` steps of the *unregularized* loss (errata
 * E1); streamlab instead searches on the true objective, which E1 allows: the converged optimum is
 * the same, the path to it is shorter and monotone.
 */

export interface LineResult {
  /** Accepted step, or 0 when no step decreased the objective. */
  step: number;
  value: number;
  slope: number;
  /** True when the last trial evaluated is the accepted step (so it can be accepted as is). */
  lastIsAccepted: boolean;
  trials: number;
}

const C1 = 1e-4;
const C2 = 0.9;
const MAX_TRIALS = 30;

/**
 * Strong-Wolfe line search (Nocedal & Wright, Numerical Optimization, 2nd ed., Algorithms 3.5
 * and 3.6) with safeguarded cubic interpolation. `phi(t)` returns the objective and its slope at
 * step t; `f0`, `g0` are their values at t = 0 (g0 < 0).
 */
export function strongWolfe(
  phi: (t: number) => { value: number; slope: number },
  f0: number,
  g0: number,
  initialStep: number,
): LineResult {
  let trials = 0;
  let lastT = NaN;
  let best = { t: 0, value: f0, slope: g0 };
  const evaluate = (t: number) => {
    trials++;
    lastT = t;
    const r = phi(t);
    if (t > 0 && r.value < best.value) best = { t, value: r.value, slope: r.slope };
    return r;
  };
  const done = (t: number, value: number, slope: number): LineResult => ({ step: t, value, slope, lastIsAccepted: lastT === t, trials });
  // No Wolfe point within the trial budget: take the lowest value seen if it is a decrease.
  const fallback = (): LineResult =>
    best.t > 0 && best.value < f0
      ? { step: best.t, value: best.value, slope: best.slope, lastIsAccepted: lastT === best.t, trials }
      : { step: 0, value: f0, slope: g0, lastIsAccepted: false, trials };

  const zoom = (lo: number, fLo: number, gLo: number, hi: number, fHi: number, gHi: number): LineResult => {
    while (trials < MAX_TRIALS) {
      const t = interpolate(lo, fLo, gLo, hi, fHi, gHi);
      if (!(Math.abs(hi - lo) > 1e-16 * Math.max(1, Math.abs(lo)))) break;
      const r = evaluate(t);
      if (!Number.isFinite(r.value) || r.value > f0 + C1 * t * g0 || r.value >= fLo) {
        hi = t;
        fHi = r.value;
        gHi = r.slope;
      } else {
        if (Math.abs(r.slope) <= -C2 * g0) return done(t, r.value, r.slope);
        if (r.slope * (hi - lo) >= 0) {
          hi = lo;
          fHi = fLo;
          gHi = gLo;
        }
        lo = t;
        fLo = r.value;
        gLo = r.slope;
      }
    }
    return fallback();
  };

  let prevT = 0;
  let prevF = f0;
  let prevG = g0;
  let t = initialStep;
  while (trials < MAX_TRIALS) {
    const r = evaluate(t);
    if (!Number.isFinite(r.value)) {
      // Overflow far along the line: come back towards the last good step.
      return zoom(prevT, prevF, prevG, t, Infinity, NaN);
    }
    if (r.value > f0 + C1 * t * g0 || (trials > 1 && r.value >= prevF)) return zoom(prevT, prevF, prevG, t, r.value, r.slope);
    if (Math.abs(r.slope) <= -C2 * g0) return done(t, r.value, r.slope);
    if (r.slope >= 0) return zoom(t, r.value, r.slope, prevT, prevF, prevG);
    prevT = t;
    prevF = r.value;
    prevG = r.slope;
    t *= 4;
  }
  return fallback();
}

/**
 * Minimiser of the cubic through (a, fa, ga) and (b, fb, gb), kept inside the middle 80 % of
 * [a, b]; bisection when the cubic is not usable.
 */
function interpolate(a: number, fa: number, ga: number, b: number, fb: number, gb: number): number {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const margin = 0.1 * (hi - lo);
  let t = NaN;
  if (Number.isFinite(fb) && Number.isFinite(gb)) {
    const d1 = ga + gb - (3 * (fa - fb)) / (a - b);
    const disc = d1 * d1 - ga * gb;
    if (disc >= 0) {
      const d2 = Math.sign(b - a) * Math.sqrt(disc);
      t = b - ((b - a) * (gb + d2 - d1)) / (gb - ga + 2 * d2);
    }
  } else if (Number.isFinite(fb)) {
    // Quadratic through fa, ga, fb.
    const denom = 2 * (fb - fa - ga * (b - a));
    if (denom > 0) t = a - (ga * (b - a) * (b - a)) / denom;
  }
  if (!Number.isFinite(t) || t < lo + margin || t > hi - margin) t = (lo + hi) / 2;
  return t;
}

/**
 * Backtracking search along a projected path (OWL-QN, Andrew & Gao 2007): `value(t)` evaluates
 * the full objective (smooth part + l1) at the projected point `π(x + t·d)` and returns it with
 * `decrease(t)` = the directional term `v·(π(x + t·d) − x)` of the sufficient-decrease test.
 */
export function projectedBacktracking(
  value: (t: number) => { value: number; decrease: number },
  f0: number,
  initialStep: number,
): LineResult {
  let t = initialStep;
  let best: { t: number; value: number } = { t: 0, value: f0 };
  let lastT = NaN;
  for (let trials = 1; trials <= MAX_TRIALS; trials++) {
    const r = value(t);
    lastT = t;
    if (Number.isFinite(r.value) && r.value <= f0 + C1 * r.decrease) return { step: t, value: r.value, slope: NaN, lastIsAccepted: true, trials };
    if (r.value < best.value) best = { t, value: r.value };
    t *= 0.5;
  }
  return best.t > 0
    ? { step: best.t, value: best.value, slope: NaN, lastIsAccepted: lastT === best.t, trials: MAX_TRIALS }
    : { step: 0, value: f0, slope: NaN, lastIsAccepted: false, trials: MAX_TRIALS };
}
