import { describe, expect, it } from "vitest";
import { NumberColumn, VectorColumn, VectorColumnBuilder } from "../../src/core/column";
import { Random } from "../../src/core/random";
import { DenseVector, SparseVector } from "../../src/core/vector";

/** VectorColumn.take against taking row by row with the builder (how it was written first). */
describe("VectorColumn.take", () => {
  it("gives what appending the rows one by one gives: sparse, dense, empty and null rows, repeats, any order", () => {
    const random = new Random(3);
    const builder = new VectorColumnBuilder("VECTOR");
    for (let r = 0; r < 500; r++) {
      const u = random.nextDouble();
      if (u < 0.1) builder.appendNull();
      else if (u < 0.3) builder.append(new DenseVector(Float64Array.from({ length: Math.floor(random.nextDouble() * 4) }, () => random.nextDouble())));
      else {
        const k = Math.floor(random.nextDouble() * 6);
        const indices = Int32Array.from({ length: k }, (_, j) => j * 3 + Math.floor(random.nextDouble() * 3));
        builder.append(new SparseVector(u < 0.35 ? -1 : 100, indices, Float64Array.from(indices, () => random.nextDouble() - 0.5)));
      }
    }
    const column = builder.build();
    const samples: number[][] = [[], [0], [499, 0, 250, 250], Array.from({ length: 500 }, (_, i) => i), Array.from({ length: 300 }, () => Math.floor(random.nextDouble() * 500))];
    for (const rows of samples) {
      const reference = new VectorColumnBuilder("VECTOR");
      for (const r of rows) reference.appendFrom(column, r);
      const expected = reference.build();
      const got = column.take(Int32Array.from(rows));
      for (const key of ["sizes", "dense", "offsets", "indices", "values", "nulls"] as const) expect(got[key]).toEqual(expected[key]);
      expect(got).toBeInstanceOf(VectorColumn);
    }
    // A column without nulls stays without.
    const plain = new VectorColumnBuilder("VECTOR");
    plain.append(new DenseVector(Float64Array.of(1, 2)));
    expect(plain.build().take([0, 0]).nulls).toBeNull();
  });
});

describe("NumberColumn.take", () => {
  it("keeps the storage type, values and nulls of the given rows", () => {
    const ints = new NumberColumn("INT", Int32Array.of(5, -1, 7, 0), Uint8Array.of(0, 1, 0, 0));
    const taken = ints.take([3, 1, 1, 0]);
    expect(taken.values).toBeInstanceOf(Int32Array);
    expect([...taken.values]).toEqual([0, -1, -1, 5]);
    expect([...taken.nulls!]).toEqual([0, 1, 1, 0]);
    const doubles = new NumberColumn("DOUBLE", Float64Array.of(0.5, -0, NaN), null);
    const d = doubles.take(Int32Array.of(2, 1));
    expect(d.values).toBeInstanceOf(Float64Array);
    expect(Object.is(d.values[1], -0)).toBe(true);
    expect(Number.isNaN(d.values[0])).toBe(true);
    expect(d.nulls).toBeNull();
  });
});
