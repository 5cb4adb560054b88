/**
 * Drift detections as a trigger of FtrlTrainStreamOp (`linkFrom(trainData, detections)`,
 * driftAction RESET / REBASE / NONE): after a drift at T the trainer is, model for model, a
 * trainer freshly started at T (from the initial model, or from the followed folder's model) fed
 * only the rows from T on — the oracle is that second trainer, plus the FTRL-Proximal step written
 * out by hand for one case. A model is emitted at T. Errors name the input or parameter.
 */
import * as path from "path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../../src";
import { expectError, lrModelTable, tempDir } from "../helpers";
import { ftrlStepFromFresh } from "./ftrlFromFresh";

const MODEL_SCHEMA = "model_id bigint, model_info string, label_value int";
const DETECTIONS_SCHEMA = "event_time timestamp, row bigint, detector string, kind string, statistic double, threshold double, value double";
const INIT = [0.5, -0.25];

const lrTable = (coef: number[]) => lrModelTable(coef, { labels: [1, 0], labelName: "y" });

/** Rows (event time, x, y). */
const ROWS: [number, string, number][] = [
  [1, "1", 1],
  [2, "2", 0],
  [12, "1", 1],
  [15, "-1", 0],
  [16, "2", 0],
  [17, "1", 1],
  [23, "0.5", 1],
];

const data = (rows: unknown[][] = ROWS) => new api.MemSourceStreamOp(rows, "t double, v string, y int").setTimeCol("t");

/** A detections stream with one row per [event time, kind]. */
function detections(list: [number, string][]): api.StreamOperator {
  const rows = list.map(([t, kind], i) => [new Date(t * 1000), i, "DDM", kind, 1, 0.5, 1]);
  return new api.MemSourceStreamOp(rows, DETECTIONS_SCHEMA).setTimeCol("event_time");
}

const trainer = (init: number[] = INIT) =>
  new api.FtrlTrainStreamOp(lrTable(init)).setVectorCol("v").setLabelCol("y").setVectorSize(1).setAlpha(1).setBeta(1).setL1(0).setL2(0).setMiniBatchSize(2).setTimeInterval(10);

/** Coefficients of every emitted model, by timestamp (seconds), in order. */
function modelsByTime(rows: api.Row[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const t of [...new Set(rows.map((r) => (r[0] as Date).getTime()))]) {
    const table = new api.MemSourceBatchOp(rows.filter((r) => (r[0] as Date).getTime() === t).map((r) => r.slice(2)), MODEL_SCHEMA).getOutputTable();
    out.set(t / 1000, Array.from(api.linearModelFromTable(table).coefVector));
  }
  return out;
}

/** Runs several trainers in one execute; the models of each, by time. */
async function models(...ops: api.StreamOperator[]): Promise<Map<number, number[]>[]> {
  const collections = ops.map((op) => op.lazyCollect());
  await api.StreamOperator.execute();
  return collections.map((c) => modelsByTime(c.getRows()));
}

/** The models of `reference` from time `from` on (a fresh trainer's first model is at the end of its first interval). */
const after = (m: Map<number, number[]>, from: number) => new Map([...m].filter(([t]) => t > from));


let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  warn = vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => {
  warn.mockRestore();
});

describe("FtrlTrainStreamOp: driftAction RESET", () => {
  it("a drift mid-interval emits the initial model at T; later models are those of a trainer started at T on the rows from T on", async () => {
    const drifted = trainer().linkFrom(data(), detections([[14, "drift"]]));
    const [m, plain, fresh] = await models(drifted, trainer().linkFrom(data()), trainer().linkFrom(data(ROWS.filter((r) => r[0] >= 14))));
    expect([...m.keys()]).toEqual([10, 14, 20, 30]);
    // Before the drift nothing changes.
    expect(m.get(10)).toEqual(plain.get(10));
    // At the drift: the initial model, emitted at T.
    expect(m.get(14)).toEqual(INIT);
    // After: exactly the fresh trainer's models (the row at 12 s, pending in a mini-batch, no longer counts).
    expect(after(m, 14)).toEqual(fresh);
    expect(m.get(20)).not.toEqual(plain.get(20));
    expect(drifted.getDriftActions()).toEqual([{ eventTime: 14, row: 0, detector: "DDM", kind: "drift", action: "RESET", modelTimestampMs: null }]);
  });

  it("a drift at the time of a row acts before that row (rows at T train from the reset state)", async () => {
    const [m, fresh] = await models(trainer().linkFrom(data(), detections([[15, "drift"]])), trainer().linkFrom(data(ROWS.filter((r) => r[0] >= 15))));
    expect(m.get(15)).toEqual(INIT);
    expect(after(m, 15)).toEqual(fresh);
    // By hand: with the row at 17 s left out, the model of 20 s is one FTRL step from the initial
    // model with fresh n and z over the rows at 15 s and 16 s (the row at 12 s does not count).
    const [short] = await models(trainer().linkFrom(data(ROWS.filter((r) => r[0] !== 17)), detections([[15, "drift"]])));
    const one = ftrlStepFromFresh(INIT, [[-1, 0], [2, 0]]);
    expect(short.get(20)![0]).toBeCloseTo(one[0], 14);
    expect(short.get(20)![1]).toBeCloseTo(one[1], 14);
  });

  it("a drift exactly at an interval's end: the model of that time is the reset one (one model per timestamp)", async () => {
    const [m, plain, fresh] = await models(trainer().linkFrom(data(), detections([[10, "drift"]])), trainer().linkFrom(data()), trainer().linkFrom(data(ROWS.filter((r) => r[0] >= 10))));
    expect([...m.keys()]).toEqual([10, 20, 30]);
    expect(m.get(10)).toEqual(INIT);
    expect(plain.get(10)).not.toEqual(INIT);
    expect(after(m, 10)).toEqual(fresh);
  });

  it("two drifts of one time act once; a drift in a gap emits the reset model and nothing more until rows train", async () => {
    const [m, fresh] = await models(trainer().linkFrom(data(), detections([[5, "drift"], [5, "drift"], [21, "drift"]])), trainer().linkFrom(data(ROWS.filter((r) => r[0] >= 21))));
    expect([...m.keys()]).toEqual([5, 20, 21, 30]);
    expect(m.get(5)).toEqual(INIT);
    expect(m.get(21)).toEqual(INIT);
    expect(after(m, 21)).toEqual(fresh);
  });

  it("warnings act only with triggerOnWarning; NONE only records", async () => {
    const det = () => detections([[14, "warning"]]);
    const [plain, ignored, acting, none] = await models(
      trainer().linkFrom(data()),
      trainer().linkFrom(data(), det()),
      trainer().setTriggerOnWarning(true).linkFrom(data(), det()),
      trainer().setDriftAction("NONE").linkFrom(data(), detections([[14, "drift"]])),
    );
    expect(ignored).toEqual(plain);
    expect(acting.get(14)).toEqual(INIT);
    expect(none).toEqual(plain);
  });

  it("the same models with any chunking of the inputs", async () => {
    const chunked = (size: number) =>
      trainer().linkFrom(new api.MemSourceStreamOp(ROWS, "t double, v string, y int", { timeCol: "t", chunkSize: size }), detections([[14, "drift"], [22, "drift"]]));
    const [a, b] = await models(chunked(1), chunked(100));
    expect(a).toEqual(b);
    expect([...a.keys()]).toEqual([10, 14, 20, 22, 30]);
  });

  it("with delayed labels: labels arriving before T are learnt before the reset, those from T on after it", async () => {
    // Label of each row 4 s after it: labels at 5, 6, 16, 19, 20, 21, 27; drift at 17.
    const delayed = () => trainer().setLabelDelay(4);
    const late = ROWS.map((r) => [...r, r[0] + 4]);
    const fresh = trainer()
      .setLabelTimeCol("lt")
      .linkFrom(new api.MemSourceStreamOp(late.filter((r) => (r[3] as number) >= 17), "t double, v string, y int, lt double").setTimeCol("t"));
    const [m, f] = await models(delayed().linkFrom(data(), detections([[17, "drift"]])), fresh);
    expect(m.get(17)).toEqual(INIT);
    // A trainer started at 17 s learning the labels that arrive from 17 s on gives the same models.
    expect(after(m, 17)).toEqual(f);
  });
});

describe("FtrlTrainStreamOp: driftAction REBASE", () => {
  function append(root: string, coef: number[], seconds: number): void {
    new api.TableSourceBatchOp(lrTable(coef)).link(new api.AppendModelStreamFileSinkBatchOp().setFilePath(root).setModelTime(`1970-01-01 00:00:${String(seconds).padStart(2, "0")}`));
    api.BatchOperator.execute();
  }

  it("goes back to the newest folder model rebased to before T (the initial model before any)", async () => {
    const root = path.join(tempDir(), "models");
    const folderModel = [1, -1];
    append(root, folderModel, 5);
    const rebasing = trainer().setModelStreamFilePath(root).setDriftAction("REBASE").linkFrom(data(), detections([[3, "drift"], [14, "drift"]]));
    // Oracle: a trainer started from the folder's model, fed the rows from 14 s on.
    const [m, fresh] = await models(rebasing, trainer(folderModel).linkFrom(data(ROWS.filter((r) => r[0] >= 14))));
    expect(m.get(3)).toEqual(INIT);
    expect(m.get(14)).toEqual(folderModel);
    expect(after(m, 14)).toEqual(fresh);
    expect(rebasing.getDriftActions().map((d) => [d.eventTime, d.action, d.modelTimestampMs])).toEqual([
      [3, "REBASE", null],
      [14, "REBASE", 5000],
    ]);
    // RESET with the same folder goes back to the initial model instead.
    const [r] = await models(trainer().setModelStreamFilePath(root).linkFrom(data(), detections([[14, "drift"]])));
    expect(r.get(14)).toEqual(INIT);
  });

  it("a folder model and a drift of the same time: the folder model comes first", async () => {
    const root = path.join(tempDir(), "models");
    append(root, [1, -1], 14);
    const [rebase, reset] = await models(
      trainer().setModelStreamFilePath(root).setDriftAction("REBASE").linkFrom(data(), detections([[14, "drift"]])),
      trainer().setModelStreamFilePath(root).linkFrom(data(), detections([[14, "drift"]])),
    );
    expect(rebase.get(14)).toEqual([1, -1]);
    expect(reset.get(14)).toEqual(INIT);
  });
});

describe("FtrlTrainStreamOp with a real detector's detections", () => {
  it("acts at every drift the detector reports, in event time", async () => {
    // A monitoring stream whose mean shifts at 400 s; Page-Hinkley watches it.
    const monitor = Array.from({ length: 800 }, (_, i) => [i, i < 400 ? 0 : 5]);
    const watch = new api.PageHinkleyDriftDetectStreamOp().setSelectedCol("x").setThreshold(20).linkFrom(new api.MemSourceStreamOp(monitor, "t double, x double").setTimeCol("t"));
    const rows = Array.from({ length: 800 }, (_, i) => [i + 0.5, String((i % 7) - 3), i % 3 === 0 ? 1 : 0]);
    const op = trainer().setTimeInterval(100).linkFrom(data(rows), watch.getSideOutput(0));
    const [m] = await models(op);
    const drifts = watch.getDetections().filter((d) => d.kind === "drift");
    expect(drifts.length).toBeGreaterThan(0);
    expect(op.getDriftActions().map((d) => d.eventTime)).toEqual(drifts.map((d) => d.eventTime));
    for (const d of drifts) expect(m.get(d.eventTime)).toEqual(INIT);
  });
});

describe("FtrlTrainStreamOp: drift-trigger errors", () => {
  it("a second input that is not a detections stream is refused when linked, naming the input", () => {
    expectError(() => trainer().linkFrom(data(), data()), /FtrlTrainStreamOp: the second input of linkFrom\(trainData, detections\) must be the detections stream .*lacks "event_time"/);
  });

  it("REBASE without modelStreamFilePath, and three inputs, are errors", () => {
    expectError(() => trainer().setDriftAction("REBASE").linkFrom(data(), detections([[1, "drift"]])), /driftAction REBASE .*modelStreamFilePath, which is not set/);
    expectError(() => trainer().linkFrom(data(), detections([]), data()), /expected 1 or 2 inputs \(the training stream, then optionally a drift detector's detections stream\), got 3/);
    expectError(() => trainer().setDriftAction("SOMETIMES" as never), /driftAction/);
  });

  it("setting modelStreamFilePath after linkFrom keeps the detections input", async () => {
    const root = path.join(tempDir(), "models");
    new api.TableSourceBatchOp(lrTable([1, -1])).link(new api.AppendModelStreamFileSinkBatchOp().setFilePath(root).setModelTime("1970-01-01 00:00:05"));
    api.BatchOperator.execute();
    const op = trainer().setDriftAction("RESET").linkFrom(data(), detections([[14, "drift"]])).setModelStreamFilePath(root).setDriftAction("REBASE");
    const [m] = await models(op);
    expect(m.get(14)).toEqual([1, -1]);
    expect(op.getModelRebases().map((r) => r.timestampMs)).toEqual([5000]);
  });
});
