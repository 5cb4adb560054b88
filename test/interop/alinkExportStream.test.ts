/**
 * exportAlink, the stream half (issue 16, item 3): the tutorial stream graph — CSV stream → split →
 * feature hashing → FTRL train → FTRL predict, LR predict with the initial model, model filter,
 * stream evaluation, `.ak` and model-stream sinks — is exported and RUN on real Alink 1.6.0 (local
 * Flink mini-cluster, parallelism 1); the generated main stops the never-ending FTRL job once the
 * CSV is read and the outputs are quiet. Then, against streamlab on the same rows:
 *
 * - exactly: every source row reaches one side of Alink's split (its split is seeded with the wall
 *   clock, so which side is Alink's choice) and each row's hashed vector is streamlab's; LR predictions
 *   with the fixed initial model are streamlab's, row by row (probabilities to Java's/V8's exp ulp);
 * - FTRL: Alink trains only full mini-batches, and a batch arriving while the previous gradient is
 *   still in the feedback loop is merged into the next one (timing-dependent). With miniBatchSize
 *   9000 and ~10 000 training rows there is exactly one full batch, so Alink's last model must equal
 *   streamlab's FTRL after the same 9000 rows in the same order (to 1e-12); streamlab reads it from the
 *   model-stream folder Alink wrote. Every FTRL prediction was made with one of the two models that
 *   then exist (initial or trained) and equals streamlab's prediction with that model;
 * - a second FTRL with miniBatchSize 512 (realistic: merged batches) is compared by AUC on the held-out
 *   rows, within 0.01 of streamlab's FTRL on the same rows;
 * - evaluation: Alink's windows are processing time, so only the cumulative (`all`) row after the last
 *   window is comparable: its counts, AUC, log loss and accuracy equal streamlab's binned evaluation
 *   of the same predictions;
 * - the model filter: every model it passes is one Alink's FTRL emitted (which ones is timing).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AkSinkStreamOp,
  AkSourceBatchOp,
  CTR_SCHEMA_STR,
  CsvSourceBatchOp,
  CsvSourceStreamOp,
  EvalBinaryClassBatchOp,
  EvalBinaryClassStreamOp,
  FeatureHasherBatchOp,
  FeatureHasherStreamOp,
  FtrlModelFilterStreamOp,
  FtrlPredictStreamOp,
  FtrlTrainStreamOp,
  LatestModelStreamFileSourceBatchOp,
  LogisticRegressionPredictBatchOp,
  LogisticRegressionPredictStreamOp,
  LogisticRegressionTrainBatchOp,
  ModelStreamFileSinkStreamOp,
  SplitStreamOp,
  StandardScalerPredictBatchOp,
  StandardScalerPredictStreamOp,
  StandardScalerTrainBatchOp,
  StreamOperator,
  Table,
  TableSourceBatchOp,
  TableSourceStreamOp,
  exportAlink,
} from "../../src";
import { takeStreamSinks } from "../../src/stream/environment";
import { runAlinkJavaFile } from "../../scripts/alink-interop";
import { ALINK_AVAILABLE as AVAILABLE, ALINK_UNAVAILABLE_REASON as REASON, describeAlinkAvailability, expectRowsLikeAlink, plain } from "./alinkSuite";
import { ROOT } from "../helpers";

describeAlinkAvailability("real Alink harness (exported stream job)");

const TRAIN = path.join(ROOT, "datasets", "ctr_train.csv");
const STREAM = path.join(ROOT, "datasets", "ctr_stream.csv");
const NUMERIC = ["C14", "C15", "C16", "C17", "C18", "C19", "C20", "C21"];
const HASH_COLS = ["C1", "banner_pos", "site_category", "app_category", "device_type", "device_conn_type", ...NUMERIC];
const FEATURES = 1000;
const EXACT_BATCH = 9000;
const LIVE_BATCH = 512;
const FTRL = { alpha: 0.5, beta: 1, l1: 0.001, l2: 0.001 };

/** The tutorial's features: numeric columns standardised (streamlab's scaler model), then everything hashed. */
const features = (scaler: Table, from: StreamOperator) =>
  new FeatureHasherStreamOp().setSelectedCols(HASH_COLS).setCategoricalCols(HASH_COLS.slice(0, 6)).setOutputCol("vec").setNumFeatures(FEATURES)
    .linkFrom(new StandardScalerPredictStreamOp(scaler).linkFrom(from));
const batchFeatures = (scaler: Table, from: CsvSourceBatchOp) =>
  new FeatureHasherBatchOp().setSelectedCols(HASH_COLS).setCategoricalCols(HASH_COLS.slice(0, 6)).setOutputCol("vec").setNumFeatures(FEATURES)
    .linkFrom(new StandardScalerPredictBatchOp().linkFrom(new TableSourceBatchOp(scaler), from));

/** The coefficients of a linear model table (rows model_id, model_info, label_value), read by hand from its JSON. */
function coefficients(rows: readonly (readonly unknown[])[]): number[] {
  const data = rows.find((r) => Number(r[0]) === 1048576);
  expect(data, "the model's data row (model_id 1048576)").toBeDefined();
  return (JSON.parse(data![1] as string) as { coefVector: { data: number[] } }).coefVector.data;
}

function maxRelDiff(a: readonly number[], b: readonly number[]): number {
  expect(a.length).toBe(b.length);
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]) / Math.max(1, Math.abs(b[i]))));
}

/** Positive-class probability of a prediction detail JSON. */
const p1 = (detail: unknown) => Number((JSON.parse(detail as string) as Record<string, string>)["1"]);

describe.skipIf(!AVAILABLE)(AVAILABLE ? "exportAlink: the tutorial stream graph runs on real Alink" : `exportAlink stream (SKIPPED: ${REASON})`, () => {
  let dir: string;
  let out: string;
  let stdout = "";
  let initTable: Table;
  let scalerTable: Table;
  let modelSchema: readonly string[];
  const alink: Record<string, { names: readonly string[]; rows: unknown[][] }> = {};
  const read = (name: string) => {
    const op = new AkSourceBatchOp().setFilePath(path.join(out, name));
    return { names: op.getSchema().names, rows: op.collect() as unknown[][] };
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "streamlab-export-stream-"));
    out = path.join(dir, "job");
    // The initial model is streamlab's (an exported table), so both sides start from the same coefficients.
    const history = new CsvSourceBatchOp().setFilePath(TRAIN).setSchemaStr(CTR_SCHEMA_STR).setIgnoreFirstLine(true);
    scalerTable = new StandardScalerTrainBatchOp().setSelectedCols(NUMERIC).linkFrom(history).getOutputTable();
    const hashedHistory = batchFeatures(scalerTable, history);
    initTable = new LogisticRegressionTrainBatchOp().setVectorCol("vec").setLabelCol("click").setMaxIter(10).linkFrom(hashedHistory).getOutputTable();
    modelSchema = initTable.schema.names;

    const source = new CsvSourceStreamOp().setFilePath(STREAM).setSchemaStr(CTR_SCHEMA_STR).setIgnoreFirstLine(true).setTimeCol("ts");
    const split = new SplitStreamOp().setFraction(0.5).linkFrom(source);
    const train = features(scalerTable, split);
    const test = features(scalerTable, split.getSideOutput(0));
    const trainer = (batch: number) =>
      new FtrlTrainStreamOp(initTable).setVectorCol("vec").setLabelCol("click").setVectorSize(FEATURES).setMiniBatchSize(batch).setTimeInterval(1)
        .setAlpha(FTRL.alpha).setBeta(FTRL.beta).setL1(FTRL.l1).setL2(FTRL.l2).linkFrom(train);
    const models = trainer(EXACT_BATCH);
    const liveModels = trainer(LIVE_BATCH);
    const ftrlPred = new FtrlPredictStreamOp(initTable).setVectorCol("vec").setPredictionCol("pred").setPredictionDetailCol("details").setReservedCols(["id", "click"]).linkFrom(models, test);
    const lrPred = new LogisticRegressionPredictStreamOp(initTable).setVectorCol("vec").setPredictionCol("pred").setPredictionDetailCol("details").setReservedCols(["id", "click"]).linkFrom(test);
    const evaluate = (predictions: StreamOperator) =>
      new EvalBinaryClassStreamOp().setLabelCol("click").setPositiveLabelValueString("1").setPredictionDetailCol("details").setTimeInterval(1).linkFrom(predictions);
    const filtered = new FtrlModelFilterStreamOp().setLabelCol("click").setPositiveLabelValueString("1").setAucThreshold(0.5).setAccuracyThreshold(0.5).linkFrom(models, test);
    const ak = (name: string, from: Parameters<AkSinkStreamOp["linkFrom"]>[0]) => new AkSinkStreamOp().setFilePath(path.join(out, name)).setOverwriteSink(true).linkFrom(from);
    const sinks = [
      ak("train.ak", train),
      ak("test.ak", test),
      ak("ftrl_pred.ak", ftrlPred),
      ak("lr_pred.ak", lrPred),
      ak("eval.ak", evaluate(lrPred)),
      ak("eval_ftrl.ak", evaluate(ftrlPred)),
      ak("filtered.ak", filtered),
      new ModelStreamFileSinkStreamOp().setFilePath(path.join(out, "models")).linkFrom(models),
      new ModelStreamFileSinkStreamOp().setFilePath(path.join(out, "live_models")).linkFrom(liveModels),
    ];
    const report = exportAlink(out, sinks);
    // The graph was built for Alink: its sinks must not run in streamlab's next stream run (they would overwrite Alink's files).
    takeStreamSinks();
    expect(report.dropped).toContainEqual({ operator: "CsvSourceStreamOp", params: ["timeCol"] });
    ({ stdout } = await runAlinkJavaFile(report.javaFile, report.className, ["--parallelism", "1", "--max-seconds", "240"], { timeoutMs: 300_000 }));
    console.log(stdout.split("\n").filter((l) => l.startsWith("[streamlab]")).join("\n"));
    for (const name of ["train.ak", "test.ak", "ftrl_pred.ak", "lr_pred.ak", "eval.ak", "eval_ftrl.ak", "filtered.ak"]) alink[name] = read(name);
  }, 400_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("the generated main stops the job itself once the CSV is read and the outputs are quiet", () => {
    expect(stdout).toMatch(/\[streamlab\] stopped: sources read to their end/);
    expect(fs.readFileSync(path.join(out, "README.md"), "utf8")).toContain("--max-seconds");
  });

  it("split, scaling and hashing: every source row on exactly one side, scaled and hashed exactly as streamlab does it", () => {
    const sourceRows = new CsvSourceBatchOp().setFilePath(STREAM).setSchemaStr(CTR_SCHEMA_STR).setIgnoreFirstLine(true);
    const hashed = batchFeatures(scalerTable, sourceRows);
    const names = hashed.getSchema().names;
    const mine = new Map(plain(hashed.collect()).map((r) => [r[0], r]));
    const { rows: trainRows } = alink["train.ak"];
    const { rows: testRows } = alink["test.ak"];
    expect(alink["train.ak"].names).toEqual(names);
    expect(trainRows.length + testRows.length).toBe(mine.size);
    const seen = new Set<unknown>();
    for (const row of plain([...trainRows, ...testRows])) {
      expect(seen.has(row[0]), `row id ${row[0]} on both sides`).toBe(false);
      seen.add(row[0]);
      expect(row).toEqual(mine.get(row[0]));
    }
    // parallelism 1: each side keeps the file's order
    const order = new Map([...mine.keys()].map((id, i) => [id, i]));
    for (const rows of [trainRows, testRows]) rows.forEach((r, i) => i > 0 && expect(order.get(r[0])! > order.get(rows[i - 1][0])!).toBe(true));
    expect(trainRows.length).toBeGreaterThan(EXACT_BATCH); // one full FTRL batch on Alink's side (~10 000 ± 71)
  });

  it("LR predict with the fixed initial model: every prediction equals streamlab's", () => {
    const test = new TableSourceBatchOp(Table.fromRows(alink["test.ak"].rows, new AkSourceBatchOp().setFilePath(path.join(out, "test.ak")).getSchema()));
    const mine = new LogisticRegressionPredictBatchOp().setVectorCol("vec").setPredictionCol("pred").setPredictionDetailCol("details").setReservedCols(["id", "click"]).linkFrom(new TableSourceBatchOp(initTable), test);
    expect(alink["lr_pred.ak"].names).toEqual(mine.getSchema().names);
    expectRowsLikeAlink(plain(mine.collect()), plain(alink["lr_pred.ak"].rows), [mine.getSchema().names.indexOf("details")]);
  });

  it("FTRL (one full mini-batch): Alink's last model, read by streamlab from Alink's model-stream folder, is streamlab's after the same rows", async () => {
    const first = alink["train.ak"].rows.slice(0, EXACT_BATCH);
    const schema = new AkSourceBatchOp().setFilePath(path.join(out, "train.ak")).getSchema();
    const stream = new TableSourceStreamOp(Table.fromRows(first, schema)).setTimePerSample(1);
    const models = await new FtrlTrainStreamOp(initTable).setVectorCol("vec").setLabelCol("click").setVectorSize(FEATURES).setMiniBatchSize(EXACT_BATCH).setTimeInterval(1_000_000)
      .setAlpha(FTRL.alpha).setBeta(FTRL.beta).setL1(FTRL.l1).setL2(FTRL.l2).linkFrom(stream).collectTable();
    const all = models.toRows();
    const lastTime = (all[all.length - 1][0] as Date).getTime();
    const mine = coefficients(all.filter((r) => (r[0] as Date).getTime() === lastTime).map((r) => r.slice(2)));
    const latest = new LatestModelStreamFileSourceBatchOp().setFilePath(path.join(out, "models"));
    expect(latest.getSchema().names).toEqual(modelSchema);
    const theirs = coefficients(latest.collect());
    expect(maxRelDiff(theirs, mine)).toBeLessThan(1e-12);
    expect(maxRelDiff(theirs, coefficients(initTable.toRows()))).toBeGreaterThan(1e-3); // it did train
  });

  it("FTRL predict: each prediction was made with the initial or the trained model, exactly as streamlab predicts with it", () => {
    const test = new TableSourceBatchOp(Table.fromRows(alink["test.ak"].rows, new AkSourceBatchOp().setFilePath(path.join(out, "test.ak")).getSchema()));
    const predictWith = (model: BatchOperatorLike) =>
      new LogisticRegressionPredictBatchOp().setVectorCol("vec").setPredictionCol("pred").setPredictionDetailCol("details").setReservedCols(["id", "click"]).linkFrom(model, test).collect();
    const withInit = predictWith(new TableSourceBatchOp(initTable));
    const withTrained = predictWith(new LatestModelStreamFileSourceBatchOp().setFilePath(path.join(out, "models")));
    const d = alink["ftrl_pred.ak"].names.indexOf("details");
    const theirs = alink["ftrl_pred.ak"].rows;
    expect(theirs.length).toBe(withInit.length);
    let init = 0;
    let trained = 0;
    theirs.forEach((row, i) => {
      expect(row[0]).toEqual(withInit[i][0]);
      const close = (mine: unknown[]) => row[d - 1] === mine[d - 1] && Math.abs(p1(row[d]) - p1(mine[d])) <= 1e-15;
      if (close(withInit[i])) init++;
      else if (close(withTrained[i])) trained++;
      else expect.fail(`row ${i}: Alink's ${row[d]} is neither the initial model's ${withInit[i][d]} nor the trained model's ${withTrained[i][d]}`);
    });
    console.log(`[alink stream export] FTRL predictions: ${init} with the initial model, ${trained} with the trained one`);
  });

  it("FTRL with merged mini-batches (512): test AUC of Alink's last model within 0.01 of streamlab's", async () => {
    const schema = new AkSourceBatchOp().setFilePath(path.join(out, "train.ak")).getSchema();
    const stream = new TableSourceStreamOp(Table.fromRows(alink["train.ak"].rows, schema)).setTimePerSample(1);
    const models = (await new FtrlTrainStreamOp(initTable).setVectorCol("vec").setLabelCol("click").setVectorSize(FEATURES).setMiniBatchSize(LIVE_BATCH).setTimeInterval(1_000_000)
      .setAlpha(FTRL.alpha).setBeta(FTRL.beta).setL1(FTRL.l1).setL2(FTRL.l2).linkFrom(stream).collectTable()).toRows();
    const lastTime = (models[models.length - 1][0] as Date).getTime();
    const mineTable = Table.fromRows(models.filter((r) => (r[0] as Date).getTime() === lastTime).map((r) => r.slice(2)), initTable.schema);
    const testSchema = new AkSourceBatchOp().setFilePath(path.join(out, "test.ak")).getSchema();
    const auc = (model: TableSourceBatchOp | LatestModelStreamFileSourceBatchOp) =>
      new EvalBinaryClassBatchOp().setLabelCol("click").setPositiveLabelValueString("1").setPredictionDetailCol("details")
        .linkFrom(new LogisticRegressionPredictBatchOp().setVectorCol("vec").setPredictionCol("pred").setPredictionDetailCol("details").linkFrom(model, new TableSourceBatchOp(Table.fromRows(alink["test.ak"].rows, testSchema))))
        .collectMetrics().getAuc();
    const ours = auc(new TableSourceBatchOp(mineTable));
    const theirs = auc(new LatestModelStreamFileSourceBatchOp().setFilePath(path.join(out, "live_models")));
    const initial = auc(new TableSourceBatchOp(initTable));
    console.log(`[alink stream export] test AUC: initial ${initial.toFixed(4)}, Alink FTRL(512) ${theirs.toFixed(4)}, streamlab FTRL(512) ${ours.toFixed(4)}`);
    expect(Math.abs(theirs - ours)).toBeLessThan(0.01);
  });

  /** Alink's `all` row with the most rows, and streamlab's `all` row over the same (first n) predictions in the same order. */
  const cumulative = async (evalFile: string, predFile: string) => {
    const alls = alink[evalFile].rows.filter((r) => r[0] === "all").map((r) => JSON.parse(r[1] as string) as Record<string, string>);
    if (alls.length === 0) return { n: 0, total: alink[predFile].rows.length }; // no window closed at all
    const theirs = alls.reduce((a, b) => (Number(b.TotalSamples) > Number(a.TotalSamples) ? b : a));
    const n = Number(theirs.TotalSamples);
    const predSchema = new AkSourceBatchOp().setFilePath(path.join(out, predFile)).getSchema();
    const stream = new TableSourceStreamOp(Table.fromRows(alink[predFile].rows.slice(0, n), predSchema)).setTimePerSample(0.001);
    const mineRows = await new EvalBinaryClassStreamOp().setLabelCol("click").setPositiveLabelValueString("1").setPredictionDetailCol("details").setTimeInterval(1_000_000).linkFrom(stream).collect();
    const mine = JSON.parse(mineRows.filter((r) => r[0] === "all").pop()![1] as string) as Record<string, string>;
    for (const key of ["TotalSamples", "ActualLabelFrequency", "ConfusionMatrix"]) expect(theirs[key], key).toEqual(mine[key]);
    for (const key of ["AUC", "LogLoss", "Accuracy", "Precision", "Recall", "F1", "K-S", "PRC", "GINI"]) {
      expect(Math.abs(Number(theirs[key]) - Number(mine[key])), `${key}: ${theirs[key]} vs ${mine[key]}`).toBeLessThan(1e-12);
    }
    return { n, total: alink[predFile].rows.length };
  };

  it("evaluation of a finite stream (LR, fixed model): the cumulative metrics equal streamlab's over the rows Alink evaluated", async () => {
    // Alink's last window is never emitted here: when the finite input ends, Flink finishes the window task and drops
    // its pending processing-time timer. So the last `all` row covers a prefix of the predictions (parallelism 1: in order).
    const { n, total } = await cumulative("eval.ak", "lr_pred.ak");
    expect(n).toBeLessThanOrEqual(total); // here ~95 % (the rows of the last second are lost); 0 if the stream fit in one window
    console.log(`[alink stream export] the cumulative evaluation of the LR predictions covers ${n} of ${total} rows`);
  });

  it("evaluation behind the FTRL predictor (never-ending input): the last cumulative row covers every prediction, equal to streamlab's", async () => {
    const { n, total } = await cumulative("eval_ftrl.ak", "ftrl_pred.ak");
    expect(n).toBe(total);
  });

  it("model filter: every model Alink's filter passed is one Alink's FTRL emitted", () => {
    const { names, rows } = alink["filtered.ak"];
    expect(names.slice(2)).toEqual(modelSchema);
    const trained = coefficients(new LatestModelStreamFileSourceBatchOp().setFilePath(path.join(out, "models")).collect());
    const init = coefficients(initTable.toRows());
    const byTime = new Map<number, unknown[][]>();
    for (const r of rows) byTime.set(Number(r[0]), [...(byTime.get(Number(r[0])) ?? []), r.slice(2)]);
    for (const model of byTime.values()) {
      const c = coefficients(model);
      expect(Math.min(maxRelDiff(c, init), maxRelDiff(c, trained))).toBeLessThan(1e-12);
    }
    console.log(`[alink stream export] the filter passed ${byTime.size} model(s)`);
  });
});

type BatchOperatorLike = Parameters<LogisticRegressionPredictBatchOp["linkFrom"]>[0];
