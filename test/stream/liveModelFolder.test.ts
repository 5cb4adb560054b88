/**
 * Live model-stream folders (issue 14, item 4): in a paced run (`execute({ speedFactor })`) a
 * followed folder is scanned every modelStreamScanInterval wall-clock seconds, and a model
 * committed while the run goes takes effect at the event time the run has reached, as in Alink.
 * Wall-clock timing varies, so the tests check what must hold whenever the commit is seen: the
 * swap comes after the commit (in event time) and within a few scan intervals, and every row
 * before it is served by the old model, every row after it by the new one (truth: batch
 * predictions of each model on its own).
 */
import * as path from "path";
import { describe, expect, it } from "vitest";
import {
  AppendModelStreamFileSinkBatchOp,
  BatchOperator,
  LogisticRegressionPredictBatchOp,
  LogisticRegressionPredictStreamOp,
  MemSourceBatchOp,
  MemSourceStreamOp,
  ModelStreamFileSourceStreamOp,
  StreamOperator,
  TableSourceBatchOp,
} from "../../src";
import { Table } from "../../src/core/table";
import { lrModelTable, tempDir } from "../helpers";

const SCHEMA = "t double, x double";
// 40 rows, one per event-time second; paced at 10 stream seconds per wall second: a ~4 s run.
const ROWS = Array.from({ length: 40 }, (_, i) => [i, (i % 7) - 3]);
const SPEED = 10;
const modelA = lrModelTable([0.1, 1.5], { featureNames: ["x"] });
const modelB = lrModelTable([-0.2, -2.0], { featureNames: ["x"] });

const batchPredictions = (model: Table) =>
  new LogisticRegressionPredictBatchOp().setPredictionCol("pred").setPredictionDetailCol("detail").linkFrom(new TableSourceBatchOp(model), new MemSourceBatchOp(ROWS, SCHEMA)).collect();

function commitLater(root: string, model: Table, afterMs: number): Promise<number> {
  return new Promise((resolve) =>
    setTimeout(() => {
      const at = Date.now();
      new AppendModelStreamFileSinkBatchOp().setFilePath(root).linkFrom(new TableSourceBatchOp(model));
      BatchOperator.execute();
      resolve(at);
    }, afterMs),
  );
}

function expectServedBy(out: unknown[][], swapTime: number): void {
  const a = batchPredictions(modelA);
  const b = batchPredictions(modelB);
  out.forEach((row, i) => {
    const expected = (ROWS[i][0] as number) > swapTime ? b[i] : a[i];
    expect(row.slice(0, 4).map(String), `row ${i} (t = ${ROWS[i][0]}, swap at ${swapTime})`).toEqual(expected.map(String));
  });
}

describe("following a folder live in a paced run", () => {
  it("a predictor with modelStreamFilePath swaps to a model committed during the run, at the event time reached", async () => {
    const root = path.join(tempDir(), "live");
    const predictor = new LogisticRegressionPredictStreamOp(new TableSourceBatchOp(modelA))
      .setPredictionCol("pred")
      .setPredictionDetailCol("detail")
      .setModelStreamFilePath(root)
      .setModelStreamScanInterval(1)
      .linkFrom(new MemSourceStreamOp(ROWS, SCHEMA).setTimeCol("t"));
    const collected = predictor.lazyCollect();
    const started = Date.now();
    const committed = commitLater(root, modelB, 800);
    await StreamOperator.execute({ speedFactor: SPEED, progress: false });
    const commitMs = (await committed) - started;
    const swaps = predictor.getModelSwaps();
    expect(swaps.length).toBe(1);
    expect(swaps[0].ok).toBe(true);
    // Seen at the first scan after the commit: later than the commit, within two scan intervals of it (event seconds = wall seconds × SPEED).
    const commitEvent = (commitMs / 1000) * SPEED;
    expect(swaps[0].eventTime).toBeGreaterThanOrEqual(commitEvent - 1);
    expect(swaps[0].eventTime).toBeLessThanOrEqual(commitEvent + 2 * SPEED + 1);
    expectServedBy(collected.getRows(), swaps[0].eventTime);
  });

  it("ModelStreamFileSourceStreamOp emits a model committed during a paced run, and a linked predictor swaps to it", async () => {
    const root = path.join(tempDir(), "live-source");
    const source = new ModelStreamFileSourceStreamOp().setFilePath(root).setScanInterval(1).setSchemaStr(modelA.schema.toString());
    const predictor = new LogisticRegressionPredictStreamOp(new TableSourceBatchOp(modelA))
      .setPredictionCol("pred")
      .setPredictionDetailCol("detail")
      .linkFrom(new MemSourceStreamOp(ROWS, SCHEMA).setTimeCol("t"), source);
    const collected = predictor.lazyCollect();
    const committed = commitLater(root, modelB, 500);
    await StreamOperator.execute({ speedFactor: SPEED, progress: false });
    await committed;
    const swaps = predictor.getModelSwaps();
    expect(swaps.map((s) => s.ok)).toEqual([true]);
    expect(swaps[0].eventTime).toBeLessThan(39);
    expectServedBy(collected.getRows(), swaps[0].eventTime);
  });
});
