import { describe, expect, it } from "vitest";
import * as api from "../../src";
import { ROOT, expectError } from "../helpers";

const HASH_COLS = [...api.CTR_CATEGORICAL_COLS, ...api.CTR_NUMERIC_COLS];
const csv = (file: string) => new api.CsvSourceBatchOp().setFilePath(`${ROOT}/datasets/${file}`).setSchemaStr(api.CTR_SCHEMA_STR).setIgnoreFirstLine(true);

function setup(n = 3000) {
  const history = csv("ctr_train.csv");
  const features = new api.Pipeline()
    .add(new api.FeatureHasher().setSelectedCols(HASH_COLS).setCategoricalCols([...api.CTR_CATEGORICAL_COLS]).setOutputCol("vec").setNumFeatures(500))
    .fit(history);
  const initModel = new api.LogisticRegressionTrainBatchOp().setVectorCol("vec").setLabelCol("click").setMaxIter(10).linkFrom(features.transform(history));
  const rows = csv("ctr_stream.csv").firstN(n).getOutputTable();
  /** A fresh replay of the same rows, featurised. */
  const stream = () => features.transform(new api.TableSourceStreamOp(rows).setTimeCol("ts")) as api.StreamOperator;
  return { initModel, rows, stream };
}

const common = { vectorCol: "vec", labelCol: "click", vectorSize: 500, timeInterval: 600, miniBatchSize: 64 };
const EVAL = 1200;

/** Rank-sum AUC with tied scores averaged, written plainly (the test's own oracle). */
function plainAuc(scores: number[], positive: boolean[]): number {
  const idx = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b]);
  const ranks = new Array<number>(scores.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]] === scores[idx[i]]) j++;
    for (let k = i; k <= j; k++) ranks[idx[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  const nPos = positive.filter(Boolean).length;
  const nNeg = positive.length - nPos;
  const sum = ranks.reduce((s, r, i) => s + (positive[i] ? r : 0), 0);
  return (sum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

describe("recoveryTimes (hand-computed)", () => {
  const w = (start: number, auc: number) => ({ start, end: start + 10, auc, logLoss: 0, samples: 1 });
  const windows = [w(0, 0.8), w(10, 0.7), w(20, 0.9), w(30, 0.6), w(40, 0.7), w(50, 0.78), w(60, 0.9)];

  it("level = mean of the last windows before the drift; recovered at the first whole window after it back within tolerance", () => {
    // drift at 35: windows ending ≤ 35 are 0..30 (0.8, 0.7, 0.9) → level 0.8; window [30,40) straddles.
    // After: [40,50) 0.7 < 0.78; [50,60) 0.78 ≥ 0.78 → recovered at 60, 25 s after the drift.
    const [r] = api.recoveryTimes(windows, [35]);
    expect(r.level).toBeCloseTo(0.8, 12);
    expect(r).toMatchObject({ drift: 35, recoveredAt: 60, seconds: 25 });
  });

  it("tolerance and baseline windows are options; never recovered → null", () => {
    expect(api.recoveryTimes(windows, [35], { tolerance: 0.1 })[0].seconds).toBe(15); // 0.7 ≥ 0.7
    // level from one window (0.9): needs ≥ 0.89 → [60,70) at 70.
    expect(api.recoveryTimes(windows, [30], { baselineWindows: 1 })[0]).toMatchObject({ recoveredAt: 70, seconds: 40 });
    expect(api.recoveryTimes(windows, [30], { baselineWindows: 1, tolerance: 0 })[0]).toMatchObject({ recoveredAt: 70 });
    expect(api.recoveryTimes(windows, [30], { baselineWindows: 1, tolerance: -0.01 })[0]).toMatchObject({ recoveredAt: null, seconds: null });
  });

  it("a recovery must happen before the next drift; no window before a drift → no level", () => {
    // level for drift 35 is 0.8; the next drift at 55 cuts the search to windows ending ≤ 55: [40,50) only.
    const [first, second] = api.recoveryTimes(windows, [55, 35]);
    expect(first).toMatchObject({ drift: 35, recoveredAt: null });
    // drift 55: windows ending ≤ 55: [20,30) .9, [30,40) .6, [40,50) .7 → level 0.7333; [60,70) 0.9 → 70.
    expect(second).toMatchObject({ drift: 55, recoveredAt: 70, seconds: 15 });
    expect(api.recoveryTimes(windows, [5])[0]).toMatchObject({ level: null, seconds: null });
  });
});

describe("Experiment: several strategies over one replayed stream", () => {
  it("each strategy's metrics are identical to the same strategy run alone; totals match a plain oracle", async () => {
    const { initModel, rows, stream } = setup();
    const strategies: Record<string, api.Strategy> = {
      "FTRL α=0.05": api.ftrlStrategy(initModel, { ...common, alpha: 0.05, l1: 0.001, l2: 0.001 }),
      "FTRL α=0.5": api.ftrlStrategy(initModel, { ...common, alpha: 0.5, beta: 0.5, l1: 0.01, l2: 0.01 }),
      fixed: api.fixedModelStrategy(initModel, { vectorCol: "vec" }),
      // Delayed feedback holds rows of the shared stream: fan-out must not let one strategy see another's state.
      "FTRL, labels late": api.ftrlStrategy(initModel, { ...common, alpha: 0.5, labelDelay: 900, labelDelayDistribution: "EXPONENTIAL", labelDelaySeed: 3 }),
      // A pipeline-level strategy: OnlineLearningStreamOp and a pipeline predictor following it.
      "online learning (pipeline)": (s) => {
        const pipeline = new api.PipelineModel(new api.LogisticRegressionModel(initModel.getOutputTable()).setVectorCol("vec").setPredictionCol("pred").setPredictionDetailCol("detail"));
        const models = new api.OnlineLearningStreamOp(pipeline, { optimMethod: "FTRL", alpha: 0.5, l1: 0.001, l2: 0.001, timeInterval: 600, miniBatchSize: 64 }).linkFrom(s);
        return { predictions: new api.PipelinePredictStreamOp(pipeline).linkFrom(s, models), models };
      },
    };
    const shared = stream();
    const result = await new api.Experiment({ stream: shared, strategies, labelCol: "click", predictionDetailCol: "detail", timeInterval: EVAL }).run();
    expect(result.rows).toBe(rows.numRows);
    expect(result.strategies.map((s) => s.name)).toEqual(Object.keys(strategies));
    // The timers put the operators' own createTask back.
    expect(Object.prototype.hasOwnProperty.call(shared, "createTask")).toBe(false);

    const times = rows.column("ts");
    const intervals = new Set(Array.from({ length: rows.numRows }, (_, i) => Math.floor((times.get(i) as number) / common.timeInterval)));
    const labels = Array.from({ length: rows.numRows }, (_, i) => rows.column("click").get(i) === 1);

    for (const [name, strategy] of Object.entries(strategies)) {
      const got = result.strategies.find((s) => s.name === name)!;
      // Alone: the same strategy on a fresh replay, evaluated directly.
      const out = strategy(stream());
      const predictions = api.StreamOperator.isStreamOperator(out) ? out : out.predictions;
      const models = api.StreamOperator.isStreamOperator(out) ? null : out.models!.lazyCollect();
      const evaluation = new api.EvalBinaryClassStreamOp().setLabelCol("click").setPredictionDetailCol("detail").setTimeInterval(EVAL).linkFrom(predictions).lazyCollect();
      const preds = predictions.lazyCollect();
      await api.StreamOperator.execute();
      const alone = evaluation.getRows().map((r) => ({ stat: r[0], ...JSON.parse(r[1] as string) }));
      const aloneWindows = alone.filter((r) => r.stat === "window");
      expect(got.windows.map((w) => [w.auc, w.logLoss, w.samples])).toEqual(aloneWindows.map((r) => [Number(r.AUC), Number(r.LogLoss), Number(r.TotalSamples)]));
      expect(got.windows.map((w) => w.end)).toEqual(Array.from(evaluation.getTimes()).filter((_, i) => alone[i].stat === "window"));

      // Whole-stream AUC and log loss against the test's own computation from the predictions.
      const detail = preds.getTable().column("detail");
      const p1 = Array.from({ length: rows.numRows }, (_, i) => Number(JSON.parse(detail.get(i) as string)["1"]));
      expect(got.samples).toBe(rows.numRows);
      expect(got.auc).toBeCloseTo(plainAuc(p1, labels), 12);
      const loss = p1.reduce((s, p, i) => s - Math.log(Math.min(Math.max(labels[i] ? p : 1 - p, 1e-15), 1 - 1e-15)), 0) / p1.length;
      expect(got.logLoss).toBeCloseTo(loss, 9);

      if (models === null) expect(got.models).toBeNull();
      else {
        // One model per interval that held rows (FtrlTrainStreamOp's emission rule), counted independently.
        if (name !== "FTRL, labels late") expect(got.models).toBe(intervals.size);
        expect(got.models).toBe(new Set(models.getRows().map((r) => (r[0] as Date).getTime())).size);
      }
      expect(got.seconds).toBeGreaterThan(0);
      expect(Number.isFinite(got.rowsPerSecond)).toBe(true);
    }
    // Ranked by AUC, best first.
    const aucs = result.ranking.map((s) => s.auc);
    expect([...aucs].sort((a, b) => b - a)).toEqual(aucs);
    expect(result.ranking.map((s) => s.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(api.rankedTable(result).map((r) => Object.keys(r))[0]).toEqual(["rank", "strategy", "AUC", "LogLoss", "recovery_s", "models"]);
    expect(Object.keys(api.rankedTable(result, { timings: true })[0])).toContain("rows_per_s");
  });

  it("drift markers from a stream of detections: each drift row's event time is a drift; recovery uses the windows", async () => {
    const { initModel, rows, stream } = setup(3000);
    const t0 = rows.column("ts").get(0) as number;
    const drift = Math.ceil(t0 / EVAL) * EVAL + EVAL + 100;
    // A detector's detections: a "kind" column; DDM-style warnings are not drifts.
    const detections = new api.MemSourceStreamOp([[drift - 600, "warning"], [drift, "drift"]], "t double, kind string").setTimeCol("t");
    const result = await new api.Experiment({
      stream: stream(),
      strategies: { fixed: api.fixedModelStrategy(initModel, { vectorCol: "vec" }), ftrl: api.ftrlStrategy(initModel, common) },
      labelCol: "click",
      predictionDetailCol: "detail",
      timeInterval: EVAL,
      drifts: detections,
      recovery: { tolerance: 1 },
      rankBy: "LogLoss",
    }).run();
    expect(result.drifts).toEqual([drift]);
    for (const s of result.strategies) {
      // tolerance 1: any window counts, so recovery is the end of the first whole window after the drift.
      const first = s.windows.find((w) => w.start >= drift)!;
      expect(s.recoveries).toHaveLength(1);
      expect(s.recoverySeconds).toBe(first.end - drift);
    }
    const losses = result.ranking.map((s) => s.logLoss);
    expect([...losses].sort((a, b) => a - b)).toEqual(losses);

    // The chart: one line per strategy in its notebook colour, every window a point, the drift a rule.
    const spec = api.experimentChart(result, { markers: { truth: [drift - 50] } }) as { layer: { data: { values: Record<string, unknown>[] }; encoding: Record<string, any> }[] };
    const [lines, rules] = spec.layer;
    expect(lines.encoding.color.scale).toEqual({ domain: ["fixed", "ftrl"], range: [api.seriesColor("fixed"), api.seriesColor("ftrl")] });
    for (const s of result.strategies) {
      expect(lines.data.values.filter((v) => v.series === s.name).map((v) => v.y)).toEqual(s.windows.filter((w) => Number.isFinite(w.auc)).map((w) => w.auc));
    }
    expect(rules.data.values).toEqual([
      { marker: "drift", x: new Date(drift * 1000).toISOString() },
      { marker: "truth", x: new Date((drift - 50) * 1000).toISOString() },
    ]);
  });

  it("refuses bad options with a message naming what is wrong", async () => {
    const { stream } = setup(10);
    const base = { stream: stream(), labelCol: "click", predictionDetailCol: "detail", timeInterval: 60 };
    expectError(() => new api.Experiment({ ...base, strategies: {} }), /strategies is empty/);
    expectError(() => new api.Experiment({ ...base, strategies: { a: 1 as never } }), /strategy "a" must be a function/);
    expectError(() => new api.Experiment({ ...base, timeInterval: 0, strategies: { a: (s) => s } }), /timeInterval must be a positive/);
    await expect(new api.Experiment({ ...base, strategies: { a: () => ({}) as never } }).run()).rejects.toThrow(/strategy "a" returned no predictions/);
  });
});
