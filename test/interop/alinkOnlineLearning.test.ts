/**
 * OnlineLearningStreamOp ↔ REAL Alink 1.6.0 (which has the class): Alink's `PipelineModel.load`
 * reads the packed pipeline models streamlab's OnlineLearningStreamOp emits (the rows of one
 * timestamp without the two model-stream columns, written as an .ak file) and transforms rows
 * exactly as streamlab does with the same model. This checks the emitted tables are Alink's
 * packed form (meta row kept, last stage's rows spliced into its p columns), not the training
 * itself: Alink's own operator emits on processing-time ticks from a never-ending source, so
 * running it is not a cheap, repeatable test.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as api from "../../src";
import { alinkBatch } from "../../scripts/alink-interop";
import type { AlinkResult } from "../../scripts/alink-interop";
import { ALINK_AVAILABLE as AVAILABLE, ALINK_UNAVAILABLE_REASON as REASON, alinkResult, describeAlinkAvailability, expectRowsLikeAlink, normSchema, plain } from "./alinkSuite";

describeAlinkAvailability("real Alink harness (OnlineLearningStreamOp models)");

const SCHEMA = "t double, age double, hours double, site string, click int";
function rows(n: number, seed: number, flip: number): unknown[][] {
  const rnd = new api.Random(seed);
  return Array.from({ length: n }, (_, i) => {
    const age = 40 + 10 * rnd.nextGaussian();
    const hours = 30 + 8 * rnd.nextGaussian();
    const site = "abc"[rnd.nextInt(3)];
    const logit = flip * (0.12 * (age - 40) - 0.1 * (hours - 30)) + (site === "a" ? 1 : -0.5);
    return [i, age, hours, site, rnd.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0];
  });
}
const TEST_ROWS = rows(12, 9, -1);

describe.skipIf(!AVAILABLE)(AVAILABLE ? "real Alink loads OnlineLearningStreamOp's pipeline models" : `real Alink loads OnlineLearningStreamOp's pipeline models (SKIPPED: ${REASON})`, () => {
  let dir: string;
  const alink: Record<string, AlinkResult> = {};
  const ours: Record<string, { schema: string; rows: unknown[][] }> = {};

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "streamlab-alink-online-"));
    const initial = new api.Pipeline(
      new api.StandardScaler().setSelectedCols(["age", "hours"]),
      new api.OneHotEncoder().setSelectedCols(["site"]).setOutputCols(["site_v"]),
      new api.VectorAssembler().setSelectedCols(["age", "hours", "site_v"]).setOutputCol("vec"),
      new api.LogisticRegression().setVectorCol("vec").setLabelCol("click").setMaxIter(20).setPredictionCol("pred").setPredictionDetailCol("details"),
    ).fit(new api.MemSourceBatchOp(rows(300, 1, 1), SCHEMA));
    const table = await new api.OnlineLearningStreamOp(initial, { optimMethod: "ADAM", learningRate: 0.05, timeInterval: 100, miniBatchSize: 8 })
      .linkFrom(new api.MemSourceStreamOp(rows(300, 2, -1), SCHEMA).setTimeCol("t"))
      .collectTable();
    const packedSchema = new api.Schema(table.schema.names.slice(2), table.schema.types.slice(2));
    const all = table.toRows();
    const keys: string[] = [];
    const requests = [];
    for (const t of [100, 300]) {
      const packed = api.Table.fromRows(all.filter((r) => (r[0] as Date).getTime() === t * 1000).map((r) => r.slice(2)), packedSchema);
      const file = path.join(dir, `model-${t}.ak`);
      new api.AkSinkBatchOp().setFilePath(file).linkFrom(new api.TableSourceBatchOp(packed));
      api.BatchOperator.execute();
      const out = api.PipelineModel.collectLoad(new api.TableSourceBatchOp(packed)).transform(new api.MemSourceBatchOp(TEST_ROWS, SCHEMA));
      ours[String(t)] = { schema: out.getSchema().toString(), rows: plain(out.collect()) };
      keys.push(String(t));
      requests.push({ op: "pipelineTransform" as const, modelPath: file, rows: TEST_ROWS, schemaStr: SCHEMA });
    }
    const results = await alinkBatch(requests, { timeoutMs: 240_000 });
    keys.forEach((k, i) => (alink[k] = results[i]));
  }, 300_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const t of ["100", "300"]) {
    it(`the model of ${t} s: Alink's PipelineModel.load + transform gives streamlab's rows`, () => {
      const a = alinkResult(alink, t);
      expect(ours[t].schema).toBe(normSchema(a.schema!));
      const details = ours[t].schema.split(",").findIndex((c) => c.startsWith("details "));
      expectRowsLikeAlink(ours[t].rows, a.rows as unknown[][], [details]);
    });
  }

  it("the two models differ (training moved the last stage)", () => {
    expect(ours["100"].rows).not.toEqual(ours["300"].rows);
  });
});
