import { parseJavaDouble } from "./javaNumbers";

/**
 * Byte-level decoders for CSV fields: numbers are parsed straight from the bytes (no string per
 * field), strings are interned per column so a categorical column with a small vocabulary makes
 * one JS string per distinct value rather than one per row. This is what makes the CSV source
 * fast (see bench/ for the figures and the library baseline it is compared with).
 */

/** Exact powers of ten (every one up to 1e22 is a double). */
export const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

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
  // The first 9 significant digits accumulate in int32 arithmetic (a short dependency chain per
  // digit), the rest in a double; both are exact integers within the fast path's 15 digits.
  let small = 0;
  let mantissa = 0;
  let significant = 0;
  let fractionDigits = 0;
  let sawDigit = false;
  let slow = false;
  while (i < end) {
    c = buf[i];
    if (c < 48 || c > 57) break;
    sawDigit = true;
    if (significant !== 0 || c !== 48) {
      if (++significant <= 9) small = (small * 10 + (c - 48)) | 0;
      else {
        mantissa = (significant === 10 ? small : mantissa) * 10 + (c - 48);
        if (significant > 15) slow = true;
      }
    }
    i++;
  }
  if (i < end && buf[i] === 46 /* . */) {
    i++;
    while (i < end) {
      c = buf[i];
      if (c < 48 || c > 57) break;
      sawDigit = true;
      if (significant !== 0 || c !== 48) {
        if (++significant <= 9) small = (small * 10 + (c - 48)) | 0;
        else {
          mantissa = (significant === 10 ? small : mantissa) * 10 + (c - 48);
          if (significant > 15) slow = true;
        }
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
  if (significant <= 9) mantissa = small;
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
 * The interner's hash of a field, built from its bytes read as little-endian 32-bit words (the
 * last one zero-padded), so that a parser reading 4 bytes at a time computes it word by word
 * ({@link hashWord} per word, {@link hashFinish} with the byte length); {@link fieldKey} is the
 * same over bytes. The first two words are kept beside the hash: for the short fields that make
 * up most categorical columns they are the whole text, so a lookup compares two integers.
 */
export function hashWord(h: number, word: number): number {
  return Math.imul(((h << 5) | (h >>> 27)) ^ word, 0x9e3779b1);
}

/** The last step mixes in the byte length; the table is indexed by the top bits (multiplicative hashing). */
export function hashFinish(h: number, length: number): number {
  return hashWord(h, length);
}

/** Result slot of {@link fieldKey} (as `decoded` is of the number decoders). */
export const key = { hash: 0, word0: 0, word1: 0, ascii: true };

/** Hash, first two words and ASCII-ness of buf[start, end), byte by byte (the word-wise scan's reference). */
export function fieldKey(buf: Uint8Array, start: number, end: number): void {
  let h = 0;
  let word = 0;
  let word0 = 0;
  let word1 = 0;
  let words = 0;
  let high = 0;
  for (let i = start; i < end; i++) {
    const b = buf[i];
    high |= b;
    const shift = ((i - start) & 3) << 3;
    word |= b << shift;
    if (shift === 24) {
      h = hashWord(h, word);
      if (words === 0) word0 = word;
      else if (words === 1) word1 = word;
      words++;
      word = 0;
    }
  }
  if (((end - start) & 3) !== 0) {
    h = hashWord(h, word);
    if (words === 0) word0 = word;
    else if (words === 1) word1 = word;
  }
  key.hash = hashFinish(h, end - start);
  key.word0 = word0;
  key.word1 = word1;
  key.ascii = high < 128;
}

/**
 * Per-column cache from the bytes of a field to its JS string, so a categorical column makes one
 * JS string per distinct value instead of one per row. An open-addressing table over a byte pool
 * (no Map, no per-lookup allocation); an entry matches on hash, length and first two words (see
 * {@link hashWord}), and only texts longer than 8 bytes compare the rest byte by byte. A column
 * whose values rarely repeat (ids) stops using the cache after a trial, so it pays for neither
 * hashing nor lookups.
 */
export class StringInterner {
  /**
   * The open-addressing table, four ints per slot so that a probe reads one cache line:
   * `(entry + 1) << 7 | length` (0: empty; kept texts are at most 64 bytes), the hash and the
   * first two words of the text.
   */
  private table = new Int32Array(1024 * 4);
  private mask = 1023;
  /** A hash's home slot is its top bits: `hash >>> shift` (32 − log2 of the slot count). */
  private shift = 22;
  private starts = new Int32Array(512);
  private texts: string[] = [];
  private pool = new Uint8Array(8192);
  private poolUsed = 0;
  private readonly decoder = new TextDecoder("utf-8");
  /** The trial: lookups left in it and hits so far (after it, nothing is counted per lookup). */
  private trialLookups = 4096;
  private trialHits = 0;
  private enabled = true;

  constructor(private readonly limit = 65536) {}

  decode(buf: Uint8Array, start: number, end: number): string {
    fieldKey(buf, start, end);
    return this.decodeKeyed(buf, start, end, key.hash, key.word0, key.word1, key.ascii);
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
   * keep it; unlike {@link decodeKeyed} no string is made for a text it does not keep, so a
   * caller that holds the field's byte range can decode it later only if someone reads it.
   * `hash`, `word0`, `word1` are the field's {@link fieldKey}, computed by the caller's scan.
   */
  codeKeyed(buf: Uint8Array, start: number, end: number, hash: number, word0: number, word1: number, ascii: boolean): number {
    const length = end - start;
    if (!this.enabled || length > 64) return -1;
    if (this.trialLookups > 0 && --this.trialLookups === 0 && this.trialHits < 1024) this.enabled = false;
    const entry = this.find(buf, start, length, hash, word0, word1);
    if (entry >= 0) {
      if (this.trialLookups > 0) this.trialHits++;
      return entry;
    }
    if (this.texts.length >= this.limit) return -1;
    this.insert(this.freeSlot, buf, start, length, hash, word0, word1, ascii ? latin1(buf, start, end) : this.decoder.decode(buf.subarray(start, end)));
    return this.lastEntry;
  }

  /** Entry of the text the last {@link decodeKeyed} returned (−1 when it is not kept). */
  private lastEntry = -1;
  /** The empty slot where the last failed {@link find} stopped (where the text goes if added). */
  private freeSlot = 0;

  /** Like {@link decode}, with the field's {@link fieldKey} already computed by the caller's scan. */
  decodeKeyed(buf: Uint8Array, start: number, end: number, hash: number, word0: number, word1: number, ascii: boolean): string {
    const length = end - start;
    this.lastEntry = -1;
    if (!this.enabled || length > 64) return ascii ? latin1(buf, start, end) : this.decoder.decode(buf.subarray(start, end));
    if (this.trialLookups > 0 && --this.trialLookups === 0 && this.trialHits < 1024) this.enabled = false;
    const entry = this.find(buf, start, length, hash, word0, word1);
    if (entry >= 0) {
      if (this.trialLookups > 0) this.trialHits++;
      this.lastEntry = entry;
      return this.texts[entry];
    }
    const text = ascii ? latin1(buf, start, end) : this.decoder.decode(buf.subarray(start, end));
    if (this.texts.length < this.limit) this.insert(this.freeSlot, buf, start, length, hash, word0, word1, text);
    return text;
  }

  /** The entry holding the field's text, or −1 (then `freeSlot` is where it would go). */
  private find(buf: Uint8Array, start: number, length: number, hash: number, word0: number, word1: number): number {
    // In locals: this runs once per STRING cell.
    const table = this.table;
    const mask = this.mask;
    let slot = hash >>> this.shift;
    for (;;) {
      const at = slot << 2;
      const packed = table[at];
      if (packed === 0) break;
      if (table[at + 1] === hash && table[at + 2] === word0 && table[at + 3] === word1 && (packed & 127) === length) {
        const entry = (packed >>> 7) - 1;
        // Up to 8 bytes the two words are the text; longer texts compare the rest.
        if (length <= 8) return entry;
        const pool = this.pool;
        const from = this.starts[entry] - start;
        const end = start + length;
        let k = start + 8;
        while (k < end && pool[from + k] === buf[k]) k++;
        if (k === end) return entry;
      }
      slot = (slot + 1) & mask;
    }
    this.freeSlot = slot;
    return -1;
  }

  private insert(slot: number, buf: Uint8Array, start: number, length: number, hash: number, word0: number, word1: number, text: string): void {
    const entry = this.texts.length;
    this.lastEntry = entry;
    if (entry === this.starts.length) {
      const starts = new Int32Array(entry * 2);
      starts.set(this.starts);
      this.starts = starts;
    }
    if (this.poolUsed + length > this.pool.length) {
      const bigger = new Uint8Array(Math.max(this.pool.length * 2, this.poolUsed + length));
      bigger.set(this.pool);
      this.pool = bigger;
    }
    this.pool.set(buf.subarray(start, start + length), this.poolUsed);
    this.starts[entry] = this.poolUsed;
    this.texts.push(text);
    this.poolUsed += length;
    const at = slot << 2;
    const table = this.table;
    table[at] = ((entry + 1) << 7) | length;
    table[at + 1] = hash;
    table[at + 2] = word0;
    table[at + 3] = word1;
    // Keep the table at most half full.
    if ((entry + 1) * 2 > this.mask + 1) this.rehash();
  }

  private rehash(): void {
    const old = this.table;
    const table = new Int32Array(old.length * 2);
    const mask = (table.length >> 2) - 1;
    const shift = this.shift - 1;
    for (let from = 0; from < old.length; from += 4) {
      if (old[from] === 0) continue;
      let slot = old[from + 1] >>> shift;
      while (table[slot << 2] !== 0) slot = (slot + 1) & mask;
      table.set(old.subarray(from, from + 4), slot << 2);
    }
    this.table = table;
    this.mask = mask;
    this.shift = shift;
  }
}
