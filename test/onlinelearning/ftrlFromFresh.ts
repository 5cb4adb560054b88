/**
 * One FTRL-Proximal mini-batch (reference §6.3–6.4) from coefficients `w` with n = z = 0,
 * alpha = beta = 1, l1 = l2 = 0, over one-feature rows (x, y) with an intercept:
 * G_i = mean over rows of (p − y)·x_i; σ = |G|/α; z = G − σ·w; n = G²; w' = −z / ((β + √n)/α).
 * Written out by hand, for tests that check a rebase or a reset against one fresh step.
 */
export function ftrlStepFromFresh(w: number[], rows: [number, number][]): number[] {
  const sigmoid = (m: number) => 1 / (1 + Math.exp(-m));
  const g = [0, 0];
  for (const [x, y] of rows) {
    const r = sigmoid(w[0] + w[1] * x) - y;
    g[0] += r;
    g[1] += r * x;
  }
  return w.map((wi, i) => {
    const G = g[i] / rows.length;
    const z = G - Math.abs(G) * wi;
    return z === 0 ? 0 : -z / (1 + Math.abs(G));
  });
}
