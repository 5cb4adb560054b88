/**
 * Model filters with a detections input (`linkFrom(models, validation, detections)`): for
 * driftPeriod seconds after a drift, verdicts use the drift thresholds. Checked against the same
 * filter without detections (the metrics do not change) and the pass rule applied by hand with the
 * thresholds in force at each verdict's time: T ≤ t < T + driftPeriod.
 */
import { describe, expect, it } from "vitest";
import * as api from "../../src";
import { expectError } from "../helpers";

/** Rows `f0, f1, label, ts` with P(label = 1) = σ(1.5·f0 − f1 − 0.5), 0.125 s apart from 0 (exact in milliseconds). */
function rows(n: number, seed: number, flip = false): unknown[][] {
  const random = new api.Random(seed);
  return Array.from({ length: n }, (_, i) => {
    const f0 = random.nextGaussian();
    const f1 = random.nextGaussian();
    const y = random.nextDouble() < 1 / (1 + Math.exp(-(1.5 * f0 - f1 - 0.5))) ? 1 : 0;
    return [f0, f1, flip ? 1 - y : y, i * 0.125];
  });
}
const SCHEMA = "f0 double, f1 double, label int, ts double";
const MODEL_STREAM_SCHEMA = "alinkmodelstreamtimestamp timestamp, alinkmodelstreamcount bigint, model_id bigint, model_info string, label_value int";
const DETECTIONS_SCHEMA = "event_time timestamp, row bigint, detector string, kind string, statistic double, threshold double, value double";

const model = new api.LogisticRegressionTrainBatchOp().setFeatureCols(["f0", "f1"]).setLabelCol("label").linkFrom(new api.MemSourceBatchOp(rows(2000, 1), SCHEMA));
/** The same good model as versions 50, 100, …, 250 s. */
const TIMES = [50, 100, 150, 200, 250];
const models = () =>
  new api.MemSourceStreamOp(
    TIMES.flatMap((t) => api.toModelStreamRows(model.getOutputTable(), t * 1000).toRows()),
    MODEL_STREAM_SCHEMA,
  ).setTimeCol("alinkmodelstreamtimestamp");
const validation = () => new api.MemSourceStreamOp(rows(3000, 2), SCHEMA).setTimeCol("ts");
const detections = (list: [number, string][]) =>
  new api.MemSourceStreamOp(
    list.map(([t, kind], i) => [new Date(t * 1000), i, "ADWIN", kind, 1, 0.5, 0]),
    DETECTIONS_SCHEMA,
  ).setTimeCol("event_time");

const filter = () => new api.FtrlModelFilterStreamOp().setLabelCol("label").setAucThreshold(0.5).setNumEvalSamples(400);

async function run(...ops: api.BinaryClassModelFilterStreamOp[]): Promise<number[][]> {
  const collections = ops.map((op) => op.lazyCollect());
  await api.StreamOperator.execute();
  return collections.map((c) => [...new Set(c.getRows().map((r) => (r[0] as Date).getTime() / 1000))]);
}

describe("model filter: a stricter bar for driftPeriod seconds after a drift", () => {
  it("verdicts in [T, T + driftPeriod) use the drift thresholds; the metrics are unchanged", async () => {
    const plain = filter().linkFrom(models(), validation());
    // Drifts at 90 s (period 70 s: verdicts at 100 and 150 s) and at 250 s exactly (its verdict at 250 s included).
    const tight = filter().setDriftPeriod(70).setDriftAucThreshold(0.99).linkFrom(models(), validation(), detections([[30, "warning"], [90, "drift"], [250, "drift"]]));
    const [plainOut, tightOut] = await run(plain, tight);
    const p = plain.getDecisions();
    const d = tight.getDecisions();
    expect(p.map((x) => x.accepted)).toEqual([true, true, true, true, true]);
    expect(p.every((x) => x.auc > 0.7 && x.auc < 0.99)).toBe(true);
    const inPeriod = (t: number) => (t >= 90 && t < 160) || (t >= 250 && t < 320);
    expect(TIMES.filter(inPeriod)).toEqual([100, 150, 250]);
    d.forEach((x, i) => {
      const t = TIMES[i];
      expect(x.eventTime).toBe(t);
      expect([x.samples, x.auc, x.accuracy, x.logLoss]).toEqual([p[i].samples, p[i].auc, p[i].accuracy, p[i].logLoss]);
      expect(x.thresholds).toEqual({ ...p[i].thresholds, auc: inPeriod(t) ? 0.99 : 0.5 });
      expect(x.accepted).toBe(!inPeriod(t));
      expect(x.failed).toBe(inPeriod(t) ? "auc<0.99" : null);
    });
    expect(plainOut).toEqual(TIMES);
    expect(tightOut).toEqual([50, 200]);
  });

  it("the period ends strictly before T + driftPeriod; warnings count only with triggerOnWarning; unset drift thresholds keep the usual ones", async () => {
    const a = filter().setDriftPeriod(50).setDriftLogLossThreshold(0.01).linkFrom(models(), validation(), detections([[100, "drift"]]));
    const b = filter().setDriftPeriod(50).setDriftLogLossThreshold(0.01).setTriggerOnWarning(true).linkFrom(models(), validation(), detections([[100, "warning"]]));
    const c = filter().setDriftPeriod(50).setDriftLogLossThreshold(0.01).linkFrom(models(), validation(), detections([[100, "warning"]]));
    await run(a, b, c);
    for (const op of [a, b]) {
      expect(op.getDecisions().map((x) => x.accepted)).toEqual([true, false, true, true, true]);
      expect(op.getDecisions()[1].failed).toBe("logloss>=0.01");
      expect(op.getDecisions()[1].thresholds).toEqual({ auc: 0.5, accuracy: 0.5, logLoss: 0.01 });
    }
    expect(c.getDecisions().map((x) => x.accepted)).toEqual([true, true, true, true, true]);
  });

  it("evalMode FOLLOWING: the verdict's time (the last row judged on) decides", async () => {
    // Model of 100 s judged on the 400 rows 100.0 … 149.875 s: verdict at 149.875 s. A drift at that time acts on it; one just after does not.
    const make = (t: number) => filter().setEvalMode("FOLLOWING").setDriftPeriod(5).setDriftAucThreshold(0.99).linkFrom(models(), validation(), detections([[t, "drift"]]));
    const at = make(149.875);
    const later = make(149.876);
    await run(at, later);
    const of100 = (op: api.BinaryClassModelFilterStreamOp) => op.getDecisions().find((x) => x.modelVersionMs === 100000)!;
    expect(of100(at).eventTime).toBe(149.875);
    expect(of100(at).accepted).toBe(false);
    expect(of100(later).accepted).toBe(true);
  });

  it("errors: not a detections stream (naming the input), no driftPeriod, no drift threshold", () => {
    expectError(() => filter().setDriftPeriod(5).setDriftAucThreshold(0.9).linkFrom(models(), validation(), validation()), /FtrlModelFilterStreamOp: the third input of linkFrom\(models, validation, detections\) must be the detections stream/);
    expectError(() => filter().setDriftAucThreshold(0.9).linkFrom(models(), validation(), detections([])), /detections input is linked but driftPeriod is not set/);
    expectError(() => filter().setDriftPeriod(5).linkFrom(models(), validation(), detections([])), /no drift threshold is set; set driftAucThreshold, driftAccuracyThreshold and\/or driftLogLossThreshold/);
    expectError(() => filter().setDriftPeriod(0), /driftPeriod/);
    expectError(() => filter().setDriftAucThreshold(1.5), /driftAucThreshold/);
  });
});
