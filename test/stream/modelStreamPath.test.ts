/**
 * Stream predictors following a model-stream folder (`setModelStreamFilePath`, Alink's
 * ModelStreamScanParams, reference §5.6, §11.4): the model with timestamp T serves the rows with
 * event time ≥ T, exactly as if the folder were linked as a model stream; a model that cannot be read
 * is a refused swap; a linked model stream and a path together are an error.
 */
import * as fs from "fs";
import * as path from "path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../../src";
import { standardScalerModelToTable } from "../../src/feature/standardScaler/model";
import { expectError, lrModelTable, tempDir } from "../helpers";

/** An LR model over a vector column "v": dot = coef[0] + coef[1..]·v. */
function lr(coef: number[], labels: number[] = [1, 0]): api.Table {
  return lrModelTable(coef, { labels });
}

/** "1970-01-01 00:00:ss" for a small number of seconds (model times in event-time seconds). */
const at = (seconds: number) => new Date(seconds * 1000).toISOString().replace("T", " ").replace("Z", "").replace(/\.000$/, "");

/** Appends models (event time in seconds, table) to a fresh folder with AppendModelStreamFileSinkBatchOp. */
function folderWith(models: [number, api.Table][], root = path.join(tempDir(), "models")): string {
  for (const [seconds, table] of models) {
    new api.TableSourceBatchOp(table).link(new api.AppendModelStreamFileSinkBatchOp().setFilePath(root).setModelTime(at(seconds)));
    api.BatchOperator.execute();
  }
  return root;
}

const p1 = (dot: number) => 1 - 1 / (1 + Math.exp(dot));
const data = (times = [5, 10, 15, 25, 30, 35]) => new api.MemSourceStreamOp(times.map((t) => [t, "1 2"]), "t double, v vector").setTimeCol("t");
const versions = (rows: unknown[][], col: number) => rows.map((r) => (r[col] === null ? null : (r[col] as Date).getTime()));
const probability = (rows: unknown[][], col: number) => rows.map((r) => Number(JSON.parse(r[col] as string)["1"]));

const M0 = lr([0, 1, -1]); // dot(1, 2) = −1
const M1 = lr([0.5, 2, 0]); // 2.5
const M2 = lr([-1, 0, 3]); // 5

let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  warn = vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => {
  warn.mockRestore();
  api.BatchOperator.execute();
});

describe("LogisticRegressionPredictStreamOp.setModelStreamFilePath", () => {
  it("declares Alink's three parameters with Alink's defaults", () => {
    const op = new api.LogisticRegressionPredictStreamOp(M0);
    expect(op.getModelStreamFilePath()).toBeNull();
    expect(op.getModelStreamScanInterval()).toBe(10);
    expect(op.getModelStreamStartTime()).toBeNull();
    for (const cls of [api.LogisticRegressionPredictStreamOp, api.FtrlPredictStreamOp, api.StandardScalerPredictStreamOp, api.MinMaxScalerPredictStreamOp, api.OneHotPredictStreamOp, api.FtrlTrainStreamOp]) {
      expect(Object.keys(cls.PARAMS), cls.name).toEqual(expect.arrayContaining(["modelStreamFilePath", "modelStreamScanInterval", "modelStreamStartTime"]));
      // declared once: the very same declarations everywhere
      expect((cls.PARAMS as Record<string, unknown>).modelStreamFilePath).toBe(api.LogisticRegressionPredictStreamOp.PARAMS.modelStreamFilePath);
    }
  });

  it("serves the model of timestamp T from event time T on (a row at exactly T included)", async () => {
    const root = folderWith([[10, M1], [30, M2]]);
    const predictor = new api.LogisticRegressionPredictStreamOp(M0).setPredictionCol("p").setPredictionDetailCol("d").setModelStreamFilePath(root).linkFrom(data());
    expect(predictor.getColNames()).toEqual(["t", "v", "p", "d", "model_version"]);
    const rows = await predictor.collect();
    expect(versions(rows, 4)).toEqual([null, 10000, 10000, 10000, 30000, 30000]);
    expect(rows.map((r) => r[2])).toEqual([0, 1, 1, 1, 1, 1]);
    expect(probability(rows, 3)).toEqual([p1(-1), p1(2.5), p1(2.5), p1(2.5), p1(5), p1(5)]);
    expect(predictor.getModelSwaps()).toEqual([
      { eventTime: 10, timestampMs: 10000, ok: true },
      { eventTime: 30, timestampMs: 30000, ok: true },
    ]);
    expect(warn).not.toHaveBeenCalled();
  });

  it("gives what linking ModelStreamFileSourceStreamOp gives", async () => {
    const root = folderWith([[10, M1], [30, M2]]);
    // Away from the models' times: with two linked sources, the scheduler breaks an event-time tie
    // between sources by their order, so a row at exactly T linked as (data, modelStream) is served
    // by the previous model; the folder path always serves it with the model of T (test above).
    const times = [5, 12, 15, 25, 31, 35];
    const viaPath = new api.LogisticRegressionPredictStreamOp(M0).setPredictionCol("p").setPredictionDetailCol("d").setModelStreamFilePath(root).linkFrom(data(times));
    const viaLink = new api.LogisticRegressionPredictStreamOp(M0)
      .setPredictionCol("p")
      .setPredictionDetailCol("d")
      .linkFrom(data(times), new api.ModelStreamFileSourceStreamOp().setFilePath(root));
    const a = viaPath.lazyCollect();
    const b = viaLink.lazyCollect();
    await api.StreamOperator.execute();
    expect(a.getRows()).toEqual(b.getRows());
    expect(versions(a.getRows(), 4)).toEqual([null, 10000, 10000, 10000, 30000, 30000]);
    expect(viaPath.getModelSwaps()).toEqual(viaLink.getModelSwaps());
  });

  it("modelStreamStartTime skips older models; an empty or missing folder leaves the initial model serving", async () => {
    const root = folderWith([[10, M1], [30, M2]]);
    const predictor = new api.LogisticRegressionPredictStreamOp(M0).setPredictionCol("p").setModelStreamFilePath(root).setModelStreamStartTime("1970-01-01 00:00:11").linkFrom(data());
    const rows = await predictor.collect();
    expect(versions(rows, 3)).toEqual([null, null, null, null, 30000, 30000]);
    expect(rows.map((r) => r[2])).toEqual([0, 0, 0, 0, 1, 1]);

    const missing = new api.LogisticRegressionPredictStreamOp(M0).setPredictionCol("p").setModelStreamFilePath(path.join(tempDir(), "none")).linkFrom(data());
    const rows2 = await missing.collect();
    expect(versions(rows2, 3)).toEqual([null, null, null, null, null, null]);
    expect(missing.getModelSwaps()).toEqual([]);

    expectError(
      () => new api.LogisticRegressionPredictStreamOp(M0).setPredictionCol("p").setModelStreamFilePath(root).setModelStreamStartTime("yesterday").linkFrom(data()),
      /modelStreamStartTime "yesterday" is not a timestamp; expected "yyyy-mm-dd hh:mm:ss\[\.fffffffff\]"/,
    );
  });

  it("a model that cannot be read or does not fit is a refused swap; the previous model keeps serving", async () => {
    const scaler = standardScalerModelToTable({ selectedCols: ["x"], withMean: true, withStd: true, means: Float64Array.of(0), stds: Float64Array.of(1) });
    const root = folderWith([[10, M1], [20, M2], [25, scaler], [30, lr([0, 1, 1, 1])]]);
    // The 20 s model loses its commit log (e.g. deleted by hand).
    fs.rmSync(path.join(root, "conf", "197001010000200.log"));
    const predictor = new api.LogisticRegressionPredictStreamOp(M0).setPredictionCol("p").setModelStreamFilePath(root).linkFrom(data([5, 15, 22, 27, 35]));
    const rows = await predictor.collect();
    expect(versions(rows, 3)).toEqual([null, 10000, 10000, 10000, 10000]);
    expect(rows.map((r) => r[2])).toEqual([0, 1, 1, 1, 1]);
    const swaps = predictor.getModelSwaps();
    expect(swaps.map((s) => [s.eventTime, s.ok])).toEqual([[10, true], [20, false], [25, false], [30, false]]);
    const OP = "LogisticRegressionPredictStreamOp";
    expect(swaps[1].error).toBe(
      `${OP}: model folder ${path.join(root, "197001010000200")} has no commit log ${path.join(root, "conf", "197001010000200.log")}; ` +
        "the log holds the model's row count, and a committed model without it cannot be read (Alink fails the same way).",
    );
    expect(swaps[2].error).toMatch(new RegExp(`^${OP}: model folder .*197001010000250 holds a model of schema .*x DOUBLE.*, but this operator's model has `));
    expect(swaps[3].error).toBe(`${OP}: the model cannot replace the serving one: it has vectorSize 3 but the model it would replace has 2 (a different feature space)`);
    expect(warn).toHaveBeenCalledTimes(3);
    expect(String(warn.mock.calls[0][0])).toMatch(/model stream updating failed for the model of 1970-01-01 00:00:20\.0 \(arrived at event time 20 s\)/);
  });

  it("a linked model stream and a path together are an error, in either order", () => {
    const root = folderWith([[10, M1]]);
    const linked = () => new api.ModelStreamFileSourceStreamOp().setFilePath(root);
    const message = /LogisticRegressionPredictStreamOp: a model stream is linked and modelStreamFilePath is set; follow either a linked model stream or a folder, not both/;
    expectError(() => new api.LogisticRegressionPredictStreamOp(M0).setPredictionCol("p").setModelStreamFilePath(root).linkFrom(data(), linked()), message);
    const op = new api.LogisticRegressionPredictStreamOp(M0).setPredictionCol("p").linkFrom(data(), linked());
    const error = expectError(() => op.setModelStreamFilePath(root), message);
    expect(error.context.param).toBe("modelStreamFilePath");
    expect(op.getModelStreamFilePath()).toBeNull();
    // Unsetting is fine.
    op.setModelStreamFilePath(null);
  });

  it("setting or clearing the path after linkFrom re-links the folder", async () => {
    const root = folderWith([[10, M1]]);
    const predictor = new api.LogisticRegressionPredictStreamOp(M0).setPredictionCol("p").linkFrom(data([5, 15]));
    expect(predictor.getColNames()).toEqual(["t", "v", "p"]);
    predictor.setModelStreamFilePath(root);
    expect(predictor.getColNames()).toEqual(["t", "v", "p", "model_version"]);
    const rows = await predictor.collect();
    expect(rows.map((r) => r[2])).toEqual([0, 1]);
    predictor.setModelStreamFilePath(null);
    expect(predictor.getColNames()).toEqual(["t", "v", "p"]);
    expect((await predictor.collect()).map((r) => r[2])).toEqual([0, 0]);
    // Given to the constructor, as any parameter.
    const fromParams = new api.LogisticRegressionPredictStreamOp(M0, { predictionCol: "p", modelStreamFilePath: root }).linkFrom(data([5, 15]));
    expect((await fromParams.collect()).map((r) => r[2])).toEqual([0, 1]);
  });
});

describe("other predictors following a folder", () => {
  it("FtrlPredictStreamOp: linkFrom(data) with a path; (modelStream, data) still works without one", async () => {
    const root = folderWith([[10, M1]]);
    const predictor = new api.FtrlPredictStreamOp(M0).setPredictionCol("p").setModelStreamFilePath(root).linkFrom(data([5, 10, 15]));
    const rows = await predictor.collect();
    expect(rows.map((r) => r[2])).toEqual([0, 1, 1]);
    expect(versions(rows, 3)).toEqual([null, 10000, 10000]);
    expectError(() => new api.FtrlPredictStreamOp(M0).setPredictionCol("p").linkFrom(data()), /FtrlPredictStreamOp\.linkFrom: expected \(modelStream, data\), got one input\./);
  });

  it("StandardScalerPredictStreamOp and MinMaxScalerPredictStreamOp follow their folders", async () => {
    const scaler = (mean: number, std: number) => standardScalerModelToTable({ selectedCols: ["x"], withMean: true, withStd: true, means: Float64Array.of(mean), stds: Float64Array.of(std) });
    const root = folderWith([[20, scaler(5, 5)]]);
    const xs = () => new api.MemSourceStreamOp([[5, 3.0], [20, 10.0], [25, 15.0]], "t double, x double").setTimeCol("t");
    const std = new api.StandardScalerPredictStreamOp(scaler(1, 2)).setModelStreamFilePath(root).linkFrom(xs());
    // (3 − 1)/2 = 1 with the initial model; (10 − 5)/5 = 1 and (15 − 5)/5 = 2 with the 20 s one.
    expect((await std.collect()).map((r) => [r[1], versions([r], 2)[0]])).toEqual([[1, null], [1, 20000], [2, 20000]]);

    const train = (rows: number[][]) => new api.MinMaxScalerTrainBatchOp().setSelectedCols(["x"]).linkFrom(new api.MemSourceBatchOp(rows, "x double"));
    const mmRoot = folderWith([[20, train([[0], [20]]).getOutputTable()]]);
    const mm = new api.MinMaxScalerPredictStreamOp(train([[0], [10]])).setModelStreamFilePath(mmRoot).linkFrom(xs());
    // x/10 before 20 s, x/20 from 20 s on.
    expect((await mm.collect()).map((r) => r[1])).toEqual([0.3, 0.5, 0.75]);
  });

  it("OneHotPredictStreamOp follows its folder", async () => {
    const train = (tokens: string[]) => new api.OneHotTrainBatchOp().setSelectedCols(["c"]).linkFrom(new api.MemSourceBatchOp(tokens.map((t) => [t]), "c string"));
    const root = folderWith([[20, train(["a", "c"]).getOutputTable()]]);
    const cs = new api.MemSourceStreamOp([[5, "c"], [25, "c"]], "t double, c string").setTimeCol("t");
    const op = new api.OneHotPredictStreamOp(train(["a", "b"])).setSelectedCols(["c"]).setOutputCols(["o"]).setModelStreamFilePath(root).linkFrom(cs);
    const rows = await op.collect();
    expect(op.getModelSwaps().map((s) => s.error ?? s.ok)).toEqual([true]);
    expect(rows.map((r) => String(r[2]))).toEqual(["$2$1:1.0", "$2$"]);
    // Alink defaults (dropLast, handleInvalid KEEP): 2 slots, token 0 → index 0, the last token → none, unknown → 1.
    // "c" is unknown to the initial model (a, b): index 1; it is the dropped last token of the 20 s one (a, c): empty.
    expect(String(rows[0][2])).not.toBe(String(rows[1][2]));
    expect(versions(rows, 3)).toEqual([null, 20000]);
  });
});

describe("following the Alink-written model-stream folder (AppendModelStreamFileSinkBatchOp ×2, alink-1.6.2)", () => {
  const ALINK = path.join(__dirname, "../fixtures/alink/written-by-alink/alink-1.6.2/model_stream");
  const T0 = Date.UTC(2026, 11, 6, 10, 0, 0) / 1000;

  it("each row is predicted as LogisticRegressionPredictBatchOp predicts it with the Alink model of its time", async () => {
    const modelAt = (name: string) => new api.AkSourceBatchOp().setFilePath(path.join(ALINK, name));
    const rows = [
      [T0 - 1, 1005, 320, 15],
      [T0 + 0.5, 1005, 320, 15],
      [T0 + 1.5, 1005, 320, 15],
      [T0 + 2, 1002, 50, 79],
    ];
    const schema = "ts double, C15 int, C16 int, C18 int";
    // Initial model: a streamlab model of the same features and labels, serving until 10:00:00.
    const init = new api.LogisticRegressionTrainBatchOp()
      .setFeatureCols(["C15", "C16", "C18"])
      .setLabelCol("click")
      .linkFrom(new api.MemSourceBatchOp([[1005, 320, 15, 1], [1002, 50, 79, 0], [1005, 300, 15, 0], [1001, 320, 20, 1]], "C15 int, C16 int, C18 int, click int"));
    const predictor = new api.LogisticRegressionPredictStreamOp(init)
      .setPredictionCol("p")
      .setPredictionDetailCol("d")
      .setModelStreamFilePath(ALINK)
      .linkFrom(new api.MemSourceStreamOp(rows, schema).setTimeCol("ts"));
    const streamed = await predictor.collect();
    expect(versions(streamed, 6)).toEqual([null, T0 * 1000, (T0 + 1.5) * 1000, (T0 + 1.5) * 1000]);
    const batch = (name: string, i: number) =>
      new api.LogisticRegressionPredictBatchOp().setPredictionCol("p").setPredictionDetailCol("d").linkFrom(modelAt(name), new api.MemSourceBatchOp([rows[i]], schema)).collect()[0];
    const initRow = new api.LogisticRegressionPredictBatchOp().setPredictionCol("p").setPredictionDetailCol("d").linkFrom(init, new api.MemSourceBatchOp([rows[0]], schema)).collect()[0];
    expect(streamed.map((r) => r.slice(0, 6))).toEqual([initRow, batch("202612061000000", 1), batch("202612061000015", 2), batch("202612061000015", 3)]);
    // The swap from the initial model is visible: same features, another probability.
    expect(streamed[0][5]).not.toBe(streamed[1][5]);
    expect(predictor.getModelSwaps().map((s) => s.ok)).toEqual([true, true]);
  });
});
