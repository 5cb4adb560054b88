import { describe, expect, it } from "vitest";
import * as api from "../../src";
import { expectError } from "../helpers";

/** Rows (t, label, detail) with scores drawn so that windows differ. */
function predictions(n: number, seed = 1): unknown[][] {
  const random = new api.Random(seed);
  const rows: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    const label = random.nextDouble() < 0.3 ? 1 : 0;
    const p = Math.min(0.99, Math.max(0.01, (label ? 0.6 : 0.4) + (random.nextDouble() - 0.5) * 0.7));
    rows.push([i * 0.5, label, JSON.stringify({ "1": String(p), "0": String(1 - p) })]);
  }
  return rows;
}

describe("EvalBinaryClassStreamOp", () => {
  it("emits window and all rows per event-time window, equal to batch evaluation of the same rows", async () => {
    const rows = predictions(300);
    const source = new api.MemSourceStreamOp(rows, "t double, label int, detail string").setTimeCol("t");
    const evaluation = new api.EvalBinaryClassStreamOp().setLabelCol("label").setPredictionDetailCol("detail").setTimeInterval(30).linkFrom(source);
    const collected = evaluation.lazyCollect();
    await api.StreamOperator.execute();
    const out = collected.getRows();
    const times = Array.from(collected.getTimes());
    // 300 rows at 0.5 s → 150 s → 5 windows of 30 s, two rows each.
    expect(out.map((r) => r[0])).toEqual(["window", "all", "window", "all", "window", "all", "window", "all", "window", "all"]);
    expect(times).toEqual([30, 30, 60, 60, 90, 90, 120, 120, 150, 150]);
    const batch = (from: number, to: number) =>
      new api.EvalBinaryClassBatchOp()
        .setLabelCol("label")
        .setPredictionDetailCol("detail")
        .linkFrom(new api.MemSourceBatchOp(rows.slice(from, to), "t double, label int, detail string"))
        .collectMetrics();
    for (let w = 0; w < 5; w++) {
      const windowMetrics = new api.BinaryClassMetrics(out[2 * w][1] as string);
      const allMetrics = new api.BinaryClassMetrics(out[2 * w + 1][1] as string);
      expect(windowMetrics.getAuc()).toBe(batch(w * 60, (w + 1) * 60).getAuc());
      expect(windowMetrics.getLogLoss()).toBeCloseTo(batch(w * 60, (w + 1) * 60).getLogLoss(), 12);
      // The cumulative row is binned (100 000 bins, fixed memory): equal to the exact AUC within 1e-4.
      expect(Math.abs(allMetrics.getAuc() - batch(0, (w + 1) * 60).getAuc())).toBeLessThan(1e-4);
      expect(allMetrics.getTotalSamples()).toBe((w + 1) * 60);
    }
  });

  it("skips empty windows and pulls metrics out with JsonValueStreamOp", async () => {
    const rows = [...predictions(10).map((r) => [r[0], r[1], r[2]]), ...predictions(10, 2).map((r) => [(r[0] as number) + 100, r[1], r[2]])];
    const source = new api.MemSourceStreamOp(rows, "t double, label int, detail string").setTimeCol("t");
    const values = await new api.EvalBinaryClassStreamOp()
      .setLabelCol("label")
      .setPredictionDetailCol("detail")
      .setTimeInterval(10)
      .linkFrom(source)
      .link(new api.JsonValueStreamOp().setSelectedCol("Data").setReservedCols(["Statistics"]).setJsonPath(["$.AUC", "$.TotalSamples"]).setOutputCols(["AUC", "n"]))
      .collect();
    expect(values.map((r) => [r[0], r[2]])).toEqual([["window", "10"], ["all", "10"], ["window", "10"], ["all", "20"]]);
  });

  it("is deterministic", async () => {
    const run = async () =>
      new api.EvalBinaryClassStreamOp()
        .setLabelCol("label")
        .setPredictionDetailCol("detail")
        .setTimeInterval(7)
        .linkFrom(new api.MemSourceStreamOp(predictions(200, 5), "t double, label int, detail string").setTimeCol("t"))
        .collect();
    expect(await run()).toEqual(await run());
  });

  it("checks its columns at link time", () => {
    const source = new api.MemSourceStreamOp(predictions(2), "t double, label int, detail string");
    expectError(
      () => new api.EvalBinaryClassStreamOp().setLabelCol("label").linkFrom(source),
      /^EvalBinaryClassStreamOp: Binary Evaluation must give predictionDetailCol!/,
    );
    expectError(() => new api.EvalBinaryClassStreamOp().setLabelCol("lable").setPredictionDetailCol("detail").linkFrom(source), /column "lable" \(parameter "labelCol"\) is not in the input\. Did you mean "label"\?/);
  });
});
