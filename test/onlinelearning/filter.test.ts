import { describe, expect, it } from "vitest";
import * as api from "../../src";
import { expectError } from "../helpers";

// ----------------------------------------------------------------- small, hand-made data

/** Rows `f0, f1, label, vec, ts` with P(label = 1) = σ(1.5·f0 − f1 − 0.5); `flip` inverts every label. */
function rows(n: number, seed: number, start = 0, step = 0.1, flip = false): unknown[][] {
  const random = new api.Random(seed);
  return Array.from({ length: n }, (_, i) => {
    const f0 = random.nextGaussian();
    const f1 = random.nextGaussian();
    const p = 1 / (1 + Math.exp(-(1.5 * f0 - f1 - 0.5)));
    const y = random.nextDouble() < p ? 1 : 0;
    return [f0, f1, flip ? 1 - y : y, `${f0} ${f1}`, start + i * step];
  });
}
const SCHEMA = "f0 double, f1 double, label int, vec vector, ts double";
const MODEL_STREAM_SCHEMA = "alinkmodelstreamtimestamp timestamp, alinkmodelstreamcount bigint, model_id bigint, model_info string, label_value int";

const lr = (data: unknown[][], schema = SCHEMA) =>
  new api.LogisticRegressionTrainBatchOp().setFeatureCols(["f0", "f1"]).setLabelCol("label").linkFrom(new api.MemSourceBatchOp(data, schema));
const goodModel = () => lr(rows(2000, 1));
/** A model trained on flipped labels: known to be bad. */
const badModel = () => lr(rows(2000, 1, 0, 0.1, true));

/** A model stream holding the given models at the given event times (seconds). */
function modelStream(models: [api.BatchOperator, number][], schema = MODEL_STREAM_SCHEMA): api.MemSourceStreamOp {
  const streamRows = models.flatMap(([op, t]) => api.toModelStreamRows(op.getOutputTable(), t * 1000).toRows());
  return new api.MemSourceStreamOp(streamRows, schema).setTimeCol("alinkmodelstreamtimestamp");
}

/** 3000 validation rows at 0, 0.1, …, 299.9 s. */
const validationRows = rows(3000, 2);
const validation = () => new api.MemSourceStreamOp(validationRows, SCHEMA).setTimeCol("ts");

/** EvalBinaryClassBatchOp's metrics of a model's predictions on some rows. */
function batchMetrics(model: api.BatchOperator, data: unknown[][], o: { schema?: string; positive?: string; vectorCol?: string } = {}) {
  const predict = new api.LogisticRegressionPredictBatchOp().setPredictionCol("pred").setPredictionDetailCol("detail");
  if (o.vectorCol) predict.setVectorCol(o.vectorCol);
  const evaluation = new api.EvalBinaryClassBatchOp().setLabelCol("label").setPredictionDetailCol("detail");
  if (o.positive) evaluation.setPositiveLabelValueString(o.positive);
  return evaluation.linkFrom(predict.linkFrom(model, new api.MemSourceBatchOp(data, o.schema ?? SCHEMA))).collectMetrics();
}

const versionsOf = (table: api.Table) => [...new Set(table.toRows().map((r) => (r[0] as Date).getTime()))];

describe("BinaryClassModelFilterStreamOp", () => {
  it("rejects a model trained on flipped labels, naming the failed metric, and passes the good ones unchanged", async () => {
    const good = goodModel();
    const models = modelStream([
      [good, 100],
      [badModel(), 200],
      [good, 250],
    ]);
    const filter = new api.BinaryClassModelFilterStreamOp().setLabelCol("label").setAucThreshold(0.6).setNumEvalSamples(500).linkFrom(models, validation());
    expect(filter.getColNames()).toEqual(["alinkmodelstreamtimestamp", "alinkmodelstreamcount", "model_id", "model_info", "label_value"]);
    const passed = filter.lazyCollect();
    const report = filter.getSideOutput(0).lazyCollect();
    await api.StreamOperator.execute();

    const out = passed.getTable();
    expect(versionsOf(out)).toEqual([100000, 250000]);
    // Passed models are the input rows, unchanged (timestamp, count, model table), at their own event time.
    const input = api.toModelStreamRows(good.getOutputTable(), 100000).toRows();
    expect(out.toRows().slice(0, 4)).toEqual(input);
    expect([...passed.getTimes()]).toEqual([100, 100, 100, 100, 250, 250, 250, 250]);

    const decisions = filter.getDecisions();
    expect(decisions.map((d) => [d.modelVersionMs, d.accepted])).toEqual([
      [100000, true],
      [200000, false],
      [250000, true],
    ]);
    const bad = decisions[1];
    expect(bad.auc).toBeLessThan(0.5);
    expect(bad.failed).toMatch(/^auc<0\.6\b/);
    expect(decisions[0].failed).toBeNull();
    expect(decisions[0].auc).toBeGreaterThan(0.75);

    // The side output says the same, one row per candidate, at the verdict's time.
    const side = report.getTable();
    expect(side.schema.names).toEqual([
      "model_version", "event_time", "eval_from", "eval_to", "samples", "auc", "accuracy", "logloss",
      "auc_threshold", "accuracy_threshold", "logloss_threshold", "accepted", "failed",
    ]);
    const sideRows = side.toRows();
    expect(sideRows.map((r) => [(r[0] as Date).getTime(), r[4], r[11], r[12]])).toEqual([
      [100000, 500, true, null],
      [200000, 500, false, bad.failed],
      [250000, 500, true, null],
    ]);
    expect(sideRows[1][5]).toBe(bad.auc);
    expect(sideRows[1].slice(8, 11)).toEqual([0.6, 0.5, Number.MAX_VALUE]);
    expect([...report.getTimes()]).toEqual([100, 200, 250]);
  });

  it("passes a sensible model with the default thresholds (AUC ≥ 0.5, accuracy ≥ 0.5, no log-loss limit)", async () => {
    const filter = new api.BinaryClassModelFilterStreamOp().setLabelCol("label").linkFrom(modelStream([[goodModel(), 150], [badModel(), 200]]), validation());
    expect([filter.getAucThreshold(), filter.getAccuracyThreshold(), filter.getLogLossThreshold(), filter.getNumEvalSamples(), filter.getEvalMode()]).toEqual([
      0.5, 0.5, Number.MAX_VALUE, 200000, "PRECEDING",
    ]);
    const passed = await filter.collectTable();
    expect(versionsOf(passed)).toEqual([150000]);
    const [good, bad] = filter.getDecisions();
    expect(good).toMatchObject({ accepted: true, failed: null, samples: 1500 });
    expect(bad).toMatchObject({ accepted: false, samples: 2000 });
    expect(bad.failed).toContain("auc<0.5");
  });

  it("judges each model on the numEvalSamples validation rows before it, with exactly EvalBinaryClassBatchOp's metrics", async () => {
    const good = goodModel();
    const bad = badModel();
    const times: [api.BatchOperator, number][] = [
      [good, 30.05],
      [bad, 120],
      [good, 299.95],
    ];
    const filter = new api.BinaryClassModelFilterStreamOp()
      .setLabelCol("label")
      .setNumEvalSamples(700)
      .setAucThreshold(0.6)
      .linkFrom(modelStream(times), validation());
    await filter.collect();
    const decisions = filter.getDecisions();
    expect(decisions.length).toBe(3);
    decisions.forEach((d, i) => {
      const [model, t] = times[i];
      const before = validationRows.filter((r) => (r[4] as number) < t).slice(-700);
      expect(d.samples).toBe(before.length);
      expect(d.evalFrom).toBe(before[0][4]);
      expect(d.evalTo).toBe(before[before.length - 1][4]);
      expect(d.eventTime).toBe(t);
      const m = batchMetrics(model, before);
      expect(d.auc).toBe(m.getAuc());
      expect(d.accuracy).toBe(m.getAccuracy());
      expect(d.logLoss).toBe(m.getLogLoss());
    });
    expect(decisions[0].samples).toBe(301); // rows 0.0 … 30.0
  });

  it("equals EvalBinaryClassBatchOp for string labels, a chosen positive label and a vector column", async () => {
    const yesNo = (data: unknown[][]) => data.map((r) => [r[0], r[1], r[2] === 1 ? "yes" : "no", r[3], r[4]]);
    const schema = SCHEMA.replace("label int", "label string");
    const model = new api.LogisticRegressionTrainBatchOp().setVectorCol("vec").setLabelCol("label").linkFrom(new api.MemSourceBatchOp(yesNo(rows(2000, 1)), schema));
    const data = yesNo(validationRows);
    const models = modelStream([[model, 200]], MODEL_STREAM_SCHEMA.replace("label_value int", "label_value string"));
    for (const positive of [null, "no", "yes"]) {
      const filter = new api.FtrlModelFilterStreamOp().setLabelCol("label").setVectorCol("vec").setNumEvalSamples(1000);
      if (positive !== null) filter.setPositiveLabelValueString(positive);
      filter.linkFrom(models, new api.MemSourceStreamOp(data, schema).setTimeCol("ts"));
      await filter.collect();
      const [d] = filter.getDecisions();
      const m = batchMetrics(model, data.slice(1000, 2000), { schema, vectorCol: "vec", ...(positive !== null ? { positive } : {}) });
      expect([d.samples, d.auc, d.accuracy, d.logLoss]).toEqual([1000, m.getAuc(), m.getAccuracy(), m.getLogLoss()]);
      // With "no" as the positive label the ranking is reversed, so the AUC is the same and passing.
      expect(d.accepted).toBe(true);
    }
  });

  it("featureCols reads the model's features from other columns of the validation rows", async () => {
    const renamed = validationRows.map((r) => [r[0], r[1], r[2], r[4]]);
    const judge = async (filter: api.BinaryClassModelFilterStreamOp, data: api.StreamOperator) => {
      await filter.setLabelCol("label").setNumEvalSamples(800).linkFrom(modelStream([[goodModel(), 200]]), data).collect();
      return filter.getDecisions()[0];
    };
    const viaModel = await judge(new api.BinaryClassModelFilterStreamOp(), validation());
    const viaParam = await judge(
      new api.BinaryClassModelFilterStreamOp().setFeatureCols(["a", "b"]),
      new api.MemSourceStreamOp(renamed, "a double, b double, label int, ts double").setTimeCol("ts"),
    );
    expect(viaParam).toEqual(viaModel);
  });

  it("evalMode FOLLOWING: judges a model on the next numEvalSamples rows and passes it on when the last arrives (or at the end)", async () => {
    const good = goodModel();
    const filter = new api.BinaryClassModelFilterStreamOp()
      .setLabelCol("label")
      .set("evalMode", "following") // case-insensitive, as Alink's enums
      .setNumEvalSamples(500)
      .linkFrom(modelStream([[good, 100], [good, 290]]), validation());
    expect(filter.getEvalMode()).toBe("FOLLOWING");
    const passed = filter.lazyCollect();
    await api.StreamOperator.execute();
    const [first, last] = filter.getDecisions();
    // Rows at 100.0 … 149.9 (a validation row at the model's own time follows it).
    expect(first).toMatchObject({ modelVersionMs: 100000, samples: 500, evalFrom: 100, evalTo: 149.9, eventTime: 149.9, accepted: true });
    const m = batchMetrics(good, validationRows.slice(1000, 1500));
    expect([first.auc, first.accuracy, first.logLoss]).toEqual([m.getAuc(), m.getAccuracy(), m.getLogLoss()]);
    // The stream ends after 100 rows: judged on those, at the last event time.
    const end = validationRows[2999][4] as number; // 299.90000000000003
    expect(last).toMatchObject({ modelVersionMs: 290000, samples: 100, evalFrom: 290, evalTo: end, eventTime: end, accepted: true });
    expect(versionsOf(passed.getTable())).toEqual([100000, 290000]);
    expect([...new Set(passed.getTimes())]).toEqual([149.9, end]);
  });

  it("rejects a model that arrives before any validation row, and one whose table is not a binary linear model", async () => {
    const late = new api.MemSourceStreamOp(rows(200, 3, 10), SCHEMA).setTimeCol("ts");
    const good = goodModel().getOutputTable();
    const broken = api.toModelStreamRows(good, 15000).toRows().map((r) => (r[2] === 0 ? [...r.slice(0, 3), "{not json", r[4]] : r));
    const streamRows = [...api.toModelStreamRows(good, 5000).toRows(), ...broken];
    const filter = new api.BinaryClassModelFilterStreamOp()
      .setLabelCol("label")
      .linkFrom(new api.MemSourceStreamOp(streamRows, MODEL_STREAM_SCHEMA).setTimeCol("alinkmodelstreamtimestamp"), late);
    const report = filter.getSideOutput(0).lazyCollect();
    await api.StreamOperator.execute();
    const [early, invalid] = filter.getDecisions();
    expect(early).toMatchObject({ accepted: false, failed: "no validation rows", samples: 0, evalFrom: null });
    expect(Number.isNaN(early.auc)).toBe(true);
    expect(invalid.accepted).toBe(false);
    expect(invalid.failed).toMatch(/^invalid model: .*meta row \(model_id 0\) is not JSON/);
    expect(report.getRows()[0].slice(4, 8)).toEqual([0, null, null, null]);
  });

  it("is deterministic and keeps its window bounded (numEvalSamples = 1 judges on the latest row only)", async () => {
    const run = async () => {
      const filter = new api.BinaryClassModelFilterStreamOp().setLabelCol("label").setNumEvalSamples(1).setAucThreshold(0).setAccuracyThreshold(0);
      filter.linkFrom(modelStream([[goodModel(), 100.05]]), validation());
      const report = await filter.getSideOutput(0).collect();
      return { report, decisions: filter.getDecisions() };
    };
    const a = await run();
    expect(a.decisions[0]).toMatchObject({ samples: 1, evalFrom: 100, evalTo: 100 });
    // One row holds one class: the AUC is undefined and fails even a threshold of 0.
    expect(a.decisions[0].failed).toBe("auc<0");
    expect((await run()).report).toEqual(a.report);
  });
});

describe("model filter errors", () => {
  const filter = () => new api.BinaryClassModelFilterStreamOp().setLabelCol("label");
  const models = () => modelStream([[goodModel(), 100]]);

  it("rejects thresholds out of range when they are set", () => {
    expectError(() => filter().setAucThreshold(1.5), 'BinaryClassModelFilterStreamOp.setAucThreshold: "aucThreshold" must be a number ≥ 0 and ≤ 1; got 1.5.');
    expectError(() => filter().setAccuracyThreshold(-0.1), /"accuracyThreshold" must be a number ≥ 0 and ≤ 1; got -0.1/);
    expectError(() => filter().setLogLossThreshold(0), /"logLossThreshold" must be a number > 0; got 0/);
    expectError(() => filter().set("logLoss", -1), /"logLossThreshold" must be a number > 0/);
    expectError(() => filter().setNumEvalSamples(0), /"numEvalSamples" must be an integer ≥ 1; got 0/);
    expectError(() => filter().setEvalMode("LATER" as never), /"evalMode" must be one of PRECEDING, FOLLOWING/);
  });

  it("rejects a model stream of the wrong schema, swapped inputs and missing columns at link time", () => {
    expectError(
      () => filter().linkFrom(new api.MemSourceStreamOp([[1, "x"]], "a int, b string"), validation()),
      /the model-stream input must start with columns alinkmodelstreamtimestamp TIMESTAMP, alinkmodelstreamcount BIGINT/,
    );
    expectError(
      () => filter().linkFrom(new api.MemSourceStreamOp([[new Date(0), 1, 1.5]], "alinkmodelstreamtimestamp timestamp, alinkmodelstreamcount bigint, w double"), validation()),
      "BinaryClassModelFilterStreamOp: the model stream carries model tables of schema w DOUBLE; a binary-class linear model stream " +
        "(model_id BIGINT, model_info STRING, label_value <label type>, as FtrlTrainStreamOp emits) is expected.",
    );
    expectError(() => filter().linkFrom(validation(), models()), /the inputs look swapped; link the model stream first: linkFrom\(modelStream, validationData\)/);
    expectError(() => filter().setLabelCol("click").linkFrom(models(), validation()), /BinaryClassModelFilterStreamOp: column "click" \(parameter "labelCol"\) is not in the input/);
    expectError(() => filter().setVectorCol("vec").setFeatureCols(["f0", "f1"]).linkFrom(models(), validation()), /set either vectorCol or featureCols, not both/);
    expectError(() => filter().setVectorCol("f0").linkFrom(models(), validation()), /vectorCol "f0" is DOUBLE; expected a vector/);
    expectError(() => filter().setFeatureCols(["vec"]).linkFrom(models(), validation()), /feature column "vec" is VECTOR; featureCols must be numeric/);
  });

  it("fails on validation rows without a label, or with a label the model does not know, naming the row", async () => {
    const unlabelled = validationRows.slice(0, 10).map((r, i) => (i === 3 ? [r[0], r[1], null, r[3], r[4]] : r));
    filter().linkFrom(models(), new api.MemSourceStreamOp(unlabelled, SCHEMA).setTimeCol("ts")).lazyCollect();
    await expect(api.StreamOperator.execute()).rejects.toThrow(
      'BinaryClassModelFilterStreamOp: validation row 3 (event time 0.30000000000000004 s) has no label ("label" is null). The filter judges models on labelled rows only; ' +
        "drop unlabelled rows before the validation input (Alink silently skips them).",
    );
    const other = validationRows.slice(0, 10).map((r, i) => (i === 5 ? [r[0], r[1], 2, r[3], r[4]] : r));
    filter().linkFrom(modelStream([[goodModel(), 5]]), new api.MemSourceStreamOp(other, SCHEMA).setTimeCol("ts")).lazyCollect();
    await expect(api.StreamOperator.execute()).rejects.toThrow(/validation row 5 \(event time 0\.5 s\) has label "2" in "label", but the model's labels are "1" \(positive\) and "0"/);
  });

  it("fails when the validation rows lack the model's features, or featureCols does not match the model", async () => {
    const noF1 = validationRows.slice(0, 10).map((r) => [r[0], r[2], r[4]]);
    filter().linkFrom(modelStream([[goodModel(), 0.55]]), new api.MemSourceStreamOp(noF1, "f0 double, label int, ts double").setTimeCol("ts")).lazyCollect();
    await expect(api.StreamOperator.execute()).rejects.toThrow(/column "f1" is not in the input/);
    filter().setFeatureCols(["f0"]).linkFrom(models(), validation()).lazyCollect();
    await expect(api.StreamOperator.execute()).rejects.toThrow("BinaryClassModelFilterStreamOp: featureCols names 1 columns but the model has 2 features.");
  });
});

// ----------------------------------------------------------------- FTRL: trainer → filter → predictor

describe("FtrlModelFilterStreamOp between FtrlTrainStreamOp and a predictor", () => {
  /**
   * The trainer learns from `logged_click`, which a broken logging job flips for a stretch of the
   * stream; validation and test rows are judged by the true `click`.
   */
  function scenario() {
    const options = { rows: 24000, seed: 3, rowsPerSecond: 2 };
    const schema = api.Schema.parse(api.CTR_SCHEMA_STR + ", logged_click int");
    const parse = (csv: string) => csv.trim().split("\n").slice(1).map((l) => l.split(",").map((v, i) => (schema.types[i] === "STRING" ? v : Number(v))));
    const truth = parse(api.generateCtr(options).csv);
    const logged = parse(api.generateCtr({ ...options, corruptLabels: [[0.55, 0.75]] }).csv);
    const all = truth.map((r, i) => [...r, logged[i][1]]);
    const schemaStr = api.CTR_SCHEMA_STR + ", logged_click int";
    const history = new api.MemSourceBatchOp(all.slice(0, 6000), schemaStr);
    const features = new api.Pipeline()
      .add(new api.StandardScaler().setSelectedCols([...api.CTR_NUMERIC_COLS]))
      .add(new api.FeatureHasher().setSelectedCols([...api.CTR_CATEGORICAL_COLS, ...api.CTR_NUMERIC_COLS]).setCategoricalCols([...api.CTR_CATEGORICAL_COLS]).setOutputCol("vec").setNumFeatures(1000))
      .fit(history);
    const initModel = new api.LogisticRegressionTrainBatchOp().setVectorCol("vec").setLabelCol("click").setMaxIter(10).linkFrom(features.transform(history));
    const split = new api.SplitStreamOp(0.5).linkFrom(new api.MemSourceStreamOp(all.slice(6000), schemaStr).setTimeCol("ts"));
    const heldOut = new api.SplitStreamOp(0.5).setRandomSeed(1).linkFrom(split.getSideOutput(0));
    const models = new api.FtrlTrainStreamOp(initModel)
      .setVectorCol("vec").setLabelCol("logged_click").setVectorSize(1000)
      .setAlpha(0.5).setBeta(1).setL1(0.001).setL2(0.001).setTimeInterval(600)
      .linkFrom(features.transform(split));
    const filter = new api.FtrlModelFilterStreamOp()
      .setLabelCol("click").setPositiveLabelValueString("1")
      .setAucThreshold(0.55).setAccuracyThreshold(0.7).setNumEvalSamples(1000)
      .linkFrom(models, features.transform(heldOut));
    const test = features.transform(heldOut.getSideOutput(0));
    const predictor = (modelStream: api.StreamOperator) =>
      new api.FtrlPredictStreamOp(initModel).setVectorCol("vec").setPredictionCol("pred").setPredictionDetailCol("detail").setReservedCols(["click", "ts"]).linkFrom(modelStream, test);
    const corruptFrom = all[Math.floor(0.55 * 24000)][24] as number;
    const corruptTo = all[Math.floor(0.75 * 24000)][24] as number;
    return { initModel, models, filter, test, predictor, corruptFrom, corruptTo };
  }

  it("rejects the models trained on corrupted labels; the predictor behind it never serves a rejected version", async () => {
    const { initModel, models, filter, test, predictor, corruptFrom, corruptTo } = scenario();
    const filtered = predictor(filter).lazyCollect();
    const unfiltered = predictor(models).lazyCollect();
    // Any model-stream predictor takes the filtered stream, e.g. LogisticRegressionPredictStreamOp (data first).
    const lrFiltered = new api.LogisticRegressionPredictStreamOp(initModel).setVectorCol("vec").setPredictionCol("pred").setReservedCols(["ts"]).linkFrom(test, filter).lazyCollect();
    const report = filter.getSideOutput(0).lazyCollect();
    await api.StreamOperator.execute();

    const decisions = filter.getDecisions();
    expect(decisions.length).toBeGreaterThan(15);
    const rejected = decisions.filter((d) => !d.accepted);
    const accepted = decisions.filter((d) => d.accepted);
    // Every model emitted during the corruption (after its first 10 minutes) is rejected, for its accuracy.
    const duringCorruption = decisions.filter((d) => d.eventTime > corruptFrom + 600 && d.eventTime <= corruptTo);
    expect(duringCorruption.length).toBeGreaterThanOrEqual(4);
    for (const d of duringCorruption) {
      expect(d.accepted).toBe(false);
      expect(d.failed).toContain("accuracy<0.7");
    }
    // Before the corruption, FTRL's models pass (after its first two start-up steps).
    expect(decisions.filter((d) => d.eventTime < corruptFrom && d.eventTime > decisions[1].eventTime).every((d) => d.accepted)).toBe(true);
    expect(report.getRows().filter((r) => r[11] === false).length).toBe(rejected.length);

    // The version column: only accepted versions (or the initial model), each from its verdict time on.
    const acceptedAt = accepted.map((d) => ({ version: d.modelVersionMs, at: d.eventTime }));
    const rejectedVersions = new Set(rejected.map((d) => d.modelVersionMs));
    const check = (rowsOut: api.Row[], tsIndex: number, versionIndex: number) => {
      for (const r of rowsOut) {
        const version = r[versionIndex] === null ? null : (r[versionIndex] as Date).getTime();
        if (version !== null) expect(rejectedVersions.has(version)).toBe(false);
        const current = acceptedAt.filter((a) => a.at <= (r[tsIndex] as number)).pop();
        expect(version).toBe(current?.version ?? null);
      }
    };
    check(filtered.getRows(), 1, 4);
    check(lrFiltered.getRows(), 0, 2);
    // The unfiltered predictor does serve the rejected versions.
    const servedUnfiltered = new Set(unfiltered.getRows().map((r) => (r[4] === null ? null : (r[4] as Date).getTime())));
    for (const d of duringCorruption) expect(servedUnfiltered.has(d.modelVersionMs)).toBe(true);

    // During the corruption the filtered predictor keeps its AUC; the unfiltered one drops.
    const auc = (collection: api.StreamCollection) => {
      const during = collection.getRows().filter((r) => (r[1] as number) > corruptFrom + 1200 && (r[1] as number) <= corruptTo + 1800);
      const data = new api.MemSourceBatchOp(during.map((r) => [r[0], r[3]]), "click int, detail string");
      return new api.EvalBinaryClassBatchOp().setLabelCol("click").setPredictionDetailCol("detail").linkFrom(data).collectMetrics().getAuc();
    };
    expect(auc(filtered)).toBeGreaterThan(auc(unfiltered) + 0.03);
  }, 60_000);
});

// Alink's documented example FtrlModelFilterStreamOp__1 is run by test/contract/alinkDocs.test.ts (the one runner of the doc fixtures).
