/**
 * The prediction service (issue 16, item 1) over real HTTP on loopback. Truth: the batch transform
 * of the pipeline version a response says it used (a different code path from the single-row
 * predictor behind the service), cell for cell.
 */
import * as fs from "fs";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppendModelStreamFileSinkBatchOp, BatchOperator, LogisticRegression, MemSourceBatchOp, OneHotEncoder, Pipeline, PipelineModel, StandardScaler, VectorAssembler } from "../../src";
import { PredictionService } from "../../src/serve/PredictionService";
import { tempDir } from "../helpers";

const SCHEMA = "x double, y double, cat string, n int";
const NAMES = ["x", "y", "cat", "n"];

function fit(seed: number, flip: boolean): PipelineModel {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const rows = Array.from({ length: 120 }, () => {
    const x = rnd() * 4 - 2;
    const cat = ["a", "b", "c"][Math.floor(rnd() * 3)];
    const positive = x + (cat === "a" ? 0.5 : 0) > 0;
    return [x, rnd(), cat, (flip ? !positive : positive) ? 1 : 0];
  });
  return new Pipeline(
    new StandardScaler().setSelectedCols(["x", "y"]),
    new OneHotEncoder().setSelectedCols(["cat"]).setOutputCols(["cat_vec"]),
    new VectorAssembler().setSelectedCols(["x", "y", "cat_vec"]).setOutputCol("features"),
    new LogisticRegression().setVectorCol("features").setLabelCol("n").setMaxIter(10).setPredictionCol("pred").setPredictionDetailCol("detail"),
  ).fit(new MemSourceBatchOp(rows, SCHEMA));
}

const versions = [fit(1, false), fit(2, true), fit(3, false), fit(4, true)];
const ROWS = [
  [0.5, 0.1, "a", 1],
  [-1.5, 0.9, "b", 0],
  [1.2, 0.4, "zzz", null],
];
/** What the batch transform of `model` gives for `rows`, as the service writes values. */
const expected = (model: PipelineModel, rows: unknown[][]) =>
  model
    .transform(new MemSourceBatchOp(rows, SCHEMA))
    .collect()
    .map((r) => r.map((v) => (v !== null && typeof v === "object" ? String(v) : v)));

function commit(root: string, model: PipelineModel, time: string): void {
  new AppendModelStreamFileSinkBatchOp().setFilePath(root).setModelTime(time).linkFrom(model.save());
  BatchOperator.execute();
}

describe("PredictionService over HTTP", () => {
  let root: string;
  let service: PredictionService;
  let url: string;
  const post = (body: unknown, type = "application/json") =>
    fetch(`${url}/predict`, { method: "POST", headers: { "content-type": type }, body: typeof body === "string" ? body : JSON.stringify(body) });

  beforeAll(async () => {
    root = path.join(tempDir(), "stream");
    commit(root, versions[0], "2024-01-01 00:00:00");
    service = new PredictionService({ schema: SCHEMA, modelStream: root, scanInterval: 1, port: 0, maxRows: 50, maxBodyBytes: 20_000 });
    url = await service.listen();
  });
  afterAll(async () => {
    await service?.close();
  });

  it("binds to loopback and answers one row, many rows, object rows and CSV lines with the version used", async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const one = await post(ROWS[0]);
    expect(one.status).toBe(200);
    const oneBody = await one.json();
    expect(oneBody.version).toBe("202401010000000");
    expect(oneBody.rows).toEqual(expected(versions[0], [ROWS[0]]));
    expect(oneBody.columns).toEqual(["x", "y", "cat", "n", "cat_vec", "features", "pred", "detail"]);

    const many = await (await post({ rows: ROWS })).json();
    expect(many.rows).toEqual(expected(versions[0], ROWS));

    const objects = await (await post({ rows: ROWS.map((r) => Object.fromEntries(NAMES.map((n, c) => [n, r[c]]))) })).json();
    expect(objects.rows.map((o: Record<string, unknown>) => objects.columns.map((c: string) => o[c]))).toEqual(expected(versions[0], ROWS));

    const csv = await (await post("x,y,cat,n\n0.5,0.1,a,1\n-1.5,0.9,b,0\n1.2,0.4,zzz,\n", "text/csv")).json();
    expect(csv.rows).toEqual(expected(versions[0], ROWS));
  });

  it("answers bad requests with 4xx naming the row and column, and keeps serving", async () => {
    const cases: [unknown, string, number, RegExp][] = [
      ["{not json", "application/json", 400, /malformed request/i],
      [{ rows: [ROWS[0], [0.5, "high", "a", 1]] }, "application/json", 400, /rows\[1\], column "y" \(DOUBLE\) is "high"; expected a number/],
      [{ rows: [ROWS[0], [0.5, 0.1, "a", 1.5]] }, "application/json", 400, /rows\[1\], column "n" \(INT\) is number 1\.5; expected an integer/],
      [{ x: 1, y: 2, cat: "a" }, "application/json", 400, /the row lacks column "n"/],
      [{ x: 1, y: 2, cat: "a", n: 0, extra: 1 }, "application/json", 400, /column "extra", which is not in the schema/],
      [[1, 2], "application/json", 400, /the row has 2 values; the schema has 4/],
      [{ rows: [] }, "application/json", 400, /"rows" is empty/],
      [{ rows: Array.from({ length: 51 }, () => ROWS[0]) }, "application/json", 400, /51 rows in one request; at most 50/],
      [{ rows: Array.from({ length: 40 }, () => ["x".repeat(600), 0, "a", 1]) }, "application/json", 413, /larger than 20000 bytes/],
      ["0.5,0.1,a\n", "text/csv", 400, /line 1 has 3 fields; the schema has 4/],
      ["0.5,abc,a,1\n", "text/csv", 400, /line 1, column "y" \(DOUBLE\) is "abc"; expected a number/],
      ["<x/>", "application/xml", 415, /unsupported content type/],
    ];
    for (const [body, type, status, message] of cases) {
      const response = await post(body, type);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect((await response.json()).error).toMatch(message);
    }
    expect((await post(ROWS[1])).status).toBe(200);
  });

  it("swaps to each committed version; no request mixes versions or fails during swaps; a corrupt version leaves the previous one serving", async () => {
    const byVersion = new Map<string, PipelineModel>([["202401010000000", versions[0]]]);
    const results: { version: string; rows: unknown[][] }[] = [];
    let failures = 0;
    let stop = false;
    const load = (async () => {
      while (!stop) {
        const responses = await Promise.all(Array.from({ length: 4 }, () => post({ rows: ROWS })));
        for (const r of responses) {
          if (r.status !== 200) failures++;
          else results.push(await r.json());
        }
      }
    })();
    for (let k = 1; k < versions.length; k++) {
      const time = `2024-01-0${k + 1} 00:00:00`;
      commit(root, versions[k], time);
      byVersion.set(`2024010${k + 1}0000000`, versions[k]);
      const until = Date.now() + 5000;
      while (service.predictor.getModelVersion() !== `2024010${k + 1}0000000` && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      // Let the load see this version before the next commit (under load a swap can take a moment to be observed).
      while (!results.some((r) => r.version === `2024010${k + 1}0000000`) && Date.now() < until + 5000) await new Promise((r) => setTimeout(r, 20));
    }
    stop = true;
    await load;
    expect(failures).toBe(0);
    const seen = new Set(results.map((r) => r.version));
    expect([...seen].sort()).toEqual([...byVersion.keys()].sort());
    for (const r of results) expect(r.rows).toEqual(expected(byVersion.get(r.version)!, ROWS));

    // a version whose files are damaged: refused, the previous one keeps serving, /model and /metrics say so
    commit(root, versions[0], "2024-01-09 00:00:00");
    fs.writeFileSync(path.join(root, "202401090000000", "0"), "not an ak file");
    const until = Date.now() + 5000;
    while (service.predictor.getLastModelError() === null && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    const model = await (await fetch(`${url}/model`)).json();
    expect(model.version).toBe("202401040000000");
    expect(model.lastError).toMatch(/202401090000000/);
    expect(model.history.map((h: { version: string; ok: boolean }) => [h.version, h.ok])).toEqual([
      ["202401010000000", true],
      ["202401020000000", true],
      ["202401030000000", true],
      ["202401040000000", true],
      ["202401090000000", false],
    ]);
    expect((await (await post({ rows: ROWS })).json()).rows).toEqual(expected(versions[3], ROWS));
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/streamlab_model_load_failures_total 1/);
    expect(metrics).toMatch(/streamlab_model_swaps_total 4/);
    expect(metrics).toMatch(/streamlab_model_info\{version="202401040000000"\} 1/);
    expect(metrics).toMatch(/streamlab_predict_requests_total\{status="400"\} \d+/);
    expect(metrics).toMatch(/streamlab_predict_latency_seconds_count \d+/);
    expect(await (await fetch(`${url}/health`)).json()).toEqual({ status: "ok", version: "202401040000000" });
  }, 60_000);
});

describe("PredictionService: a stage's error names the row of the request", () => {
  it("an unseen token under handleInvalid ERROR is a 400 naming rows[1] and the column, whatever was served before", async () => {
    const strict = new Pipeline(
      new OneHotEncoder().setSelectedCols(["cat"]).setOutputCols(["cat_vec"]).setHandleInvalid("ERROR"),
      new VectorAssembler().setSelectedCols(["x", "cat_vec"]).setOutputCol("features"),
      new LogisticRegression().setVectorCol("features").setLabelCol("n").setMaxIter(5).setPredictionCol("pred"),
    ).fit(new MemSourceBatchOp([[1, 0, "a", 1], [-1, 0, "b", 0], [2, 0, "a", 1], [-2, 0, "b", 0]], SCHEMA));
    const file = path.join(tempDir(), "strict.ak");
    strict.save(file);
    const service = new PredictionService({ schema: SCHEMA, model: file, port: 0 });
    const url = await service.listen();
    try {
      for (let k = 0; k < 5; k++) await fetch(`${url}/predict`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify([1, 0, "a", 1]) });
      const response = await fetch(`${url}/predict`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ rows: [[1, 0, "a", 1], [1, 0, "zzz", 1]] }) });
      expect(response.status).toBe(400);
      const { error } = await response.json();
      expect(error).toMatch(/row 1, column "cat" holds the token "zzz", which the model has not seen, and handleInvalid is ERROR/);
      expect((await (await fetch(`${url}/model`)).json()).version).toBe(null);
    } finally {
      await service.close();
    }
  });
});
