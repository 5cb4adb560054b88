import { describe, expect, it } from "vitest";
import {
  CsvSourceBatchOp,
  CTR_SCHEMA_STR,
  FeatureHasher,
  FeatureHasherBatchOp,
  FeatureHasherMapper,
  Pipeline,
  SparseVector,
  Table,
  generateCtr,
  javaDoubleToString,
  murmur3Utf16,
} from "../../src";
import { featureSlot, hashSlot } from "../../src/feature/hasher/murmur3";
import { expectError, writeTemp } from "../helpers";
import { expectChunkInvariant, mem, rng, rowsOf, saveAndLoad } from "./util";

/** MurmurHash3_x86_32 written plainly over bytes (the reference algorithm), for an independent check. */
function murmurBytes(bytes: Uint8Array, seed = 0): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  let h = seed >>> 0;
  const blocks = Math.floor(bytes.length / 4);
  const rotl = (x: number, r: number) => ((x << r) | (x >>> (32 - r))) >>> 0;
  for (let i = 0; i < blocks; i++) {
    let k = (bytes[4 * i] | (bytes[4 * i + 1] << 8) | (bytes[4 * i + 2] << 16) | (bytes[4 * i + 3] << 24)) >>> 0;
    k = Math.imul(k, c1) >>> 0;
    k = rotl(k, 15);
    k = Math.imul(k, c2) >>> 0;
    h ^= k;
    h = rotl(h >>> 0, 13);
    h = (Math.imul(h, 5) + 0xe6546b64) >>> 0;
  }
  let k = 0;
  const tail = 4 * blocks;
  switch (bytes.length & 3) {
    case 3:
      k ^= bytes[tail + 2] << 16;
    // falls through
    case 2:
      k ^= bytes[tail + 1] << 8;
    // falls through
    case 1:
      k ^= bytes[tail];
      k = Math.imul(k, c1) >>> 0;
      k = rotl(k, 15);
      k = Math.imul(k, c2) >>> 0;
      h ^= k;
  }
  h ^= bytes.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h | 0;
}

function utf16le(s: string): Uint8Array {
  const bytes = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    bytes[2 * i] = s.charCodeAt(i) & 0xff;
    bytes[2 * i + 1] = s.charCodeAt(i) >>> 8;
  }
  return bytes;
}

/** Alink's FeatureHasherMapper written plainly: a sorted map slot → sum, numeric columns first. */
function referenceHash(rows: unknown[][], names: string[], categorical: boolean[], numFeatures: number, doubles: string[] = []): (string | null)[] {
  const slot = (key: string) => {
    const h = murmurBytes(utf16le(key));
    const a = h === -2147483648 ? h : Math.abs(h);
    return ((a % numFeatures) + numFeatures) % numFeatures;
  };
  // Java toString: DOUBLE columns print as Double.toString ("-2.0", "1.0E-5"), the rest as they are.
  const text = (v: unknown, name: string) => (doubles.includes(name) ? javaDoubleToString(v as number) : String(v));
  return rows.map((row) => {
    const map = new Map<number, number>();
    const add = (s: number, v: number) => map.set(s, map.has(s) ? map.get(s)! + v : v);
    names.forEach((name, c) => {
      if (!categorical[c] && row[c] !== null) add(slot(name), row[c] as number);
    });
    names.forEach((name, c) => {
      if (categorical[c] && row[c] !== null) add(slot(`${name}=${text(row[c], name)}`), 1.0);
    });
    const keys = [...map.keys()].sort((a, b) => a - b);
    return new SparseVector(numFeatures, Int32Array.from(keys), Float64Array.from(keys, (k) => map.get(k)!)).toString();
  });
}

describe("MurmurHash3 over UTF-16 code units", () => {
  it("reproduces the hashes documented for Alink's example (reference §9.4)", () => {
    const documented: [string, number, number][] = [
      ["double", 2092123438, 38],
      ["number", 1752894813, 13],
      ["bool=true", -1816778195, 195],
      ["bool=false", -316562030, 30],
      ["str=A", 432098445, 45],
      ["str=B", 1912571676, 76],
    ];
    for (const [key, hash, slot] of documented) {
      expect(murmur3Utf16(key), key).toBe(hash);
      expect(featureSlot(key, 200), key).toBe(slot);
    }
  });

  it("matches scikit-learn's murmurhash3_32 over the UTF-16LE bytes (values computed with sklearn 1.2.1)", () => {
    const sklearn: [string, number, number][] = [
      ["", 0, 142593372],
      ["a", 1867108634, 2024861961],
      ["ab", 374890698, 627382360],
      ["abc", 1118836419, 758957582],
      ["abcd", 1157274932, -1408171517],
      ["C1=1005", 462809671, 1777827323],
      ["device_model=8a4875bd", 693847054, 614695965],
      ["é", 1105794559, -596262691],
      ["日本語", 1004281861, -1617963296],
      ["😀", 1443257913, 905716006],
      ["mixed=Ωx", -1471469052, -2037007215],
      ["x".repeat(101), 67597606, 1661375515],
    ];
    for (const [key, seed0, seed42] of sklearn) {
      expect(murmur3Utf16(key, 0), key).toBe(seed0);
      expect(murmur3Utf16(key, 42), key).toBe(seed42);
    }
  });

  it("equals the byte-wise reference algorithm on random strings", () => {
    const next = rng(9);
    for (let i = 0; i < 500; i++) {
      const length = Math.floor(next() * 40);
      const s = String.fromCharCode(...Array.from({ length }, () => Math.floor(next() * (next() < 0.8 ? 128 : 65536))));
      expect(murmur3Utf16(s)).toBe(murmurBytes(utf16le(s)));
    }
  });

  it("slots follow Java's floorMod(Math.abs(h), n), including h = Integer.MIN_VALUE", () => {
    expect(hashSlot(-2147483648, 200)).toBe(152);
    expect(hashSlot(-7, 5)).toBe(2);
    expect(hashSlot(7, 5)).toBe(2);
  });
});

describe("FeatureHasher", () => {
  it("matches a plain reimplementation on rows with nulls and many collisions", () => {
    const next = rng(11);
    const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
    const rows = Array.from({ length: 400 }, () => [
      next() < 0.1 ? null : pick(["u", "v", "w", "ü", "long value"]),
      next() < 0.1 ? null : next() < 0.5,
      next() < 0.1 ? null : pick([0, 1, 2, -3]),
      next() < 0.1 ? null : pick([1.5, 0.25, -2.0, 1e-5, 3.0]),
      next() < 0.1 ? null : Math.round(next() * 100) / 10,
      next() < 0.1 ? null : Math.floor(next() * 10),
    ]);
    const schema = "s string, b boolean, ci int, cd double, x double, k int";
    const names = ["s", "b", "ci", "cd", "x", "k"];
    for (const numFeatures of [3, 7, 1000]) {
      const out = new FeatureHasherBatchOp()
        .setSelectedCols(names)
        .setCategoricalCols(["ci", "cd"])
        .setOutputCol("vec")
        .setNumFeatures(numFeatures)
        .linkFrom(mem(rows, schema));
      expect(rowsOf(out).map((r) => r[6])).toEqual(referenceHash(rows, names, [true, true, true, true, false, false], numFeatures, ["cd", "x"]));
    }
  });

  it("matches the plain reimplementation on generated CTR rows (11 categorical + 8 numeric columns)", () => {
    const file = writeTemp("ctr.csv", generateCtr({ rows: 1500, seed: 3 }).csv);
    const table = new CsvSourceBatchOp().setFilePath(file).setSchemaStr(CTR_SCHEMA_STR).setIgnoreFirstLine(true).getOutputTable();
    const categorical = ["C1", "banner_pos", "site_category", "app_domain", "app_category", "device_type", "device_conn_type", "site_id", "site_domain", "device_id", "device_model"];
    const numeric = ["C14", "C15", "C16", "C17", "C18", "C19", "C20", "C21"];
    const selected = [...categorical, ...numeric];
    const op = new FeatureHasherBatchOp().setSelectedCols(selected).setCategoricalCols(categorical).setOutputCol("vec").setNumFeatures(30000);
    const out = op.linkFrom(new CsvSourceBatchOp().setFilePath(file).setSchemaStr(CTR_SCHEMA_STR).setIgnoreFirstLine(true));
    const rows = table.select(selected).toRows();
    expect(rowsOf(out).map((r) => r[r.length - 1])).toEqual(referenceHash(rows, selected, selected.map((c) => categorical.includes(c)), 30000));
  });

  it("keys use the column name as spelled in selectedCols (errata E17) and Java's toString of the value", () => {
    const src = mem([[1.5, 2, true, -0.0, 0.0]], "double double, i int, b boolean, z1 double, z2 double");
    const out = new FeatureHasherBatchOp()
      .setSelectedCols(["DOUBLE", "i", "b", "z1", "z2"])
      .setCategoricalCols(["i", "z1", "z2"])
      .setOutputCol("v")
      .setNumFeatures(1 << 20)
      .linkFrom(src);
    const n = 1 << 20;
    const expected = new Map<number, number>([
      [featureSlot("DOUBLE", n), 1.5],
      [featureSlot("i=2", n), 1],
      [featureSlot("b=true", n), 1],
      [featureSlot("z1=-0.0", n), 1],
      [featureSlot("z2=0.0", n), 1],
    ]);
    const keys = [...expected.keys()].sort((a, b) => a - b);
    expect(rowsOf(out)[0][5]).toBe(`$${n}$` + keys.map((k) => `${k}:${javaDoubleToString(expected.get(k)!)}`).join(" "));
  });

  it("STRING and BOOLEAN columns are categorical even when not listed; other types must be listed", () => {
    const src = mem([["a", 1.0, "2021-01-02 03:04:05"]], "s string, x double, ts timestamp");
    const auto = rowsOf(new FeatureHasherBatchOp().setSelectedCols(["s", "x"]).setOutputCol("v").setNumFeatures(100).linkFrom(src))[0][3];
    const listed = rowsOf(new FeatureHasherBatchOp().setSelectedCols(["s", "x"]).setCategoricalCols(["s"]).setOutputCol("v").setNumFeatures(100).linkFrom(src))[0][3];
    expect(auto).toBe(listed);
    expectError(
      () => new FeatureHasherBatchOp().setSelectedCols(["s", "ts"]).setOutputCol("v").linkFrom(src),
      'FeatureHasherBatchOp: column "ts" (parameter "selectedCols") is TIMESTAMP; FeatureHasher adds the value of numeric columns and hashes STRING and BOOLEAN columns as categories. ' +
        "List it in categoricalCols to hash its text as a category.",
    );
    const ts = rowsOf(new FeatureHasherBatchOp().setSelectedCols(["ts"]).setCategoricalCols(["ts"]).setOutputCol("v").setNumFeatures(100).linkFrom(src))[0][3];
    expect(ts).toBe(`$100$${featureSlot("ts=2021-01-02 03:04:05.0", 100)}:1.0`);
  });

  it("errors: a missing column, categoricalCols outside selectedCols", () => {
    const src = mem([["a", 1.0]], "s string, x double");
    expectError(
      () => new FeatureHasherBatchOp().setSelectedCols(["s", "nope"]).setOutputCol("v").linkFrom(src),
      'FeatureHasherBatchOp: column "nope" (parameter "selectedCols") is not in the input. Available columns: s, x.',
    );
    expectError(
      () => new FeatureHasherBatchOp().setSelectedCols(["s"]).setCategoricalCols(["x"]).setOutputCol("v").linkFrom(src),
      'FeatureHasherBatchOp: categoricalCols must be a subset of selectedCols, but "x" is not selected (selectedCols: s).',
    );
    expectError(
      () => new FeatureHasherBatchOp().setSelectedCols(["s"]).setOutputCol("v").setReservedCols(["qqq"]).linkFrom(src),
      'FeatureHasherBatchOp: column "qqq" (parameter "reservedCols") is not in the input. Available columns: s, x.',
    );
  });

  it("a row of nulls is an empty vector; output is VECTOR after the reserved columns", () => {
    const out = new FeatureHasherBatchOp().setSelectedCols(["s", "x"]).setOutputCol("v").setNumFeatures(10).setReservedCols(["x"]).linkFrom(mem([[null, null]], "s string, x double"));
    expect(out.getSchema().toString()).toBe("x DOUBLE,v VECTOR");
    expect(rowsOf(out)).toEqual([[null, "$10$"]]);
  });

  it("pipeline stage = batch op; save → load → same; chunk-invariant with its caches", () => {
    const next = rng(12);
    const src = mem(
      Array.from({ length: 60 }, (_, i) => [`t${i % 7}`, next() < 0.2 ? null : i % 3, next() * 5]),
      "s string, c int, x double",
    );
    const op = new FeatureHasherBatchOp().setSelectedCols(["s", "c", "x"]).setCategoricalCols(["c"]).setOutputCol("v").setNumFeatures(16).linkFrom(src);
    const stage = new FeatureHasher().setSelectedCols(["s", "c", "x"]).setCategoricalCols(["c"]).setOutputCol("v").setNumFeatures(16);
    expect(rowsOf(stage.transform(src))).toEqual(rowsOf(op));
    const loaded = saveAndLoad(new Pipeline(stage).fit(src));
    expect(loaded.getStages()[0]).toBeInstanceOf(FeatureHasher);
    expect(rowsOf(loaded.transform(src))).toEqual(rowsOf(op));
    const table: Table = src.getOutputTable();
    expectChunkInvariant(() => new FeatureHasherMapper(table.schema, stage, "test"), table);
  });
});
