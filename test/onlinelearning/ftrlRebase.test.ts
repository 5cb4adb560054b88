/**
 * FtrlTrainStreamOp.setModelStreamFilePath (Alink §6.5): when the model a batch job appended with
 * timestamp T arrives (event time T), FTRL replaces its coefficients with the model's and resets n
 * and z to 0; the models it emits afterwards start from the appended model. Checked by hand on a
 * one-feature example with the FTRL-Proximal update of §6.4 written out below.
 */
import * as path from "path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../../src";
import { expectError, lrModelTable, tempDir } from "../helpers";
import { ftrlStepFromFresh } from "./ftrlFromFresh";

const MODEL_SCHEMA = "model_id bigint, model_info string, label_value int";

function lrTable(coef: number[], labels: number[] = [1, 0]): api.Table {
  return lrModelTable(coef, { labels, labelName: "y" });
}

/** Appends a model to `root` with timestamp 1970-01-01 00:00:<seconds> (event time `seconds`). */
function append(root: string, model: api.BatchOperator, seconds: number): void {
  model.link(new api.AppendModelStreamFileSinkBatchOp().setFilePath(root).setModelTime(`1970-01-01 00:00:${String(seconds).padStart(2, "0")}`));
  api.BatchOperator.execute();
}

/** Coefficients of every emitted model, by timestamp (seconds). */
function modelsByTime(rows: api.Row[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const t of [...new Set(rows.map((r) => (r[0] as Date).getTime()))]) {
    const table = new api.MemSourceBatchOp(rows.filter((r) => (r[0] as Date).getTime() === t).map((r) => r.slice(2)), MODEL_SCHEMA).getOutputTable();
    out.set(t / 1000, Array.from(api.linearModelFromTable(table).coefVector));
  }
  return out;
}


// Rows (event time, x, y): two before 10 s, one at 12 s (left pending in a mini-batch of 2 when the
// model of 15 s arrives), two after it.
const ROWS: [number, string, number][] = [
  [1, "1", 1],
  [2, "2", 0],
  [12, "1", 1],
  [16, "2", 0],
  [17, "1", 1],
];

const trainer = (root: string | null) => {
  const op = new api.FtrlTrainStreamOp(lrTable([0, 0]))
    .setVectorCol("v")
    .setLabelCol("y")
    .setVectorSize(1)
    .setAlpha(1)
    .setBeta(1)
    .setL1(0)
    .setL2(0)
    .setMiniBatchSize(2)
    .setTimeInterval(10);
  if (root !== null) op.setModelStreamFilePath(root);
  return op.linkFrom(new api.MemSourceStreamOp(ROWS, "t double, v string, y int").setTimeCol("t"));
};

let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  warn = vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => {
  warn.mockRestore();
  api.BatchOperator.execute();
});

describe("FtrlTrainStreamOp rebases to a model appended to its modelStreamFilePath", () => {
  it("after the appended model's time, the emitted models start from it (n = z = 0)", async () => {
    const root = path.join(tempDir(), "models");
    // The batch job: an LR model on a few rows, appended at 15 s.
    const lr = new api.LogisticRegressionTrainBatchOp()
      .setVectorCol("v")
      .setLabelCol("y")
      .linkFrom(new api.MemSourceBatchOp([["1", 1], ["2", 0], ["-1", 1], ["0.5", 0], ["3", 0]], "v string, y int"));
    append(root, lr, 15);
    const appended = Array.from(lr.getLinearModelData().coefVector);
    expect(appended).toHaveLength(2);

    const withRebase = trainer(root);
    const without = trainer(null);
    const a = withRebase.lazyCollect();
    const b = without.lazyCollect();
    await api.StreamOperator.execute();
    const rebased = modelsByTime(a.getRows());
    const plain = modelsByTime(b.getRows());

    // Before 15 s nothing changes: the model of 10 s is one step from [0, 0] over the rows at 1 s and 2 s.
    expect([...rebased.keys()]).toEqual([10, 20]);
    expect(rebased.get(10)).toEqual(plain.get(10));
    expect(rebased.get(10)![0]).toBeCloseTo(ftrlStepFromFresh([0, 0], [[1, 1], [2, 0]])[0], 14);
    expect(rebased.get(10)![1]).toBeCloseTo(ftrlStepFromFresh([0, 0], [[1, 1], [2, 0]])[1], 14);
    // The model of 20 s: the appended coefficients, fresh n and z, one mini-batch of the rows at
    // 16 s and 17 s — the row of 12 s no longer counts.
    const expected = ftrlStepFromFresh(appended, [[2, 0], [1, 1]]);
    expect(rebased.get(20)![0]).toBeCloseTo(expected[0], 12);
    expect(rebased.get(20)![1]).toBeCloseTo(expected[1], 12);
    expect(plain.get(20)![1]).not.toBeCloseTo(expected[1], 3);
    expect(withRebase.getModelRebases()).toEqual([{ eventTime: 15, timestampMs: 15000, ok: true }]);
    expect(without.getModelRebases()).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
  });

  it("a model that does not fit is not rebased to: recorded with the reason, training goes on", async () => {
    const root = path.join(tempDir(), "models");
    append(root, new api.TableSourceBatchOp(lrTable([1, 1], [2, 1])), 15);
    append(root, new api.TableSourceBatchOp(lrTable([1, 1, 1])), 16);
    const withRebase = trainer(root);
    const without = trainer(null);
    const a = withRebase.lazyCollect();
    const b = without.lazyCollect();
    await api.StreamOperator.execute();
    expect(a.getRows()).toEqual(b.getRows());
    expect(withRebase.getModelRebases()).toEqual([
      { eventTime: 15, timestampMs: 15000, ok: false, error: "FtrlTrainStreamOp: the model cannot be rebased to: its labels are 2, 1, the trainer's 1, 0." },
      { eventTime: 16, timestampMs: 16000, ok: false, error: "FtrlTrainStreamOp: the model cannot be rebased to: it has 2 features, the trainer 1." },
    ]);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(String(warn.mock.calls[0][0])).toMatch(
      /^FtrlTrainStreamOp: not rebased to the model of 1970-01-01 00:00:15\.0 in .*models \(event time 15 s\); training goes on from the current coefficients\. /,
    );
  });

  it("a model written before the stream starts is where training continues from; modelStreamStartTime can skip it", async () => {
    const root = path.join(tempDir(), "models");
    append(root, new api.TableSourceBatchOp(lrTable([0.5, -0.25])), 0);
    const op = trainer(root);
    const c = op.lazyCollect();
    await api.StreamOperator.execute();
    const first = modelsByTime(c.getRows()).get(10)!;
    const expected = ftrlStepFromFresh([0.5, -0.25], [[1, 1], [2, 0]]);
    expect(first[0]).toBeCloseTo(expected[0], 14);
    expect(first[1]).toBeCloseTo(expected[1], 14);

    const skipping = trainer(null).setModelStreamFilePath(root).setModelStreamStartTime("1970-01-01 00:00:01");
    const plain = trainer(null);
    const s = skipping.lazyCollect();
    const p = plain.lazyCollect();
    await api.StreamOperator.execute();
    expect(s.getRows()).toEqual(p.getRows());
    expect(skipping.getModelRebases()).toEqual([]);
  });

  it("linkFrom takes the training stream (and optionally a detections stream, see driftTrigger.test.ts) only", () => {
    const data = () => new api.MemSourceStreamOp(ROWS, "t double, v string, y int").setTimeCol("t");
    expectError(
      () => new api.FtrlTrainStreamOp(lrTable([0, 0])).setVectorCol("v").setLabelCol("y").setVectorSize(1).linkFrom(data(), data(), data()),
      "FtrlTrainStreamOp.linkFrom: expected 1 or 2 inputs (the training stream, then optionally a drift detector's detections stream), got 3. To rebase from models, set modelStreamFilePath.",
    );
  });
});
