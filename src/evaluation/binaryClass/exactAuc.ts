import { computeExactBinaryMetrics } from "./exactMetrics";

/**
 * The exact AUC alone — bit for bit the `auc` of {@link computeExactBinaryMetrics} — for callers
 * that need no curve (progressive validation closes a window with it).
 *
 * AUC = U / (T·F), U the Mann–Whitney count: over positives, the negatives scoring lower plus half
 * those scoring the same. computeExactBinaryMetrics gets U as (rank sum of positives − T(T+1)/2) with
 * tied scores sharing their mean rank; both are sums of halves of integers below 2^53, so both are
 * exact and equal, and the one division gives the same double. Here U is counted in about linear
 * time ({@link bucketedU}) instead of ordering every sample and walking the curves.
 *
 * Java's Double.compare / equals (NaN above +∞ and equal to itself, −0.0 below and unequal to 0.0)
 * differ from `<` / `===` only on NaN and −0: a window holding either, or too large for the exact
 * sums, takes computeExactBinaryMetrics itself.
 */
export function exactAuc(scores: Float64Array, positive: Uint8Array, n: number): number {
  let totalTrue = 0;
  let plain = true;
  for (let i = 0; i < n; i++) {
    const s = scores[i];
    totalTrue += positive[i];
    // NaN (s !== s) or −0 (1 / s === −∞)
    if (s !== s || (s === 0 && 1 / s < 0)) plain = false;
  }
  const totalFalse = n - totalTrue;
  if (totalTrue === 0 || totalFalse === 0) return Number.NaN;
  if (!plain || n > MAX_EXACT) {
    return computeExactBinaryMetrics({ length: n, scores: scores.subarray(0, n), positive: positive.subarray(0, n), logLoss: new Float64Array(n) }, ["1", "0"]).auc;
  }
  return bucketedU(scores, positive, n) / (totalTrue * totalFalse);
}

/**
 * U in linear time for spread-out scores: a bucket per sample on a linear map of [min, max]
 * (monotone — every IEEE operation on the way rounds monotonically — so a lower bucket holds only
 * lower scores, and equal scores share a bucket); positives of a bucket beat every negative of the
 * buckets below, and inside a bucket positives and negatives are sorted and merged.
 */
function bucketedU(scores: Float64Array, positive: Uint8Array, n: number): number {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const s = scores[i];
    if (s < min) min = s;
    if (s > max) max = s;
  }
  const buckets = n;
  let scale = buckets / (max - min);
  // All scores equal, or a range too wide or too narrow to map: one bucket (a plain sort).
  if (!(scale > 0 && scale < Infinity)) scale = 0;
  const { bucketOf, starts, posIn, sorted, nextPos, nextNeg } = scratchFor(n);
  starts.fill(0, 0, buckets + 1);
  posIn.fill(0, 0, buckets);
  for (let i = 0; i < n; i++) {
    const b = scale === 0 ? 0 : Math.min(buckets - 1, Math.floor((scores[i] - min) * scale));
    bucketOf[i] = b;
    starts[b + 1]++;
  }
  for (let b = 0; b < buckets; b++) starts[b + 1] += starts[b];
  // Scores by bucket, positives first within each bucket (their count per bucket in `posIn`).
  for (let i = 0; i < n; i++) posIn[bucketOf[i]] += positive[i];
  for (let b = 0; b < buckets; b++) {
    nextPos[b] = starts[b];
    nextNeg[b] = starts[b] + posIn[b];
  }
  for (let i = 0; i < n; i++) {
    const b = bucketOf[i];
    if (positive[i] === 1) sorted[nextPos[b]++] = scores[i];
    else sorted[nextNeg[b]++] = scores[i];
  }
  let u = 0;
  let negBelow = 0;
  for (let b = 0; b < buckets; b++) {
    const from = starts[b];
    const to = starts[b + 1];
    if (from === to) continue;
    const p = posIn[b];
    const q = to - from - p;
    if (p > 0 && q > 0) {
      sortRange(sorted, from, from + p);
      sortRange(sorted, from + p, to);
      u += mergeU(sorted, from, from + p, from + p, to);
    }
    u += p * negBelow;
    negBelow += q;
  }
  return u;
}

/**
 * Working arrays of {@link bucketedU}, kept between calls (an interval of progressive validation
 * closes with one, and a new set per interval was most of its garbage); only ever grown. Entries
 * past a call's n are left as they are: every read is below n (below n + 1 for `starts`).
 */
let scratch: { capacity: number; bucketOf: Int32Array; starts: Int32Array; posIn: Int32Array; sorted: Float64Array; nextPos: Int32Array; nextNeg: Int32Array } | null = null;

function scratchFor(n: number) {
  if (scratch !== null && scratch.capacity >= n) return scratch;
  const capacity = Math.max(n, Math.min(2 * (scratch?.capacity ?? 0), MAX_KEPT), 1024);
  const arrays = {
    capacity,
    bucketOf: new Int32Array(capacity),
    starts: new Int32Array(capacity + 1),
    posIn: new Int32Array(capacity),
    sorted: new Float64Array(capacity),
    nextPos: new Int32Array(capacity),
    nextNeg: new Int32Array(capacity),
  };
  // A rare huge window gets arrays of its own: kept, they would hold its memory for good.
  if (capacity <= MAX_KEPT) scratch = arrays;
  return arrays;
}

/** Largest working set kept between calls (28 bytes a sample: 28 MB). */
const MAX_KEPT = 1 << 20;

/** Ascending sort of sorted[from, to): insertion sort for a few, the engine's sort beyond. */
function sortRange(a: Float64Array, from: number, to: number): void {
  if (to - from > 24) {
    a.subarray(from, to).sort();
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const x = a[i];
    let j = i - 1;
    while (j >= from && a[j] > x) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = x;
  }
}

/** U of ascending positives pos[pf, pt) against ascending negatives [nf, nt) of the same array. */
function mergeU(a: Float64Array, pf: number, pt: number, nf: number, nt: number): number {
  let u = 0;
  let j = nf;
  for (let k = pf; k < pt; ) {
    const s = a[k];
    let group = 1;
    while (k + group < pt && a[k + group] === s) group++;
    while (j < nt && a[j] < s) j++;
    let ties = 0;
    while (j + ties < nt && a[j + ties] === s) ties++;
    u += group * (j - nf + ties * 0.5);
    k += group;
  }
  return u;
}

/** Up to this many samples the rank sums stay below 2^53 (n(n+1)/2 < 2^53), so every sum is exact. */
const MAX_EXACT = 2 ** 26;
