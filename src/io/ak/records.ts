import { StreamlabError } from "../../core/errors";

/**
 * The record stream inside each data entry of an `.ak` file (reference §13.2, errata E28):
 *
 *   header "ALK" (V1, what Alink writes) or "FLK" (V2, read only)
 *   V1 record: length as 3 bytes big-endian, or FF FF FF + 4 bytes when ≥ 0xFFFFFF; then the row
 *   V2 record: length as 4 bytes big-endian; then the row (its null mask carries 2 RowKind bits)
 *
 * The stream ends with its entry; there is no terminator.
 */
export type RecordVersion = 1 | 2;

export const V1_HEADER = [0x41, 0x4c, 0x4b]; // "ALK"
const V2_HEADER = [0x46, 0x4c, 0x4b]; // "FLK"

/** The version named by a data entry's 3-byte header, or an error naming the file and entry. */
export function recordVersion(bytes: Uint8Array, file: string, entry: string): RecordVersion {
  const is = (h: number[]) => bytes.length >= 3 && bytes[0] === h[0] && bytes[1] === h[1] && bytes[2] === h[2];
  if (is(V1_HEADER)) return 1;
  if (is(V2_HEADER)) return 2;
  const found = bytes.length < 3 ? `${bytes.length} bytes` : Array.from(bytes.subarray(0, 3), (b) => b.toString(16).padStart(2, "0")).join(" ");
  throw new StreamlabError(`${file}: entry "${entry}" does not start with the record header "ALK" (41 4c 4b) or "FLK"; found ${found}.`, { file });
}

/**
 * Calls `each(start, end, index)` for every record of a data entry (positions of the row bytes).
 * A length running past the entry is an error naming the record.
 */
export function forEachRecord(
  bytes: Uint8Array,
  version: RecordVersion,
  file: string,
  entry: string,
  firstRow: number,
  each: (start: number, end: number, row: number) => void,
): number {
  let p = 3;
  let row = firstRow;
  const n = bytes.length;
  while (p < n) {
    let length: number;
    if (version === 1) {
      if (p + 3 > n) throw truncated(file, entry, row, p, n);
      length = (bytes[p] << 16) | (bytes[p + 1] << 8) | bytes[p + 2];
      p += 3;
      if (length === 0xffffff) {
        if (p + 4 > n) throw truncated(file, entry, row, p, n);
        length = ((bytes[p] << 24) | (bytes[p + 1] << 16) | (bytes[p + 2] << 8) | bytes[p + 3]) >>> 0;
        p += 4;
      }
    } else {
      if (p + 4 > n) throw truncated(file, entry, row, p, n);
      length = ((bytes[p] << 24) | (bytes[p + 1] << 16) | (bytes[p + 2] << 8) | bytes[p + 3]) >>> 0;
      p += 4;
    }
    if (p + length > n) {
      throw new StreamlabError(
        `${file}: entry "${entry}", row ${row}: the record says ${length} bytes but only ${n - p} remain (the data is truncated).`,
        { file, row },
      );
    }
    each(p, p + length, row);
    p += length;
    row++;
  }
  return row;
}

function truncated(file: string, entry: string, row: number, at: number, n: number): StreamlabError {
  return new StreamlabError(
    `${file}: entry "${entry}", row ${row}: the data ends inside a record length (byte ${at} of ${n}; the data is truncated).`,
    { file, row },
  );
}

/** Appends a V1 record length. */
export function writeRecordLength(out: { byte(b: number): void }, length: number): void {
  if (length >= 0xffffff) {
    out.byte(0xff);
    out.byte(0xff);
    out.byte(0xff);
    out.byte((length >>> 24) & 0xff);
    out.byte((length >>> 16) & 0xff);
    out.byte((length >>> 8) & 0xff);
    out.byte(length & 0xff);
  } else {
    out.byte((length >>> 16) & 0xff);
    out.byte((length >>> 8) & 0xff);
    out.byte(length & 0xff);
  }
}
