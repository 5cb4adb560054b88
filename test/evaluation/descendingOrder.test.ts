import { describe, expect, it } from "vitest";
import { descendingOrder } from "../../src";
import { radixOrder } from "../../src/evaluation/binaryClass/sort";

/** Java `Double.compare` order, highest first, ties by position: written out case by case. */
function plainOrder(values: Float64Array): number[] {
  const key = (v: number) => (Number.isNaN(v) ? 3 : v === Infinity ? 2 : v === -Infinity ? -2 : 0);
  return Array.from({ length: values.length }, (_, i) => i).sort((a, b) => {
    const x = values[a];
    const y = values[b];
    if (key(x) !== key(y)) return key(y) - key(x);
    if (key(x) === 0 && x !== y) return y - x;
    if (x === 0 && y === 0 && Object.is(x, -0) !== Object.is(y, -0)) return Object.is(x, -0) ? 1 : -1;
    return a - b;
  });
}

/** NaNs with other bit patterns than the canonical one: negative sign, payloads. */
function oddNaN(sign: boolean, payload: number): number {
  const b = new Uint32Array(2);
  b[1] = (sign ? 0x80000000 : 0) | 0x7ff00000 | (payload >>> 12 || 1);
  b[0] = payload;
  return new Float64Array(b.buffer)[0];
}

function adversarial(n: number, seed: number): Float64Array {
  let a = seed;
  const r = () => ((a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const special = [0, -0, 1, 0.5, Infinity, -Infinity, NaN, oddNaN(true, 7), oddNaN(false, 0xdead), 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE];
  return Float64Array.from({ length: n }, () => {
    const u = r();
    return u < 0.3 ? special[Math.floor(r() * special.length)] : u < 0.6 ? Math.round(r() * 20) / 20 : u < 0.8 ? r() : (r() - 0.5) * 1e6;
  });
}

describe("descendingOrder: radix sorts (8- and 16-bit digits) = the comparator order", () => {
  it("ties, ±0, ±Infinity, subnormals and NaNs of any bit pattern (all one key, as Double.compare)", () => {
    for (const n of [1, 2, 63, 64, 65, 300, 2047, 2048, 5000]) {
      const values = adversarial(n, n);
      const want = plainOrder(values);
      expect(Array.from(radixOrder(values, 8))).toEqual(want);
      expect(Array.from(radixOrder(values, 16))).toEqual(want);
      expect(Array.from(descendingOrder(values))).toEqual(want);
    }
  });

  it("scores in [0, 1] as a stream window holds them, and all equal", () => {
    let a = 9;
    const r = () => ((a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const window = Float64Array.from({ length: 1786 }, () => r() ** 3);
    expect(Array.from(descendingOrder(window))).toEqual(plainOrder(window));
    const same = new Float64Array(500).fill(0.25);
    expect(Array.from(descendingOrder(same))).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });
});
