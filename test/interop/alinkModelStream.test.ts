/**
 * Model-stream folder interop with REAL Alink (1.6.0 from Maven Central, run by
 * scripts/alink-interop.js): Alink's ModelStreamFileSourceStreamOp reads folders streamlab writes
 * (AppendModelStreamFileSinkBatchOp, ModelStreamFileSinkStreamOp) to the same rows, and streamlab's
 * ModelStreamFileSourceStreamOp reads a folder Alink's AppendModelStreamFileSinkBatchOp appends to
 * in the same run. All Alink work runs in ONE JVM (beforeAll), as in alinkAk.test.ts.
 *
 * Folder names are local time in Alink and UTC in streamlab: the comparison assumes the JVM runs in
 * UTC (as on this project's machines; the harness does not set user.timezone).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AkSinkBatchOp,
  AppendModelStreamFileSinkBatchOp,
  BatchOperator,
  FtrlTrainStreamOp,
  LogisticRegressionTrainBatchOp,
  MemSourceBatchOp,
  MemSourceStreamOp,
  ModelStreamFileSinkStreamOp,
  ModelStreamFileSourceStreamOp,
  StreamOperator,
} from "../../src";
import { alinkBatch } from "../../scripts/alink-interop";
import { ALINK_AVAILABLE as AVAILABLE, ALINK_UNAVAILABLE_REASON as REASON, describeAlinkAvailability, normSchema, plain, alinkResult } from "./alinkSuite";
import type { AlinkCommand, AlinkResult } from "../../scripts/alink-interop";

describeAlinkAvailability("real Alink harness (model streams)");


/** Rows in one order (Alink lists model folders in the file system's order). */
function sorted(rows: unknown[][]): unknown[][] {
  return [...rows].sort((a, b) => (a[0] as number) - (b[0] as number) || (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}


async function streamlabRead(root: string): Promise<{ schema: string; rows: unknown[][] }> {
  const src = new ModelStreamFileSourceStreamOp().setFilePath(root);
  const c = src.lazyCollect();
  await StreamOperator.execute();
  return { schema: src.getSchema().toString(), rows: plain(c.getRows()) };
}

describe.skipIf(!AVAILABLE)(AVAILABLE ? "real Alink ↔ streamlab model-stream folders" : `real Alink ↔ streamlab model-stream folders (SKIPPED: ${REASON})`, () => {
  let dir: string;
  const alink: Record<string, AlinkResult> = {};
  const p = (name: string) => path.join(dir, name);
  let lrRows: unknown[][] = [];

  const result = (key: string): AlinkResult => alinkResult(alink, key);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "streamlab-alink-ms-"));
    const data = new MemSourceBatchOp(
      [[2, 1.5, 1], [3, 2.0, 1], [4, 3.25, 2], [2, 4.0, 1], [2, 2.5, 1], [4, 3.0, 2], [1, 2.0, 1], [5, 3.5, 2]],
      "f0 int, f1 double, label int",
    );
    const lr = new LogisticRegressionTrainBatchOp().setFeatureCols(["f0", "f1"]).setLabelCol("label").linkFrom(data);
    lrRows = plain(lr.collect());

    // 1. streamlab writes: two appended models (1 and 2 files), an FTRL model stream, an .ak model for Alink.
    new AppendModelStreamFileSinkBatchOp().setFilePath(p("appended")).setModelTime("2026-12-06 10:00:00").linkFrom(lr);
    new AkSinkBatchOp().setFilePath(p("lr_model.ak")).linkFrom(lr);
    BatchOperator.execute();
    new AppendModelStreamFileSinkBatchOp().setFilePath(p("appended")).setModelTime("2026-12-06 10:00:01.5").setNumFiles(2).linkFrom(lr);
    BatchOperator.execute();
    const rows = Array.from({ length: 60 }, (_, i) => [i % 3 === 0 ? 1 : 0, `$20$${i % 10}:1.0 ${10 + ((i * 7) % 10)}:0.5`, i * 10]);
    const vecData = new MemSourceBatchOp(rows.slice(0, 20), "label int, vec vector, ts double");
    const init = new LogisticRegressionTrainBatchOp().setVectorCol("vec").setLabelCol("label").setMaxIter(5).linkFrom(vecData);
    new ModelStreamFileSinkStreamOp()
      .setFilePath(p("ftrl"))
      .linkFrom(new FtrlTrainStreamOp(init).setVectorCol("vec").setLabelCol("label").setVectorSize(20).setTimeInterval(100).linkFrom(new MemSourceStreamOp(rows, "label int, vec vector, ts double").setTimeCol("ts")));
    await StreamOperator.execute();

    // 2. One JVM: Alink reads both folders and appends two models of its own.
    const commands: [string, AlinkCommand][] = [
      ["appended", { op: "readModelStream", root: p("appended") }],
      ["ftrl", { op: "readModelStream", root: p("ftrl") }],
      ["append0", { op: "appendModelStream", modelPath: p("lr_model.ak"), root: p("alink"), modelTime: "2026-12-06 10:00:00", numFiles: 1 }],
      ["append1", { op: "appendModelStream", modelPath: p("lr_model.ak"), root: p("alink"), modelTime: "2026-12-06 10:00:01.5", numFiles: 2 }],
    ];
    const t0 = Date.now();
    const results = await alinkBatch(commands.map(([, c]) => c));
    console.log(`[alink] ${commands.length} model-stream commands in one JVM: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    commands.forEach(([key], i) => (alink[key] = results[i]));
  }, 600_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("Alink reads streamlab's AppendModelStreamFileSinkBatchOp folder (1 and 2 files) to the same rows", async () => {
    const r = result("appended");
    const mine = await streamlabRead(p("appended"));
    expect(normSchema(r.schema!)).toBe(normSchema(mine.schema));
    expect(r.rows!.length).toBe(2 * lrRows.length);
    expect(sorted(r.rows!)).toEqual(sorted(mine.rows));
    const t1 = Date.UTC(2026, 11, 6, 10, 0, 1, 500);
    expect(sorted(r.rows!.filter((row) => row[0] === t1)).map((row) => row.slice(2))).toEqual(sorted(lrRows.map((row) => [t1, ...row])).map((row) => row.slice(1)));
  });

  it("Alink reads streamlab's ModelStreamFileSinkStreamOp folder of FTRL models to the same rows", async () => {
    const r = result("ftrl");
    const mine = await streamlabRead(p("ftrl"));
    expect(new Set(mine.rows.map((row) => row[0])).size).toBeGreaterThan(2);
    expect(normSchema(r.schema!)).toBe(normSchema(mine.schema));
    expect(sorted(r.rows!)).toEqual(sorted(mine.rows));
  });

  it("streamlab reads the folder Alink's AppendModelStreamFileSinkBatchOp wrote in this run: layout, logs and rows", async () => {
    result("append0");
    result("append1");
    const root = p("alink");
    expect(fs.readdirSync(root).sort()).toEqual(["202612061000000", "202612061000015", "conf"]);
    expect(fs.readdirSync(path.join(root, "202612061000015")).sort()).toEqual(["0", "1"]);
    expect(fs.readFileSync(path.join(root, "conf", "202612061000015.log"), "utf8")).toBe(`{"count":${lrRows.length},"numFiles":2}`);
    const got = await streamlabRead(root);
    const expected = [Date.UTC(2026, 11, 6, 10), Date.UTC(2026, 11, 6, 10, 0, 1, 500)].flatMap((t) => lrRows.map((row) => [t, lrRows.length, ...row]));
    expect(sorted(got.rows)).toEqual(sorted(expected));
  });
});
