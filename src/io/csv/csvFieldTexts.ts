import { TextOrigin } from "../../core/column";
import { StringInterner } from "./fieldDecoders";

/**
 * A STRING column of a parsed CSV chunk whose fields are decoded from the chunk's bytes only when
 * the column is read. A stream source reads every column of a file, but a pipeline often uses a
 * few of them: an `id` column of unique strings would otherwise make a million strings nobody
 * looks at. Fields the parser had to decode anyway (quoted or empty ones) are kept as decoded.
 */
export class CsvFieldTexts implements TextOrigin {
  constructor(
    private readonly bytes: Uint8Array,
    /**
     * Per row: the field's byte range, or `end < 0` when the row's value is in `decoded`; not
     * meaningful for a row with a code (read first). Null when every row has a code.
     */
    private readonly starts: Int32Array | null,
    private readonly ends: Int32Array | null,
    private readonly decoded: readonly (string | null)[],
    /** The column's interner (shared with the parser), so repeated values share one string. */
    private readonly interner: StringInterner,
    /** Optional dictionary codes: `codes[i] ≥ 0` means row i's text is `dictionary[codes[i]]`. */
    private readonly codes: Int32Array | null = null,
    private readonly dictionary: readonly string[] | null = null,
  ) {}

  /** The column as dictionary codes, when it has them (a FeatureHasher then hashes each distinct value once). */
  dictionaryCodes(): { codes: Int32Array; dictionary: readonly string[] } | null {
    return this.codes === null || this.dictionary === null ? null : { codes: this.codes, dictionary: this.dictionary };
  }

  /** Row i's text. */
  text(i: number): string | null {
    const code = this.codes === null ? -1 : this.codes[i];
    if (code >= 0) return this.dictionary![code];
    const ends = this.ends!;
    return ends[i] < 0 ? this.decoded[i] : this.interner.decode(this.bytes, this.starts![i], ends[i]);
  }

  get length(): number {
    return (this.codes ?? this.starts)!.length;
  }

  /** The parts of this origin another thread needs to rebuild it (with its own interner): see csvTransfer. */
  parts(): { bytes: Uint8Array; starts: Int32Array | null; ends: Int32Array | null; decoded: readonly (string | null)[] } {
    return { bytes: this.bytes, starts: this.starts, ends: this.ends, decoded: this.decoded };
  }

  render(): (string | null)[] {
    return Array.from({ length: this.length }, (_, i) => this.text(i));
  }

  slice(start: number, end: number): CsvFieldTexts {
    return new CsvFieldTexts(
      this.bytes,
      this.starts?.subarray(start, end) ?? null,
      this.ends?.subarray(start, end) ?? null,
      this.decoded.slice(start, end),
      this.interner,
      this.codes?.subarray(start, end) ?? null,
      this.dictionary,
    );
  }

  take(rows: ArrayLike<number>): CsvFieldTexts {
    const n = rows.length;
    const fromStarts = this.starts;
    const fromEnds = this.ends;
    // Without ranges (every row coded) the taken rows have none either.
    const starts = fromStarts === null ? null : new Int32Array(n);
    const ends = fromEnds === null ? null : new Int32Array(n);
    // Texts the parser decoded are rare (often none: an empty array); copy them only when there are some.
    const decoded = this.decoded.length === 0 ? this.decoded : new Array<string | null>(n);
    const codes = this.codes === null ? null : new Int32Array(n);
    if (codes !== null) {
      // A coded row's text is its dictionary entry: its range is not copied (it stays [0, 0)).
      const fromCodes = this.codes!;
      for (let i = 0; i < n; i++) {
        const r = rows[i];
        const code = fromCodes[r];
        codes[i] = code;
        if (code < 0) {
          starts![i] = fromStarts![r];
          ends![i] = fromEnds![r];
        }
      }
    } else {
      for (let i = 0; i < n; i++) {
        const r = rows[i];
        starts![i] = fromStarts![r];
        ends![i] = fromEnds![r];
      }
    }
    if (decoded !== this.decoded) for (let i = 0; i < n; i++) (decoded as (string | null)[])[i] = this.decoded[rows[i]];
    return new CsvFieldTexts(this.bytes, starts, ends, decoded, this.interner, codes, this.dictionary);
  }
}
