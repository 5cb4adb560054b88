import { describe, expect, it } from "vitest";
import { formatTimestamp, javaDoubleToString, javaFloatToString, javaFormatFixed, parseTimestamp } from "../../src/core/javaFormat";

describe("Java number formatting", () => {
  it("Double.toString layout", () => {
    const cases: [number, string][] = [
      [1, "1.0"], [0.1, "0.1"], [-2.5, "-2.5"], [0.001, "0.001"], [1e-4, "1.0E-4"], [1.2345e-5, "1.2345E-5"],
      [1e7, "1.0E7"], [9999999, "9999999.0"], [123456789.5, "1.234567895E8"], [NaN, "NaN"], [Infinity, "Infinity"],
      [-Infinity, "-Infinity"], [0, "0.0"], [-0, "-0.0"], [0.8407811313273308, "0.8407811313273308"], [100, "100.0"],
    ];
    for (const [value, text] of cases) expect(javaDoubleToString(value)).toBe(text);
  });

  it("Float.toString uses float32's shortest digits", () => {
    expect(javaFloatToString(Math.fround(0.1))).toBe("0.1");
    expect(javaFloatToString(Math.fround(1.7))).toBe("1.7");
  });

  it("%.Nf rounds half up on the shortest digits (errata E29)", () => {
    expect(javaFormatFixed(0.35, 1)).toBe("0.4");
    expect(javaFormatFixed(1.005, 2)).toBe("1.01");
    expect(javaFormatFixed(1.5, 4)).toBe("1.5000");
    expect(javaFormatFixed(-0.0784, 4)).toBe("-0.0784");
    expect(javaFormatFixed(99.99995, 4)).toBe("100.0000");
    expect(javaFormatFixed(-0.00001, 4)).toBe("-0.0000");
    expect(javaFormatFixed(123456789.123456, 4)).toBe("123456789.1235");
    expect(javaFormatFixed(1e-10, 4)).toBe("0.0000");
    expect(javaFormatFixed(2, 0)).toBe("2");
  });

  it("timestamps print and parse like java.sql.Timestamp (UTC)", () => {
    const ms = Date.UTC(2021, 5, 10, 19, 39, 41, 169);
    expect(formatTimestamp(ms)).toBe("2021-06-10 19:39:41.169");
    expect(formatTimestamp(Date.UTC(2021, 0, 1))).toBe("2021-01-01 00:00:00.0");
    expect(formatTimestamp(Date.UTC(2021, 0, 1, 0, 0, 0, 500))).toBe("2021-01-01 00:00:00.5");
    expect(parseTimestamp("2021-06-10 19:39:41.169")).toBe(ms);
    expect(parseTimestamp("2021-02-30 00:00:00")).toBeNaN();
    expect(parseTimestamp("yesterday")).toBeNaN();
  });
});
