import { describe, expect, it } from "vitest";
import * as api from "../../src";
import { Random } from "../../src/core/random";
import { expectError, expectStreamError } from "../helpers";
import { REQUIRE_TOOLS, RIVER_SKIP_REASON, riverDelayed } from "./delayedRiverOracle";

/**
 * DelayedLabelJoinStreamOp: predictions held until their labels arrive, re-emitted at the label
 * time; checked by hand, against EvalBinaryClassStreamOp's windows, and against River's
 * simulate_qa order (the oracle of delayed progressive validation).
 */

const SCHEMA = "id int, t double, d double, lt timestamp, click int, detail string";
const detail = (p: number) => `{"1":"${p}","0":"${1 - p}"}`;

interface Pred {
  t: number;
  d: number;
  click: number;
  p: number;
}

const toRows = (preds: Pred[]) => preds.map((r, i) => [i, r.t, r.d, new Date(Math.round((r.t + r.d) * 1000)), r.click, detail(r.p)]);
const source = (preds: Pred[]) => new api.MemSourceStreamOp(toRows(preds), SCHEMA).setTimeCol("t");

/** Times with ties (several rows per second now and then), delays in {0, 1, 2.5, 4} (ties of label times too). */
function predictions(n: number, seed: number): Pred[] {
  const random = new Random(seed);
  let t = 100;
  return Array.from({ length: n }, () => {
    if (random.nextDouble() < 0.5) t += random.nextInt(3);
    const p = Math.round(random.nextDouble() * 100) / 100;
    return { t, d: [0, 1, 2.5, 4][random.nextInt(4)], click: random.nextDouble() < p ? 1 : 0, p };
  });
}

async function joined(op: api.DelayedLabelJoinStreamOp) {
  const c = op.lazyCollect();
  await api.StreamOperator.execute();
  return { rows: c.getRows(), times: Array.from(c.getTimes()) };
}

/** The documented order: answer j before question i iff A_j < t_i, or A_j = t_i and j < i; answers by (A, j). */
function expectedOrder(preds: Pred[]): [string, number][] {
  const events = preds.flatMap((r, i) => [
    { time: r.t, key: i, e: ["Q", i] as [string, number] },
    { time: r.t + r.d, key: i + 0.5, e: ["A", i] as [string, number] },
  ]);
  return events.sort((a, b) => a.time - b.time || a.key - b.key).map((x) => x.e);
}

describe("DelayedLabelJoinStreamOp", () => {
  it("re-emits each row unchanged at its label time, ties in input order (hand-computed)", async () => {
    const preds: Pred[] = [
      { t: 0, d: 5, click: 1, p: 0.9 },
      { t: 1, d: 0, click: 0, p: 0.2 },
      { t: 1, d: 4, click: 1, p: 0.6 },
      { t: 3, d: 2, click: 0, p: 0.4 },
      { t: 9, d: 0, click: 1, p: 0.7 },
    ];
    const got = await joined(new api.DelayedLabelJoinStreamOp().setLabelDelayCol("d").setPredictionTimeCol("served").linkFrom(source(preds)));
    // Label times: 5, 1, 5, 5, 9 → row 1 at 1, then rows 0, 2, 3 at 5 (input order), row 4 at 9.
    expect(got.rows.map((r) => r[0])).toEqual([1, 0, 2, 3, 4]);
    expect(got.times).toEqual([1, 5, 5, 5, 9]);
    expect(got.rows.map((r) => (r[6] as Date).getTime() / 1000)).toEqual([1, 0, 1, 3, 9]);
    expect(got.rows[1].slice(0, 6)).toEqual(toRows(preds)[0]);
  });

  it("a fixed delay, a delay column and a label-time column give the same output when they say the same", async () => {
    const preds = predictions(300, 5).map((r) => ({ ...r, d: 2.5 }));
    const a = await joined(new api.DelayedLabelJoinStreamOp().setLabelDelay(2.5).linkFrom(source(preds)));
    const b = await joined(new api.DelayedLabelJoinStreamOp().setLabelDelayCol("d").linkFrom(source(preds)));
    const c = await joined(new api.DelayedLabelJoinStreamOp().setLabelTimeCol("lt").linkFrom(source(preds)));
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(a.times).toEqual(preds.map((r) => r.t + 2.5));
  });

  it("EvalBinaryClassStreamOp after the join counts each row in the window its label arrives in", async () => {
    const preds = predictions(400, 9);
    const join = new api.DelayedLabelJoinStreamOp().setLabelDelayCol("d").linkFrom(source(preds));
    const evals = new api.EvalBinaryClassStreamOp().setLabelCol("click").setPredictionDetailCol("detail").setTimeInterval(10).linkFrom(join).lazyCollect();
    await api.StreamOperator.execute();
    const windows = evals.getRows().filter((r) => r[0] === "window").map((r) => JSON.parse(r[1] as string));
    // By hand: group rows by the window of t + d; log loss of the served p.
    const groups = new Map<number, Pred[]>();
    for (const r of preds) {
      const w = Math.floor((r.t + r.d) / 10);
      if (!groups.has(w)) groups.set(w, []);
      groups.get(w)!.push(r);
    }
    const expected = [...groups.entries()].sort((x, y) => x[0] - y[0]).map(([, rows]) => rows);
    expect(windows.map((m) => Number(m.TotalSamples))).toEqual(expected.map((rows) => rows.length));
    windows.forEach((m, k) => {
      const loss = expected[k].reduce((s, r) => s - Math.log(Math.min(Math.max(r.click === 1 ? r.p : 1 - r.p, 1e-15), 1 - 1e-15)), 0) / expected[k].length;
      expect(Number(m.LogLoss)).toBeCloseTo(loss, 12);
    });
  });

  it("is the same on every run and whatever the steps the input arrives in", async () => {
    const preds = predictions(200, 11);
    const once = await joined(new api.DelayedLabelJoinStreamOp().setLabelDelay(3).setLabelDelayDistribution("EXPONENTIAL").setLabelDelaySeed(1).linkFrom(source(preds)));
    const again = await joined(new api.DelayedLabelJoinStreamOp().setLabelDelay(3).setLabelDelayDistribution("EXPONENTIAL").setLabelDelaySeed(1).linkFrom(source(preds)));
    expect(again).toEqual(once);
    // A second source at the same times makes the scheduler cut the input into one step per time.
    const ticks = new api.MemSourceStreamOp(preds.map((r) => [r.t]), "tick double").setTimeCol("tick");
    const op = new api.DelayedLabelJoinStreamOp().setLabelDelay(3).setLabelDelayDistribution("EXPONENTIAL").setLabelDelaySeed(1).linkFrom(source(preds));
    ticks.lazyCollect();
    const interleaved = await joined(op);
    expect(interleaved).toEqual(once);
  });

  it("errors: no delay set, a taken predictionTimeCol, a label time before its row (naming row and column)", async () => {
    expectError(() => new api.DelayedLabelJoinStreamOp().linkFrom(source(predictions(3, 1))), "DelayedLabelJoinStreamOp: set labelDelay, labelDelayCol or labelTimeCol to say when each row's label arrives.");
    expectError(() => new api.DelayedLabelJoinStreamOp().setLabelDelay(1).setPredictionTimeCol("click").linkFrom(source(predictions(3, 1))), /predictionTimeCol "click" is already a column/);
    const preds = predictions(10, 2);
    const rows = toRows(preds);
    rows[6][3] = new Date(0);
    new api.DelayedLabelJoinStreamOp().setLabelTimeCol("lt").linkFrom(new api.MemSourceStreamOp(rows, SCHEMA).setTimeCol("t")).lazyCollect();
    const error = await expectStreamError(/DelayedLabelJoinStreamOp: row 6 \(event time [\d.]+ s\): labelTimeCol "lt" \(label time 0 s\) gives a negative delay/);
    expect(error.context).toMatchObject({ row: 6, column: "lt", param: "labelTimeCol" });
  });
});

describe.skipIf(RIVER_SKIP_REASON !== null && !REQUIRE_TOOLS)(`River 0.26 simulate_qa as the oracle${RIVER_SKIP_REASON ? ` (skipped: ${RIVER_SKIP_REASON})` : ""}`, () => {
  it("reveals the labels in the order DelayedLabelJoinStreamOp emits them, questions interleaved as documented", async () => {
    const perRow = predictions(500, 21);
    const fixed = predictions(300, 22);
    const [river, riverFixed] = riverDelayed([
      { t: perRow.map((r) => r.t), delay: perRow.map((r) => r.d) },
      { t: fixed.map((r) => r.t), delay: 2 },
    ]);
    // The full question/answer sequence: River's equals the documented (time, key) order.
    expect(river.qa).toEqual(expectedOrder(perRow));
    expect(riverFixed.qa).toEqual(expectedOrder(fixed.map((r) => ({ ...r, d: 2 }))));
    // The answers: the order of the join's output.
    const ours = await joined(new api.DelayedLabelJoinStreamOp().setLabelDelayCol("d").linkFrom(source(perRow)));
    expect(ours.rows.map((r) => r[0])).toEqual(river.qa.filter(([k]) => k === "A").map(([, i]) => i));
    const oursFixed = await joined(new api.DelayedLabelJoinStreamOp().setLabelDelay(2).linkFrom(source(fixed)));
    expect(oursFixed.rows.map((r) => r[0])).toEqual(riverFixed.qa.filter(([k]) => k === "A").map(([, i]) => i));
  });
});
