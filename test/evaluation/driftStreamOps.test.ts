/**
 * The drift-detection stream operators: rows pass through, detections come out of side output 0
 * at the event time of the row that completed them, the same with any chunking, and equal to
 * River's on the same values (River as the oracle); bad values are errors naming the column, row
 * and event time, or counted skips; the detections stream works as a trigger input of another
 * operator.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  AdwinDriftDetectStreamOp,
  DdmDriftDetectStreamOp,
  DRIFT_DETECTIONS_SCHEMA,
  DriftDetection,
  MemSourceStreamOp,
  PageHinkleyDriftDetectStreamOp,
  Schema,
  StreamOperator,
  StreamTask,
  StreamlabError,
  checkDriftDetectionsSchema,
  detectionsChunk,
  mergeByTime,
  readDriftDetections,
} from "../../src";
import { Random } from "../../src/core/random";
import { REQUIRE_TOOLS, RIVER_SKIP_REASON, riverDetections } from "./driftOracle";
import { tutorialPredictions } from "./driftStreams";

/** Rows [ts, x] at 0.5 s apart from t0, a shift of the mean at `shiftAt`. */
function shifted(n: number, shiftAt: number, seed = 3, t0 = 1_600_000_000): number[][] {
  const random = new Random(seed);
  return Array.from({ length: n }, (_, i) => [t0 + i * 0.5, (i < shiftAt ? 0 : 1.2) + random.nextGaussian()]);
}

const source = (rows: unknown[][], schema = "ts double, x double", chunkSize = 4096) => new MemSourceStreamOp(rows, schema, { timeCol: "ts", chunkSize });

async function run(op: StreamOperator): Promise<{ rows: unknown[][]; detections: unknown[][] }> {
  const main = op.lazyCollect();
  const side = op.getSideOutput(0).lazyCollect();
  await StreamOperator.execute();
  return { rows: main.getRows(), detections: side.getRows() };
}

function expectError(f: () => unknown, ...parts: string[]): StreamlabError {
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(StreamlabError);
  for (const part of parts) expect((error as Error).message).toContain(part);
  return error as StreamlabError;
}

async function expectRunError(op: StreamOperator, ...parts: string[]): Promise<StreamlabError> {
  const pending = op.collect();
  const error = await pending.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StreamlabError);
  for (const part of parts) expect((error as Error).message).toContain(part);
  return error as StreamlabError;
}

describe("drift-detection operators: pass-through and side output", () => {
  const data = shifted(3000, 1500);

  it("passes every row through unchanged and reports detections with their row, event time and detector", async () => {
    const op = new AdwinDriftDetectStreamOp().setSelectedCol("x").linkFrom(source(data));
    expect(op.getSchema().toString()).toBe("ts DOUBLE,x DOUBLE");
    expect(op.getSideOutput(0).getSchema().toString()).toBe(DRIFT_DETECTIONS_SCHEMA.toString());
    const { rows, detections } = await run(op);
    expect(rows).toEqual(data);
    expect(detections.length).toBeGreaterThan(0);
    for (const d of detections) {
      const row = d[1] as number;
      expect((d[0] as Date).getTime()).toBe(Math.round(data[row][0] * 1000));
      expect(d.slice(2, 4)).toEqual(["ADWIN", "drift"]);
      expect(d[4] as number).toBeGreaterThan(d[5] as number);
      expect(d[6]).toBe(data[row][1]);
    }
    // The getter and the side output agree.
    expect(op.getDetections().map((d) => d.row)).toEqual(detections.map((d) => d[1]));
  });

  it("gives the same detections with any chunking (chunks of 1, 7, all)", async () => {
    const rowsOf = async (chunkSize: number) => {
      const ops = [
        new AdwinDriftDetectStreamOp().setSelectedCol("x").setClock(1),
        new PageHinkleyDriftDetectStreamOp().setSelectedCol("x").setThreshold(20),
      ].map((op) => op.linkFrom(source(data, undefined, chunkSize)));
      const collections = ops.map((op) => op.getSideOutput(0).lazyCollect());
      await StreamOperator.execute();
      return collections.map((c) => c.getRows());
    };
    const all = await rowsOf(4096);
    expect(all[0].length).toBeGreaterThan(0);
    expect(all[1].length).toBeGreaterThan(0);
    expect(await rowsOf(1)).toEqual(all);
    expect(await rowsOf(7)).toEqual(all);
  });

  it("watches only the whereCol = whereValue rows, counting rows over the whole input", async () => {
    // Evaluation-like rows: a "window" row and an "all" row per step; only the window rows shift.
    const rows: unknown[][] = [];
    for (let i = 0; i < 200; i++) {
      rows.push([i, "window", i < 100 ? "0.9" : "0.5"]);
      rows.push([i, "all", "0.8"]);
    }
    const op = new PageHinkleyDriftDetectStreamOp()
      .setSelectedCol("AUC")
      .setWhereCol("Statistics")
      .setWhereValue("window")
      .setThreshold(3)
      .setMinInstances(5)
      .linkFrom(source(rows, "ts double, Statistics string, AUC string"));
    const { rows: out, detections } = await run(op);
    expect(out).toEqual(rows);
    // Watched values: 0.9 ×100 then 0.5; by hand (α ≈ 1, δ = 0.005) the decrease sum passes λ = 3 at the
    // 8th low value (cumulative deviation ≈ 8·0.4·(1 − small)); its row index counts the "all" rows too.
    expect(detections.length).toBe(1);
    const row = detections[0][1] as number;
    expect(rows[row][1]).toBe("window");
    expect(row % 2).toBe(0);
    expect(row / 2).toBeGreaterThanOrEqual(100);
    expect(row / 2).toBeLessThan(112);
    expect(detections[0][6]).toBe(0.5);
  });

  it("hears every detection through onDrift while the stream runs", async () => {
    const heard: DriftDetection[] = [];
    const op = new AdwinDriftDetectStreamOp().setSelectedCol("x").onDrift((d) => heard.push(d)).linkFrom(source(data));
    const { detections } = await run(op);
    expect(heard.map((d) => [d.row, d.kind, d.detector])).toEqual(detections.map((d) => [d[1], d[3], d[2]]));
    expect(heard.map((d) => d.eventTime)).toEqual(detections.map((d) => data[d[1] as number][0]));
  });
});

describe("drift-detection operators: parameters and bad input", () => {
  it("declares River's defaults", () => {
    const adwin = new AdwinDriftDetectStreamOp();
    expect([adwin.getDelta(), adwin.getClock(), adwin.getMaxBuckets(), adwin.getMinWindowLength(), adwin.getGracePeriod()]).toEqual([0.002, 32, 5, 5, 10]);
    const ph = new PageHinkleyDriftDetectStreamOp();
    expect([ph.getMinInstances(), ph.getDelta(), ph.getThreshold(), ph.getAlpha(), ph.getMode()]).toEqual([30, 0.005, 50, 1 - 0.0001, "BOTH"]);
    const ddm = new DdmDriftDetectStreamOp();
    expect([ddm.getWarmStart(), ddm.getWarningThreshold(), ddm.getDriftThreshold()]).toEqual([30, 2, 3]);
    expectError(() => new AdwinDriftDetectStreamOp().setDelta(0), "delta");
    expectError(() => new PageHinkleyDriftDetectStreamOp().setMode("SIDEWAYS" as never), "mode");
  });

  it("checks its columns when linked", () => {
    const src = () => source([[0, 1, "a"]], "ts double, x double, s string");
    expectError(() => new AdwinDriftDetectStreamOp().setSelectedCol("y").linkFrom(src()), "AdwinDriftDetectStreamOp", '"y"', "selectedCol");
    expectError(() => new AdwinDriftDetectStreamOp().linkFrom(src()), "selectedCol");
    expectError(() => new AdwinDriftDetectStreamOp().setSelectedCol("x").setWhereCol("s").linkFrom(src()), "whereCol and whereValue together");
    expectError(() => new DdmDriftDetectStreamOp().linkFrom(src()), "selectedCol", "labelCol and predictionCol");
    expectError(() => new DdmDriftDetectStreamOp().setLabelCol("x").linkFrom(src()), "predictionCol is not set");
    expectError(() => new DdmDriftDetectStreamOp().setSelectedCol("x").setLabelCol("x").setPredictionCol("s").linkFrom(src()), "not both");
    const vec = new MemSourceStreamOp([["1 2"]], "v vector");
    expectError(() => new AdwinDriftDetectStreamOp().setSelectedCol("v").linkFrom(vec), '"v"', "VECTOR");
  });

  it("stops at a NaN, ±Infinity, null or non-number with the column, row and event time — or skips and counts under SKIP", async () => {
    const rows = [
      [10, "0.5"],
      [11, "NaN"],
      [12, "abc"],
      [13, null],
      [14, "Infinity"],
      [15, "0.25"],
    ];
    const make = () => source(rows, "ts double, loss string");
    const e = await expectRunError(new PageHinkleyDriftDetectStreamOp().setSelectedCol("loss").linkFrom(make()), "PageHinkleyDriftDetectStreamOp", "row 1", "event time 11", '"loss"', "NaN", "SKIP");
    expect(e.context).toMatchObject({ row: 1, column: "loss", eventTime: 11 });
    const op = new PageHinkleyDriftDetectStreamOp().setSelectedCol("loss").setHandleInvalidMethod("SKIP").linkFrom(make());
    expect(await op.collect()).toEqual(rows);
    expect(op.getSkippedRowCount()).toBe(4);
    await expectRunError(
      new PageHinkleyDriftDetectStreamOp().setSelectedCol("loss").linkFrom(source([[1, "0.5"], [2, "abc"]], "ts double, loss string")),
      "row 1",
      '"abc", not a number',
    );
    await expectRunError(new AdwinDriftDetectStreamOp().setSelectedCol("x").linkFrom(source([[1, 0.5], [2, null]])), "row 1", '"x" is null');
    await expectRunError(new AdwinDriftDetectStreamOp().setSelectedCol("x").linkFrom(source([[1, 0.5], [2, -Infinity]])), "row 1", "-Infinity");
  });

  it("DDM refuses values other than 0 and 1 even under SKIP, and skips rows without a label or prediction under SKIP", async () => {
    const e = await expectRunError(
      new DdmDriftDetectStreamOp().setSelectedCol("x").setHandleInvalidMethod("SKIP").linkFrom(source([[1, 0], [2, 1], [3, 0.5]])),
      "DdmDriftDetectStreamOp",
      "row 2",
      "0.5",
      "0/1 errors",
    );
    expect(e.context.column).toBe("x");
    const rows = [
      [1, "a", "a"],
      [2, null, "a"],
      [3, "b", null],
    ];
    await expectRunError(new DdmDriftDetectStreamOp().setLabelCol("y").setPredictionCol("p").linkFrom(source(rows, "ts double, y string, p string")), "row 1", 'label "y" is null');
    const op = new DdmDriftDetectStreamOp().setLabelCol("y").setPredictionCol("p").setHandleInvalidMethod("SKIP").linkFrom(source(rows, "ts double, y string, p string"));
    expect(await op.collect()).toEqual(rows);
    expect(op.getSkippedRowCount()).toBe(2);
    // Booleans are 0/1 errors.
    const flags = Array.from({ length: 40 }, (_, i) => [i, i >= 36]);
    const bools = new DdmDriftDetectStreamOp().setSelectedCol("wrong").setWarmStart(30).linkFrom(source(flags, "ts double, wrong boolean"));
    const { detections } = await run(bools);
    expect(detections.map((d) => [d[1], d[3]])).toEqual([[36, "drift"]]);
  });
});

describe("the detections stream as a trigger", () => {
  /**
   * A two-input operator as a trainer with a reset input would be: data first, detections second,
   * merged in event time; it records how many data rows it saw before each drift.
   */
  class RowsBeforeDrift extends StreamOperator {
    static override readonly INPUTS = 2;
    readonly seen: number[] = [];
    protected outputSchema([data, detections]: readonly Schema[]): Schema {
      checkDriftDetectionsSchema(detections, "RowsBeforeDrift");
      return data;
    }
    createTask(): StreamTask {
      let rows = 0;
      return {
        process: (inputs, _end, out) => {
          for (const [index, chunk] of mergeByTime(inputs)) {
            if (index === 0) {
              rows += chunk.numRows;
              out.emit(chunk);
            } else for (const d of readDriftDetections(chunk)) this.seen.push(rows - d.row);
          }
        },
        finish() {},
      };
    }
  }

  it("reaches a consumer at the event time of the row that completed it, after that row and before the next", async () => {
    const data = shifted(2000, 1000, 11);
    const watch = new AdwinDriftDetectStreamOp().setSelectedCol("x").linkFrom(source(data));
    const consumer = new RowsBeforeDrift().linkFrom(watch, watch.getSideOutput(0));
    await consumer.collect();
    expect(watch.getDetections().length).toBeGreaterThan(0);
    // rows − row = 1: the consumer had seen the detecting row (index row) and nothing after it.
    expect(consumer.seen).toEqual(watch.getDetections().map(() => 1));
  });

  it("a stream that is not a detections stream is refused at link time", () => {
    const data = source([[1, 0.5]]);
    expectError(() => new RowsBeforeDrift().linkFrom(data, source([[1, 0.5]])), "RowsBeforeDrift", "detections stream", '"row"');
  });

  it("readDriftDetections gives drifts by default and warnings on request", () => {
    const detections: DriftDetection[] = [
      { eventTime: 5, row: 2, detector: "DDM", kind: "warning", statistic: 0.4, threshold: 0.3, value: 1 },
      { eventTime: 9, row: 7, detector: "DDM", kind: "drift", statistic: 0.6, threshold: 0.5, value: 1 },
    ];
    const chunk = detectionsChunk(detections);
    expect(readDriftDetections(chunk)).toEqual([detections[1]]);
    expect(readDriftDetections(chunk, ["drift", "warning"])).toEqual(detections);
  });
});

describe.skipIf(RIVER_SKIP_REASON !== null && !REQUIRE_TOOLS)(`operators against River 0.26${RIVER_SKIP_REASON ? ` (skipped: ${RIVER_SKIP_REASON})` : ""}`, () => {
  it("ADWIN and Page-Hinkley operators detect at River's indices on a stream with two shifts", async () => {
    const random = new Random(5);
    const data = Array.from({ length: 5000 }, (_, i) => [i, (i < 2000 ? 0.1 : i < 3500 ? 0.6 : 0.3) + 0.3 * random.nextGaussian()]);
    const adwin = new AdwinDriftDetectStreamOp().setSelectedCol("x").setDelta(0.01).linkFrom(source(data, undefined, 333));
    const ph = new PageHinkleyDriftDetectStreamOp().setSelectedCol("x").setThreshold(10).linkFrom(source(data, undefined, 333));
    const a = adwin.getSideOutput(0).lazyCollect();
    const p = ph.getSideOutput(0).lazyCollect();
    await StreamOperator.execute();
    const values = data.map((r) => r[1]);
    const [riverAdwin, riverPh] = riverDetections([
      { detector: "ADWIN", params: { delta: 0.01 }, values },
      { detector: "PageHinkley", params: { threshold: 10 }, values },
    ]);
    expect(riverAdwin.drifts.length).toBeGreaterThanOrEqual(2);
    expect(a.getRows().map((r) => r[1])).toEqual(riverAdwin.drifts);
    expect(p.getRows().map((r) => r[1])).toEqual(riverPh.drifts);
  });

  describe("DDM on the FTRL tutorial's predictions (prediction against label)", () => {
    let rows: unknown[][] = [];
    let detections: DriftDetection[] = [];
    let driftTimes: number[] = [];
    beforeAll(async () => {
      const tutorial = tutorialPredictions();
      driftTimes = tutorial.driftTimes;
      const watch = new DdmDriftDetectStreamOp().setLabelCol("click").setPredictionCol("pred").linkFrom(tutorial.predictions);
      const names = watch.getColNames();
      const collected = await watch.collect();
      rows = collected.map((r) => [r[names.indexOf("click")], r[names.indexOf("pred")], r[names.indexOf("ts")]]);
      detections = watch.getDetections();
    });

    it("drifts and warnings at River's indices, each at its row's event time", () => {
      const errors = rows.map((r) => (String(r[0]) === String(r[1]) ? 0 : 1));
      const [river] = riverDetections([{ detector: "DDM", values: errors }]);
      expect(detections.filter((d) => d.kind === "drift").map((d) => d.row)).toEqual(river.drifts);
      expect(detections.filter((d) => d.kind === "warning").map((d) => d.row)).toEqual(river.warnings);
      for (const d of detections) expect(d.eventTime).toBe(rows[d.row][2]);
      expect(river.drifts.length).toBeGreaterThan(0);
    });

    it("reports one printed figure: detections relative to the hidden model's drifts", () => {
      const drifts = detections.filter((d) => d.kind === "drift").map((d) => d.eventTime);
      const after = driftTimes.map((t) => drifts.find((x) => x >= t));
      console.log(`[drift] tutorial stream: ${rows.length} rows, hidden drifts at ${driftTimes.join(", ")}; DDM drifts at ${drifts.join(", ")}; first after each: ${after.join(", ")}`);
      expect(driftTimes.length).toBe(2);
    });
  });
});
