/**
 * MurmurHash3, x86 32-bit variant (Austin Appleby's reference `MurmurHash3_x86_32`), over the
 * UTF-16 code units of a JS string read as little-endian byte pairs — exactly Guava's
 * `Hashing.murmur3_32(seed).hashUnencodedChars(s)`, which Alink's FeatureHasher uses (reference
 * §9.4). Reading the code units directly avoids encoding the string to bytes: two code units
 * make one 32-bit block (`c[i] | c[i+1] << 16`), an odd last unit is the tail, and the length
 * mixed in at the end is the byte length `2 · s.length`.
 *
 * Written here rather than taken from npm: the npm packages hash bytes (or UTF-8), so they would
 * need a UTF-16LE copy of every key, and the hasher's hot path hashes each distinct key once.
 *
 * @returns the hash as a signed 32-bit integer (Java's `int`).
 */
export function murmur3Utf16(s: string, seed = 0): number {
  const C1 = 0xcc9e2d51;
  const C2 = 0x1b873593;
  const length = s.length;
  let h1 = seed | 0;
  let i = 1;
  for (; i < length; i += 2) {
    let k1 = s.charCodeAt(i - 1) | (s.charCodeAt(i) << 16);
    k1 = Math.imul(k1, C1);
    k1 = (k1 << 15) | (k1 >>> 17);
    k1 = Math.imul(k1, C2);
    h1 ^= k1;
    h1 = (h1 << 13) | (h1 >>> 19);
    h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
  }
  if ((length & 1) === 1) {
    let k1 = s.charCodeAt(length - 1);
    k1 = Math.imul(k1, C1);
    k1 = (k1 << 15) | (k1 >>> 17);
    k1 = Math.imul(k1, C2);
    h1 ^= k1;
  }
  h1 ^= length * 2;
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h1 = Math.imul(h1, 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  return h1 | 0;
}

/**
 * Alink's slot of a hash: `Math.floorMod(Math.abs(h), n)`. `Math.abs(Integer.MIN_VALUE)` stays
 * negative in Java, and floorMod then still yields a slot in [0, n).
 */
export function hashSlot(hash: number, numFeatures: number): number {
  const a = hash === -2147483648 ? hash : Math.abs(hash);
  return ((a % numFeatures) + numFeatures) % numFeatures;
}

/** The feature-vector slot of a key string: {@link hashSlot} of {@link murmur3Utf16} with seed 0. */
export function featureSlot(key: string, numFeatures: number): number {
  return hashSlot(murmur3Utf16(key, 0), numFeatures);
}
