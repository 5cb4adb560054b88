import { describe, expect, it } from "vitest";
import * as api from "../../src";
import { Random } from "../../src/core/random";
import { expectError, expectStreamError, lrModelTable, tempDir } from "../helpers";

/**
 * FtrlTrainStreamOp with delayed feedback (labelDelay, labelDelayCol, labelTimeCol, random delays):
 * checked against (a) the same trainer without delay on a hand-re-timed stream (rows moved to their
 * label times), (b) a plainly written reference of the protocol (one sorted event list, Maps for
 * FTRL), and (c) labelDelay 0 = no delay, bit for bit. River is the oracle in delayedRiver.test.ts.
 */

const K = 3;
const SCHEMA = "label int, f0 double, f1 double, f2 double, vec vector, ts double, d double, lt double";
const O = { alpha: 0.2, beta: 1, l1: 0.01, l2: 0.01, batch: 4, interval: 20 };

interface Sample {
  t: number;
  x: number[];
  y: number;
  /** Per-row delay (seconds): some 0, some equal, so that ties happen. */
  d: number;
}

/** Rows with times that tie (3 rows share a time now and then) and delays in {0, 5, 7.5, 30}. */
function samples(n: number, seed: number): Sample[] {
  const random = new Random(seed);
  const truth = [0.8, -1.2, 0.5];
  const out: Sample[] = [];
  let t = 1000;
  for (let i = 0; i < n; i++) {
    if (random.nextDouble() < 0.6) t += Math.floor(random.nextDouble() * 4);
    const x = Array.from({ length: K }, () => Math.round((random.nextDouble() * 2 - 1) * 100) / 100);
    const margin = 0.2 + x.reduce((s, v, k) => s + v * truth[k], 0);
    const y = random.nextDouble() < 1 / (1 + Math.exp(-margin)) ? 1 : 0;
    out.push({ t, x, y, d: [0, 5, 7.5, 30][random.nextInt(4)] });
  }
  return out;
}

const vecText = (x: number[]) => `$${K}$` + x.map((v, k) => `${k}:${v}`).join(" ");
const toRows = (s: Sample[]): unknown[][] => s.map((r) => [r.y, ...r.x, vecText(r.x), r.t, r.d, r.t + r.d]);

function trainer(rows: unknown[][], configure: (op: api.FtrlTrainStreamOp) => api.FtrlTrainStreamOp = (op) => op, vector = true) {
  const op = new api.FtrlTrainStreamOp(lrModelTable([0.1, 0, 0, 0], vector ? { vectorCol: "vec" } : { featureNames: ["f0", "f1", "f2"] }))
    .setLabelCol("label")
    .setVectorSize(K)
    .setAlpha(O.alpha)
    .setBeta(O.beta)
    .setL1(O.l1)
    .setL2(O.l2)
    .setMiniBatchSize(O.batch)
    .setTimeInterval(O.interval);
  if (vector) op.setVectorCol("vec");
  else op.setFeatureCols(["f0", "f1", "f2"]);
  return configure(op).linkFrom(new api.MemSourceStreamOp(rows, SCHEMA).setTimeCol("ts"));
}

/** Runs a trainer: its models (time, coefficients) and its progress rows. */
async function run(op: api.FtrlTrainStreamOp) {
  const models = op.lazyCollect();
  const progress = op.getSideOutput(0).lazyCollect();
  await api.StreamOperator.execute();
  const byTime = new Map<number, api.Row[]>();
  for (const r of models.getRows()) {
    const ms = (r[0] as Date).getTime();
    if (!byTime.has(ms)) byTime.set(ms, []);
    byTime.get(ms)!.push(r.slice(2));
  }
  const coefs = [...byTime].map(([ms, rows]) => ({
    time: ms / 1000,
    w: Array.from(api.linearModelFromTable(new api.MemSourceBatchOp(rows, "model_id bigint, model_info string, label_value int").getOutputTable()).coefVector),
  }));
  return { models: coefs, progress: progress.getRows() };
}

/**
 * The protocol written plainly: every row is two events, its prediction at t (key = row index) and
 * its label at t + d (key = row index + ½), sorted by (time, key) — so a label whose time equals a
 * later row's time comes before that row's prediction, and a row's own label always after its
 * prediction (River's simulate_qa order). FTRL per mini-batch with Maps; an interval [kI, (k+1)I)
 * opens at its first label and closes (applying the batch, recording a model if it learnt) when an
 * event reaches its end.
 */
function reference(rows: Sample[], w0: number[]) {
  const events = rows.flatMap((r, i) => [
    { time: r.t, key: i, learn: false, i },
    { time: r.t + r.d, key: i + 0.5, learn: true, i },
  ]);
  events.sort((a, b) => a.time - b.time || a.key - b.key);
  const w = [...w0];
  const z = w.map(() => 0);
  const n = w.map(() => 0);
  let sum = new Map<number, number>();
  let cnt = new Map<number, number>();
  let inBatch = 0;
  const flush = () => {
    for (const [i, s] of sum) {
      const g = s / cnt.get(i)!;
      const sigma = (Math.sqrt(n[i] + g * g) - Math.sqrt(n[i])) / O.alpha;
      z[i] += g - sigma * w[i];
      n[i] += g * g;
      w[i] = Math.abs(z[i]) <= O.l1 ? 0 : (Math.sign(z[i]) * O.l1 - z[i]) / ((O.beta + Math.sqrt(n[i])) / O.alpha + O.l2);
    }
    sum = new Map();
    cnt = new Map();
    inBatch = 0;
  };
  const prob = (x: number[]) => 1 / (1 + Math.exp(-(w[0] + x.reduce((s, v, k) => s + w[k + 1] * v, 0))));
  const served: number[] = [];
  const models: { time: number; w: number[] }[] = [];
  const progress: { end: number; samples: number; logloss: number; accuracy: number }[] = [];
  let openEnd = NaN;
  let scored: [number, number][] = [];
  const close = () => {
    if (scored.length > 0) {
      if (inBatch > 0) flush();
      models.push({ time: openEnd, w: [...w] });
    }
    const loss = scored.reduce((s, [p, y]) => s - Math.log(Math.min(Math.max(y === 1 ? p : 1 - p, 1e-15), 1 - 1e-15)), 0);
    progress.push({ end: openEnd, samples: scored.length, logloss: loss / scored.length, accuracy: scored.filter(([p, y]) => (p >= 0.5 ? 1 : 0) === y).length / scored.length });
    scored = [];
    openEnd = NaN;
  };
  for (const e of events) {
    if (e.time >= openEnd) close();
    const row = rows[e.i];
    if (!e.learn) {
      served[e.i] = prob(row.x);
      continue;
    }
    if (Number.isNaN(openEnd)) openEnd = (Math.floor(e.time / O.interval) + 1) * O.interval;
    const residual = prob(row.x) - row.y;
    const add = (i: number, g: number) => {
      sum.set(i, (sum.get(i) ?? 0) + g);
      cnt.set(i, (cnt.get(i) ?? 0) + 1);
    };
    add(0, residual);
    row.x.forEach((v, k) => add(k + 1, residual * v));
    scored.push([served[e.i], row.y]);
    if (++inBatch === O.batch) flush();
  }
  if (!Number.isNaN(openEnd)) close();
  return { models, progress, served };
}

function expectModelsClose(got: { time: number; w: number[] }[], expected: { time: number; w: number[] }[]) {
  expect(got.map((m) => m.time)).toEqual(expected.map((m) => m.time));
  got.forEach((m, j) => m.w.forEach((v, i) => expect(v).toBeCloseTo(expected[j].w[i], 12)));
}

describe("FtrlTrainStreamOp with delayed feedback", () => {
  const data = samples(600, 7);

  it("labelDelay 0 gives exactly the models and progress of no delay (vector and featureCols inputs)", async () => {
    for (const vector of [true, false]) {
      const plain = await run(trainer(toRows(data), undefined, vector));
      const zero = await run(trainer(toRows(data), (op) => op.setLabelDelay(0), vector));
      expect(zero.models).toEqual(plain.models);
      expect(zero.progress).toEqual(plain.progress);
      expect(plain.models.length).toBeGreaterThan(10);
    }
  });

  it("learns as the undelayed trainer on the stream re-timed to the label times (fixed, per-row column, label-time column)", async () => {
    const fixed = data.map((r) => ({ ...r, d: 12.5 }));
    const cases: [Sample[], (op: api.FtrlTrainStreamOp) => api.FtrlTrainStreamOp][] = [
      [fixed, (op) => op.setLabelDelay(12.5)],
      [data, (op) => op.setLabelDelayCol("d")],
      [data, (op) => op.setLabelTimeCol("lt")],
    ];
    for (const [rows, configure] of cases) {
      const delayed = await run(trainer(toRows(rows), configure));
      // The re-timed stream: each row at t + d, ties in input order (a stable sort).
      const retimed = rows.map((r, i) => ({ ...r, t: r.t + r.d, i })).sort((a, b) => a.t - b.t || a.i - b.i);
      const plain = await run(trainer(toRows(retimed)));
      expect(delayed.models).toEqual(plain.models);
      // Same intervals and sample counts; the losses differ (scored against the earlier predictions).
      expect(delayed.progress.map((r) => [r[0], r[1], r[2]])).toEqual(plain.progress.map((r) => [r[0], r[1], r[2]]));
      expect(delayed.progress.map((r) => r[3])).not.toEqual(plain.progress.map((r) => r[3]));
    }
  });

  it("scores each label against the prediction served at its row's time (plainly written reference)", async () => {
    for (const vector of [true, false]) {
      const got = await run(trainer(toRows(data), (op) => op.setLabelDelayCol("d"), vector));
      const expected = reference(data, [0.1, 0, 0, 0]);
      expectModelsClose(got.models, expected.models);
      expect(got.progress.map((r) => (r[1] as Date).getTime() / 1000)).toEqual(expected.progress.map((p) => p.end));
      expect(got.progress.map((r) => r[2])).toEqual(expected.progress.map((p) => p.samples));
      got.progress.forEach((r, j) => {
        expect(r[3] as number).toBeCloseTo(expected.progress[j].logloss, 12);
        expect(r[4]).toBe(expected.progress[j].accuracy);
      });
    }
  });

  it("draws random delays per row from the seed: the same on every run, equal to a delay column holding the same draws", async () => {
    for (const distribution of ["EXPONENTIAL", "UNIFORM"] as const) {
      const configure = (op: api.FtrlTrainStreamOp) => op.setLabelDelay(8).setLabelDelayDistribution(distribution).setLabelDelaySeed(42);
      const first = await run(trainer(toRows(data), configure));
      const second = await run(trainer(toRows(data), configure));
      expect(second).toEqual(first);
      // The draws, written independently: one uniform u per row in row order from Random(seed).
      const random = new Random(42);
      const drawn = data.map((r) => {
        const u = random.nextDouble();
        return { ...r, d: distribution === "EXPONENTIAL" ? -8 * Math.log(1 - u) : 16 * u };
      });
      const mean = drawn.reduce((s, r) => s + r.d, 0) / drawn.length;
      expect(mean).toBeGreaterThan(6.5);
      expect(mean).toBeLessThan(9.5);
      const fromColumn = await run(trainer(toRows(drawn), (op) => op.setLabelDelayCol("d")));
      expect(fromColumn).toEqual(first);
      const other = await run(trainer(toRows(data), (op) => configure(op).setLabelDelaySeed(43)));
      expect(other.progress).not.toEqual(first.progress);
    }
  });

  it("a skipped row counts in the interval it arrived in; its label is never waited for", async () => {
    const rows = toRows(data.slice(0, 40));
    rows[5][4] = null; // null vector
    const got = await run(trainer(rows, (op) => op.setLabelDelay(30).setHandleInvalidMethod("SKIP")));
    const arrivedIn = Math.floor((data[5].t) / O.interval) * O.interval;
    const row = got.progress.find((r) => (r[0] as Date).getTime() / 1000 === arrivedIn)!;
    expect(row[6]).toBe(1);
    expect(got.progress.reduce((s, r) => s + (r[2] as number), 0)).toBe(39);
  });
});

describe("FtrlTrainStreamOp with delayed feedback and a followed model-stream folder", () => {
  it("rebases at the model's time after the labels arriving before it, before those arriving at it (= the re-timed stream)", async () => {
    const root = tempDir();
    new api.MemSourceBatchOp(lrModelTable([0.5, -0.5], { labelName: "y" }).toRows(), "model_id bigint, model_info string, label_value int")
      .link(new api.AppendModelStreamFileSinkBatchOp().setFilePath(root).setModelTime("1970-01-01 00:00:15"));
    api.BatchOperator.execute();
    // (t, v, y, d): label times 4, 15 (= the model's time), 13, 14, 18, 22.
    const rows: [number, string, number, number][] = [
      [1, "1", 1, 3],
      [2, "1.5", 1, 13],
      [12, "1", 1, 1],
      [14, "0.5", 0, 0],
      [16, "2", 0, 2],
      [17, "1", 1, 5],
    ];
    const op = (data: unknown[][]) =>
      new api.FtrlTrainStreamOp(lrModelTable([0, 0], { labelName: "y" }))
        .setVectorCol("v").setLabelCol("y").setVectorSize(1).setAlpha(1).setBeta(1).setL1(0).setL2(0).setMiniBatchSize(2).setTimeInterval(10)
        .setModelStreamFilePath(root)
        .linkFrom(new api.MemSourceStreamOp(data, "t double, v string, y int, d double").setTimeCol("t"));
    const delayed = op(rows).setLabelDelayCol("d");
    const retimed = op(rows.map((r, i) => ({ r: [r[0] + r[3], r[1], r[2], 0], i })).sort((a, b) => (a.r[0] as number) - (b.r[0] as number) || a.i - b.i).map((x) => x.r));
    const got = await run(delayed);
    const expected = await run(retimed);
    expect(got.models).toEqual(expected.models);
    expect(got.progress.map((r) => r.slice(0, 3))).toEqual(expected.progress.map((r) => r.slice(0, 3)));
    expect(delayed.getModelRebases().map((e) => [e.eventTime, e.ok])).toEqual([[15, true]]);
    // The model of 20 s starts from the rebased coefficients, not from the labels before 15 s.
    expect(got.models.map((m) => m.time)).toEqual([10, 20, 30]);
  });
});

describe("FtrlTrainStreamOp delayed-feedback settings and bad delays", () => {
  const rows = toRows(samples(20, 3));

  it("refuses conflicting settings and a mean beyond maxLabelDelay at link time", () => {
    expectError(() => trainer(rows, (op) => op.setLabelDelay(5).setLabelDelayCol("d")), "FtrlTrainStreamOp: set at most one of labelDelay, labelDelayCol and labelTimeCol (got labelDelay and labelDelayCol).");
    expectError(() => trainer(rows, (op) => op.setLabelDelayDistribution("EXPONENTIAL")), /labelDelayDistribution EXPONENTIAL draws delays with mean labelDelay; set labelDelay/);
    expectError(() => trainer(rows, (op) => op.setLabelDelay(40 * 86400)), /labelDelay 3456000 s is beyond maxLabelDelay 2592000 s/);
    expectError(() => trainer(rows, (op) => op.setLabelDelayCol("vec")), /labelDelayCol "vec" is VECTOR; expected a number of seconds/);
    expectError(() => trainer(rows, (op) => op.setLabelTimeCol("nope")), /nope/);
    expect(() => trainer(rows, (op) => op.setLabelDelay(-1))).toThrow(/labelDelay/);
    expect(() => trainer(rows, (op) => op.setLabelDelay(Number.NaN))).toThrow(/labelDelay/);
  });

  it("a negative, NaN, null or too large delay in a column is an error naming the row, column and event time", async () => {
    const cases: [number, unknown, "d" | "lt", RegExp][] = [
      [6, -2, "d", /FtrlTrainStreamOp: row 6 \(event time [\d.]+ s\): labelDelayCol "d" gives a negative delay \(-2 s\): a label cannot arrive before its row\./],
      [7, Number.NaN, "d", /row 7 .*labelDelayCol "d" gives no delay \(NaN\)/],
      [8, null, "d", /row 8 .*labelDelayCol "d" is null; every row needs its label delay/],
      [9, 1e9, "d", /row 9 .*labelDelayCol "d" gives a delay of 1000000000 s, beyond maxLabelDelay 2592000 s/],
      [4, 0, "lt", /row 4 .*labelTimeCol "lt" \(label time 0 s\) gives a negative delay/],
    ];
    for (const [row, value, col, message] of cases) {
      const bad = rows.map((r) => [...r]);
      bad[row][col === "d" ? 6 : 7] = value;
      trainer(bad, (op) => (col === "d" ? op.setLabelDelayCol("d") : op.setLabelTimeCol("lt"))).lazyCollect();
      const error = await expectStreamError(message);
      expect(error.context.row).toBe(row);
      expect(error.context.column).toBe(col);
    }
  });
});
