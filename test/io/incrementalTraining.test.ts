/**
 * Incremental training (reference §12.8): the newest committed model of a model-stream folder as a
 * batch operator (Alink: AkSourceBatchOp on ModelStreamUtils.getLatestModelPath(root)), used as the
 * warm start of the next day's LogisticRegressionTrainBatchOp, whose model is appended again.
 */
import * as path from "path";
import { afterEach, describe, expect, it } from "vitest";
import * as api from "../../src";
import { FIXTURES, expectError, tempDir } from "../helpers";

const ALINK_STREAM = path.join(FIXTURES, "alink/written-by-alink/alink-1.6.2/model_stream");

afterEach(() => {
  api.BatchOperator.execute();
});

/** Rows (vector "x0 x1", label 0/1) drawn from a logistic model with coefficients [0.5; 1.5, −2] (seeded LCG). */
function day(seed: number, n: number): api.MemSourceBatchOp {
  let s = seed >>> 0;
  const uniform = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  const rows: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    const x0 = uniform() * 4 - 2;
    const x1 = uniform() * 4 - 2;
    const p = 1 / (1 + Math.exp(-(0.5 + 1.5 * x0 - 2 * x1)));
    rows.push([`${x0} ${x1}`, uniform() < p ? 1 : 0]);
  }
  return new api.MemSourceBatchOp(rows, "v string, y int");
}

const lr = () => new api.LogisticRegressionTrainBatchOp().setVectorCol("v").setLabelCol("y").setL2(0.001).setEpsilon(1e-10).setMaxIter(200);
const appendAt = (time: string, root: string) => new api.AppendModelStreamFileSinkBatchOp().setFilePath(root).setModelTime(time);

describe("getLatestModelPath / LatestModelStreamFileSourceBatchOp", () => {
  it("finds and reads the newest model of an Alink-written folder (the 2-file model of 10:00:01.5)", () => {
    expect(api.getLatestModelPath(ALINK_STREAM)).toBe(path.join(ALINK_STREAM, "202612061000015"));
    const latest = new api.LatestModelStreamFileSourceBatchOp().setFilePath(ALINK_STREAM);
    const viaAk = new api.AkSourceBatchOp().setFilePath(path.join(ALINK_STREAM, "202612061000015"));
    expect(latest.getSchema().toString()).toBe(viaAk.getSchema().toString());
    expect(latest.collect()).toEqual(viaAk.collect());
    expect(latest.getLatestModelTimestampMs()).toBe(Date.UTC(2026, 11, 6, 10, 0, 1, 500));
  });

  it("no committed model: getLatestModelPath is null, the operator is an error naming the folder", () => {
    const root = path.join(tempDir(), "empty");
    expect(api.getLatestModelPath(root)).toBeNull();
    expectError(() => new api.LatestModelStreamFileSourceBatchOp().setFilePath(root).getSchema(), new RegExp(`^LatestModelStreamFileSourceBatchOp: ${root.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} holds no committed model`));
  });

  it("day-2 training warm-started from the latest model reaches the cold optimum in fewer iterations", () => {
    const root = path.join(tempDir(), "lr_models");
    const day1 = lr().linkFrom(day(1, 3000));
    day1.link(appendAt("2026-12-01 00:00:00", root));
    api.BatchOperator.execute();

    const latest = new api.LatestModelStreamFileSourceBatchOp().setFilePath(root);
    const warm = lr().linkFrom(day(2, 3000), latest);
    warm.link(appendAt("2026-12-02 00:00:00", root));
    api.BatchOperator.execute();
    expect(latest.getLatestModelTimestampMs()).toBe(Date.UTC(2026, 11, 1));
    // What was read back is exactly the day-1 model.
    expect(latest.collect()).toEqual(day1.collect());

    const cold = lr().linkFrom(day(2, 3000));
    const w = Array.from(warm.getLinearModelData().coefVector);
    const c = Array.from(cold.getLinearModelData().coefVector);
    for (let i = 0; i < 3; i++) expect(w[i]).toBeCloseTo(c[i], 4);
    // Near the generating coefficients [0.5, 1.5, −2] (3000 rows).
    expect(c[0]).toBeCloseTo(0.5, 0);
    expect(c[1]).toBeCloseTo(1.5, 0);
    expect(c[2]).toBeCloseTo(-2, 0);
    const warmIters = warm.getTrainingInfo().iterations;
    const coldIters = cold.getTrainingInfo().iterations;
    expect(warmIters).toBeLessThan(coldIters);
    // Starting near the optimum: the warm start's first objective is far below the cold one's.
    expect(warm.getTrainingInfo().losses[0]).toBeLessThan(cold.getTrainingInfo().losses[0] - 0.1);

    // The folder now ends with the day-2 model.
    expect(api.getLatestModelPath(root)).toBe(path.join(root, "202612020000000"));
    expect(new api.LatestModelStreamFileSourceBatchOp().setFilePath(root).collect()).toEqual(warm.collect());
  });
});
