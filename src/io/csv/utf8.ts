import * as buffer from "buffer";

/**
 * UTF-8 validity of CSV text. A decoder would silently turn invalid bytes into U+FFFD (a Latin-1
 * file read as UTF-8 gives "Andr\uFFFD" for "André"), so STRING fields are checked when parsed.
 * The parser validates each chunk at once with Node's native `buffer.isUtf8` (fields cut at ASCII
 * delimiters of a valid chunk are valid) and falls back to {@link invalidUtf8At} per field only
 * for chunks that fail or reach past the part that was checked.
 */

const nativeIsUtf8 = (buffer as unknown as { isUtf8?: (input: Uint8Array) => boolean }).isUtf8;

/** Whether bytes [start, end) are valid UTF-8. */
export function isUtf8Range(buf: Uint8Array, start: number, end: number): boolean {
  if (nativeIsUtf8 !== undefined) return nativeIsUtf8(buf.subarray(start, end));
  return invalidUtf8At(buf, start, end) < 0;
}

/**
 * Offset (from `start`) of the first byte of the first invalid UTF-8 sequence in [start, end), or
 * −1 when the range is valid. The rules are the WHATWG decoder's (as TextDecoder with
 * `fatal: true`): no overlong forms, no surrogates, nothing above U+10FFFF, no cut sequences.
 */
export function invalidUtf8At(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return i - start;
    if (i + need >= end) return i - start; // cut short
    const second = buf[i + 1];
    if (second < lo || second > hi) return i - start;
    for (let k = 2; k <= need; k++) {
      const c = buf[i + k];
      if (c < 0x80 || c > 0xbf) return i - start;
    }
    i += need + 1;
  }
  return -1;
}

/** The bytes of an invalid sequence for an error message, e.g. `0xE9 0x20`. */
export function describeBytes(buf: Uint8Array, at: number, end: number): string {
  const shown: string[] = [];
  for (let i = at; i < Math.min(end, at + 4); i++) {
    shown.push("0x" + buf[i].toString(16).toUpperCase().padStart(2, "0"));
    if (i > at && (buf[i] < 0x80 || buf[i] > 0xbf)) break;
  }
  return shown.join(" ");
}
