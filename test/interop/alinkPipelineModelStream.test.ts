/**
 * Pipeline model streams with REAL Alink (1.6.0, scripts/alink-interop.js), both directions:
 * - Alink's LocalPredictor, given no model and a folder of packed pipeline models that streamlab
 *   appended, starts from the newest one and predicts exactly what streamlab predicts with it;
 * - Alink's AppendModelStreamFileSinkBatchOp appends packed pipeline models (saved by streamlab) to a
 *   folder, and streamlab's PipelinePredictStreamOp follows it, swapping at the versions' times.
 * All Alink work runs in ONE JVM (beforeAll). Folder names: the JVM runs in UTC here (see
 * alinkModelStream.test.ts).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AppendModelStreamFileSinkBatchOp,
  BatchOperator,
  LocalPredictor,
  LogisticRegression,
  MemSourceBatchOp,
  MemSourceStreamOp,
  OneHotEncoder,
  Pipeline,
  PipelineModel,
  PipelinePredictStreamOp,
  StandardScaler,
  VectorAssembler,
} from "../../src";
import { alinkBatch } from "../../scripts/alink-interop";
import type { AlinkResult } from "../../scripts/alink-interop";
import { ALINK_AVAILABLE as AVAILABLE, ALINK_UNAVAILABLE_REASON as REASON, alinkResult, describeAlinkAvailability, expectRowsLikeAlink, normSchema, plain } from "./alinkSuite";

describeAlinkAvailability("real Alink harness (pipeline model streams)");

const SCHEMA = "C15 int, C16 int, C18 int, site_category string, device_type string, click int, ts double";
const trainRows = (flip: boolean) =>
  Array.from({ length: 60 }, (_, i) => {
    const positive = (i * 7) % 5 < 2;
    return [100 + ((i * 37) % 50), (i * 11) % 7, i % 3, ["a", "b", "c", "d"][i % 4], String(i % 3), (flip ? !positive : positive) ? 1 : 0, i];
  });
// Rows to score: one per event-time second from 2024-01-01 00:00:00 UTC, with unseen tokens too.
const T0 = Date.UTC(2024, 0, 1) / 1000;
const ROWS = Array.from({ length: 12 }, (_, i) => [100 + i * 5, i % 7, i % 3, ["a", "b", "x", "d"][i % 4], String(i % 4), i % 2, T0 + i]);

function fit(flip: boolean): PipelineModel {
  return new Pipeline(
    new StandardScaler().setSelectedCols(["C15", "C16", "C18"]),
    new OneHotEncoder().setSelectedCols(["site_category", "device_type"]).setOutputCols(["oh"]),
    new VectorAssembler().setSelectedCols(["C15", "C16", "C18", "oh"]).setOutputCol("features"),
    new LogisticRegression().setVectorCol("features").setLabelCol("click").setMaxIter(20).setPredictionCol("pred").setPredictionDetailCol("details"),
  ).fit(new MemSourceBatchOp(trainRows(flip), SCHEMA));
}

const batchOf = (model: PipelineModel, rows: unknown[][]) => plain(model.transform(new MemSourceBatchOp(rows, SCHEMA)).collect());

describe.skipIf(!AVAILABLE)(AVAILABLE ? "real Alink ↔ streamlab pipeline model streams" : `real Alink ↔ streamlab pipeline model streams (SKIPPED: ${REASON})`, () => {
  let dir: string;
  const alink: Record<string, AlinkResult> = {};
  const first = fit(false);
  const second = fit(true);
  const ours = () => path.join(dir, "streamlab-folder");
  const theirs = () => path.join(dir, "alink-folder");

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "streamlab-alink-pms-"));
    for (const [model, time] of [
      [first, "2024-01-01 00:00:00"],
      [second, "2024-01-01 00:00:05.5"],
    ] as const) {
      new AppendModelStreamFileSinkBatchOp().setFilePath(ours()).setModelTime(time).linkFrom(model.save());
      BatchOperator.execute();
    }
    first.save(path.join(dir, "first.ak"));
    second.save(path.join(dir, "second.ak"));
    const results = await alinkBatch(
      [
        { op: "localPredict", modelPath: null, rows: ROWS, schemaStr: SCHEMA, modelStreamFilePath: ours() },
        { op: "appendModelStream", modelPath: path.join(dir, "first.ak"), root: theirs(), modelTime: "2024-01-01 00:00:00" },
        { op: "appendModelStream", modelPath: path.join(dir, "second.ak"), root: theirs(), modelTime: "2024-01-01 00:00:05.5" },
      ],
      { timeoutMs: 240_000 },
    );
    ["localPredict", "append1", "append2"].forEach((k, i) => (alink[k] = results[i]));
  }, 300_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("Alink's LocalPredictor starts from the newest pipeline model streamlab appended and predicts what streamlab predicts", () => {
    const a = alinkResult(alink, "localPredict");
    const predictor = new LocalPredictor(null, SCHEMA, { modelStreamFilePath: ours() });
    const mine = plain(ROWS.map((r) => predictor.map(r)));
    predictor.close();
    expect(normSchema(a.schema!)).toBe(predictor.getOutputSchema().toString());
    expectRowsLikeAlink(mine, a.rows as unknown[][], [predictor.getOutputSchema().names.indexOf("details")]);
    expect(mine).toEqual(batchOf(second, ROWS)); // the newest version, not the first
  });

  it("streamlab's PipelinePredictStreamOp follows a folder Alink appended pipeline models to, swapping at the versions' times", async () => {
    alinkResult(alink, "append1");
    alinkResult(alink, "append2");
    const op = new PipelinePredictStreamOp(first).setModelStreamFilePath(theirs()).setModelVersionCol(null).linkFrom(new MemSourceStreamOp(ROWS, SCHEMA).setTimeCol("ts"));
    const out = plain(await op.collect());
    expect(op.getModelSwaps().map((s) => [s.timestampMs, s.ok])).toEqual([
      [T0 * 1000, true],
      [T0 * 1000 + 5500, true],
    ]);
    expect(out).toEqual([...batchOf(first, ROWS.slice(0, 6)), ...batchOf(second, ROWS.slice(6))]);
  });
});
