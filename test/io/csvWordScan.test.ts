import { describe, expect, it } from "vitest";
import { StringColumn } from "../../src/core/column";
import { Schema } from "../../src/core/schema";
import { Table } from "../../src/core/table";
import { CsvChunkParser, CsvFormat } from "../../src/io/csv/CsvChunkParser";
import { StringInterner } from "../../src/io/csv/fieldDecoders";

/**
 * The parser's fast paths read STRING fields four bytes at a time (the interner matches short texts
 * on their first two words) and accumulate integer digits in int32 arithmetic (issue 19). Values of
 * every length and alignment, texts that agree in their first words or differ only by trailing NUL
 * bytes, multi-byte UTF-8, and numbers around the 9- and 15-digit switches must read back exactly:
 * the expected rows are the generated values themselves (and JavaScript's Number() of the digits).
 */

const FORMAT: CsvFormat = { fieldDelimiter: ",", rowDelimiter: "\n", quoteChar: '"', skipBlankLine: true, lenient: false, handleInvalidMethod: "ERROR" };

function parseInPieces(schema: Schema, bytes: Buffer, defer: boolean, step: number, format: Partial<CsvFormat> = {}): Table[] {
  const parser = new CsvChunkParser(schema, { ...FORMAT, ...format }, "words.csv", false, "CsvSourceStreamOp", defer);
  const tables: Table[] = [];
  let carry = Buffer.alloc(0);
  for (let at = 0; ; at += step) {
    const buf = Buffer.concat([carry, bytes.subarray(at, Math.min(bytes.length, at + step))]);
    const final = at + step >= bytes.length;
    const { table, consumed } = parser.parse(buf, final);
    if (table.numRows > 0) tables.push(table);
    carry = Buffer.from(buf.subarray(consumed));
    if (final) return tables;
  }
}

/** A small deterministic generator (tests must not depend on Math.random). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("CSV STRING fields read word by word", () => {
  // Texts of every length 1..20 from an alphabet with NUL, DEL, digits and a 2-byte character,
  // plus near-twins: same first 8 bytes with a different 9th+, and trailing NULs.
  const random = lcg(19);
  const alphabet = ["a", "b", "Z", "0", "9", "\u0000", "\u007f", "é", " ", "-"];
  const texts: string[] = [];
  for (let length = 1; length <= 20; length++) {
    for (let k = 0; k < 3; k++) texts.push(Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join(""));
  }
  texts.push("ab", "ab\u0000", "ab\u0000\u0000", "ab\u0000\u0000\u0000", "ab\u0000\u0000\u0000\u0000\u0000\u0000", "ab\u0000\u0000\u0000\u0000\u0000\u0000\u0000");
  texts.push("abcdefgh", "abcdefghi", "abcdefghj", "abcdefgh0123456789x", "abcdefgh0123456789y", "abcd", "abce", "日本語の", "日本語ｎ");
  // Enough rows that the interner keeps going (values repeat), in an order with no pattern.
  const rows = Array.from({ length: 6000 }, (_, i) => [texts[Math.floor(random() * texts.length)], i % 997, texts[(i * 7) % texts.length]] as const);
  const schema = Schema.parse("s string, n int, t string");
  const body = Buffer.from(rows.map(([s, n, t]) => `${s},${n},${t}`).join("\n") + "\n", "utf8");

  for (const step of [5, 61, 4096, 1 << 22]) {
    it(`deferred and plain parses give back every text (chunks of ${step} bytes)`, () => {
      for (const defer of [true, false]) {
        const got = parseInPieces(schema, body, defer, step).flatMap((t) => t.toRows());
        expect(got.length).toBe(rows.length);
        got.forEach((row, i) => expect(row, `defer ${defer} row ${i}`).toEqual([...rows[i]]));
      }
    });
  }

  it("equal texts share a dictionary code and different texts never do", () => {
    const tables = parseInPieces(schema, body, true, 1 << 22);
    const codeOf = new Map<string, number>();
    const textOf = new Map<number, string>();
    let coded = 0;
    for (const table of tables) {
      const column = table.columns[0] as StringColumn;
      const { codes, dictionary } = column.origin!.dictionaryCodes!()!;
      for (let i = 0; i < table.numRows; i++) {
        const code = codes[i];
        if (code < 0) continue;
        coded++;
        const text = column.values[i] as string;
        expect(dictionary[code]).toBe(text);
        expect(codeOf.get(text) ?? code).toBe(code);
        expect(textOf.get(code) ?? text).toBe(text);
        codeOf.set(text, code);
        textOf.set(code, text);
      }
    }
    expect(coded).toBeGreaterThan(rows.length / 2);
    expect(codeOf.size).toBe(new Set(rows.map(([s]) => s)).size);
  });

  it("a STRING field that ends within the chunk's last four bytes, with and without a final newline", () => {
    const schema2 = Schema.parse("a string, b string");
    for (const text of ["x,abc\n", "x,abc", "x,abcdefg\n", "x,abcdefg", "x,a", "x,ab\ny,é\n", "x,é"]) {
      const want = text
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => line.split(","));
      for (const defer of [true, false]) {
        for (const step of [1, 3, 1 << 10]) {
          const got = parseInPieces(schema2, Buffer.from(text, "utf8"), defer, step).flatMap((t) => t.toRows());
          expect(got, `${JSON.stringify(text)} defer ${defer} step ${step}`).toEqual(want);
        }
      }
    }
  });

  it("invalid UTF-8 past the first word of a field is still found (with the byte's position)", () => {
    const schema2 = Schema.parse("a string, n int");
    const bytes = Buffer.concat([Buffer.from("abcdefgh"), Buffer.from([0xff]), Buffer.from("ij,1\n")]);
    for (const defer of [true, false]) {
      expect(() => parseInPieces(schema2, bytes, defer, 1 << 10)).toThrow(/line 1, column "a" \(STRING\): the field is not valid UTF-8 \(bytes 0xFF 0x69 at byte 8 of the field\)/);
    }
  });

  it("the interner's lookup by hash and words agrees with a Map on texts that share their first words", () => {
    const interner = new StringInterner();
    const seen = new Map<string, number>();
    const values = [...texts, ...texts.map((t) => t + "tail"), ...texts.map((t) => "\u0000" + t)];
    for (let round = 0; round < 3; round++) {
      for (const text of values) {
        const bytes = Buffer.from(`,${text},`, "utf8");
        const code = interner.intern(bytes, 1, bytes.length - 1);
        expect(code).toBeGreaterThanOrEqual(0);
        expect(interner.dictionary[code]).toBe(text);
        expect(seen.get(text) ?? code).toBe(code);
        seen.set(text, code);
      }
    }
    expect(interner.size).toBe(new Set(values).size);
  });
});

describe("CSV integers and doubles around the fast paths' digit counts", () => {
  const ints = ["0", "-0", "7", "-7", "123456789", "-123456789", "1234567890", "2147483647", "-2147483648", "000000000012", "-000000001"];
  const bigints = [...ints, "999999999999999", "-999999999999999", "1000000000000000", "9007199254740991", "-9007199254740991"];
  const doubles = ["0", "-0.0", "1.5", "123456789", "1234567890", "1413849601.026", "0.000123456789", "00012.5", "123456789012345", "1234567890123456", "9007199254740993", "3.14159265358979", "-2.5e-3", "1e22", "1e23", "-.5", "1.", ".5", "007.250", "-0", "0.0000000000000000000001", "0.00000000000000000000001", "12345.67890123456", "+3.5", "1.5d", "0x1p3"];

  it("INT, BIGINT and DOUBLE cells equal Number() of their text", () => {
    const count = Math.max(bigints.length, doubles.length);
    const lines: string[] = [];
    const want: number[][] = [];
    for (let i = 0; i < count; i++) {
      const a = ints[i % ints.length];
      const b = bigints[i % bigints.length];
      const d = doubles[i % doubles.length];
      lines.push(`${a},${b},${d}`);
      // Java's Double.parseDouble reads the type suffix and hex forms Number() does not.
      const java = d === "1.5d" ? 1.5 : d === "0x1p3" ? 8 : Number(d);
      want.push([Number(a) + 0, Number(b) + 0, java]);
    }
    const schema = Schema.parse("a int, b bigint, d double");
    for (const defer of [true, false]) {
      for (const step of [4, 1 << 10]) {
        const got = parseInPieces(schema, Buffer.from(lines.join("\n") + "\n"), defer, step).flatMap((t) => t.toRows());
        got.forEach((row, i) => row.forEach((v, c) => expect(Object.is(v, want[i][c]), `row ${i} col ${c}: ${String(v)} vs ${want[i][c]}`).toBe(true)));
        expect(got.length).toBe(want.length);
      }
    }
  });

  it("a field delimiter that can be part of a number ('-', '.') still splits the fields", () => {
    const schema = Schema.parse("a int, b double, s string");
    const dash = parseInPieces(schema, Buffer.from("-7-x\n5-2.5-y\n"), true, 1 << 10, { fieldDelimiter: "-" }).flatMap((t) => t.toRows());
    expect(dash).toEqual([
      [null, 7, "x"],
      [5, 2.5, "y"],
    ]);
    const dot = parseInPieces(schema, Buffer.from("5.25.z\n.1.w\n"), true, 1 << 10, { fieldDelimiter: "." }).flatMap((t) => t.toRows());
    expect(dot).toEqual([
      [5, 25, "z"],
      [null, 1, "w"],
    ]);
  });

  it("an INT beyond the int32 range is still an error after 10 digits", () => {
    const schema = Schema.parse("a int");
    for (const text of ["2147483648", "-2147483649", "99999999999"]) {
      expect(() => parseInPieces(schema, Buffer.from(`${text}\n`), true, 1 << 10)).toThrow(new RegExp(`${text} is outside the INT range`));
    }
  });
});
