import { describe, expect, it } from "vitest";
import { DenseVector, SparseVector, parseDenseVector, parseSparseVector, parseVector, toVector } from "../../src/core/vector";
import { expectError } from "../helpers";

describe("vector strings", () => {
  it("parses dense vectors separated by spaces or commas and prints Java doubles", () => {
    const v = parseVector("1 2.5,3e-5  -4");
    expect(v).toBeInstanceOf(DenseVector);
    expect(Array.from((v as DenseVector).data)).toEqual([1, 2.5, 3e-5, -4]);
    expect(v.toString()).toBe("1.0 2.5 3.0E-5 -4.0");
  });

  it("parses sparse vectors with and without size, sorting indices", () => {
    const v = parseVector("$30000$7:1.0 1:0.5") as SparseVector;
    expect(v.n).toBe(30000);
    expect(Array.from(v.indices)).toEqual([1, 7]);
    expect(Array.from(v.values)).toEqual([0.5, 1]);
    expect(v.toString()).toBe("$30000$1:0.5 7:1.0");
    const u = parseVector("0:1 2:3") as SparseVector;
    expect(u.n).toBe(-1);
    expect(u.toString()).toBe("0:1.0 2:3.0");
  });

  it("parses Alink's comma-separated sparse form and the empty vector", () => {
    expect(parseVector("1:2,3:4").toString()).toBe("1:2.0 3:4.0");
    const empty = parseVector("") as SparseVector;
    expect(empty.n).toBe(-1);
    expect(empty.indices.length).toBe(0);
    expect(parseVector("$5$").toString()).toBe("$5$");
  });

  it("rejects a repeated index (Alink keeps it and its operators disagree on its meaning)", () => {
    expectError(
      () => parseSparseVector("$4$1:1 1:2"),
      'Invalid sparse vector string "$4$1:1 1:2": index 1 appears twice (values "1" and "2"); each index may appear once. Expected "$size$index:value ..." such as "$5$0:1.0 3:2.5".',
    );
  });

  it("round-trips text → vector → text", () => {
    for (const text of ["$200$13:2.0 38:1.1 45:1.0 195:1.0", "0.1 0.2 1.0E7 NaN", "$5$0:-1.5 4:1.0E-4"]) {
      expect(parseVector(text).toString()).toBe(text);
    }
  });

  it("converts between forms", () => {
    expect(parseDenseVector("$4$1:2.0").toString()).toBe("0.0 2.0 0.0 0.0");
    expect(toVector(3)!.toString()).toBe("3.0");
    expect(toVector([1, 2])!.toString()).toBe("1.0 2.0");
    expect(toVector(null)).toBeNull();
  });

  it("reports a bad index with the whole string and the expected form", () => {
    expectError(
      () => parseVector("$4$1:2 x:3"),
      'Invalid sparse vector string "$4$1:2 x:3": index "x" is not a non-negative integer. Expected "$size$index:value ..." such as "$5$0:1.0 3:2.5".',
    );
  });

  it("reports an index out of bounds", () => {
    expectError(
      () => parseVector("$3$0:1 5:2"),
      'Invalid sparse vector string "$3$0:1 5:2": index 5 is out of bounds for size 3. Expected "$size$index:value ..." such as "$5$0:1.0 3:2.5".',
    );
  });

  it("reports an unclosed size header and a bad value", () => {
    expectError(() => parseVector("$3 0:1"), /the size header has no closing "\$"/);
    expectError(() => parseVector("$3$0:abc"), /value "abc" at index 0 is not a number/);
    expectError(() => parseVector("1:2:3"), /entry "1:2:3" has more than one ":"/);
  });

  it("reports a bad dense element by position", () => {
    expectError(
      () => parseVector("1.0 two 3"),
      'Invalid dense vector string "1.0 two 3": element 2 ("two") is not a number. Expected numbers separated by spaces, e.g. "1.0 2.0 3.0".',
    );
    // JS Number() would accept these; Java's parseDouble does not.
    expectError(() => parseVector("0x10"), /element 1 \("0x10"\) is not a number/);
  });

  it("builds sparse vectors from unsorted arrays and validates indices", () => {
    expect(SparseVector.of(5, [3, 0], [1, 2]).toString()).toBe("$5$0:2.0 3:1.0");
    expectError(() => SparseVector.of(2, [2], [1]), "Sparse vector index 2 is out of bounds: expected an integer in [0, 1].");
  });
});
