import { describe, expect, it } from "vitest";
import { Pipeline, VectorAssembler, VectorAssemblerBatchOp, VectorAssemblerMapper } from "../../src";
import { expectError } from "../helpers";
import { expectChunkInvariant, mem, rowsOf, saveAndLoad } from "./util";

const assemble = (rows: unknown[][], schemaStr: string, cols: string[], handle?: "ERROR" | "SKIP") => {
  const op = new VectorAssemblerBatchOp().setSelectedCols(cols).setOutputCol("out");
  if (handle !== undefined) op.setHandleInvalidMethod(handle);
  return rowsOf(op.linkFrom(mem(rows, schemaStr))).map((r) => r[r.length - 1]);
};

describe("VectorAssembler", () => {
  it("numbers take one slot, dense vectors all theirs, sparse vectors their size", () => {
    const out = assemble(
      [[1.5, "1.0 2.0", "$4$1:3.0"], [0.0, "0 0", "$4$"]],
      "x double, d string, v vector",
      ["x", "d", "v"],
    );
    expect(out).toEqual(["$7$0:1.5 1:1.0 2:2.0 4:3.0", "$7$0:0.0 1:0.0 2:0.0"]);
  });

  it("is dense exactly when entries · 1.5 > size (explicit zeros count)", () => {
    expect(assemble([[1.0, "$2$1:2.0"]], "a double, v string", ["a", "v"])).toEqual(["$3$0:1.0 2:2.0"]); // 3 > 3: no
    expect(assemble([[1.0, 2.0, "$2$1:2.0"]], "a double, b double, v string", ["a", "b", "v"])).toEqual(["1.0 2.0 0.0 2.0"]); // 4.5 > 4
    expect(assemble([[0, 0, 0]], "a int, b int, c int", ["a", "b", "c"])).toEqual(["0.0 0.0 0.0"]);
    expect(assemble([[0.0, "$10$"]], "a double, v vector", ["a", "v"])).toEqual(["$11$0:0.0"]);
  });

  it("rejects a repeated sparse index (one meaning everywhere: see SparseVector); NaN is invalid like null (badInputVectorAssembler.test.ts)", () => {
    expectError(() => assemble([[1.0, "$3$1:1.0 1:2.0"]], "a double, v string", ["a", "v"]), /row 0, column "v": .*index 1 appears twice/);
    expectError(() => assemble([[NaN, 1]], "a double, b int", ["a", "b"]), /^VectorAssemblerBatchOp: row 0, column "a" is NaN and handleInvalidMethod is ERROR;/);
  });

  it("a null input: ERROR names the row and column, SKIP outputs a null vector", () => {
    expectError(
      () => assemble([[1, 2], [3, null]], "a int, b int", ["a", "b"]),
      'VectorAssemblerBatchOp: row 1, column "b" is null and handleInvalidMethod is ERROR (null value is found in vector assembler inputs). ' +
        "Set handleInvalidMethod to SKIP to output a null vector for such rows.",
    );
    expectError(
      () => assemble([["1 2", null]], "v string, w vector", ["v", "w"]),
      'VectorAssemblerBatchOp: row 0, column "w" is null and handleInvalidMethod is ERROR (null value is found in vector assembler inputs). ' +
        "Set handleInvalidMethod to SKIP to output a null vector for such rows.",
    );
    expect(assemble([[1, 2], [3, null]], "a int, b int", ["a", "b"], "SKIP")).toEqual(["1.0 2.0", null]);
    expect(assemble([["1 2", 5.0], [null, 1.0]], "v string, b double", ["v", "b"], "SKIP")).toEqual(["1.0 2.0 5.0", null]);
    // The alias handleInvalid is accepted too.
    expect(new VectorAssemblerBatchOp().set("handleInvalid", "skip").getHandleInvalidMethod()).toBe("SKIP");
  });

  it("a sparse vector without a size is an error (its width is unknown)", () => {
    expectError(
      () => assemble([[1.0, "0:1.0 2:3.0"]], "a double, v string", ["a", "v"]),
      'VectorAssemblerBatchOp: row 0, column "v" holds a sparse vector without a size ("0:1.0 2:3.0"); VectorAssembler needs each sparse vector\'s size ' +
        'to place the next column, e.g. "$5$0:1.0 2:3.0" (The append sparse vector must have size).',
    );
    expectError(
      () => assemble([["$2$0:1.0", 1.0], ["1:2.0", 2.0]], "v vector, a double", ["v", "a"]),
      'VectorAssemblerBatchOp: row 1, column "v" holds a sparse vector without a size ("1:2.0"); VectorAssembler needs each sparse vector\'s size ' +
        'to place the next column, e.g. "$5$0:1.0 2:3.0" (The append sparse vector must have size).',
    );
  });

  it("rejects columns of other types and bad vector strings", () => {
    expectError(
      () => new VectorAssemblerBatchOp().setSelectedCols(["a", "b"]).setOutputCol("o").linkFrom(mem([[1, true]], "a int, b boolean")),
      'VectorAssemblerBatchOp: column "b" (parameter "selectedCols") is BOOLEAN; VectorAssembler takes numeric, vector and vector-string (STRING) columns.',
    );
    expectError(
      () => assemble([["1.0 x"]], "v string", ["v"]),
      'VectorAssemblerBatchOp: row 0, column "v": Invalid dense vector string "1.0 x": element 2 ("x") is not a number. Expected numbers separated by spaces, e.g. "1.0 2.0 3.0".',
    );
    expectError(
      () => new VectorAssemblerBatchOp().setSelectedCols(["a", "c"]).setOutputCol("o").linkFrom(mem([[1, 2]], "a int, b int")),
      'VectorAssemblerBatchOp: column "c" (parameter "selectedCols") is not in the input. Did you mean "a"? Available columns: a, b.',
    );
  });

  it("keeps reservedCols and replaces an input column named like the output", () => {
    const src = mem([[1, 2, "x"]], "a int, b int, s string");
    expect(rowsOf(new VectorAssemblerBatchOp().setSelectedCols(["a", "b"]).setOutputCol("vec").setReservedCols(["s"]).linkFrom(src))).toEqual([["x", "1.0 2.0"]]);
    const inPlace = new VectorAssemblerBatchOp().setSelectedCols(["a", "b"]).setOutputCol("a").linkFrom(src);
    expect(inPlace.getSchema().toString()).toBe("a VECTOR,b INT,s STRING");
  });

  it("pipeline stage = batch op; save → load → same; chunk-invariant", () => {
    const src = mem(
      [[1, "1 2", "$3$2:1.0"], [2, "0 1", "$3$"], [3, "5 5", "$3$0:2.0 1:1.0"], [4, "0 0", "$3$1:4.0"]],
      "a int, d string, v vector",
    );
    const batch = rowsOf(new VectorAssemblerBatchOp().setSelectedCols(["a", "d", "v"]).setOutputCol("vec").linkFrom(src));
    const stage = new VectorAssembler().setSelectedCols(["a", "d", "v"]).setOutputCol("vec");
    expect(rowsOf(stage.transform(src))).toEqual(batch);
    expect(rowsOf(saveAndLoad(new Pipeline(stage).fit(src)).transform(src))).toEqual(batch);
    const table = src.getOutputTable();
    expectChunkInvariant(() => new VectorAssemblerMapper(table.schema, stage, "test"), table);
    expectChunkInvariant(() => new VectorAssemblerMapper(table.schema, new VectorAssembler().setSelectedCols(["a"]).setOutputCol("o"), "test"), table);
  });
});
