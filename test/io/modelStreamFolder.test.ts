import * as fs from "fs";
import * as path from "path";
import { afterEach, describe, expect, it } from "vitest";
import * as api from "../../src";
import { readAk } from "../../src/io/ak/akFile";
import { commitModel } from "../../src/io/modelStream/commit";
import { scanModelFolder } from "../../src/io/modelStream/scanner";
import { formatModelTimestamp, parseModelTimestamp } from "../../src/io/modelStream/timestampName";
import { FIXTURES, ROOT, expectError, expectStreamError, tempDir } from "../helpers";

const ALINK = path.join(FIXTURES, "alink/written-by-alink");
const VERSIONS = ["alink-1.6.0", "alink-1.6.2"];

/** Every path under `dir` (relative, sorted), folders with a trailing "/". */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        out.push(`${r}/`);
        walk(r);
      } else out.push(r);
    }
  };
  walk("");
  return out.sort();
}

function cells(rows: readonly (readonly unknown[])[]): unknown[][] {
  return rows.map((r) => r.map((v) => (v instanceof Date ? v.getTime() : v !== null && typeof v === "object" ? String(v) : v)));
}

async function readStream(root: string, configure: (op: api.ModelStreamFileSourceStreamOp) => void = () => {}) {
  const src = new api.ModelStreamFileSourceStreamOp().setFilePath(root);
  configure(src);
  const c = src.lazyCollect();
  await api.StreamOperator.execute();
  return { schema: src.getSchema(), rows: c.getRows(), times: Array.from(c.getTimes()) };
}

afterEach(() => {
  // a failing test must not leave sinks registered for the next one
  api.BatchOperator.execute();
});

describe("model-stream folder names (reference §12.2, E26)", () => {
  it("renders Alink's names: yyyyMMddHHmmss + nanos without trailing zeros, 0 when none (UTC)", () => {
    expect(formatModelTimestamp({ epochMs: Date.UTC(2026, 11, 6, 10, 0, 0), nanos: 0 })).toBe("202612061000000");
    expect(formatModelTimestamp({ epochMs: Date.UTC(2026, 11, 6, 10, 0, 1, 500), nanos: 500_000_000 })).toBe("202612061000015");
    expect(formatModelTimestamp({ epochMs: Date.UTC(2021, 5, 10, 19, 39, 41, 169), nanos: 169_000_000 })).toBe("20210610193941169");
    expect(formatModelTimestamp({ epochMs: Date.UTC(2021, 5, 10, 19, 39, 41), nanos: 5 })).toBe("20210610193941000000005");
  });

  it("parses canonical names only; bare yyyyMMddHHmmss, trailing zeros, roll-overs and text are not names", () => {
    expect(parseModelTimestamp("202612061000015")).toEqual({ epochMs: Date.UTC(2026, 11, 6, 10, 0, 1, 500), nanos: 500_000_000 });
    expect(parseModelTimestamp("20261206020602645")).toEqual({ epochMs: Date.UTC(2026, 11, 6, 2, 6, 2, 645), nanos: 645_000_000 });
    expect(parseModelTimestamp("20210610193941000000005")!.nanos).toBe(5);
    for (const bad of ["20261206100000", "2021061019394100", "202612062400000", "202602311000000", "202613061000000", "conf", "2026120610000x0", " 202612061000000", "2026120610000001234567890"]) {
      expect(parseModelTimestamp(bad), bad).toBeNull();
    }
  });
});

describe("ModelStreamFileSourceStreamOp reads Alink-written folders", () => {
  for (const version of VERSIONS) {
    it(`${version}/model_stream: two models, rows as in their .ak files, counts as the logs, times right`, async () => {
      const root = path.join(ALINK, version, "model_stream");
      const { schema, rows, times } = await readStream(root);
      const model = readAk(path.join(root, "202612061000000"));
      expect(schema.names).toEqual(["alinkmodelstreamtimestamp", "alinkmodelstreamcount", ...model.schema.names]);
      expect(schema.types).toEqual(["TIMESTAMP", "BIGINT", ...model.schema.types]);
      const t0 = Date.UTC(2026, 11, 6, 10, 0, 0);
      const t1 = Date.UTC(2026, 11, 6, 10, 0, 1, 500);
      const expected: unknown[][] = [];
      for (const [name, t] of [["202612061000000", t0], ["202612061000015", t1]] as const) {
        const log = JSON.parse(fs.readFileSync(path.join(root, "conf", `${name}.log`), "utf8"));
        const table = readAk(path.join(root, name));
        expect(table.numRows).toBe(log.count);
        for (const r of cells(table.toRows())) expected.push([t, log.count, ...r]);
      }
      expect(cells(rows)).toEqual(expected);
      expect(times).toEqual(expected.map((r) => (r[0] as number) / 1000));
    });
  }

  it("alink-1.6.2/ftrl_model_stream: the FTRL model of 8 rows at 2026-12-06 02:06:02.645", async () => {
    const root = path.join(ALINK, "alink-1.6.2/ftrl_model_stream");
    const { rows } = await readStream(root);
    const table = readAk(path.join(root, "20261206020602645"));
    expect(rows.length).toBe(8);
    expect(cells(rows)).toEqual(cells(table.toRows()).map((r) => [Date.UTC(2026, 11, 6, 2, 6, 2, 645), 8, ...r]));
  });

  it("startTime keeps models at or after it; schemaStr gives the schema without reading a model", async () => {
    const root = path.join(ALINK, "alink-1.6.2/model_stream");
    const { rows } = await readStream(root, (op) => op.setStartTime("2026-12-06 10:00:00.001"));
    expect(new Set(rows.map((r) => (r[0] as Date).getTime()))).toEqual(new Set([Date.UTC(2026, 11, 6, 10, 0, 1, 500)]));
    const empty = tempDir();
    const src = new api.ModelStreamFileSourceStreamOp().setFilePath(empty).setSchemaStr("model_id BIGINT, model_info STRING");
    expect(src.getColNames()).toEqual(["alinkmodelstreamtimestamp", "alinkmodelstreamcount", "model_id", "model_info"]);
    expect((await src.collect()).length).toBe(0);
  });
});

describe("AppendModelStreamFileSinkBatchOp writes Alink's layout", () => {
  for (const version of VERSIONS) {
    it(`the same listing, logs and per-file rows as ${version}'s folder for 10:00:00 (1 file) and 10:00:01.5 (2 files)`, () => {
      const fixture = path.join(ALINK, version, "model_stream");
      const root = path.join(tempDir(), "model_stream");
      const model = () => new api.AkSourceBatchOp().setFilePath(path.join(fixture, "202612061000000"));
      new api.AppendModelStreamFileSinkBatchOp().setFilePath(root).setModelTime("2026-12-06 10:00:00").linkFrom(model());
      api.BatchOperator.execute();
      new api.AppendModelStreamFileSinkBatchOp().setFilePath(root).setModelTime("2026-12-06 10:00:01.5").setNumFiles(2).linkFrom(model());
      api.BatchOperator.execute();
      expect(listing(root)).toEqual(listing(fixture));
      for (const file of listing(fixture).filter((f) => !f.endsWith("/"))) {
        if (file.startsWith("conf/")) expect(fs.readFileSync(path.join(root, file), "utf8"), file).toBe(fs.readFileSync(path.join(fixture, file), "utf8"));
        else expect(cells(readAk(path.join(root, file)).toRows()), file).toEqual(cells(readAk(path.join(fixture, file)).toRows()));
      }
    });
  }

  it("numKeepModel keeps the newest models and deletes the older folders and logs; 0 deletes all", () => {
    const root = path.join(tempDir(), "ms");
    const mem = () => new api.MemSourceBatchOp([[1, "a"], [2, "b"]], "id BIGINT, s STRING");
    for (const second of ["01", "03", "02"]) {
      new api.AppendModelStreamFileSinkBatchOp().setFilePath(root).setModelTime(`2026-12-06 10:00:${second}`).setNumKeepModel(2).linkFrom(mem());
      api.BatchOperator.execute();
    }
    expect(listing(root)).toEqual(["202612061000020/", "202612061000020/0", "202612061000030/", "202612061000030/0", "conf/", "conf/202612061000020.log", "conf/202612061000030.log"]);
    new api.AppendModelStreamFileSinkBatchOp().setFilePath(root).setModelTime("2026-12-06 10:00:04").setNumKeepModel(0).linkFrom(mem());
    api.BatchOperator.execute();
    expect(listing(root)).toEqual(["conf/"]);
  });

  it("modelTime null is the time of linking; numFiles larger than the rows writes empty files too", () => {
    const root = path.join(tempDir(), "ms");
    const before = Date.now();
    new api.AppendModelStreamFileSinkBatchOp().setFilePath(root).setNumFiles(3).linkFrom(new api.MemSourceBatchOp([[1]], "id BIGINT"));
    const after = Date.now();
    api.BatchOperator.execute();
    const { models } = scanModelFolder(root, "test");
    expect(models.length).toBe(1);
    expect(models[0].ts.epochMs).toBeGreaterThanOrEqual(before);
    expect(models[0].ts.epochMs).toBeLessThanOrEqual(after);
    expect(fs.readdirSync(models[0].dir).sort()).toEqual(["0", "1", "2"]);
    expect(fs.readFileSync(path.join(root, "conf", `${models[0].name}.log`), "utf8")).toBe('{"count":1,"numFiles":3}');
  });
});

describe("FTRL model stream through a folder", () => {
  it("ModelStreamFileSinkStreamOp → folder → ModelStreamFileSourceStreamOp feeds the predictors to the in-memory predictions", async () => {
    const HASH_COLS = [...api.CTR_CATEGORICAL_COLS, ...api.CTR_NUMERIC_COLS];
    const hasher = new api.FeatureHasher().setSelectedCols(HASH_COLS).setCategoricalCols([...api.CTR_CATEGORICAL_COLS]).setOutputCol("vec").setNumFeatures(1000);
    const history = new api.CsvSourceBatchOp().setFilePath(`${ROOT}/datasets/ctr_train.csv`).setSchemaStr(api.CTR_SCHEMA_STR).setIgnoreFirstLine(true);
    const stream = new api.CsvSourceBatchOp().setFilePath(`${ROOT}/datasets/ctr_stream.csv`).setSchemaStr(api.CTR_SCHEMA_STR).setIgnoreFirstLine(true).firstN(3000);
    const features = new api.Pipeline().add(hasher).fit(history);
    const initModel = new api.LogisticRegressionTrainBatchOp().setVectorCol("vec").setLabelCol("click").setMaxIter(10).linkFrom(features.transform(history));
    const train = features.transform(stream.firstN(2000));
    const test = features.transform(stream);
    const trainer = () =>
      new api.FtrlTrainStreamOp(initModel).setVectorCol("vec").setLabelCol("click").setVectorSize(1000).setTimeInterval(900).linkFrom(new api.TableSourceStreamOp(train).setTimeCol("ts"));
    const data = () => new api.TableSourceStreamOp(test).setTimeCol("ts");
    const predictors = (models: () => api.StreamOperator) => [
      new api.FtrlPredictStreamOp(initModel).setVectorCol("vec").setPredictionCol("pred").setPredictionDetailCol("d").setReservedCols(["ts"]).linkFrom(models(), data()).lazyCollect(),
      new api.LogisticRegressionPredictStreamOp(initModel).setVectorCol("vec").setPredictionCol("pred").setPredictionDetailCol("d").setReservedCols(["ts"]).linkFrom(data(), models()).lazyCollect(),
    ];

    // In memory.
    const modelsInMemory = trainer().lazyCollect();
    const inMemory = predictors(trainer);
    await api.StreamOperator.execute();

    // Through a folder.
    const root = path.join(tempDir(), "ftrl_models");
    new api.ModelStreamFileSinkStreamOp().setFilePath(root).linkFrom(trainer());
    await api.StreamOperator.execute();
    const stamps = [...new Set(modelsInMemory.getRows().map((r) => (r[0] as Date).getTime()))];
    expect(stamps.length).toBeGreaterThan(3);
    const { models } = scanModelFolder(root, "test");
    expect(models.map((m) => m.ts.epochMs)).toEqual(stamps);
    for (const m of models) expect(fs.readdirSync(m.dir)).toEqual(["0"]);
    expect(fs.readdirSync(path.join(root, "conf")).sort()).toEqual(models.map((m) => `${m.name}.log`).sort());

    const readBack = await readStream(root);
    expect(cells(readBack.rows)).toEqual(cells(modelsInMemory.getRows()));
    expect(readBack.times).toEqual(Array.from(modelsInMemory.getTimes()));

    const fromFolder = predictors(() => new api.ModelStreamFileSourceStreamOp().setFilePath(root));
    await api.StreamOperator.execute();
    for (let k = 0; k < 2; k++) {
      const a = cells(inMemory[k].getRows());
      expect(a.length).toBe(3000);
      expect(new Set(a.map((r) => r[r.length - 1])).size).toBeGreaterThan(3); // several model versions served
      expect(cells(fromFolder[k].getRows())).toEqual(a);
    }
  }, 120_000);
});

describe("bad input", () => {
  it("a root that is a file, for the source and the sinks", async () => {
    const file = path.join(tempDir(), "file");
    fs.writeFileSync(file, "x");
    expectError(() => new api.ModelStreamFileSourceStreamOp().setFilePath(file).getSchema(), /is a file; a model-stream filePath must be a folder/);
    new api.AppendModelStreamFileSinkBatchOp().setFilePath(file).setModelTime("2026-12-06 10:00:00").linkFrom(new api.MemSourceBatchOp([[1]], "id BIGINT"));
    expectError(() => api.BatchOperator.execute(), /AppendModelStreamFileSinkBatchOp: .*file is a file; a model-stream folder needs it to be a directory/);
  });

  it("unparsable names, files and conf are ignored; an empty folder without schemaStr is an error", () => {
    const root = tempDir();
    fs.mkdirSync(path.join(root, "conf"));
    for (const d of ["20261206100000", "2021061019394100", "notes", "202612062400000"]) fs.mkdirSync(path.join(root, d));
    fs.writeFileSync(path.join(root, "202612061000000"), "a file, not a model folder");
    expect(scanModelFolder(root, "test")).toEqual({ models: [], ignored: ["2021061019394100", "20261206100000", "202612061000000", "202612062400000", "notes"] });
    expectError(() => new api.ModelStreamFileSourceStreamOp().setFilePath(root).getSchema(), /holds no committed model, so the model schema cannot be read from one; set schemaStr/);
  });

  function copyOfFixture(): string {
    const root = path.join(tempDir(), "model_stream");
    fs.cpSync(path.join(ALINK, "alink-1.6.2/model_stream"), root, { recursive: true });
    return root;
  }

  it("a committed folder without its conf log: an error naming the folder", async () => {
    const root = copyOfFixture();
    fs.rmSync(path.join(root, "conf", "202612061000015.log"));
    new api.ModelStreamFileSourceStreamOp().setFilePath(root).lazyCollect();
    const error = await expectStreamError(/model folder .*202612061000015 has no commit log .*202612061000015\.log/);
    expect(error.message).toContain(path.join(root, "202612061000015"));
  });

  it("a corrupt .ak file in a model folder: an error naming the folder", async () => {
    const root = copyOfFixture();
    fs.writeFileSync(path.join(root, "202612061000015", "1"), "not a zip");
    new api.ModelStreamFileSourceStreamOp().setFilePath(root).lazyCollect();
    await expectStreamError(/ModelStreamFileSourceStreamOp: model folder .*202612061000015 cannot be read: /);
  });

  it("rows other than the log's count: an error naming the folder", async () => {
    const root = copyOfFixture();
    fs.writeFileSync(path.join(root, "conf", "202612061000000.log"), '{"count":5,"numFiles":1}');
    new api.ModelStreamFileSourceStreamOp().setFilePath(root).lazyCollect();
    await expectStreamError(/model folder .*202612061000000 holds 4 rows, but its log .* counts 5/);
  });

  it("an existing conf/<ts> or committed <ts>: an error, nothing overwritten", () => {
    const root = copyOfFixture();
    fs.mkdirSync(path.join(root, "conf", "202612061000030"));
    const mem = () => new api.MemSourceBatchOp([[1]], "id BIGINT");
    new api.AppendModelStreamFileSinkBatchOp().setFilePath(root).setModelTime("2026-12-06 10:00:03").linkFrom(mem());
    expectError(() => api.BatchOperator.execute(), /model path .*conf\/202612061000030 already exists/);
    new api.AppendModelStreamFileSinkBatchOp().setFilePath(root).setModelTime("2026-12-06 10:00:00").linkFrom(mem());
    expectError(() => api.BatchOperator.execute(), /model 202612061000000 is already committed/);
    expect(listing(root)).toEqual([...listing(path.join(ALINK, "alink-1.6.2/model_stream")), "conf/202612061000030/"].sort());
    expect(() => commitModel(root, { epochMs: Date.UTC(2026, 11, 6, 10), nanos: 0 }, [], 0, 1, "x")).toThrow(/already committed/);
  });

  it("a bad modelTime or startTime, and a non-model-stream input to the stream sink", () => {
    expectError(
      () => new api.AppendModelStreamFileSinkBatchOp().setFilePath(tempDir()).setModelTime("2026-12-06").linkFrom(new api.MemSourceBatchOp([[1]], "id BIGINT")),
      'AppendModelStreamFileSinkBatchOp: modelTime "2026-12-06" is not a timestamp; expected "yyyy-mm-dd hh:mm:ss[.fffffffff]" (UTC), e.g. "2026-12-06 10:00:01.5".',
    );
    expectError(
      () => new api.ModelStreamFileSinkStreamOp().setFilePath(tempDir()).linkFrom(new api.MemSourceStreamOp([[1]], "id BIGINT")),
      /the model-stream input must start with columns alinkmodelstreamtimestamp TIMESTAMP/,
    );
  });
});
