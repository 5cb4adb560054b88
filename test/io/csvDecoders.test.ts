import { describe, expect, it } from "vitest";
import { javaFloatFromDouble, parseJavaDouble } from "../../src/io/csv/javaNumbers";
import { invalidUtf8At, isUtf8Range } from "../../src/io/csv/utf8";

describe("parseJavaDouble: hexadecimal literals, correctly rounded (values from Python's float.fromhex, also IEEE round-half-even)", () => {
  const cases: [string, number][] = [
    ["0x1.fffffffffffff8p0", 2.0],
    ["0x1.fffffffffffff7ffp0", 1.9999999999999998],
    ["0x1.00000000000008000001p0", 1.0000000000000002],
    ["0x3.ffffffffffffep-1024", 2.2250738585072014e-308],
    ["0x1.0000000000001p-1074", 5e-324],
    ["0x1.8p-1075", 5e-324],
    ["0x1p-1076", 0],
    ["0x123456789abcdef0123p-70", 4.551111111111111],
    ["0xffffffffffffffffp0", 1.8446744073709552e19],
    ["0x1.fffffffffffffcp1023", Infinity], // the tie rounds to even = 2^1024: overflow (Python raises OverflowError)
    ["0x0.8p-1073", 5e-324],
    ["-0x0p0", -0],
  ];
  for (const [text, want] of cases) it(text, () => expect(Object.is(parseJavaDouble(text), want)).toBe(true));

  it("round-trips every double written in hex (random exact values, normal and subnormal)", () => {
    let seed = 12345;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const view = new DataView(new ArrayBuffer(8));
    for (let i = 0; i < 2000; i++) {
      view.setUint32(0, (random() * 2 ** 32) >>> 0 & 0x7fefffff);
      view.setUint32(4, (random() * 2 ** 32) >>> 0);
      const d = view.getFloat64(0);
      const hi = view.getUint32(0);
      const biased = (hi >>> 20) & 0x7ff;
      const fraction = ((BigInt(hi & 0xfffff) << 32n) | BigInt(view.getUint32(4))).toString(16).padStart(13, "0");
      const text = biased === 0 ? `0x0.${fraction}p-1022` : `0x1.${fraction}p${biased - 1023}`;
      expect(parseJavaDouble(text), text).toBe(d);
    }
  });

  it("rejects what Java rejects", () => {
    for (const bad of ["0x10", "0x1.8", "0xp0", "0x.p0", "0x1p", "0x1pa", "NaNd", "Infinityd", "-nan", "1e", "", "+", "1.5ff", "1 .5"]) {
      expect(parseJavaDouble(bad), bad).toBeUndefined();
    }
  });
});

describe("javaFloatFromDouble", () => {
  it("agrees with Math.fround except where the double is exactly a float midpoint (random decimals)", () => {
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    let midpoints = 0;
    for (let i = 0; i < 5000; i++) {
      const text = (random() * 10 ** Math.floor(random() * 20 - 10)).toPrecision(1 + Math.floor(random() * 17));
      const d = Number(text);
      const f = Math.fround(d);
      const g = Math.fround(f + (d - f) * 2); // the float on d's other side
      if (d !== f && (f + g) / 2 === d) {
        midpoints++;
        expect([f, g]).toContain(javaFloatFromDouble(d, () => text));
        continue;
      }
      expect(javaFloatFromDouble(d, () => text)).toBe(f);
    }
    expect(midpoints).toBeGreaterThan(0); // e.g. the case below
  });

  it("rounds a decimal whose double is a float midpoint by the decimal's exact value (checked with Python fractions)", () => {
    // x = 0.0013322058948688209 lies 5.7e-21 below the midpoint of the floats 0.00133220583666116 and
    // 0.0013322059530764818; its double is exactly that midpoint, which fround rounds up (to even).
    const text = "0.0013322058948688209";
    expect(Math.fround(Number(text))).toBe(0.0013322059530764818);
    expect(javaFloatFromDouble(Number(text), () => text)).toBe(0.00133220583666116);
  });
});

describe("UTF-8 validation", () => {
  it("agrees with TextDecoder({ fatal: true }) on random byte strings", () => {
    const fatal = new TextDecoder("utf-8", { fatal: true });
    let seed = 99;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const interesting = [0x00, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff, 0x90, 0x9f, 0xa0, 0x8f];
    let invalid = 0;
    for (let i = 0; i < 20000; i++) {
      const bytes = Uint8Array.from({ length: 1 + Math.floor(random() * 6) }, () => (random() < 0.7 ? interesting[Math.floor(random() * interesting.length)] : Math.floor(random() * 256)));
      let valid = true;
      try {
        fatal.decode(bytes);
      } catch {
        valid = false;
      }
      if (!valid) invalid++;
      expect(invalidUtf8At(bytes, 0, bytes.length) < 0, Array.from(bytes, (b) => b.toString(16)).join(" ")).toBe(valid);
      expect(isUtf8Range(bytes, 0, bytes.length)).toBe(valid);
    }
    expect(invalid).toBeGreaterThan(1000); // both kinds were exercised
  });

  it("reports the offset of the first bad sequence", () => {
    expect(invalidUtf8At(Buffer.from([0x61, 0xc3, 0xa9, 0x62, 0xe9, 0x63]), 0, 6)).toBe(4);
    expect(invalidUtf8At(Buffer.from("日本", "utf8"), 0, 5)).toBe(3); // the second character cut short
  });
});
