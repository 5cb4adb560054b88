import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { StringColumn } from "../../src/core/column";
import { Schema } from "../../src/core/schema";
import { Table } from "../../src/core/table";
import { CsvChunkParser, CsvFormat } from "../../src/io/csv/CsvChunkParser";
import { CsvSourceBatchOp } from "../../src/io/csv/CsvSourceBatchOp";
import { TableDecoder, TableEncoder } from "../../src/io/csv/csvTransfer";

/**
 * The coded STRING fast path (issue 19): a deferred parser keeps STRING fields as dictionary codes
 * (or byte ranges) instead of a string per cell, and INT columns parse straight into Int32Arrays.
 * Every value must still read back exactly as the text of the file says; the expected rows here
 * are written out by hand or generated from the same values the file was written from.
 */

const FORMAT: CsvFormat = { fieldDelimiter: ",", rowDelimiter: "\n", quoteChar: '"', skipBlankLine: true, lenient: false, handleInvalidMethod: "ERROR" };

/** Parses `text` in pieces of `step` bytes (a stream source's chunks) with a deferred or plain parser. */
function parseInPieces(schema: Schema, text: string, defer: boolean, step: number, format: Partial<CsvFormat> = {}): { tables: Table[]; parser: CsvChunkParser } {
  const parser = new CsvChunkParser(schema, { ...FORMAT, ...format }, "coded.csv", false, "CsvSourceStreamOp", defer);
  const bytes = Buffer.from(text, "utf8");
  const tables: Table[] = [];
  let carry = Buffer.alloc(0);
  for (let at = 0; at <= bytes.length; at += step) {
    const piece = bytes.subarray(at, Math.min(bytes.length, at + step));
    const buf = Buffer.concat([carry, piece]);
    const final = at + step >= bytes.length;
    const { table, consumed } = parser.parse(buf, final);
    if (table.numRows > 0) tables.push(table);
    carry = Buffer.from(buf.subarray(consumed));
    if (final) break;
  }
  return { tables, parser };
}

const rowsOf = (tables: Table[]) => tables.flatMap((t) => t.toRows());

describe("CSV coded STRING columns (deferred parse): values read back exactly", () => {
  const schema = Schema.parse("s string, n int, t string, d double");
  // Quotes (with the delimiter and escaped quotes inside), empty fields (null), "" (empty string),
  // repeated values, non-ASCII text, a field longer than the interner keeps, CRLF and bare CR ends.
  const long = "x".repeat(80);
  const lines = [
    'a,1,"q,1",1.5',
    'a,,"say ""hi""",2',
    ',3,"",',
    '"",4,é,-0.0',
    `${long},5,a,3`,
    'b,-6,b,4e3\r',
    'a,7,日本,5\r\nb,8,a,6',
    'é,9,é,7',
  ];
  const text = lines.join("\n") + "\n";
  const expected = [
    ["a", 1, "q,1", 1.5],
    ["a", null, 'say "hi"', 2],
    [null, 3, "", null],
    ["", 4, "é", -0],
    [long, 5, "a", 3],
    ["b", -6, "b", 4000],
    ["a", 7, "日本", 5],
    ["b", 8, "a", 6],
    ["é", 9, "é", 7],
  ];

  for (const step of [3, 7, 1 << 20]) {
    it(`deferred and plain parses give the hand-written rows (chunks of ${step} bytes)`, () => {
      for (const defer of [true, false]) {
        const rows = rowsOf(parseInPieces(schema, text, defer, step).tables);
        expect(rows.length).toBe(expected.length);
        rows.forEach((row, i) => {
          row.forEach((v, c) => expect(Object.is(v, expected[i][c]) || v === expected[i][c], `defer ${defer} row ${i} col ${c}: ${String(v)}`).toBe(true));
        });
      }
    });
  }

  it("a deferred column's codes point at its texts, and the dictionary is shared by the chunks of a column", () => {
    const { tables } = parseInPieces(schema, text, true, 20);
    let dictionary: readonly string[] | null = null;
    for (const table of tables) {
      const column = table.columns[0] as StringColumn;
      const coded = column.origin!.dictionaryCodes!()!;
      expect(coded).not.toBeNull();
      if (dictionary !== null) expect(coded.dictionary).toBe(dictionary);
      dictionary = coded.dictionary;
      const values = column.values;
      for (let i = 0; i < table.numRows; i++) if (coded.codes[i] >= 0) expect(coded.dictionary[coded.codes[i]]).toBe(values[i]);
    }
  });

  it("a lenient parser's rejected line leaves nothing behind (its coded STRING and INT cells are overwritten)", () => {
    const bad = ["k,1,v,1", "zz,notanint,ww,2", "k,,v,3", "m,x,", "zz,4,,5"].join("\n") + "\n";
    for (const defer of [true, false]) {
      const rows = rowsOf(parseInPieces(schema, bad, defer, 1 << 20, { lenient: true }).tables);
      expect(rows).toEqual([
        ["k", 1, "v", 1],
        ["k", null, "v", 3],
        ["zz", 4, null, 5],
      ]);
    }
  });

  it("a column of unique values (the interner gives up: byte ranges) beside a repeating one, over many chunks", () => {
    const ids = Array.from({ length: 6000 }, (_, i) => `id${(i * 7919) % 100003}`);
    const cats = Array.from({ length: 6000 }, (_, i) => `c${i % 13}`);
    const body = ids.map((id, i) => `${id},${i},${cats[i]},${i / 4}`).join("\n") + "\n";
    const rows = rowsOf(parseInPieces(schema, body, true, 4096).tables);
    expect(rows).toEqual(ids.map((id, i) => [id, i, cats[i], i / 4]));
  });

  it("the worker transfer (parser codes, new dictionary entries per message) rebuilds the same rows", () => {
    const ids = Array.from({ length: 3000 }, (_, i) => (i % 5 === 0 ? `"q,${i}"` : i % 7 === 0 ? "" : `v${i % 50}`));
    const body = ids.map((v, i) => `${v},${i},${i % 3 === 0 ? "" : "w" + (i % 4)},1`).join("\n") + "\n";
    const { tables } = parseInPieces(schema, body, true, 2000);
    const encoder = new TableEncoder();
    const decoder = new TableDecoder();
    const decoded = tables.map((t) => decoder.decode(structuredClone(encoder.encode(t).message)));
    const want = ids.map((v, i) => [v.startsWith('"') ? v.slice(1, -1) : v === "" ? null : v, i, i % 3 === 0 ? null : "w" + (i % 4), 1]);
    expect(rowsOf(decoded)).toEqual(want);
    // The decoded columns carry codes, so a FeatureHasher after the worker hashes each value once.
    const coded = (decoded[decoded.length - 1].columns[0] as StringColumn).origin!.dictionaryCodes!()!;
    expect(coded.codes.some((c) => c >= 0)).toBe(true);
  });
});

describe("CsvSourceBatchOp reads a file in one piece with coded STRING columns", () => {
  it("gives the same table as the hand-written rows, INT columns stored as Int32Array", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "coded-"));
    const file = path.join(dir, "in.csv");
    fs.writeFileSync(file, 'id,s,n\nr1,"a,b",1\nr2,,-2\nr3,a,b\n'.replace("a,b\n", "a,3\n"));
    const op = new CsvSourceBatchOp().setFilePath(file).setSchemaStr("id string, s string, n int").setIgnoreFirstLine(true);
    const table = op.getOutputTable();
    expect(table.toRows()).toEqual([
      ["r1", "a,b", 1],
      ["r2", null, -2],
      ["r3", "a", 3],
    ]);
    expect((table.columns[2] as { values: unknown }).values).toBeInstanceOf(Int32Array);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
