import { describe, expect, it } from "vitest";
import { FeatureHasher, FeatureHasherMapper, Table } from "../../src";
import { StringColumn, VectorColumn } from "../../src/core/column";
import { Schema } from "../../src/core/schema";
import { featureSlot } from "../../src/feature/hasher/murmur3";
import { CsvChunkParser, CsvFormat } from "../../src/io/csv/CsvChunkParser";

/**
 * FeatureHasher's fast paths (issue 19): slots looked up by dictionary code for coded CSV columns,
 * and the block loop (numeric values copied row-major, nulls as NaN) — checked against a plain
 * reference written here: per row a map slot → sum, numeric columns first then categorical ones,
 * each in selectedCols order (Alink's order of additions), then sorted by slot.
 */

const FORMAT: CsvFormat = { fieldDelimiter: ",", rowDelimiter: "\n", quoteChar: '"', skipBlankLine: true, lenient: false, handleInvalidMethod: "ERROR" };

function parse(schema: Schema, text: string, defer: boolean): Table {
  const parser = new CsvChunkParser(schema, FORMAT, "hash.csv", false, "test", defer);
  return parser.parse(Buffer.from(text, "utf8"), true).table;
}

interface Spec {
  selected: string[];
  categorical: string[];
  numFeatures: number;
}

/** The reference vector of each row: indices ascending, collisions summed in Alink's order. */
function reference(table: Table, spec: Spec): { indices: number[]; values: number[] }[] {
  const { names, types } = table.schema;
  const isCat = (name: string) => spec.categorical.includes(name) || types[names.indexOf(name)] === "STRING";
  const out = [];
  for (let r = 0; r < table.numRows; r++) {
    const sums = new Map<number, number>();
    const add = (slot: number, v: number) => sums.set(slot, sums.has(slot) ? sums.get(slot)! + v : v);
    for (const name of spec.selected) {
      if (isCat(name)) continue;
      const v = table.column(name).get(r) as number | null;
      if (v !== null) add(featureSlot(name, spec.numFeatures), v);
    }
    for (const name of spec.selected) {
      if (!isCat(name)) continue;
      const v = table.column(name).get(r);
      if (v !== null) add(featureSlot(`${name}=${String(v)}`, spec.numFeatures), 1.0);
    }
    const indices = [...sums.keys()].sort((a, b) => a - b);
    out.push({ indices, values: indices.map((i) => sums.get(i)!) });
  }
  return out;
}

function hashed(table: Table, spec: Spec, chunkRows: number): { indices: number[]; values: number[] }[] {
  const stage = new FeatureHasher().setSelectedCols(spec.selected).setCategoricalCols(spec.categorical).setOutputCol("vec").setNumFeatures(spec.numFeatures);
  const mapper = new FeatureHasherMapper(table.schema, stage, "test");
  const out = [];
  for (let start = 0; start < table.numRows; start += chunkRows) {
    const result = mapper.map(table.slice(start, start + chunkRows));
    const vec = result.column("vec") as VectorColumn;
    for (let r = 0; r < result.numRows; r++) {
      const v = vec.get(r)!;
      expect(v.size()).toBe(spec.numFeatures);
      const { indices, values } = v as unknown as { indices: Int32Array; values: Float64Array };
      out.push({ indices: [...indices], values: [...values] });
    }
  }
  return out;
}

function sameBits(a: { indices: number[]; values: number[] }[], b: { indices: number[]; values: number[] }[]): void {
  expect(a.length).toBe(b.length);
  for (let r = 0; r < a.length; r++) {
    expect(a[r].indices, `row ${r}`).toEqual(b[r].indices);
    a[r].values.forEach((v, k) => expect(Object.is(v, b[r].values[k]), `row ${r} entry ${k}: ${v} vs ${b[r].values[k]}`).toBe(true));
  }
}

/** Adversarial rows: quotes, nulls, empty strings, repeated values, non-ASCII, ints and doubles with nulls, −0.0. */
function adversarialCsv(rows: number, seed: number): string {
  let s = seed;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const lines = [];
  for (let i = 0; i < rows; i++) {
    // Values longer than 64 bytes are kept as byte ranges (no dictionary code) in a coded column.
    const a = pick(["x", "y", "", '""', '"q,1"', '"say ""hi"""', "é", "日本", `u${i}`, "L".repeat(70) + (i % 3)]);
    const b = pick(["x", "y", "z", "", "x"]);
    // Values whose sums round differently in another order (so the order of additions is checked).
    const n = pick(["1", "-2", "", "0", "2147483647", "16777217", "-1073741823"]);
    const d = pick(["0.5", "-0.0", "", "1e300", "3", "-7.25", "0.1", "0.3", "1e-7", "4503599627370497"]);
    const k = pick(["0", "1", "", "7"]);
    lines.push([a, b, n, d, k].join(","));
  }
  return lines.join("\n") + "\n";
}

const SCHEMA = Schema.parse("a string, b string, n int, d double, k int");

describe("FeatureHasher fast paths give the reference vectors bit for bit", () => {
  const text = adversarialCsv(2600, 7);
  const coded = parse(SCHEMA, text, true);
  const plain = parse(SCHEMA, text, false);

  it("the deferred parse gives coded columns, the plain one does not (both paths are exercised)", () => {
    expect((coded.columns[0] as StringColumn).origin?.dictionaryCodes?.()).toBeTruthy();
    expect((plain.columns[0] as StringColumn).origin).toBeNull();
    const codes = (coded.columns[0] as StringColumn).origin!.dictionaryCodes!()!.codes;
    expect(codes.some((c) => c < 0)).toBe(true); // some rows are read from their bytes
  });

  const specs: [string, Spec][] = [
    ["many slots", { selected: ["a", "n", "b", "d", "k"], categorical: ["k"], numFeatures: 1 << 18 }],
    ["3 slots: collisions everywhere (numeric with numeric, numeric with categorical)", { selected: ["d", "a", "n", "b", "k"], categorical: ["k"], numFeatures: 3 }],
    ["one slot", { selected: ["n", "d", "a"], categorical: [], numFeatures: 1 }],
    ["a column selected twice", { selected: ["a", "n", "a", "n", "b"], categorical: [], numFeatures: 101 }],
    ["two columns with equal values", { selected: ["b", "a", "k", "n"], categorical: ["k", "n"], numFeatures: 30000 }],
  ];
  for (const [what, spec] of specs) {
    it(`${what}: coded and plain columns, blocks of rows and one-row chunks`, () => {
      let want: ReturnType<typeof reference>;
      try {
        want = reference(plain, spec);
        hashed(plain, spec, 1 << 20);
      } catch (error) {
        // A spec the hasher refuses (it must then refuse it on both paths).
        expect(() => hashed(coded, spec, 1 << 20)).toThrow();
        return;
      }
      for (const table of [coded, plain]) {
        sameBits(hashed(table, spec, 1 << 20), want); // crosses 1024-row blocks
        sameBits(hashed(table, spec, 1000), want);
        sameBits(hashed(table.slice(0, 60), spec, 1), want.slice(0, 60)); // one-row chunks (hashRow)
      }
    });
  }
});
