import { parseJavaDouble } from "./javaNumbers";

/**
 * Byte-level decoders for CSV fields: numbers are parsed straight from the bytes (no string per
 * field), strings are interned per column so a categorical column with a small vocabulary makes
 * one JS string per distinct value rather than one per row. This is what makes the CSV source
 * fast (see bench/ for the figures and the library baseline it is compared with).
 */

const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

const INTEGER = /^[+-]?\d+$/;

/** Result slot of the number decoders: `ok` is false when the bytes are not a number of the kind asked. */
export const decoded = { ok: true };

const nativeLatin1 = (Buffer.prototype as unknown as { latin1Slice?: (this: Uint8Array, s: number, e: number) => string }).latin1Slice;

/** Bytes → string, one char per byte (ASCII text); Node's Buffer does this natively. */
export function latin1(buf: Uint8Array, start: number, end: number): string {
  if (nativeLatin1 !== undefined && buf instanceof Buffer) return nativeLatin1.call(buf, start, end);
  return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString("latin1", start, end);
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

/** Everything the fast path leaves: long mantissas, big exponents, NaN/Infinity, suffixes, hex (see javaNumbers). */
function decodeDoubleSlow(buf: Uint8Array, start: number, end: number): number {
  const value = parseJavaDouble(latin1(buf, start, end));
  decoded.ok = value !== undefined;
  return value ?? 0;
}

/**
 * Parses an integer (digits with an optional sign, as Java's `Long.parseLong`); `decoded.ok` is
 * false for anything else, fractions and exponents included. "-0" is 0 (integers have no −0).
 */
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
    return Number(text) + 0;
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
  return negative ? 0 - value : value;
}

/**
 * Per-column cache from the bytes of a field to its JS string, so a categorical column makes one
 * JS string per distinct value instead of one per row. An open-addressing table over a byte pool
 * (no Map, no per-lookup allocation). A column whose values rarely repeat (ids) stops using the
 * cache after a trial, so it pays for neither hashing nor lookups.
 */
export class StringInterner {
  private slots = new Int32Array(1024);
  private mask = 1023;
  private hashes = new Int32Array(512);
  private starts = new Int32Array(512);
  private lengths = new Int32Array(512);
  private texts: string[] = [];
  private pool = new Uint8Array(8192);
  private poolUsed = 0;
  private readonly decoder = new TextDecoder("utf-8");
  private lookups = 0;
  private hits = 0;
  private enabled = true;

  constructor(private readonly limit = 65536) {}

  decode(buf: Uint8Array, start: number, end: number): string {
    let hash = 0x811c9dc5 | 0;
    let ascii = 0;
    for (let i = start; i < end; i++) {
      const c = buf[i];
      ascii |= c;
      hash = Math.imul(hash ^ c, 16777619);
    }
    return this.decodeHashed(buf, start, end, hash, ascii < 128);
  }

  /**
   * The entry number of the field's text in this interner (adding it when new), or −1 when the
   * interner does not keep it (too long, the column's values rarely repeat, or the table is full).
   * Entry numbers never change, so they serve as dictionary codes ({@link entries}).
   */
  intern(buf: Uint8Array, start: number, end: number): number {
    this.decode(buf, start, end);
    return this.lastEntry;
  }

  /** The texts of entries [from, size). */
  entries(from = 0): string[] {
    return this.texts.slice(from);
  }

  get size(): number {
    return this.texts.length;
  }

  /**
   * The texts of all entries so far, indexed by entry number: the live array (it only grows and
   * entries never change), so a column's dictionary codes stay valid across chunks.
   */
  get dictionary(): readonly string[] {
    return this.texts;
  }

  /**
   * The entry number of the field's text (adding it when new), or −1 when the interner does not
   * keep it; unlike {@link decodeHashed} no string is made for a text it does not keep, so a
   * caller that holds the field's byte range can decode it later only if someone reads it.
   * `hash` is the FNV-1a hash of the bytes, computed by the caller's scan.
   */
  codeHashed(buf: Uint8Array, start: number, end: number, hash: number, ascii: boolean): number {
    const length = end - start;
    if (!this.enabled || length > 64) return -1;
    if (++this.lookups === 4096 && this.hits < 1024) this.enabled = false;
    // The probe of decodeHashed, with its arrays in locals (this runs once per STRING cell).
    const pool = this.pool;
    const slots = this.slots;
    const hashes = this.hashes;
    const lengths = this.lengths;
    const mask = this.mask;
    let slot = hash & mask;
    for (;;) {
      const entry = slots[slot] - 1;
      if (entry < 0) break;
      if (hashes[entry] === hash && lengths[entry] === length) {
        const at = this.starts[entry] - start;
        let k = start;
        while (k < end && pool[at + k] === buf[k]) k++;
        if (k === end) {
          this.hits++;
          return entry;
        }
      }
      slot = (slot + 1) & mask;
    }
    if (this.texts.length >= this.limit) return -1;
    this.insert(slot, buf, start, length, hash, ascii ? latin1(buf, start, end) : this.decoder.decode(buf.subarray(start, end)));
    return this.lastEntry;
  }

  /** Entry of the text the last {@link decodeHashed} returned (−1 when it is not kept). */
  private lastEntry = -1;

  /** Like {@link decode}, with the FNV-1a hash of the bytes already computed by the caller's scan. */
  decodeHashed(buf: Uint8Array, start: number, end: number, hash: number, ascii: boolean): string {
    const length = end - start;
    this.lastEntry = -1;
    if (!this.enabled || length > 64) return ascii ? latin1(buf, start, end) : this.decoder.decode(buf.subarray(start, end));
    if (++this.lookups === 4096 && this.hits < 1024) this.enabled = false;
    const pool = this.pool;
    let slot = hash & this.mask;
    for (;;) {
      const entry = this.slots[slot] - 1;
      if (entry < 0) break;
      if (this.hashes[entry] === hash && this.lengths[entry] === length) {
        const at = this.starts[entry];
        let k = 0;
        while (k < length && pool[at + k] === buf[start + k]) k++;
        if (k === length) {
          this.hits++;
          this.lastEntry = entry;
          return this.texts[entry];
        }
      }
      slot = (slot + 1) & this.mask;
    }
    const text = ascii ? latin1(buf, start, end) : this.decoder.decode(buf.subarray(start, end));
    if (this.texts.length < this.limit) this.insert(slot, buf, start, length, hash, text);
    return text;
  }

  private insert(slot: number, buf: Uint8Array, start: number, length: number, hash: number, text: string): void {
    const entry = this.texts.length;
    this.lastEntry = entry;
    if (entry === this.hashes.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.hashes = grow(this.hashes);
      this.starts = grow(this.starts);
      this.lengths = grow(this.lengths);
    }
    if (this.poolUsed + length > this.pool.length) {
      const bigger = new Uint8Array(Math.max(this.pool.length * 2, this.poolUsed + length));
      bigger.set(this.pool);
      this.pool = bigger;
    }
    this.pool.set(buf.subarray(start, start + length), this.poolUsed);
    this.hashes[entry] = hash;
    this.starts[entry] = this.poolUsed;
    this.lengths[entry] = length;
    this.texts.push(text);
    this.poolUsed += length;
    this.slots[slot] = entry + 1;
    // Keep the table at most half full.
    if ((entry + 1) * 2 > this.slots.length) this.rehash();
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let entry = 0; entry < this.texts.length; entry++) {
      let slot = this.hashes[entry] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = entry + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
