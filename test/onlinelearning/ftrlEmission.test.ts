import { describe, expect, it } from "vitest";
import * as api from "../../src";
import { expectStreamError, lrModelTable } from "../helpers";

/**
 * When FtrlTrainStreamOp emits models: at the end of every timeInterval-long interval of event
 * time in which rows were trained — none for empty intervals, so a gap in the data costs nothing.
 */

const YEAR = 365 * 86400;
const SCHEMA = "label int, f0 double, f1 double, ts double";

function initModel(): api.Table {
  return lrModelTable([0.1, -0.2, 0.3], { featureNames: ["f0", "f1"] });
}

/** Rows (label, f0, f1, ts) at the given event times, labels from a fixed rule. */
function rowsAt(times: number[], seed = 1): unknown[][] {
  const random = new api.Random(seed);
  return times.map((t) => {
    const a = random.nextGaussian();
    const b = random.nextGaussian();
    return [random.nextDouble() < 1 / (1 + Math.exp(-(1.5 * a - b))) ? 1 : 0, a, b, t];
  });
}

const O = { alpha: 0.1, beta: 1, l1: 0.01, l2: 0.01, batch: 4 };

const trainer = (rows: unknown[][], interval: number) =>
  new api.FtrlTrainStreamOp(initModel())
    .setFeatureCols(["f0", "f1"])
    .setLabelCol("label")
    .setVectorSize(2)
    .setAlpha(O.alpha)
    .setBeta(O.beta)
    .setL1(O.l1)
    .setL2(O.l2)
    .setMiniBatchSize(O.batch)
    .setTimeInterval(interval)
    .linkFrom(new api.MemSourceStreamOp(rows, SCHEMA).setTimeCol("ts"));

/** Model timestamps (seconds) of a collected model stream, in order. */
const stamps = (rows: api.Row[]) => [...new Set(rows.map((r) => (r[0] as Date).getTime() / 1000))];

/** Coefficients of the model with timestamp `t` (seconds). */
function coefficientsAt(rows: api.Row[], t: number): number[] {
  const table = new api.MemSourceBatchOp(
    rows.filter((r) => (r[0] as Date).getTime() === t * 1000).map((r) => r.slice(2)),
    "model_id bigint, model_info string, label_value int",
  ).getOutputTable();
  return Array.from(api.linearModelFromTable(table).coefVector);
}

/**
 * FTRL-Proximal written plainly from the reference (§6.3–6.4): mini-batches of `batch` rows, the
 * pending batch applied before the model of time `until` is taken (rows with t < until).
 */
function referenceFtrl(rows: unknown[][], until: number, interval: number): number[] {
  const w = [0.1, -0.2, 0.3];
  const z = [0, 0, 0];
  const n = [0, 0, 0];
  let g = [0, 0, 0];
  let inBatch = 0;
  const flush = () => {
    for (let i = 0; i < 3; i++) {
      const gi = g[i] / inBatch;
      const sigma = (Math.sqrt(n[i] + gi * gi) - Math.sqrt(n[i])) / O.alpha;
      z[i] += gi - sigma * w[i];
      n[i] += gi * gi;
      w[i] = Math.abs(z[i]) <= O.l1 ? 0 : (Math.sign(z[i]) * O.l1 - z[i]) / ((O.beta + Math.sqrt(n[i])) / O.alpha + O.l2);
    }
    g = [0, 0, 0];
    inBatch = 0;
  };
  let intervalIndex = NaN;
  for (const [y, a, b, t] of rows as [number, number, number, number][]) {
    if (t >= until) break;
    // A model is emitted (and the pending batch applied) whenever a row starts a new interval.
    const index = Math.floor(t / interval);
    if (index !== intervalIndex && inBatch > 0) flush();
    intervalIndex = index;
    const residual = 1 / (1 + Math.exp(-(w[0] + w[1] * a + w[2] * b))) - y;
    g = [g[0] + residual, g[1] + residual * a, g[2] + residual * b];
    if (++inBatch === O.batch) flush();
  }
  if (inBatch > 0) flush();
  return w;
}

describe("FtrlTrainStreamOp: models only for intervals that trained rows", () => {
  it("a one-year gap with timeInterval 1 s gives one model per second that saw rows (10), not one per second of the gap", async () => {
    const times = [...Array.from({ length: 10 }, (_, i) => i * 0.5), ...Array.from({ length: 10 }, (_, i) => YEAR + i * 0.5)];
    const rows = rowsAt(times);
    const op = trainer(rows, 1);
    const models = op.lazyCollect();
    const progress = op.getSideOutput(0).lazyCollect();
    // A predictor following the model stream, with rows during and after the gap.
    const test = new api.MemSourceStreamOp(rowsAt([0.2, 100, YEAR - 1, YEAR + 0.2, YEAR + 1.2], 2), SCHEMA).setTimeCol("ts");
    const predictions = new api.FtrlPredictStreamOp(initModel()).setPredictionCol("pred").setReservedCols(["ts"]).linkFrom(op, test).lazyCollect();
    await api.StreamOperator.execute();

    const expected = [1, 2, 3, 4, 5, YEAR + 1, YEAR + 2, YEAR + 3, YEAR + 4, YEAR + 5];
    expect(stamps(models.getRows())).toEqual(expected);
    expect(progress.getRows().map((r) => [(r[1] as Date).getTime() / 1000, r[2]])).toEqual(expected.map((t) => [t, 2]));
    // Across the gap the last model before it serves; the first model after it from YEAR + 1 on.
    const versions = predictions.getRows().map((r) => (r[2] === null ? null : (r[2] as Date).getTime() / 1000));
    expect(versions).toEqual([null, 5, 5, 5, YEAR + 1]);
    // Each model holds exactly the rows before its time.
    for (const t of expected) {
      const got = coefficientsAt(models.getRows(), t);
      const want = referenceFtrl(rows, t, 1);
      got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 12));
    }
  });

  it("timeInterval far below the rows' spacing: one model per row, at the end of its interval", async () => {
    const rows = rowsAt(Array.from({ length: 10 }, (_, i) => 10 * i + 0.5));
    const models = await trainer(rows, 1).collect();
    expect(stamps(models)).toEqual([1, 11, 21, 31, 41, 51, 61, 71, 81, 91]);
  });

  it("where no interval is empty, a model at every multiple of timeInterval, as before, each holding the rows before it", async () => {
    // 300 rows, 0.3 s apart, intervals of 7 s: every interval holds rows.
    const rows = rowsAt(Array.from({ length: 300 }, (_, i) => 1000 + i * 0.3));
    const models = await trainer(rows, 7).collect();
    const expected = Array.from({ length: 14 }, (_, k) => 1001 + 7 * k); // 1001 = 143·7, … 1092 = 156·7 (the last row is at 1089.7)
    expect(stamps(models)).toEqual(expected);
    for (const t of expected) {
      const got = coefficientsAt(models, t);
      const want = referenceFtrl(rows, t, 7);
      got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 12));
    }
  });

  it("an empty stream emits no model and no progress row", async () => {
    const op = trainer([], 60);
    const models = op.lazyCollect();
    const progress = op.getSideOutput(0).lazyCollect();
    await api.StreamOperator.execute();
    expect(models.getRows()).toEqual([]);
    expect(progress.getRows()).toEqual([]);
  });

  it("a timeInterval too fine for the event times' precision is an error naming the parameter", async () => {
    trainer(rowsAt([1413849600.25]), 1e-9).lazyCollect();
    const error = await expectStreamError(/^FtrlTrainStreamOp: timeInterval 1e-9 cannot cut event time 1413849600\.25 into windows \(its multiples there are not distinct doubles\); use a larger timeInterval\.$/);
    expect(error.context.param).toBe("timeInterval");
  });
});
