import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, describe, expect, it } from "vitest";
import * as api from "../../src";
import { inspectModelStream } from "../../src/cli/inspect";
import { expectError, lrModelTable } from "../helpers";

const T0 = 1_700_000_000; // 2023-11-14 22:13:20 UTC
const timeText = (s: number) => api.formatTimestamp(s * 1000).slice(0, 19);
const A = [0.5, 1, -2, 0, 3];
const B = [0.5, 1.5, 1, 0, 2.9];
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "streamlab-inspect-"));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A folder with model A at T0+100 and model B at T0+200. */
function folderAB(): string {
  const root = path.join(tmp(), "models");
  new api.AppendModelStreamFileSinkBatchOp().setFilePath(root).setModelTime(timeText(T0 + 100)).setNumFiles(2).linkFrom(new api.TableSourceBatchOp(lrModelTable(A)));
  new api.AppendModelStreamFileSinkBatchOp().setFilePath(root).setModelTime(timeText(T0 + 200)).linkFrom(new api.TableSourceBatchOp(lrModelTable(B)));
  api.BatchOperator.execute();
  return root;
}

const coefs = (t: api.Table) => Array.from(api.linearModelFromTable(t).coefVector);

describe("coefficient diff (hand-checked)", () => {
  it("top movers by |Δ| with names; ties by index; the intercept is named", () => {
    // Δ: intercept 0, f0 +0.5, f1 +3, f2 0, f3 −0.1.
    const moves = api.coefficientDiff(lrModelTable(A), lrModelTable(B), { top: 5, names: ["a", "b", null, "d"] });
    expect(moves.map((m) => m.feature)).toEqual(["b", "a", "d", "(intercept)", "f2"]);
    expect(moves[0]).toEqual({ index: 2, feature: "b", before: -2, after: 1, delta: 3 });
    expect(moves[2].delta).toBeCloseTo(-0.1, 12);
    expect(api.coefficientDiff(lrModelTable(A), lrModelTable(B)).length).toBe(5);
    expect(api.coefficientDiff(lrModelTable(A), lrModelTable(B), { top: 1 })).toHaveLength(1);
    expectError(() => api.coefficientDiff(lrModelTable(A), lrModelTable([0, 1])), /do not share their coefficients: 4 features \+ intercept vs 1/);
  });
});

describe("ModelStreamInspector on a folder", () => {
  it("lists every version with time, source and size; diff between versions", () => {
    const root = folderAB();
    const inspector = api.ModelStreamInspector.fromFolder(root, { source: (v) => (v.versionMs === (T0 + 100) * 1000 ? "batch" : "online") });
    const versions = inspector.versions();
    expect(versions.map((v) => [v.version, v.time.getTime(), v.source, v.modelRows])).toEqual([
      ["202311142215000", (T0 + 100) * 1000, "batch", lrModelTable(A).numRows], // 2023-11-14 22:15:00 as Alink names it
      ["202311142216400", (T0 + 200) * 1000, "online", lrModelTable(B).numRows],
    ]);
    expect(coefs(versions[0].model)).toEqual(A);
    expect(coefs(inspector.version(-1).model)).toEqual(B);
    expect(inspector.diff(0, 1, { top: 1 })[0]).toMatchObject({ feature: "f1", delta: 3 });
    expectError(() => inspector.version("20991231000000"), /no version "20991231000000"; versions: /);
  });

  it("metrics of each version on the rows it served, within the following window (hand-computed)", async () => {
    // A (T0+100): p = σ(0.5 + x0 − 2·x1 + 3·x3); B (T0+200): σ(0.5 + 1.5·x0 + x1 + 2.9·x3). Positive label 1.
    const root = folderAB();
    const rows: [number, string, number][] = [
      [T0 + 50, "1 0 0 0", 1], // before the first version: not counted
      [T0 + 110, "1 0 0 0", 1],
      [T0 + 120, "0 1 0 0", 0],
      [T0 + 130, "0 0 0 1", 0],
      [T0 + 210, "1 0 0 0", 0],
      [T0 + 220, "0 1 0 0", 1],
    ];
    const data = () => new api.MemSourceStreamOp(rows, "t double, v string, y int").setTimeCol("t");
    const inspector = api.ModelStreamInspector.fromFolder(root);
    await inspector.evaluate(data(), { labelCol: "y", vectorCol: "v" });
    const [a, b] = inspector.versions();
    const pa = [sigmoid(1.5), sigmoid(-1.5), sigmoid(3.5)]; // y = 1, 0, 0
    const pb = [sigmoid(2), sigmoid(1.5)]; // y = 0, 1
    expect(a.metrics!.samples).toBe(3);
    // A: positive σ(1.5)=.82 beats σ(−1.5), loses to σ(3.5) → AUC 1/2.
    expect(a.metrics!.auc).toBeCloseTo(0.5, 12);
    expect(a.metrics!.logLoss).toBeCloseTo(-(Math.log(pa[0]) + Math.log(1 - pa[1]) + Math.log(1 - pa[2])) / 3, 12);
    expect([a.metrics!.from, a.metrics!.to]).toEqual([T0 + 110, T0 + 130]);
    // B: positive σ(1.5) < negative σ(2) → AUC 0.
    expect(b.metrics!.auc).toBe(0);
    expect(b.metrics!.logLoss).toBeCloseTo(-(Math.log(1 - pb[0]) + Math.log(pb[1])) / 2, 12);

    // A 15-second following window keeps A's first row only (one class: AUC NaN → null in rows()).
    await inspector.evaluate(data(), { labelCol: "y", vectorCol: "v", window: 15 });
    expect(inspector.version(0).metrics).toMatchObject({ samples: 1, from: T0 + 110, to: T0 + 110 });
    expect(inspector.version(0).metrics!.logLoss).toBeCloseTo(-Math.log(pa[0]), 12);
    expect(inspector.rows()[0]).toMatchObject({ samples: 1, auc: null });
  });

  it("rows seen (training rows before each version) and filter verdicts", async () => {
    const root = folderAB();
    const times = [T0 + 1, T0 + 99, T0 + 100, T0 + 150, T0 + 199.5, T0 + 200, T0 + 300];
    const train = new api.MemSourceStreamOp(times.map((t) => [t]), "t double").setTimeCol("t");
    const inspector = api.ModelStreamInspector.fromFolder(root);
    await inspector.countRowsSeen(train);
    // Before T0+100: 2 rows; before T0+200: 5 rows (a row at exactly the version time is not in it).
    expect(inspector.versions().map((v) => v.rowsSeen)).toEqual([2, 5]);
    const decision = (ms: number, accepted: boolean, failed: string | null) =>
      ({ modelVersionMs: ms, eventTime: ms / 1000, evalFrom: null, evalTo: null, samples: 0, auc: NaN, accuracy: NaN, logLoss: NaN, thresholds: { auc: 0.6, accuracy: 0.5, logLoss: 0.7 }, accepted, failed }) as api.ModelFilterDecision;
    inspector.addFilterDecisions([decision((T0 + 100) * 1000, true, null), decision((T0 + 200) * 1000, false, "auc<0.6")]);
    expect(inspector.rows().map((r) => [r.rows_seen, r.filter])).toEqual([
      [2, "accepted"],
      [5, "rejected: auc<0.6"],
    ]);
    api.rowsToTable(inspector.rows(), api.INSPECTOR_TABLE_SCHEMA_STR); // the documented schema fits the rows
  });
});

describe("rollback", () => {
  it("re-appends the old version as the newest through the commit protocol; a live LocalPredictor swaps to it", async () => {
    const root = folderAB();
    const stage = new api.LogisticRegressionModel(lrModelTable([0, 0, 0, 0, 0])).setVectorCol("v").setPredictionCol("p").setPredictionDetailCol("d");
    const predictor = new api.LocalPredictor(stage, "v DENSE_VECTOR", { modelStreamFilePath: root, modelStreamScanInterval: 1 });
    try {
      const probability = () => Number(JSON.parse(predictor.map(["1 1 0 1"])[2] as string)["1"]);
      const zA = A[0] + A[1] + A[2] + A[4];
      const zB = B[0] + B[1] + B[2] + B[4];
      expect(probability()).toBeCloseTo(sigmoid(zB), 12); // newest: B

      const inspector = api.ModelStreamInspector.fromFolder(root);
      const done = inspector.rollback(0);
      expect(done.from).toBe(inspector.version(0).version);
      expect(done.versionMs).toBe((T0 + 201) * 1000); // one second after the newest
      expect(fs.existsSync(done.dir)).toBe(true);
      expect(fs.readdirSync(path.join(root, "conf")).filter((f) => !f.endsWith(".log"))).toEqual([]); // nothing left staged

      // The folder now ends with A again; the CLI's listing still reads it.
      const again = api.ModelStreamInspector.fromFolder(root);
      expect(again.versions().map((v) => v.version)).toEqual([...inspector.versions().map((v) => v.version), done.version]);
      expect(coefs(again.version(-1).model)).toEqual(A);
      expect(again.version(-1).modelRows).toBe(again.version(0).modelRows);
      expect(again.diff(0, -1).every((m) => m.delta === 0)).toBe(true);
      const cli = inspectModelStream(root);
      expect(cli.versions.map((v) => [v.version, v.status, v.files])).toEqual([
        [again.version(0).version, "committed", 2],
        [again.version(1).version, "committed", 1],
        [done.version, "committed", 2],
      ]);

      // The live predictor picks it up at its next scan (every second, wall clock).
      const deadline = Date.now() + 10_000;
      while (predictor.getModelVersion() !== done.version && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(predictor.getModelVersion()).toBe(done.version);
      expect(probability()).toBeCloseTo(sigmoid(zA), 12);
    } finally {
      predictor.close();
    }
  });

  it("a stream follower serves the rolled-back coefficients from the new version's time", async () => {
    const root = folderAB();
    api.rollbackModelStream(root, api.ModelStreamInspector.fromFolder(root).version(0).version, { modelTime: timeText(T0 + 300) });
    const rows = [T0 + 150, T0 + 250, T0 + 350].map((t) => [t, "1 1 0 1"]);
    const out = await new api.FtrlPredictStreamOp(lrModelTable([0, 0, 0, 0, 0]))
      .setVectorCol("v")
      .setPredictionCol("p")
      .setPredictionDetailCol("d")
      .setModelStreamFilePath(root)
      .linkFrom(new api.MemSourceStreamOp(rows, "t double, v string").setTimeCol("t"))
      .collect();
    const p = out.map((r) => Number(JSON.parse(r[r.length - 2] as string)["1"]));
    const z = (w: number[]) => w[0] + w[1] + w[2] + w[4];
    expect(p[0]).toBeCloseTo(sigmoid(z(A)), 12);
    expect(p[1]).toBeCloseTo(sigmoid(z(B)), 12);
    expect(p[2]).toBeCloseTo(sigmoid(z(A)), 12);
  });

  it("refuses an unknown version and a time that is not the newest", () => {
    const root = folderAB();
    const names = api.ModelStreamInspector.fromFolder(root).versions().map((v) => v.version);
    expectError(() => api.rollbackModelStream(root, "20000101000000"), new RegExp(`no committed version "20000101000000"; its versions: ${names.join(", ")}`));
    expectError(() => api.rollbackModelStream(root, names[0], { modelTime: timeText(T0 + 200) }), /is not after the newest version/);
  });
});

describe("ModelStreamInspector on in-memory streams", () => {
  it("versions of several named streams, ordered by time, source = the stream's name", async () => {
    const stream = (pairs: [number[], number][]) =>
      new api.TableSourceStreamOp(api.Table.concat(pairs.map(([w, t]) => api.toModelStreamRows(lrModelTable(w), t * 1000)))).setTimeCol(api.MODEL_STREAM_TIMESTAMP_COL);
    const inspector = await api.ModelStreamInspector.fromStreams({
      batch: stream([[A, T0 + 100]]),
      online: stream([
        [B, T0 + 50],
        [A, T0 + 200],
      ]),
    });
    expect(inspector.versions().map((v) => [v.versionMs / 1000 - T0, v.source, coefs(v.model)])).toEqual([
      [50, "online", B],
      [100, "batch", A],
      [200, "online", A],
    ]);
    expect(() => inspector.rollback(0)).toThrow(/in-memory streams/);
  });
});
