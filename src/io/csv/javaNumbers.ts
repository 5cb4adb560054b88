/**
 * Java's `Double.parseDouble` / `Float.parseFloat` for CSV cells (Alink parses DOUBLE and FLOAT
 * fields with them through Flink's field parsers), for the texts the byte-level fast path in
 * fieldDecoders leaves over:
 *
 * - decimal `[+-]digits[.digits][e[+-]digits]` (`1.`, `.5`, `+1.5` are fine) with an optional
 *   trailing `f`/`F`/`d`/`D` type suffix, which Java ignores (`1.5d` is 1.5);
 * - `NaN`, `Infinity`, `-Infinity`, `+Infinity` (exactly so spelt, no suffix);
 * - hexadecimal with a binary exponent, `0x1.8p1` = 3.0 — the `p` exponent is required, so
 *   `0x10` is not a number (Java throws NumberFormatException);
 * - magnitudes beyond the range give ±Infinity (`1e400`) or ±0 (`1e-400`), as in Java;
 * - every result is correctly rounded (round half to even), to double for DOUBLE and directly
 *   to float for FLOAT (not via double, which can round twice and land one float ulp off).
 *
 * Surrounding blanks are not part of the number (the CSV reader trims spaces and tabs first).
 */

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?[fFdD]?$/;
const SPECIAL = /^([+-]?)(NaN|Infinity)$/;
const HEX = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)[fFdD]?$/;

/** The value of a Java double literal, or undefined when Java would reject the text. */
export function parseJavaDouble(text: string): number | undefined {
  const special = SPECIAL.exec(text);
  if (special !== null) return special[2] === "NaN" ? NaN : special[1] === "-" ? -Infinity : Infinity;
  const decimal = DECIMAL.exec(text);
  if (decimal !== null) {
    if (decimal[2].length === 0 && (decimal[3] ?? "").length === 0) return undefined; // no digit at all
    return Number(text.replace(/[fFdD]$/, "")); // JS and Java decimal rounding agree (both correctly rounded)
  }
  const exact = exactValue(text);
  if (exact === undefined || exact.special !== undefined) return undefined;
  const magnitude = binaryToDouble(exact.digits, exact.exponent);
  return exact.negative ? -magnitude : magnitude;
}

/**
 * The float Java's `Float.parseFloat(text)` gives, from `d` = the correctly rounded double of the
 * same text. `Math.fround(d)` is right except when `d` falls exactly on the midpoint between two
 * floats while the text's exact value does not; that case is settled by exact comparison.
 */
export function javaFloatFromDouble(d: number, text: () => string): number {
  const f = Math.fround(d);
  if (f === d || !Number.isFinite(d)) return f;
  const magnitude = Math.abs(d);
  // Above the largest float the next step is 2^128, which rounds to Infinity.
  const low = Math.min(Math.fround(magnitude), FLOAT_OVERFLOW);
  const other = low < magnitude ? nextFloatUp(low) : nextFloatDown(low);
  const midpoint = (low + other) / 2;
  if (midpoint !== magnitude) return f;
  const exact = exactValue(text());
  if (exact === undefined || exact.special !== undefined) return f;
  const side = compareWithDouble(exact, midpoint);
  if (side === 0) return f; // a true tie: fround already chose the even float
  const beyond = (side > 0) === (other > low);
  const chosen = beyond ? other : low;
  const value = chosen === FLOAT_OVERFLOW ? Infinity : chosen;
  return d < 0 ? -value : value;
}

const FLOAT_OVERFLOW = 2 ** 128;

type Exact =
  | { special: number }
  | { special?: undefined; negative: boolean; base: 10 | 2; digits: bigint; exponent: number };

/** The text's exact value as digits × base^exponent (base 10 for decimal, 2 for hex), or undefined if not a Java literal. */
function exactValue(text: string): Exact | undefined {
  const special = SPECIAL.exec(text);
  if (special !== null) return { special: special[2] === "NaN" ? NaN : special[1] === "-" ? -Infinity : Infinity };
  const decimal = DECIMAL.exec(text);
  if (decimal !== null) {
    const [, sign, whole, fraction = "", exp = "0"] = decimal;
    if (whole.length + fraction.length === 0) return undefined;
    return { negative: sign === "-", base: 10, digits: BigInt(whole + fraction || "0"), exponent: clampExponent(exp) - fraction.length };
  }
  const hex = HEX.exec(text);
  if (hex !== null) {
    const [, sign, whole, fraction = "", exp] = hex;
    if (whole.length + fraction.length === 0) return undefined;
    return { negative: sign === "-", base: 2, digits: BigInt("0x" + (whole + fraction || "0")), exponent: clampExponent(exp) - 4 * fraction.length };
  }
  return undefined;
}

/** Exponents beyond any double's reach behave alike; clamping keeps the arithmetic small. */
function clampExponent(text: string): number {
  const v = Number(text);
  return Math.max(-1e6, Math.min(1e6, v));
}

/** m × 2^e correctly rounded to a double (round half to even, gradual underflow, overflow to Infinity). */
function binaryToDouble(m: bigint, e: number): number {
  if (m === 0n) return 0;
  const bits = m.toString(2).length;
  const top = bits - 1 + e; // exponent of the leading bit
  if (top > 1023) return Infinity;
  // Significant bits a double keeps at this magnitude: 53, fewer for subnormals.
  const keep = top >= -1022 ? 53 : 1074 + top + 1;
  if (keep < 0) return 0;
  let q = m;
  let shift = 0;
  if (bits > keep) {
    shift = bits - keep;
    q = m >> BigInt(shift);
    const rest = m - (q << BigInt(shift));
    const half = 1n << BigInt(shift - 1);
    if (rest > half || (rest === half && (q & 1n) === 1n)) q += 1n;
  }
  // q has at most 53 bits (54 after a carry, still exact); scale in two steps so no step underflows.
  const k = e + shift;
  const k1 = Math.trunc(k / 2);
  const value = Number(q) * 2 ** k1 * 2 ** (k - k1);
  return value;
}

/** Sign of (exact value − d) for a finite positive double d, on magnitudes. */
function compareWithDouble(exact: Exact & { special?: undefined }, d: number): number {
  const { mantissa, exponent } = decompose(d);
  // exact = digits × base^x ; d = mantissa × 2^exponent. Compare integers after moving negative powers across.
  let left = exact.digits;
  let right = mantissa;
  if (exact.base === 10) {
    if (exact.exponent >= 0) left *= 10n ** BigInt(exact.exponent);
    else right *= 10n ** BigInt(-exact.exponent);
    if (exponent >= 0) right <<= BigInt(exponent);
    else left <<= BigInt(-exponent);
  } else {
    const diff = exact.exponent - exponent;
    if (diff >= 0) left <<= BigInt(diff);
    else right <<= BigInt(-diff);
  }
  return left === right ? 0 : left > right ? 1 : -1;
}

const scratch = new DataView(new ArrayBuffer(8));

/** d = mantissa × 2^exponent exactly (d finite, > 0). */
function decompose(d: number): { mantissa: bigint; exponent: number } {
  scratch.setFloat64(0, d);
  const hi = scratch.getUint32(0);
  const lo = scratch.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  return biased === 0 ? { mantissa: fraction, exponent: -1074 } : { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

const floatBits = new Float32Array(1);
const floatWord = new Uint32Array(floatBits.buffer);

/** The next float above a non-negative float (2^128 above the largest one). */
function nextFloatUp(f: number): number {
  floatBits[0] = f;
  floatWord[0] += 1;
  return floatBits[0] === Infinity ? FLOAT_OVERFLOW : floatBits[0];
}

/** The next float below a positive float (or below 2^128: the largest float). */
function nextFloatDown(f: number): number {
  floatBits[0] = f === FLOAT_OVERFLOW ? Infinity : f;
  floatWord[0] -= 1;
  return floatBits[0];
}
