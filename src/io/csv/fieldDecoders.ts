/**
 * Byte-level decoders for CSV fields: numbers are parsed straight from the bytes (no string per
 * field), strings are interned per column so a categorical column with a small vocabulary makes
 * one JS string per distinct value rather than one per row. This is what makes the CSV source
 * fast (see bench/ for the figures and the library baseline it is compared with).
 */

const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

const JAVA_DOUBLE = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)[fFdD]?$/;
const INTEGER = /^[+-]?\d+$/;

/** Result slot of the number decoders: `ok` is false when the bytes are not a number of the kind asked. */
export const decoded = { ok: true };

/** Bytes → string, one char per byte (ASCII text); Node's Buffer does this natively. */
export function latin1(buf: Uint8Array, start: number, end: number): string {
  return Buffer.prototype.toString.call(buf, "latin1", start, end);
}

/**
 * Parses a decimal number (Java `Double.parseDouble` syntax). Up to 15 significant digits with a
 * power of ten ≤ 22 take the exact fast path (one correctly rounded multiply or divide, Clinger's
 * fast path); anything else goes through `Number()` after a syntax check, so results are exact.
 */
export function decodeDouble(buf: Uint8Array, start: number, end: number): number {
  decoded.ok = true;
  let i = start;
  let negative = false;
  let c = buf[i];
  if (c === 45 /* - */) {
    negative = true;
    i++;
  } else if (c === 43 /* + */) i++;
  let mantissa = 0;
  let significant = 0;
  let fractionDigits = 0;
  let sawDigit = false;
  let slow = false;
  while (i < end) {
    c = buf[i];
    if (c < 48 || c > 57) break;
    sawDigit = true;
    if (mantissa !== 0 || c !== 48) {
      if (++significant > 15) slow = true;
      mantissa = mantissa * 10 + (c - 48);
    }
    i++;
  }
  if (i < end && buf[i] === 46 /* . */) {
    i++;
    while (i < end) {
      c = buf[i];
      if (c < 48 || c > 57) break;
      sawDigit = true;
      if (mantissa !== 0 || c !== 48) {
        if (++significant > 15) slow = true;
        mantissa = mantissa * 10 + (c - 48);
      }
      fractionDigits++;
      i++;
    }
  }
  let exponent = 0;
  if (i < end && (buf[i] === 101 || buf[i] === 69) /* e E */ && sawDigit) {
    i++;
    let expNegative = false;
    if (buf[i] === 45) {
      expNegative = true;
      i++;
    } else if (buf[i] === 43) i++;
    let sawExpDigit = false;
    while (i < end) {
      c = buf[i];
      if (c < 48 || c > 57) break;
      exponent = exponent * 10 + (c - 48);
      sawExpDigit = true;
      i++;
    }
    if (!sawExpDigit) slow = true;
    if (expNegative) exponent = -exponent;
  }
  if (!sawDigit || i !== end || slow) return decodeDoubleSlow(buf, start, end);
  const power = exponent - fractionDigits;
  let value: number;
  if (mantissa === 0) value = 0;
  else if (power >= 0 && power <= 22) value = mantissa * POW10[power];
  else if (power < 0 && power >= -22) value = mantissa / POW10[-power];
  else return decodeDoubleSlow(buf, start, end);
  return negative ? -value : value;
}

function decodeDoubleSlow(buf: Uint8Array, start: number, end: number): number {
  const text = latin1(buf, start, end);
  if (!JAVA_DOUBLE.test(text)) {
    decoded.ok = false;
    return 0;
  }
  decoded.ok = true;
  const core = /[fFdD]$/.test(text) ? text.slice(0, -1) : text;
  return core.endsWith("NaN") ? NaN : Number(core);
}

/** Parses an integer (digits with an optional sign); `decoded.ok` is false for anything else. */
export function decodeInteger(buf: Uint8Array, start: number, end: number): number {
  decoded.ok = true;
  let i = start;
  let negative = false;
  const first = buf[i];
  if (first === 45) {
    negative = true;
    i++;
  } else if (first === 43) i++;
  if (i >= end || end - i > 15) {
    const text = latin1(buf, start, end);
    if (!INTEGER.test(text)) {
      decoded.ok = false;
      return 0;
    }
    return Number(text);
  }
  let value = 0;
  for (; i < end; i++) {
    const c = buf[i];
    if (c < 48 || c > 57) {
      decoded.ok = false;
      return 0;
    }
    value = value * 10 + (c - 48);
  }
  return negative ? -value : value;
}

/** Per-column cache from the bytes of a field to its JS string. */
export class StringInterner {
  private readonly hashes = new Map<number, { bytes: Uint8Array; text: string }>();
  private readonly decoder = new TextDecoder("utf-8");

  constructor(private readonly limit = 65536) {}

  decode(buf: Uint8Array, start: number, end: number): string {
    const length = end - start;
    if (length > 64) return this.decoder.decode(buf.subarray(start, end));
    let hash = 0x811c9dc5 | 0;
    let ascii = true;
    for (let i = start; i < end; i++) {
      const c = buf[i];
      if (c >= 128) ascii = false;
      hash = Math.imul(hash ^ c, 16777619);
    }
    hash = Math.imul(hash ^ length, 16777619);
    const hit = this.hashes.get(hash);
    if (hit !== undefined && hit.bytes.length === length) {
      const bytes = hit.bytes;
      let same = true;
      for (let k = 0; k < length; k++) {
        if (bytes[k] !== buf[start + k]) {
          same = false;
          break;
        }
      }
      if (same) return hit.text;
    }
    const text = ascii ? latin1(buf, start, end) : this.decoder.decode(buf.subarray(start, end));
    if (this.hashes.size < this.limit) this.hashes.set(hash, { bytes: buf.slice(start, end), text });
    return text;
  }
}
