import { javaDoubleCompare } from "../../common/labels";

/**
 * The order of samples by score, highest first, ties in input order (a stable sort), with Java's
 * `Double.compare` (−0.0 after 0.0). This is the order Alink's local evaluation uses
 * (`ArrayList.sort` is stable); Alink's distributed batch sort leaves ties in an arbitrary order,
 * which changes PRC, K-S and GINI (errata E12): streamlab fixes it to input order.
 *
 * All but tiny inputs use a stable LSD radix sort on the IEEE-754 bits: 4 passes of 16-bit digits
 * from 64k scores up (one million scores sort in a few tens of milliseconds), 8 passes of 8-bit
 * digits below that, where clearing and summing 65 536 counters per pass would cost more than the
 * scores themselves (a stream evaluation sorts every window's few thousand scores). Tiny inputs
 * use a comparator sort. All give the same order (NaNs are one key, as `Double.compare` treats them).
 */
export function descendingOrder(scores: Float64Array): Int32Array {
  const n = scores.length;
  if (n < 64 || !LITTLE_ENDIAN) return comparatorOrder(scores);
  return radixOrder(scores, n < 65536 ? 8 : 16);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function comparatorOrder(scores: Float64Array): Int32Array {
  const order = Array.from({ length: scores.length }, (_, i) => i);
  order.sort((a, b) => javaDoubleCompare(scores[b], scores[a]) || a - b);
  return Int32Array.from(order);
}

/** @internal Exposed for tests: the radix path regardless of size, with digits of `digitBits` (8 or 16) bits. */
export function radixOrder(scores: Float64Array, digitBits: 8 | 16 = 16): Int32Array {
  const n = scores.length;
  const bits = new Uint32Array(scores.buffer, scores.byteOffset, n * 2);
  // Keys whose ascending unsigned order is descending Double.compare order:
  // non-negative values flip every bit but the sign; negative values (sign bit set) keep their bits.
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = bits[2 * i + 1];
    let l = bits[2 * i];
    // Every NaN is the same key (Java's doubleToLongBits canonical NaN, above +Infinity).
    if ((h & 0x7ff00000) === 0x7ff00000 && ((h & 0xfffff) | l) !== 0) {
      h = 0x7ff80000;
      l = 0;
    }
    if (h & 0x80000000) {
      hi[i] = h;
      lo[i] = l;
    } else {
      hi[i] = (h ^ 0x7fffffff) >>> 0;
      lo[i] = ~l >>> 0;
    }
  }
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let buffer = new Int32Array(n);
  const radix = 1 << digitBits;
  const mask = radix - 1;
  const counts = new Int32Array(radix);
  const passes: [Uint32Array, number][] = [];
  for (const word of [lo, hi]) for (let shift = 0; shift < 32; shift += digitBits) passes.push([word, shift]);
  for (const [word, shift] of passes) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(word[i] >>> shift) & mask]++;
    // A pass where every key has the same digit leaves the order unchanged.
    if (counts[(word[0] >>> shift) & mask] === n) continue;
    let sum = 0;
    for (let d = 0; d < radix; d++) {
      const c = counts[d];
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const idx = order[i];
      buffer[counts[(word[idx] >>> shift) & mask]++] = idx;
    }
    const t = order;
    order = buffer;
    buffer = t;
  }
  return order;
}
