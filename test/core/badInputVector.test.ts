/**
 * Bad sparse vectors: a repeated index has ONE meaning everywhere, an error at parse time, so no
 * operator can read "1:2 1:3" as 5 while another reads it as 3. Also unsorted, negative, oversized
 * indices and non-finite values (parsed as Java does; operators reject them at their edge).
 */
import { describe, expect, it } from "vitest";
import {
  CsvSourceBatchOp,
  DenseVector,
  LogisticRegressionPredictBatchOp,
  LogisticRegressionTrainBatchOp,
  MemSourceBatchOp,
  MemSourceStreamOp,
  SparseVector,
  TableSourceBatchOp,
  VectorAssemblerBatchOp,
  parseVector,
} from "../../src";
import { Schema } from "../../src/core/schema";
import { Table } from "../../src/core/table";
import { expectError, writeTemp } from "../helpers";

const REPEATED = /index 1 appears twice \(values "2" and "3"\); each index may appear once/;

describe("a repeated sparse index is rejected when the text is parsed", () => {
  it("with and without a size, space- or comma-separated, adjacent or not", () => {
    expectError(
      () => parseVector("$5$1:2 1:3"),
      'Invalid sparse vector string "$5$1:2 1:3": index 1 appears twice (values "2" and "3"); each index may appear once. Expected "$size$index:value ..." such as "$5$0:1.0 3:2.5".',
    );
    expectError(() => parseVector("1:2 1:3"), REPEATED);
    expectError(() => parseVector("1:2,1:3"), REPEATED);
    expectError(() => parseVector("$9$1:2 4:0 1:3"), REPEATED);
    expectError(() => parseVector("$9$4:0 1:2 0:7 1:3"), REPEATED);
  });

  it("SparseVector.of and the constructor refuse it too (MemSource rows given as vector objects)", () => {
    expectError(() => SparseVector.of(5, [1, 3, 1], [2, 0, 3]), /^Sparse vector index 1 appears twice \(values 2\.0 and 3\.0\): each index may appear once\./);
    expectError(() => new SparseVector(5, Int32Array.of(1, 1), Float64Array.of(2, 3)), /^Sparse vector index 1 appears twice \(values 2\.0 and 3\.0\)/);
  });

  it("every operator sees the same meaning: an error naming the row/line and the index", () => {
    // Sources that parse VECTOR columns: memory (batch and stream) and CSV.
    expectError(() => new MemSourceBatchOp([["$5$1:2 1:3"]], "v vector"), /row 0, column "v" \(VECTOR\): cannot use "\$5\$1:2 1:3" .*index 1 appears twice/);
    expectError(() => new MemSourceStreamOp([["0:1"], ["1:2 1:3"]], "v vector"), /row 1, column "v" \(VECTOR\): .*index 1 appears twice/);
    const csv = writeTemp("v.csv", "label,v\n1,$5$0:1\n0,$5$1:2 1:3\n");
    expectError(() => new CsvSourceBatchOp().setFilePath(csv).setSchemaStr("label int, v vector").setIgnoreFirstLine(true).collect(), /line 3.*index 1 appears twice/s);
    // Operators that parse vector strings of a STRING column themselves.
    const strings = () => new MemSourceBatchOp([[1, "$5$0:1"], [0, "$5$1:2 1:3"]], "label int, v string");
    expectError(() => new VectorAssemblerBatchOp().setSelectedCols(["v"]).setOutputCol("out").linkFrom(strings()).collect(), /row 1, column "v": .*index 1 appears twice/);
    expectError(() => new LogisticRegressionTrainBatchOp().setVectorCol("v").setLabelCol("label").linkFrom(strings()).collect(), /row 1 of the vector column "v": .*index 1 appears twice/);
    const clean = new MemSourceBatchOp([[1, "$5$0:1"], [0, "$5$1:2"], [1, "$5$0:1 2:1"], [0, "$5$1:1 3:1"]], "label int, v string");
    const model = new LogisticRegressionTrainBatchOp().setVectorCol("v").setLabelCol("label").linkFrom(clean);
    expectError(() => new LogisticRegressionPredictBatchOp().setPredictionCol("p").linkFrom(model, strings()).collect(), /row 1 of the vector column "v": .*index 1 appears twice/);
    // A table built from rows (what print/collect of any source shows) cannot hold one either.
    expectError(() => new TableSourceBatchOp(Table.fromRows([["1:2 1:3"]], Schema.parse("v vector"))).print(), /index 1 appears twice/);
  });
});

describe("other sparse index errors", () => {
  it("unsorted indices are sorted (as Alink's SparseVector does), not rejected", () => {
    const v = parseVector("$6$5:1 0:2 3:3") as SparseVector;
    expect(Array.from(v.indices)).toEqual([0, 3, 5]);
    expect(Array.from(v.values)).toEqual([2, 3, 1]);
    expect(SparseVector.of(6, [5, 0], [1, 2]).toString()).toBe("$6$0:2.0 5:1.0");
  });

  it("the constructor takes strictly ascending indices in range, as typed arrays", () => {
    expectError(() => new SparseVector(6, Int32Array.of(3, 1), Float64Array.of(1, 2)), /^Sparse vector index 1 \(entry 1\) is not above the index before it \(3\): .*SparseVector\.of\(n, indices, values\) sorts them\.$/);
    expectError(() => new SparseVector(6, Int32Array.of(-1), Float64Array.of(1)), /^Sparse vector index -1 \(entry 0\) is negative/);
    expectError(() => new SparseVector(3, Int32Array.of(0, 3), Float64Array.of(1, 2)), "Sparse vector index 3 is out of bounds for size 3: expected an integer in [0, 2].");
    expectError(() => new SparseVector(3, Int32Array.of(0), Float64Array.of(1, 2)), "Sparse vector has 1 indices but 2 values.");
    expectError(() => new SparseVector(-2, new Int32Array(0), new Float64Array(0)), /^Sparse vector size -2 is invalid/);
    expectError(() => new SparseVector(3, [0] as never, [1] as never), /indices must be an Int32Array and values a Float64Array; SparseVector\.of/);
  });

  it("negative indices, indices ≥ the size, indices beyond Java's int range are errors naming the text", () => {
    expectError(() => parseVector("$4$-1:2"), /Invalid sparse vector string "\$4\$-1:2": index "-1" is not a non-negative integer/);
    expectError(() => parseVector("$4$4:2"), /index 4 is out of bounds for size 4/);
    // Without a size, 3000000000 used to wrap around in the Int32Array to a negative index.
    expectError(() => parseVector("3000000000:1"), /Invalid sparse vector string "3000000000:1": index 3000000000 exceeds the largest index 2147483646/);
    expectError(() => SparseVector.of(-1, [3e9], [1]), "Sparse vector index 3000000000 is out of bounds: expected an integer in [0, 2147483646].");
  });
});

describe("non-finite values in vector text keep Java's parsing", () => {
  it("NaN, Infinity, -Infinity and 1e400 parse as Double.parseDouble does (operators reject them at their edge)", () => {
    const sparse = parseVector("$4$0:NaN 1:Infinity 2:-Infinity 3:1e400") as SparseVector;
    expect(Array.from(sparse.values)).toEqual([NaN, Infinity, -Infinity, Infinity]);
    expect(sparse.toString()).toBe("$4$0:NaN 1:Infinity 2:-Infinity 3:Infinity");
    const dense = parseVector("NaN 1 -Infinity") as DenseVector;
    expect(Array.from(dense.data)).toEqual([NaN, 1, -Infinity]);
  });
});
