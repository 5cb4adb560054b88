import { describe, expect, it } from "vitest";
import * as api from "../../src";
import { expectStreamError, lrModelTable } from "../helpers";
import { StreamlabError } from "../../src/core/errors";

/**
 * FtrlTrainStreamOp on rows it cannot learn from: null labels, null vectors / features, NaN and
 * ±Infinity feature values (handleInvalidMethod ERROR and SKIP), a non-finite initial model, and
 * a model that diverges.
 */

/** An LR model table over `size` features with the given coefficients (intercept first), labels 1 / 0. */
function initModel(coef: number[], size = coef.length - 1): api.Table {
  return lrModelTable(coef, { vectorCol: "vec", vectorSize: size });
}


const VEC_SCHEMA = "label int, vec vector, ts double";
const COLS_SCHEMA = "label int, f0 double, f1 double, ts double";

const vectorTrainer = (rows: unknown[][], init = initModel([0, 0, 0])) =>
  new api.FtrlTrainStreamOp(init)
    .setVectorCol("vec")
    .setLabelCol("label")
    .setVectorSize(2)
    .setAlpha(0.1)
    .setBeta(1)
    .setL1(0)
    .setL2(0)
    .setMiniBatchSize(1)
    .setTimeInterval(10)
    .linkFrom(new api.MemSourceStreamOp(rows, VEC_SCHEMA).setTimeCol("ts"));

const columnTrainer = (rows: unknown[][]) =>
  new api.FtrlTrainStreamOp(initModel([0, 0, 0]))
    .setFeatureCols(["f0", "f1"])
    .setLabelCol("label")
    .setVectorSize(2)
    .setTimeInterval(10)
    .linkFrom(new api.MemSourceStreamOp(rows, COLS_SCHEMA).setTimeCol("ts"));

/** The coefficients of the last model of a collected model stream. */
function lastCoefficients(rows: api.Row[]): number[] {
  const last = (rows[rows.length - 1][0] as Date).getTime();
  const table = new api.MemSourceBatchOp(
    rows.filter((r) => (r[0] as Date).getTime() === last).map((r) => r.slice(2)),
    "model_id bigint, model_info string, label_value int",
  ).getOutputTable();
  return Array.from(api.linearModelFromTable(table).coefVector);
}

describe("FtrlTrainStreamOp, handleInvalidMethod ERROR (default)", () => {
  it("a NaN in a vector is an error naming operator, row, column, event time and value", async () => {
    const op = vectorTrainer([
      [1, "$2$0:1.0", 1413849600],
      [0, "$2$0:1.0 1:NaN", 1413849601.5],
    ]);
    expect(op.getHandleInvalidMethod()).toBe("ERROR");
    op.lazyCollect();
    const error = await expectStreamError(
      /^FtrlTrainStreamOp: row 1 \(event time 1413849601\.5 s \(2014-10-21 00:00:01\.5 UTC\)\): feature 1 of the vector in "vec" is NaN, not a finite number\. FTRL cannot learn from it; set handleInvalidMethod to "SKIP"/,
    );
    expect(error.context).toMatchObject({ operator: "FtrlTrainStreamOp", row: 1, column: "vec", eventTime: 1413849601.5 });
  });

  it("±Infinity in a feature column, a null feature and a null label are errors too", async () => {
    columnTrainer([
      [1, 0.5, 1, 0],
      [0, 0.5, -Infinity, 1],
    ]).lazyCollect();
    const inf = await expectStreamError(/^FtrlTrainStreamOp: row 1 \(event time 1 s\): feature column "f1" holds -Infinity, not a finite number\./);
    expect(inf.context).toMatchObject({ row: 1, column: "f1", eventTime: 1 });

    columnTrainer([[1, null, 1, 0]]).lazyCollect();
    await expectStreamError(/^FtrlTrainStreamOp: row 0 \(event time 0 s\): feature column "f0" is null\./);

    vectorTrainer([
      [1, "$2$0:1.0", 0],
      [0, "$2$0:1.0", 1],
      [null, "$2$0:1.0", 2],
    ]).lazyCollect();
    const label = await expectStreamError(/^FtrlTrainStreamOp: row 2 \(event time 2 s\): the label in "label" is null\./);
    expect(label.context).toMatchObject({ row: 2, column: "label" });

    vectorTrainer([[1, null, 0]]).lazyCollect();
    await expectStreamError(/^FtrlTrainStreamOp: row 0 \(event time 0 s\): the feature vector in "vec" is null\./);
  });

  it("a sparse vector without a size is an error that says so", async () => {
    vectorTrainer([[1, "0:1.0", 0]]).lazyCollect();
    await expectStreamError(/^FtrlTrainStreamOp: row 0 \(event time 0 s\) has a sparse vector without a size \("\$n\$" prefix\), but vectorSize is 2/);
  });

  it("1e400 in a vector string (Double.parseDouble gives Infinity) fails where it enters training", async () => {
    new api.FtrlTrainStreamOp(initModel([0, 0, 0]))
      .setVectorCol("vec")
      .setLabelCol("label")
      .setVectorSize(2)
      .linkFrom(new api.MemSourceStreamOp([[1, "$2$0:1e400", 0]], "label int, vec string, ts double").setTimeCol("ts"))
      .lazyCollect();
    await expectStreamError(/row 0 \(event time 0 s\): feature 0 of the vector in "vec" is Infinity, not a finite number/);
  });
});

describe("FtrlTrainStreamOp, handleInvalidMethod SKIP", () => {
  const bad: unknown[][] = [
    [1, "$2$0:1.0", 0], // trained
    [0, "$2$0:NaN", 1], // skipped: NaN
    [null, "$2$1:1.0", 2], // skipped: null label
    [0, null, 3], // skipped: null vector
    [1, "$2$1:Infinity", 12], // skipped, alone in its interval [10, 20)
  ];

  it("leaves the rows out and counts them; the model is exactly FTRL on the remaining row (hand-computed)", async () => {
    const op = vectorTrainer(bad).set("handleInvalid", "skip"); // Alink's alias, case-insensitive
    expect(op.getHandleInvalidMethod()).toBe("SKIP");
    const models = op.lazyCollect();
    const progress = op.getSideOutput(0).lazyCollect();
    await api.StreamOperator.execute();

    expect(op.getSkippedRowCount()).toBe(4);
    const skipped = op.getSkippedRows();
    expect(skipped.map((s) => [s.row, s.eventTime])).toEqual([[1, 1], [2, 2], [3, 3], [4, 12]]);
    expect(skipped[0].reason).toBe('row 1 (event time 1 s): feature 0 of the vector in "vec" is NaN, not a finite number');
    expect(skipped[1].reason).toBe('row 2 (event time 2 s): the label in "label" is null');
    expect(skipped[2].reason).toBe('row 3 (event time 3 s): the feature vector in "vec" is null');

    // One model: interval [0, 10) trained a row; [10, 20) saw only a skipped row and emits none.
    const rows = models.getRows();
    expect([...new Set(rows.map((r) => (r[0] as Date).getTime()))]).toEqual([10000]);
    // One row x = (1, 0), y = 1 from w = 0, α 0.1, β 1, no regularisation: p = 0.5, g = −0.5 for
    // the intercept and feature 0; n = 0.25, σ = 0.5 / 0.1 = 5, z = −0.5, w = 0.5 / ((1 + 0.5) / 0.1) = 1/30.
    const w = lastCoefficients(rows);
    expect(w[0]).toBeCloseTo(1 / 30, 15);
    expect(w[1]).toBeCloseTo(1 / 30, 15);
    expect(w[2]).toBe(0);

    // The progress side output: one row per interval that saw rows, skipped counted at the end.
    const table = progress.getTable();
    expect(table.schema.names).toEqual(["window_start", "window_end", "samples", "logloss", "accuracy", "auc", "skipped"]);
    expect(table.toRows().map((r) => [(r[1] as Date).getTime(), r[2], r[6]])).toEqual([
      [10000, 1, 3],
      [20000, 0, 1],
    ]);
    // One class in the interval: the AUC is undefined; an interval of skipped rows only has no metrics.
    expect(table.toRows()[0][5]).toBeNaN();
    expect(table.toRows()[1].slice(3, 6)).toEqual([NaN, NaN, NaN]);
  });

  it("gives the same models as the stream without the bad rows", async () => {
    const random = new api.Random(3);
    const rows = Array.from({ length: 400 }, (_, i) => {
      const a = random.nextGaussian();
      const b = random.nextGaussian();
      const y = random.nextDouble() < 1 / (1 + Math.exp(-(2 * a - b))) ? 1 : 0;
      return [y, `$2$0:${a} 1:${b}`, i * 0.1];
    });
    const broken = rows.map((r, i) => (i % 37 === 5 ? [r[0], "$2$0:NaN 1:1.0", r[2]] : i % 53 === 7 ? [null, r[1], r[2]] : r));
    const kept = rows.filter((_, i) => !(i % 37 === 5 || i % 53 === 7));
    const skipping = vectorTrainer(broken).setHandleInvalidMethod("SKIP").setMiniBatchSize(16);
    const withSkips = await skipping.collect();
    const clean = await vectorTrainer(kept).setMiniBatchSize(16).collect();
    expect(withSkips).toEqual(clean);
    expect(skipping.getSkippedRowCount()).toBe(rows.length - kept.length);
    expect(skipping.getSkippedRows().length).toBe(Math.min(20, rows.length - kept.length));
  });
});

describe("FtrlTrainStreamOp: non-finite models", () => {
  it("an initial model with a NaN coefficient is an error at link time", () => {
    let caught: unknown;
    try {
      vectorTrainer([[1, "$2$0:1.0", 0]], initModel([0, NaN, 0]));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StreamlabError);
    expect((caught as Error).message).toMatch(/^FtrlTrainStreamOp: /);
    expect((caught as Error).message).toMatch(/NaN/);
  });

  it("a model whose coefficients overflow is an error, never emitted", async () => {
    const op = vectorTrainer([
      [1, "$2$0:1e300", 0],
      [0, "$2$0:1e300", 1],
    ]);
    const models = op.lazyCollect();
    await expectStreamError(/^FtrlTrainStreamOp: FTRL diverged: coefficient \d is NaN in the model of event time 10 s\. The features are too large/);
    expect(models.getRows()).toEqual([]);
  });
});
