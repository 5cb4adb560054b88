/**
 * Java's number-to-text rules, reproduced because Alink's outputs leak them everywhere: vector
 * strings, JSON model data, prediction details and `print()` tables (reference Appendix A).
 *
 * JS already finds the shortest round-tripping digits (as JDK ≥ 19 does); only the layout differs.
 */

/** Java `Double.toString(d)`: `1.0`, `0.001`, `1.0E7`, `1.0E-4`, `NaN`, `Infinity`, `-0.0`. */
export function javaDoubleToString(d: number): string {
  if (Number.isNaN(d)) return "NaN";
  if (d === Infinity) return "Infinity";
  if (d === -Infinity) return "-Infinity";
  if (d === 0) return Object.is(d, -0) ? "-0.0" : "0.0";
  const abs = Math.abs(d);
  if (abs >= 1e-3 && abs < 1e7) {
    // Fast path: in this range JS prints the same shortest digits in plain notation; Java only
    // insists on a fractional part. JSON.stringify of a finite number is String(d) by spec, but V8
    // skips its number-to-string cache there, whose upkeep made String(d) ~3x slower in a
    // LocalPredictor printing two probabilities per row.
    const text = JSON.stringify(d);
    return text.includes(".") ? text : text + ".0";
  }
  const sign = d < 0 ? "-" : "";
  const [mantissa, expText] = abs.toExponential().split("e");
  const exponent = Number(expText);
  const digits = mantissa.replace(".", "");
  if (abs >= 1e-3 && abs < 1e7) {
    let text: string;
    if (exponent >= 0) {
      const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
      const frac = digits.slice(exponent + 1);
      text = intPart + "." + (frac.length > 0 ? frac : "0");
    } else {
      text = "0." + "0".repeat(-exponent - 1) + digits;
    }
    return sign + text;
  }
  const frac = digits.slice(1);
  return sign + digits[0] + "." + (frac.length > 0 ? frac : "0") + "E" + exponent;
}

/** Java `Float.toString` for a float32 value: shortest digits that round-trip through float32. */
export function javaFloatToString(f: number): string {
  if (!Number.isFinite(f) || f === 0) return javaDoubleToString(f);
  for (let precision = 1; precision <= 9; precision++) {
    const candidate = Number(f.toPrecision(precision));
    if (Math.fround(candidate) === f) return javaDoubleToString(candidate);
  }
  return javaDoubleToString(f);
}

/**
 * Java `String.format("%.Nf", d)`: rounds HALF_UP on the shortest decimal digits (so `%.1f` of 0.35
 * is `0.4` and `%.2f` of 1.005 is `1.01`, where JS `toFixed` gives `0.3` and `1.00`).
 */
export function javaFormatFixed(d: number, decimals: number): string {
  if (Number.isNaN(d)) return "NaN";
  if (!Number.isFinite(d)) return d > 0 ? "Infinity" : "-Infinity";
  const negative = d < 0 || Object.is(d, -0);
  const [mantissa, expText] = Math.abs(d).toExponential().split("e");
  const exponent = Number(expText);
  // The number is 0.DIGITS × 10^(pointPos): place the decimal point inside a digit string.
  let digits = mantissa.replace(".", "");
  let pointPos = exponent + 1;
  if (pointPos <= 0) {
    digits = "0".repeat(1 - pointPos) + digits;
    pointPos = 1;
  }
  const keep = pointPos + decimals;
  let kept = digits.slice(0, keep).padEnd(keep, "0");
  if (digits.length > keep && digits.charCodeAt(keep) >= 53 /* '5' */) {
    kept = incrementDecimalString(kept);
    if (kept.length > keep) pointPos += 1;
  }
  const intPart = kept.slice(0, pointPos).replace(/^0+(?=\d)/, "");
  const fracPart = kept.slice(pointPos);
  const body = decimals > 0 ? `${intPart}.${fracPart}` : intPart;
  // Java keeps the sign of negative values that round to zero: %.4f of -0.00001 is "-0.0000".
  return negative ? "-" + body : body;
}

function incrementDecimalString(digits: string): string {
  const chars = digits.split("");
  let i = chars.length - 1;
  while (i >= 0) {
    if (chars[i] === "9") {
      chars[i] = "0";
      i--;
    } else {
      chars[i] = String.fromCharCode(chars[i].charCodeAt(0) + 1);
      return chars.join("");
    }
  }
  return "1" + chars.join("");
}

/**
 * Java `java.sql.Timestamp.toString()` of an epoch-millisecond value, read in UTC:
 * `yyyy-mm-dd hh:mm:ss.f` with trailing zeros of the fraction removed but at least one digit.
 * streamlab keeps all timestamps in UTC so that a notebook shows the same text on every machine.
 */
export function formatTimestamp(epochMillis: number): string {
  const date = new Date(epochMillis);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  const ms = ((epochMillis % 1000) + 1000) % 1000;
  const fraction = ms === 0 ? "0" : pad(Math.round(ms), 3).replace(/0+$/, "");
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${fraction}`
  );
}

const TIMESTAMP_PATTERN = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d{1,9}))?)?$/;

/**
 * Parses `yyyy-mm-dd hh:mm:ss[.fffffffff]` (Java `Timestamp.valueOf`) or a plain date, as UTC.
 * Returns NaN when the text is not such a timestamp or names an impossible date.
 */
export function parseTimestamp(text: string): number {
  const m = TIMESTAMP_PATTERN.exec(text.trim());
  if (m === null) return NaN;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return NaN;
  const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(9, "0").slice(0, 3));
  const value = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (new Date(value).getUTCDate() !== day) return NaN; // e.g. 2021-02-30
  return value;
}
