/**
 * Packed PipelineModel interop with REAL Alink (1.6.0 from Maven Central, run by
 * scripts/alink-interop.js): Alink's PipelineModel.load + transform of (1) the pipeline model
 * Alink 1.6.0 wrote (fixture), (2) a pipeline fitted and saved by streamlab, (3) the fixture as
 * streamlab re-saves it — each compared with streamlab's transform of the same table: scaled
 * columns, one-hot and assembled vectors, predictions and detail texts. All Alink work runs in ONE
 * JVM (beforeAll), as in alinkAk.test.ts.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FeatureHasher, LogisticRegression, LogisticRegressionModel, MemSourceBatchOp, MinMaxScaler, OneHotEncoder, Pipeline, PipelineModel, StandardScaler, VectorAssembler } from "../../src";
import { alinkBatch } from "../../scripts/alink-interop";
import type { AlinkResult } from "../../scripts/alink-interop";
import { ALINK_AVAILABLE as AVAILABLE, ALINK_UNAVAILABLE_REASON as REASON, describeAlinkAvailability, normSchema, plain, alinkResult } from "./alinkSuite";

describeAlinkAvailability("real Alink harness (packed pipeline models)");

const FIXTURE = path.resolve(__dirname, "..", "fixtures", "alink", "written-by-alink", "alink-1.6.0", "pipeline_model.ak");
const SCHEMA = "C15 int, C16 int, C18 int, site_category string, device_type string, click int";
// Tokens the fixture knows, unseen ones ("28905ebd", device_type "9") and repeated rows.
const ROWS = [
  [320, 50, 0, "f862ef61", "1", 0],
  [300, 250, 3, "50e219e0", "0", 1],
  [216, 36, 2, "28905ebd", "4", 0],
  [480, 90, 1, "a3088e46", "9", 1],
  [15, 0, 0, "c9d01d22", "5", 0],
  [1000, 1000, 7, "f862ef61", "1", 1],
];
const input = () => new MemSourceBatchOp(ROWS, SCHEMA);

/** streamlab's side of a comparison: schema and rows as the harness prints Alink's. */
function streamlab(model: PipelineModel): { schema: string; rows: unknown[][] } {
  const out = model.transform(input());
  return { schema: out.getSchema().toString(), rows: plain(out.collect()) };
}

describe.skipIf(!AVAILABLE)(AVAILABLE ? "real Alink ↔ streamlab packed pipeline models" : `real Alink ↔ streamlab packed pipeline models (SKIPPED: ${REASON})`, () => {
  let dir: string;
  const alink: Record<string, AlinkResult> = {};
  let fitted: PipelineModel;
  let hashed: PipelineModel;

  const result = (key: string): AlinkResult => alinkResult(alink, key);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "streamlab-alink-pipe-"));
    const train = new MemSourceBatchOp(
      Array.from({ length: 60 }, (_, i) => [100 + ((i * 37) % 50), (i * 11) % 7, i % 3, ["a", "b", "c", "d"][i % 4], String(i % 3), (i * 7) % 5 < 2 ? 1 : 0]),
      SCHEMA,
    );
    fitted = new Pipeline(
      new StandardScaler().setSelectedCols(["C15", "C16", "C18"]),
      new OneHotEncoder().setSelectedCols(["site_category", "device_type"]).setOutputCols(["oh"]),
      new VectorAssembler().setSelectedCols(["C15", "C16", "C18", "oh"]).setOutputCol("features"),
      new LogisticRegression().setVectorCol("features").setLabelCol("click").setMaxIter(20).setPredictionCol("pred").setPredictionDetailCol("details"),
    ).fit(train);
    hashed = new Pipeline(
      new MinMaxScaler().setSelectedCols(["C15", "C16"]).setMin(-1).setMax(2.5),
      new FeatureHasher().setSelectedCols(["C15", "C16", "site_category", "device_type", "C18"]).setCategoricalCols(["C18"]).setNumFeatures(64).setOutputCol("hv"),
      new LogisticRegression().setVectorCol("hv").setLabelCol("click").setL2(0.01).setPredictionCol("p").setPredictionDetailCol("d"),
    ).fit(train);
    fitted.save(path.join(dir, "streamlab.ak"));
    hashed.save(path.join(dir, "hashed.ak"));
    PipelineModel.load(FIXTURE).save(path.join(dir, "resaved.ak"));
    // A pipeline following a folder, with a stage following its own (Alink's FilePath JSON in both places).
    const stages = fitted.getStages();
    const lr = (stages[3] as LogisticRegressionModel).withModelData((stages[3] as LogisticRegressionModel).getModelData()).setModelStreamFilePath(path.join(dir, "lr-stream"));
    new PipelineModel(...stages.slice(0, 3), lr)
      .setModelStreamFilePath(path.join(dir, "pipeline-stream"))
      .setModelStreamScanInterval(2)
      .setModelStreamStartTime("2024-01-01 00:00:00")
      .save(path.join(dir, "following.ak"));
    fitted.save(path.join(dir, "three-files"), false, 3);
    const keys = ["fixture", "streamlab", "resaved", "hashed", "following", "threeFiles"];
    const paths = [FIXTURE, path.join(dir, "streamlab.ak"), path.join(dir, "resaved.ak"), path.join(dir, "hashed.ak"), path.join(dir, "following.ak"), path.join(dir, "three-files")];
    const results = await alinkBatch(
      [
        ...paths.map((modelPath) => ({ op: "pipelineTransform" as const, modelPath, rows: ROWS, schemaStr: SCHEMA })),
        { op: "pipelineFollow" as const, modelPath: FIXTURE, outPath: path.join(dir, "alink-following.ak"), modelStreamFilePath: path.join(dir, "alink-stream"), scanInterval: 3, startTime: "2021-06-10 19:39:41" },
      ],
      { timeoutMs: 240_000 },
    );
    [...keys, "alinkFollow"].forEach((k, i) => (alink[k] = results[i]));
  }, 300_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("Alink's own pipeline model (1.6.0 fixture): streamlab transforms every row exactly as Alink", () => {
    const a = result("fixture");
    const s = streamlab(PipelineModel.load(FIXTURE));
    expect(s.schema).toBe(normSchema(a.schema!));
    expect(s.rows).toEqual(a.rows);
  });

  it("Alink loads a pipeline fitted and saved by streamlab and transforms exactly as streamlab", () => {
    const a = result("streamlab");
    const s = streamlab(fitted);
    expect(s.schema).toBe(normSchema(a.schema!));
    expect(s.rows).toEqual(a.rows);
  });

  it("Alink loads a streamlab-saved MinMaxScaler + FeatureHasher + LogisticRegression (double params, no-model stage between models)", () => {
    const a = result("hashed");
    const s = streamlab(hashed);
    expect(s.schema).toBe(normSchema(a.schema!));
    expect(s.rows).toEqual(a.rows);
  });

  it("model-stream settings travel both ways: Alink loads streamlab's following pipeline, streamlab reads Alink's settings", () => {
    // Alink's batch transform ignores the folders (errata E22); streamlab's finds none committed: both serve the saved models.
    const a = result("following");
    expect(a.rows).toEqual(streamlab(fitted).rows);
    result("alinkFollow");
    const loaded = PipelineModel.load(path.join(dir, "alink-following.ak"));
    expect([loaded.getModelStreamFilePath(), loaded.getModelStreamScanInterval(), loaded.getModelStreamStartTime()]).toEqual([path.join(dir, "alink-stream"), 3, "2021-06-10 19:39:41"]);
    expect(streamlab(loaded).rows).toEqual(result("fixture").rows);
    const ours = PipelineModel.load(path.join(dir, "following.ak"));
    expect((ours.getStages()[3] as LogisticRegressionModel).getModelStreamFilePath()).toBe(path.join(dir, "lr-stream"));
  });

  it("save(path, overwrite, numFiles = 3) writes a folder of three .ak files that Alink and streamlab load to the same model", () => {
    expect(fs.readdirSync(path.join(dir, "three-files")).sort()).toEqual(["1", "2", "3"]);
    expect(result("threeFiles").rows).toEqual(streamlab(fitted).rows);
    expect(streamlab(PipelineModel.load(path.join(dir, "three-files"))).rows).toEqual(streamlab(fitted).rows);
  });

  it("Alink loads the fixture as streamlab re-saves it, with the same results as the original", () => {
    expect(result("resaved").rows).toEqual(result("fixture").rows);
    expect(result("resaved").schema).toBe(result("fixture").schema);
  });
});
