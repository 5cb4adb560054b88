import { describe, expect, it } from "vitest";
import {
  OneHotEncoder,
  OneHotEncoderModel,
  OneHotModelMapper,
  OneHotPredictBatchOp,
  OneHotTrainBatchOp,
  Pipeline,
} from "../../src";
import { oneHotModelFromTable } from "../../src/feature/oneHot/model";
import { expectError } from "../helpers";
import { expectChunkInvariant, mem, rowsOf, saveAndLoad } from "./util";

const TRAIN = mem([["a"], ["b"], ["a"], ["c"], ["b"], ["a"], [null]], "c string");
const TEST = mem([["a"], ["b"], ["c"], ["z"], [null]], "c string");

/** Encodes TEST with a model trained on TRAIN (threshold 2 → else slot on), returns the output column. */
function encode(options: { threshold?: number; handleInvalid: "KEEP" | "SKIP" | "ERROR"; encode: "INDEX" | "VECTOR"; dropLast: boolean }, test = TEST): unknown[] {
  const train = new OneHotTrainBatchOp().setSelectedCols(["c"]);
  if (options.threshold !== undefined) train.setDiscreteThresholds(options.threshold);
  const op = new OneHotPredictBatchOp()
    .setHandleInvalid(options.handleInvalid)
    .setEncode(options.encode)
    .setDropLast(options.dropLast)
    .linkFrom(train.linkFrom(TRAIN), test);
  return rowsOf(op).map((r) => r[0]);
}

describe("OneHot: null and unseen tokens (Alink's InvalidStrategy table)", () => {
  // Without else: tokens a=0, b=1, c=2 (maxIdx 2). With threshold 2: a=0, b=1 (maxIdx 1), c counts as unseen.
  it("no else, KEEP: null and unseen share slot maxIdx+1", () => {
    expect(encode({ handleInvalid: "KEEP", encode: "INDEX", dropLast: true })).toEqual([0, 1, 2, 3, 3]);
    expect(encode({ handleInvalid: "KEEP", encode: "VECTOR", dropLast: true })).toEqual(["$3$0:1.0", "$3$1:1.0", "$3$", "$3$2:1.0", "$3$2:1.0"]);
    expect(encode({ handleInvalid: "KEEP", encode: "VECTOR", dropLast: false })).toEqual(["$4$0:1.0", "$4$1:1.0", "$4$2:1.0", "$4$3:1.0", "$4$3:1.0"]);
  });

  it("no else, SKIP: null and unseen give null", () => {
    expect(encode({ handleInvalid: "SKIP", encode: "INDEX", dropLast: true })).toEqual([0, 1, 2, null, null]);
    expect(encode({ handleInvalid: "SKIP", encode: "VECTOR", dropLast: true })).toEqual(["$2$0:1.0", "$2$1:1.0", "$2$", null, null]);
    expect(encode({ handleInvalid: "SKIP", encode: "VECTOR", dropLast: false })).toEqual(["$3$0:1.0", "$3$1:1.0", "$3$2:1.0", null, null]);
  });

  it("no else, ERROR: an unseen token or a null names the row, column and token", () => {
    expectError(
      () => encode({ handleInvalid: "ERROR", encode: "VECTOR", dropLast: true }),
      'OneHotPredictBatchOp: row 3, column "c" holds the token "z", which the model has not seen, and handleInvalid is ERROR. ' +
        "Set handleInvalid to KEEP (an extra slot) or SKIP (null output) to accept such values.",
    );
    expectError(
      () => encode({ handleInvalid: "ERROR", encode: "INDEX", dropLast: true }, mem([["a"], [null]], "c string")),
      'OneHotPredictBatchOp: row 1, column "c" is null, and handleInvalid is ERROR. Set handleInvalid to KEEP (an extra slot) or SKIP (null output) to accept such values.',
    );
    expect(encode({ handleInvalid: "ERROR", encode: "INDEX", dropLast: true }, mem([["c"], ["a"]], "c string"))).toEqual([2, 0]);
  });

  it("else, KEEP: null → maxIdx+1, unseen (and rare) → maxIdx+2", () => {
    expect(encode({ threshold: 2, handleInvalid: "KEEP", encode: "INDEX", dropLast: true })).toEqual([0, 1, 3, 3, 2]);
    expect(encode({ threshold: 2, handleInvalid: "KEEP", encode: "VECTOR", dropLast: true })).toEqual(["$3$0:1.0", "$3$", "$3$2:1.0", "$3$2:1.0", "$3$1:1.0"]);
    expect(encode({ threshold: 2, handleInvalid: "KEEP", encode: "VECTOR", dropLast: false })).toEqual(["$4$0:1.0", "$4$1:1.0", "$4$3:1.0", "$4$3:1.0", "$4$2:1.0"]);
  });

  it("else, SKIP: null → null, unseen → maxIdx+1", () => {
    expect(encode({ threshold: 2, handleInvalid: "SKIP", encode: "INDEX", dropLast: true })).toEqual([0, 1, 2, 2, null]);
    expect(encode({ threshold: 2, handleInvalid: "SKIP", encode: "VECTOR", dropLast: true })).toEqual(["$2$0:1.0", "$2$", "$2$1:1.0", "$2$1:1.0", null]);
  });

  it("else, ERROR: null is an error, unseen → maxIdx+1", () => {
    expect(encode({ threshold: 2, handleInvalid: "ERROR", encode: "INDEX", dropLast: false }, mem([["a"], ["b"], ["c"], ["z"]], "c string"))).toEqual([0, 1, 2, 2]);
    expectError(
      () => encode({ threshold: 2, handleInvalid: "ERROR", encode: "INDEX", dropLast: false }),
      'OneHotPredictBatchOp: row 4, column "c" is null, and handleInvalid is ERROR. Set handleInvalid to KEEP (an extra slot) or SKIP (null output) to accept such values.',
    );
  });

  it("a column that kept no token still has its null/else slots", () => {
    expect(encode({ threshold: 100, handleInvalid: "KEEP", encode: "VECTOR", dropLast: true })).toEqual(["$2$1:1.0", "$2$1:1.0", "$2$1:1.0", "$2$1:1.0", "$2$0:1.0"]);
    expect(encode({ threshold: 100, handleInvalid: "KEEP", encode: "INDEX", dropLast: false })).toEqual([1, 1, 1, 1, 0]);
  });
});

describe("OneHot training and model table", () => {
  const data = mem([["x", 10, 1.0, true], ["y", 9, 2.5, false], ["x", null, 1.0, true]], "s string, n int, d double, b boolean");

  it("tokens are Java toString texts numbered in lexicographic order; meta carries Flink type names", () => {
    const model = new OneHotTrainBatchOp().setSelectedCols(["s", "n", "d", "b"]).linkFrom(data);
    expect(rowsOf(model)).toEqual([
      [-1, '{"selectedCols":"[\\"s\\",\\"n\\",\\"d\\",\\"b\\"]","selectedColTypes":"[\\"VARCHAR\\",\\"INT\\",\\"DOUBLE\\",\\"BOOLEAN\\"]","enableElse":"false"}', null],
      [0, "x", 0],
      [0, "y", 1],
      [1, "10", 0],
      [1, "9", 1],
      [2, "1.0", 0],
      [2, "2.5", 1],
      [3, "false", 0],
      [3, "true", 1],
    ]);
    expect(rowsOf(model.getSideOutput(0))).toEqual([["s", 2], ["n", 2], ["d", 2], ["b", 2]]);
  });

  it("ASSEMBLED_VECTOR lays the columns' blocks side by side (dropLast: the last token of each is all-zero)", () => {
    const model = new OneHotTrainBatchOp().setSelectedCols(["s", "n"]).linkFrom(data);
    const out = new OneHotPredictBatchOp().setOutputCols(["vec"]).linkFrom(model, data);
    expect(out.getSchema().toString()).toBe("s STRING,n INT,d DOUBLE,b BOOLEAN,vec SPARSE_VECTOR");
    // s: x→0, y→dropped (size 2); n: "10"→0, "9"→dropped, null→slot 1 (size 2).
    expect(rowsOf(out).map((r) => r[4])).toEqual(["$4$0:1.0 2:1.0", "$4$", "$4$0:1.0 3:1.0"]);
    const reserved = new OneHotPredictBatchOp().setOutputCols(["vec"]).setReservedCols(["d"]).linkFrom(model, data);
    expect(reserved.getColNames()).toEqual(["d", "vec"]);
  });

  it("discreteThresholdsArray sets one threshold per column and turns on the else slot", () => {
    const model = new OneHotTrainBatchOp().setSelectedCols(["s", "n"]).setDiscreteThresholdsArray([2, -2147483648]).linkFrom(data);
    expect(rowsOf(model).slice(1)).toEqual([[0, "x", 0], [1, "10", 0], [1, "9", 1]]);
    expect(rowsOf(model)[0][1]).toContain('"enableElse":"true"');
    expectError(
      () => new OneHotTrainBatchOp().setSelectedCols(["s", "n"]).setDiscreteThresholdsArray([2]).linkFrom(data).collect(),
      "OneHotTrainBatchOp: discreteThresholdsArray has 1 value but there are 2 selected columns; give one threshold per selected column.",
    );
  });

  it("prediction may encode a subset of the model's columns", () => {
    const model = new OneHotTrainBatchOp().setSelectedCols(["s", "n"]).linkFrom(data);
    const op = new OneHotPredictBatchOp().setSelectedCols(["n"]).setEncode("INDEX").linkFrom(model, data);
    expect(op.getSchema().toString()).toBe("s STRING,n BIGINT,d DOUBLE,b BOOLEAN");
    expect(rowsOf(op).map((r) => r[1])).toEqual([0, 1, 2]);
    expectError(
      () => new OneHotPredictBatchOp().setSelectedCols(["q"]).setOutputCols(["v"]).linkFrom(model, data).collect(),
      'OneHotPredictBatchOp: column "q" (parameter "selectedCols") was not one-hot encoded in training; the model has s, n.',
    );
  });

  it("SKIP with a null column in ASSEMBLED_VECTOR mode makes the whole vector null", () => {
    // No else slot with SKIP: each column has maxIdx + 1 = 2 slots, 1 after dropLast.
    const model = new OneHotTrainBatchOp().setSelectedCols(["s", "n"]).linkFrom(data);
    expect(rowsOf(new OneHotPredictBatchOp().setOutputCols(["v"]).setHandleInvalid("SKIP").linkFrom(model, data)).map((r) => r[4])).toEqual([
      "$2$0:1.0 1:1.0",
      "$2$",
      null,
    ]);
  });

  it("errors: ASSEMBLED_VECTOR without one output column, wrong output count, missing columns, not a model", () => {
    const model = new OneHotTrainBatchOp().setSelectedCols(["s", "n"]).linkFrom(data);
    expectError(
      () => new OneHotPredictBatchOp().linkFrom(model, data).collect(),
      'OneHotPredictBatchOp: encode ASSEMBLED_VECTOR writes one vector column, so outputCols must hold exactly one name (it is not set); e.g. setOutputCols(["vec"]), or use encode VECTOR or INDEX for one output per column.',
    );
    expectError(
      () => new OneHotPredictBatchOp().setEncode("VECTOR").setOutputCols(["v"]).linkFrom(model, data).collect(),
      "OneHotPredictBatchOp: outputCols has 1 name (v) but there are 2 selected columns (s, n); give one output name per selected column, or null to write in place.",
    );
    expectError(
      () => new OneHotPredictBatchOp().setOutputCols(["v"]).linkFrom(model, mem([["x"]], "s string")).collect(),
      'OneHotPredictBatchOp: column "n", which the model was trained on, is not in the input. Did you mean "s"? Available columns: s.',
    );
    expectError(
      () => new OneHotTrainBatchOp().setSelectedCols(["t"]).linkFrom(data),
      'OneHotTrainBatchOp: column "t" (parameter "selectedCols") is not in the input. Did you mean "s"? Available columns: s, n, d, b.',
    );
    expectError(
      () => new OneHotPredictBatchOp().setOutputCols(["v"]).linkFrom(data, data).collect(),
      "OneHotPredictBatchOp: the model input is not a OneHot model (expected columns column_index, token, token_index; got s, n, d, b). Link the output of OneHotTrainBatchOp as the first input.",
    );
  });

  it("reads models whose rows come in any order (e.g. Alink's HashMap-ordered tokens)", () => {
    const alinkModel = mem(
      [[0, "e", 0], [0, "a", 4], [-1, '{"selectedCols":"[\\"query\\"]","selectedColTypes":"[\\"VARCHAR\\"]","enableElse":"false"}', null], [0, "b", 1], [0, "c", 2], [0, "d", 3]],
      "column_index long, token string, token_index long",
    );
    const out = new OneHotPredictBatchOp().setOutputCols(["o"]).linkFrom(alinkModel, mem([["a"], ["e"], [null]], "query string"));
    expect(rowsOf(out).map((r) => r[1])).toEqual(["$5$", "$5$0:1.0", "$5$4:1.0"]);
  });
});

describe("OneHotEncoder pipeline", () => {
  const data = mem([["x", 10, 1.5], ["y", 9, 2.5], ["x", null, 3.5], ["w", 10, 4.5]], "s string, n int, v double");

  it("stage = batch op; save → load → same output; the mapper is chunk-invariant", () => {
    const batch = rowsOf(
      new OneHotPredictBatchOp().setOutputCols(["vec"]).setReservedCols(["v"]).linkFrom(new OneHotTrainBatchOp().setSelectedCols(["s", "n"]).linkFrom(data), data),
    );
    const fitted = new Pipeline(new OneHotEncoder().setSelectedCols(["s", "n"]).setOutputCols(["vec"]).setReservedCols(["v"])).fit(data);
    expect(rowsOf(fitted.transform(data))).toEqual(batch);
    const loaded = saveAndLoad(fitted);
    expect(loaded.getStages()[0]).toBeInstanceOf(OneHotEncoderModel);
    expect(rowsOf(loaded.transform(data))).toEqual(batch);

    const table = data.getOutputTable();
    const model = oneHotModelFromTable(new OneHotTrainBatchOp().setSelectedCols(["s", "n"]).linkFrom(data).getOutputTable(), "test");
    for (const encode of ["ASSEMBLED_VECTOR", "VECTOR", "INDEX"] as const) {
      const params = new OneHotEncoderModel(null).setEncode(encode).setOutputCols(encode === "ASSEMBLED_VECTOR" ? ["vec"] : ["s2", "n2"]);
      expectChunkInvariant(() => new OneHotModelMapper(model, table.schema, params, "test"), table);
    }
  });
});
