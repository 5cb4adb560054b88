/**
 * Pipeline models that hot-update (issue 14, items 3 and 7): PipelinePredictStreamOp over a linked
 * stream of packed pipeline models, PipelineModel and model stages following folders, in stream and
 * batch form. Truth: the batch transform of each pipeline on its own (a different code path: no
 * swapping, no event time), row by row.
 */
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import {
  AppendModelStreamFileSinkBatchOp,
  BatchOperator,
  LogisticRegression,
  LocalPredictor,
  LogisticRegressionModel,
  MemSourceBatchOp,
  MemSourceStreamOp,
  OneHotEncoder,
  Pipeline,
  PipelineModel,
  PipelinePredictStreamOp,
  StandardScaler,
  StreamOperator,
  TableSourceStreamOp,
  VectorAssembler,
} from "../../src";
import { Table } from "../../src/core/table";
import { toModelStreamRows } from "../../src/io/modelStream/modelStreamRows";
import { expectError, tempDir } from "../helpers";

const SCHEMA = "t double, x double, y double, cat string, label int";

/** Rows where the label follows x (flip = false) or the opposite (flip = true). */
function rows(n: number, seed: number, flip: boolean, t0 = 0): unknown[][] {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const out: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    const x = rnd() * 4 - 2;
    const y = rnd() * 2;
    const cat = ["a", "b", "c"][Math.floor(rnd() * 3)];
    const positive = x + (cat === "a" ? 0.5 : 0) > 0;
    out.push([t0 + i, x, y, cat, (flip ? !positive : positive) ? 1 : 0]);
  }
  return out;
}

function fitPipeline(data: unknown[][], maxIter = 20): PipelineModel {
  return new Pipeline()
    .add(new StandardScaler().setSelectedCols(["x", "y"]))
    .add(new OneHotEncoder().setSelectedCols(["cat"]).setOutputCols(["cat_vec"]))
    .add(new VectorAssembler().setSelectedCols(["x", "y", "cat_vec"]).setOutputCol("features"))
    .add(new LogisticRegression().setVectorCol("features").setLabelCol("label").setMaxIter(maxIter).setPredictionCol("pred").setPredictionDetailCol("detail"))
    .fit(new MemSourceBatchOp(data, SCHEMA));
}

const plain = (table: unknown[][]) => table.map((r) => r.map((v) => (v !== null && typeof v === "object" && !(v instanceof Date) ? String(v) : v)));

const first = fitPipeline(rows(200, 1, false));
const second = fitPipeline(rows(200, 2, true));
const testRows = rows(40, 3, false);
const batchOf = (model: PipelineModel, data: unknown[][]) => plain(model.transform(new MemSourceBatchOp(data, SCHEMA)).collect());

/** A model stream (Alink's rows) carrying `model` packed, at `timestampMs`. */
function packedStream(models: [PipelineModel, number][]): StreamOperator {
  const tables = models.map(([m, ms]) => toModelStreamRows(m.save().getOutputTable(), ms));
  const all = Table.fromRows(
    tables.flatMap((t) => t.toRows()),
    tables[0].schema,
  );
  return new TableSourceStreamOp(all).setTimeCol("alinkmodelstreamtimestamp");
}

describe("PipelinePredictStreamOp", () => {
  it("serves the first pipeline before a streamed pipeline's timestamp and the streamed one from it on", async () => {
    // Data event times are seconds 0..39; the second pipeline arrives at t = 19.5 s.
    const data = new MemSourceStreamOp(testRows, SCHEMA).setTimeCol("t");
    const op = new PipelinePredictStreamOp(first).linkFrom(data, packedStream([[second, 19_500]]));
    const out = plain(await op.collect());
    const before = batchOf(first, testRows.slice(0, 20));
    const after = batchOf(second, testRows.slice(20));
    expect(out.map((r) => r.slice(0, -1))).toEqual([...before, ...after]);
    // the version column: null (initial model), then the streamed model's timestamp
    expect(out.slice(0, 20).every((r) => r[r.length - 1] === null)).toBe(true);
    expect(out.slice(20).every((r) => (r[r.length - 1] as Date).getTime() === 19_500)).toBe(true);
    expect(op.getModelSwaps()).toEqual([{ eventTime: 19.5, timestampMs: 19_500, ok: true }]);
    // the streamed pipeline really is different: it flips the predictions
    const secondBefore = batchOf(second, testRows.slice(0, 20));
    const differing = before.filter((r, i) => r[7] !== secondBefore[i][7]).length; // column 7: pred
    expect(differing).toBeGreaterThan(10);
  });

  it("swaps to a pipeline of another feature space (every stage changes together) and refuses one that changes the output columns", async () => {
    // Fitted without category "c": a smaller one-hot vector, and an LR model of that size.
    const narrower = fitPipeline(rows(200, 5, true).filter((r) => r[3] !== "c"));
    const noDetail = new PipelineModel(...second.getStages().slice(0, 3), (second.getStages()[3] as LogisticRegressionModel).withModelData((second.getStages()[3] as LogisticRegressionModel).getModelData()).setPredictionDetailCol(null));
    const data = new MemSourceStreamOp(testRows, SCHEMA).setTimeCol("t");
    const op = new PipelinePredictStreamOp(first).setModelVersionCol(null).linkFrom(data, packedStream([[narrower, 9_500], [noDetail, 29_500]]));
    const out = plain(await op.collect());
    expect(out).toEqual([...batchOf(first, testRows.slice(0, 10)), ...batchOf(narrower, testRows.slice(10))]);
    const swaps = op.getModelSwaps();
    expect(swaps.map((s) => [s.timestampMs, s.ok])).toEqual([
      [9_500, true],
      [29_500, false],
    ]);
    expect(swaps[1].error).toMatch(/would change the output columns/);
    // A stream of packed pipelines with other columns cannot even be linked.
    const twoStages = new Pipeline()
      .add(new VectorAssembler().setSelectedCols(["x", "y"]).setOutputCol("features"))
      .add(new LogisticRegression().setVectorCol("features").setLabelCol("label").setMaxIter(5).setPredictionCol("pred").setPredictionDetailCol("detail"))
      .fit(new MemSourceBatchOp(rows(50, 4, true), SCHEMA));
    expectError(() => new PipelinePredictStreamOp(first).linkFrom(new MemSourceStreamOp(testRows, SCHEMA).setTimeCol("t"), packedStream([[twoStages, 10_000]])), /model/i);
  });

  it("accepts the initial pipeline as a packed batch operator or a saved file", async () => {
    const dir = tempDir();
    const file = path.join(dir, "p.ak");
    first.save(file);
    for (const init of [first.save(), file]) {
      const out = plain(await new PipelinePredictStreamOp(init).setModelVersionCol(null).linkFrom(new MemSourceStreamOp(testRows, SCHEMA).setTimeCol("t")).collect());
      expect(out).toEqual(batchOf(first, testRows));
    }
    expectError(() => new PipelinePredictStreamOp(42 as never), /PipelinePredictStreamOp: expected the initial pipeline model/);
  });
});

describe("PipelineModel following a folder of packed pipeline models", () => {
  const folderWith = (models: [PipelineModel, string][]) => {
    const root = path.join(tempDir(), "models");
    for (const [m, time] of models) {
      new AppendModelStreamFileSinkBatchOp().setFilePath(root).setModelTime(time).linkFrom(m.save());
      BatchOperator.execute();
    }
    return root;
  };

  it("stream transform swaps at the folder model's timestamp; batch transform uses the newest model", async () => {
    // Event time of the data: epoch seconds from 2024-01-01 00:00:00 UTC.
    const t0 = Date.UTC(2024, 0, 1) / 1000;
    const data = testRows.map((r) => [t0 + (r[0] as number), ...r.slice(1)]);
    const root = folderWith([[second, "2024-01-01 00:00:25"]]);
    const following = new PipelineModel(...first.getStages()).setModelStreamFilePath(root);
    const out = plain(await following.transform(new MemSourceStreamOp(data, SCHEMA).setTimeCol("t")).collect());
    expect(out).toEqual([...batchOf(first, data.slice(0, 25)), ...batchOf(second, data.slice(25))]);
    // batch: the newest committed model serves
    expect(batchOf(following, data)).toEqual(batchOf(second, data));
    // a start time after the model: nothing to follow
    following.setModelStreamStartTime("2024-01-01 00:00:26");
    expect(batchOf(following, data)).toEqual(batchOf(first, data));
  });

  it("a model stage follows a folder of its own model tables inside a pipeline", async () => {
    const t0 = Date.UTC(2024, 0, 1) / 1000;
    const data = testRows.map((r) => [t0 + (r[0] as number), ...r.slice(1)]);
    const root = path.join(tempDir(), "lr");
    const secondLr = second.getStages()[3] as LogisticRegressionModel;
    new AppendModelStreamFileSinkBatchOp().setFilePath(root).setModelTime("2024-01-01 00:00:10").linkFrom(secondLr.getModelDataOp());
    BatchOperator.execute();
    const stages = first.getStages();
    const lr = (stages[3] as LogisticRegressionModel).withModelData((stages[3] as LogisticRegressionModel).getModelData()).setModelStreamFilePath(root);
    const mixed = new PipelineModel(...stages.slice(0, 3), lr);
    const expectedAfter = batchOf(new PipelineModel(...stages.slice(0, 3), secondLr), data.slice(10));
    const out = plain(await mixed.transform(new MemSourceStreamOp(data, SCHEMA).setTimeCol("t")).collect());
    expect(out).toEqual([...batchOf(first, data.slice(0, 10)), ...expectedAfter]);
    expect(batchOf(mixed, data.slice(10))).toEqual(expectedAfter);
  });

  it("save and load keep the pipeline's model-stream settings (Alink's FilePath JSON in the pipeline params)", () => {
    const dir = tempDir();
    const model = new PipelineModel(...first.getStages()).setModelStreamFilePath("/data/models").setModelStreamScanInterval(3).setModelStreamStartTime("2024-01-01 00:00:00");
    const file = path.join(dir, "p.ak");
    model.save(file);
    const params = JSON.parse((model.save().getOutputTable().toRows()[0][1] as string).split("__ALINK_META_ROW_DELIMITER__")[1]);
    expect(JSON.parse(JSON.parse(params.modelStreamFilePath))).toEqual({ path: "/data/models", params: { params: { ioName: '"local"' } } });
    expect(params.modelStreamScanInterval).toBe("3");
    expect(JSON.parse(params.modelStreamStartTime)).toBe("2024-01-01 00:00:00");
    const loaded = PipelineModel.load(file);
    expect([loaded.getModelStreamFilePath(), loaded.getModelStreamScanInterval(), loaded.getModelStreamStartTime()]).toEqual(["/data/models", 3, "2024-01-01 00:00:00"]);
    // the JSON form keeps them too
    const json = path.join(dir, "p.json");
    model.save(json);
    expect(PipelineModel.load(json).getModelStreamFilePath()).toBe("/data/models");
    expect(fs.existsSync(json)).toBe(true);
  });
});

describe("LocalPredictor following a folder of packed pipeline models", () => {
  const commit = (root: string, model: PipelineModel, time: string) => {
    new AppendModelStreamFileSinkBatchOp().setFilePath(root).setModelTime(time).linkFrom(model.save());
    BatchOperator.execute();
  };
  const single = (p: LocalPredictor, data: unknown[][]) => plain(data.map((r) => p.map(r)));

  it("uses the folder saved with the pipeline, swaps the whole pipeline, and starts from the newest model without one", async () => {
    const root = path.join(tempDir(), "pipelines");
    commit(root, second, "2024-01-01 00:00:00");
    const dir = tempDir();
    const file = path.join(dir, "following.ak");
    new PipelineModel(...first.getStages()).setModelStreamFilePath(root).setModelStreamScanInterval(1).save(file);

    const predictor = new LocalPredictor(file, SCHEMA);
    try {
      expect(predictor.getModelVersion()).toBe("202401010000000");
      expect(single(predictor, testRows)).toEqual(batchOf(second, testRows));
      // A newer model committed while serving is picked up within a scan interval (1 s here).
      commit(root, first, "2024-01-02 00:00:00");
      const until = Date.now() + 5000;
      while (predictor.getModelVersion() !== "202401020000000" && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(predictor.getLastModelError()).toBe(null);
      expect(predictor.getModelVersion()).toBe("202401020000000");
      expect(single(predictor, testRows)).toEqual(batchOf(first, testRows));
    } finally {
      predictor.close();
    }

    const fromFolder = new LocalPredictor(null, SCHEMA, { modelStreamFilePath: root });
    expect(single(fromFolder, testRows.slice(0, 5))).toEqual(batchOf(first, testRows.slice(0, 5)));
    fromFolder.close();
    expectError(() => new LocalPredictor(null, SCHEMA, { modelStreamFilePath: path.join(dir, "empty") }), /holds no committed pipeline model/);
    expectError(() => new LocalPredictor(null, SCHEMA), /no model given/);
  });

  it("refuses a stage that follows its own folder inside the pipeline (one folder per predictor)", () => {
    const stages = first.getStages();
    const lr = (stages[3] as LogisticRegressionModel).withModelData((stages[3] as LogisticRegressionModel).getModelData()).setModelStreamFilePath(tempDir());
    expectError(() => new LocalPredictor(new PipelineModel(...stages.slice(0, 3), lr), SCHEMA), /stage 3 \(LogisticRegressionModel\) follows its own model-stream folder/);
  });
});

describe("PipelineModel.save(path, overwrite, numFiles)", () => {
  it("writes a folder of numFiles .ak files that load back to the same model, and never deletes a folder that is not a saved model", () => {
    const dir = tempDir();
    const target = path.join(dir, "model");
    first.save(target, false, 3);
    expect(fs.readdirSync(target).sort()).toEqual(["1", "2", "3"]);
    expect(batchOf(PipelineModel.load(target), testRows)).toEqual(batchOf(first, testRows));
    expectError(() => first.save(target, false, 3), /exists; pass overwrite = true/);
    second.save(target, true, 2);
    expect(fs.readdirSync(target).sort()).toEqual(["1", "2"]);
    expect(batchOf(PipelineModel.load(target), testRows)).toEqual(batchOf(second, testRows));
    expectError(() => first.save(target, true), /is a directory; it holds a model saved with numFiles > 1/);
    const other = path.join(dir, "notes");
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, "readme.txt"), "keep me");
    expectError(() => first.save(other, true, 2), /is a directory; give the path of a file/);
    expect(fs.readFileSync(path.join(other, "readme.txt"), "utf8")).toBe("keep me");
    for (const bad of [0, 1.5, Number.NaN]) expectError(() => first.save(path.join(dir, "x.ak"), true, bad), /"numFiles" must be an integer ≥ 1/);
    expectError(() => first.save(path.join(dir, "x.json"), true, 2), /numFiles 2 needs Alink's .ak form/);
  });
});
