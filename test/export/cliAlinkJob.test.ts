/**
 * `streamlab export alink` (issue 16): the job the command writes runs on REAL Alink 1.6.0 (local
 * Flink mini-cluster) and predicts what streamlab's LocalPredictor predicts for the same rows. The
 * job follows a model-stream folder (Alink's PipelinePredictStreamOp reads the folder from the
 * pipeline model saved under data/), so this also checks that the class, the constructor and the
 * saved follow parameters are the ones Alink 1.6 has.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import {
  AkSourceBatchOp,
  AppendModelStreamFileSinkBatchOp,
  BatchOperator,
  CTR_SCHEMA_STR,
  CsvSourceBatchOp,
  LocalPredictor,
  LogisticRegression,
  OneHotEncoder,
  Pipeline,
  StandardScaler,
  TableSourceBatchOp,
  VectorAssembler,
} from "../../src";
import { runAlinkJavaFile } from "../../scripts/alink-interop";
import { ALINK_AVAILABLE as AVAILABLE, ALINK_UNAVAILABLE_REASON as REASON, describeAlinkAvailability } from "../interop/alinkSuite";
import { ROOT, tempDir } from "../helpers";

describeAlinkAvailability("real Alink harness (streamlab export alink)");

const BUILT = fs.existsSync(path.join(ROOT, "dist", "cli", "exportCommands.js"));

describe.skipIf(!AVAILABLE || !BUILT)(
  AVAILABLE ? "streamlab export alink: the job runs on real Alink" : `streamlab export alink on Alink (SKIPPED: ${REASON})`,
  () => {
    it("CSV stream → PipelinePredictStreamOp following a model-stream folder → .ak: Alink's predictions are LocalPredictor's", async () => {
      const dir = tempDir();
      const ctr = new CsvSourceBatchOp().setFilePath(path.join(ROOT, "datasets", "ctr_train.csv")).setSchemaStr(CTR_SCHEMA_STR).setIgnoreFirstLine(true).getOutputTable();
      const NUMERIC = ["C15", "C16", "C18", "C19", "C21"];
      const model = new Pipeline(
        new StandardScaler().setSelectedCols(NUMERIC),
        new OneHotEncoder().setSelectedCols(["C1", "banner_pos", "site_category", "device_type"]).setOutputCols(["oh"]),
        new VectorAssembler().setSelectedCols([...NUMERIC, "oh"]).setOutputCol("features"),
        new LogisticRegression().setVectorCol("features").setLabelCol("click").setMaxIter(20).setPredictionCol("pred").setPredictionDetailCol("detail"),
      ).fit(new TableSourceBatchOp(ctr.slice(0, 2000)));
      const folder = path.join(dir, "models");
      new AppendModelStreamFileSinkBatchOp().setFilePath(folder).setModelTime("2024-03-01 00:00:00").linkFrom(model.save());
      BatchOperator.execute();
      // 300 rows of the stream file (header + lines), as the job's input.
      const input = path.join(dir, "rows.csv");
      fs.writeFileSync(input, fs.readFileSync(path.join(ROOT, "datasets", "ctr_stream.csv"), "utf8").split("\n").slice(0, 301).join("\n") + "\n");
      const output = path.join(dir, "alink_predictions.ak");

      const job = path.join(dir, "job");
      const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "streamlab.js"), "export", "alink", folder, job, "--input", input, "--header", "--output", output], { encoding: "utf8" });
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      await runAlinkJavaFile(path.join(job, "StreamlabJob.java"), "StreamlabJob", [], { timeoutMs: 300_000 });

      const alink = new AkSourceBatchOp().setFilePath(output).getOutputTable();
      expect(alink.numRows).toBe(300);
      const predictor = new LocalPredictor(model, CTR_SCHEMA_STR);
      const out = predictor.getOutputSchema();
      const inputs = new Map(new CsvSourceBatchOp().setFilePath(input).setSchemaStr(CTR_SCHEMA_STR).setIgnoreFirstLine(true).collect().map((row) => [row[0], row]));
      const [p, d] = [alink.schema.indexOf("pred"), alink.schema.indexOf("detail")];
      let maxDiff = 0;
      for (const row of alink.toRows()) {
        const mine = predictor.map(inputs.get(row[0])!);
        expect(row[p], `row ${row[0]}`).toBe(mine[out.indexOf("pred")]);
        maxDiff = Math.max(maxDiff, Math.abs(Number(JSON.parse(row[d] as string)["1"]) - Number(JSON.parse(mine[out.indexOf("detail")] as string)["1"])));
      }
      expect(maxDiff).toBeLessThan(1e-12);
    }, 400_000);
  },
);
