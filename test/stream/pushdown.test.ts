import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterEach, describe, expect, it } from "vitest";
import { ROOT } from "../helpers";

/**
 * Row-map pushdown (src/stream/pushdown.ts): a CSV stream source parsing in a worker thread maps
 * rows for the feature pipeline that transforms its rows (directly, or both halves of a split)
 * when it is ahead. Checked on the built package (the worker exists only there) against the same
 * graphs parsed and mapped in one thread (STREAMLAB_CSV_WORKER=0): same rows, same errors.
 */
const DIST = path.join(ROOT, "dist");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dist = () => require(DIST);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const workerTimes = () => require(path.join(DIST, "io", "csv", "readCsvInWorker")).lastCsvWorkerTimes();

const CATEGORICAL = ["C1", "banner_pos", "site_category", "app_domain", "site_id", "device_id", "device_model"];
const NUMERIC = ["C14", "C15", "C18", "C21"];

let ctrFile: string | null = null;
function ctrCsv(): string {
  if (ctrFile !== null) return ctrFile;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "streamlab-pushdown-"));
  ctrFile = path.join(dir, "ctr.csv");
  dist().writeCtrDataset(ctrFile, { rows: 30000, seed: 5 }); // several 1 MB chunks
  return ctrFile;
}

function fitted(file: string, withOneHot = false, handleInvalid = "keep") {
  const api = dist();
  const head = new api.CsvSourceBatchOp().setFilePath(file).setSchemaStr(api.CTR_SCHEMA_STR).setIgnoreFirstLine(true).firstN(3000);
  const stages = [new api.StandardScaler().setSelectedCols(NUMERIC)];
  if (withOneHot) stages.push(new api.OneHotEncoder().setSelectedCols(["site_category", "app_domain"]).setOutputCols(["onehot"]).setHandleInvalid(handleInvalid).setDropLast(false));
  stages.push(new api.FeatureHasher().setSelectedCols([...CATEGORICAL, ...NUMERIC]).setCategoricalCols(CATEGORICAL).setOutputCol("vec").setNumFeatures(5000));
  return new api.Pipeline(...stages).fit(head);
}

async function runGraph(file: string, pipeline: any, split: boolean): Promise<{ halves: unknown[][][]; mappedRows: number }> {
  const api = dist();
  const source = new api.CsvSourceStreamOp().setFilePath(file).setSchemaStr(api.CTR_SCHEMA_STR).setIgnoreFirstLine(true).setTimeCol("ts");
  let collections: any[];
  if (split) {
    const s = new api.SplitStreamOp(0.3).setRandomSeed(7).linkFrom(source);
    collections = [pipeline.transform(s).lazyCollect(), pipeline.transform(s.getSideOutput(0)).lazyCollect()];
  } else {
    collections = [pipeline.transform(source).lazyCollect()];
  }
  await api.StreamOperator.execute();
  const times = workerTimes();
  return { halves: collections.map((c) => c.getRows()), mappedRows: times === null ? 0 : times.mappedRows };
}

async function inOneThread<T>(f: () => Promise<T>): Promise<T> {
  process.env.STREAMLAB_CSV_WORKER = "0";
  try {
    return await f();
  } finally {
    delete process.env.STREAMLAB_CSV_WORKER;
  }
}

afterEach(() => {
  delete process.env.STREAMLAB_CSV_WORKER_MAP;
});

describe.skipIf(!fs.existsSync(path.join(DIST, "pipeline", "workerMapper.js")))("row-map pushdown into the CSV worker", () => {
  for (const split of [false, true]) {
    it(`maps in the worker what the stream's thread would map${split ? " (both halves of a split)" : ""}: same rows`, async () => {
      const file = ctrCsv();
      const pipeline = fitted(file, split);
      const expected = await inOneThread(() => runGraph(file, pipeline, split));
      process.env.STREAMLAB_CSV_WORKER_MAP = "always";
      const pushed = await runGraph(file, pipeline, split);
      expect(pushed.mappedRows).toBe(30000); // every chunk mapped in the worker
      expect(pushed.halves.map((h) => h.length)).toEqual(expected.halves.map((h) => h.length));
      pushed.halves.forEach((rows, i) => expect(rows).toEqual(expected.halves[i]));
      // Left to itself (no forcing) it maps only while ahead: same rows whatever it decided.
      delete process.env.STREAMLAB_CSV_WORKER_MAP;
      const balanced = await runGraph(file, pipeline, split);
      balanced.halves.forEach((rows, i) => expect(rows).toEqual(expected.halves[i]));
    });
  }

  it("is not pushed when something else reads the source's rows, or the halves go through different pipelines", async () => {
    const api = dist();
    const file = ctrCsv();
    const pipeline = fitted(file);
    process.env.STREAMLAB_CSV_WORKER_MAP = "always";
    const source = new api.CsvSourceStreamOp().setFilePath(file).setSchemaStr(api.CTR_SCHEMA_STR).setIgnoreFirstLine(true).setTimeCol("ts");
    pipeline.transform(source).lazyCollect();
    source.lazyCollect();
    await api.StreamOperator.execute();
    expect(workerTimes().mappedRows).toBe(0);

    const other = fitted(file, true);
    const s = new api.SplitStreamOp(0.5).linkFrom(new api.CsvSourceStreamOp().setFilePath(file).setSchemaStr(api.CTR_SCHEMA_STR).setIgnoreFirstLine(true).setTimeCol("ts"));
    pipeline.transform(s).lazyCollect();
    other.transform(s.getSideOutput(0)).lazyCollect();
    await api.StreamOperator.execute();
    expect(workerTimes().mappedRows).toBe(0);
  });

  it("leaves nothing of a plan on the operators when the graph fails to build", async () => {
    const api = dist();
    const pipeline = fitted(ctrCsv());
    const source = new api.CsvSourceStreamOp().setFilePath(ctrCsv()).setSchemaStr(api.CTR_SCHEMA_STR).setIgnoreFirstLine(true).setTimeCol("ts");
    const mapped = pipeline.transform(source);
    mapped.lazyCollect();
    source.setFilePath(path.join(path.dirname(ctrCsv()), "missing.csv")); // its task cannot be made
    await expect(api.StreamOperator.execute()).rejects.toThrow(/missing\.csv/);
    expect((mapped as { premapped: boolean }).premapped).toBe(false);
    expect((source as { offeredMapper: unknown }).offeredMapper).toBeNull();
  });

  it("leaves errors to the stream's own map operator: same message, row number and event time", async () => {
    const file = ctrCsv();
    const pipeline = fitted(file, true, "error");
    // Categories the one-hot encoder never saw (the head has not every one; one more planted): it refuses them (handleInvalid "error").
    const lines = fs.readFileSync(file, "utf8").split("\n");
    const header = lines[0].split(",");
    const bad = 25000;
    const cells = lines[bad].split(",");
    cells[header.indexOf("site_category")] = "never-seen";
    lines[bad] = cells.join(",");
    const badFile = path.join(path.dirname(file), "bad.csv");
    fs.writeFileSync(badFile, lines.join("\n"));
    const message = async () => {
      try {
        await runGraph(badFile, pipeline, true);
      } catch (error) {
        return (error as Error).message;
      }
      return "no error";
    };
    const expected = await inOneThread(message);
    expect(expected).toMatch(/has not seen/);
    expect(expected).toMatch(/row \d+/);
    process.env.STREAMLAB_CSV_WORKER_MAP = "always";
    expect(await message()).toBe(expected);
  });
});
