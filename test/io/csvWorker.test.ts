import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers";

/**
 * The CSV stream source parses in a worker thread when the compiled worker script exists (dist/,
 * which `npm test` builds first); the TypeScript sources run by vitest parse in-thread. These
 * tests load the built package so that the worker path itself is checked against the in-thread
 * parser: same rows, same errors.
 */
const DIST = path.join(ROOT, "dist");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dist = () => require(DIST);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const workerReader = () => require(path.join(DIST, "io", "csv", "readCsvInWorker"));

function writeCsv(lines: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "streamlab-csvw-"));
  const file = path.join(dir, "data.csv");
  fs.writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

const SCHEMA = "id string, cat string, note string, n int, vec string, t double";

function mixedLines(rows: number): string[] {
  const lines = ["id,cat,note,n,vec,t"];
  for (let i = 0; i < rows; i++) {
    const cat = ["a", "bb", "é", "漢字"][i % 4];
    const note = i % 7 === 0 ? "" : i % 11 === 0 ? `"quoted, ${i} ""x"""` : `n${i % 50}`;
    const n = i % 13 === 0 ? "" : String(i * 3 - 500);
    lines.push(`id-${i},${cat},${note},${n},"$8$${i % 8}:1.0",${i * 0.25}`);
  }
  return lines;
}

async function streamRows(file: string, lenient = false, schema = SCHEMA, onSource: (op: any) => void = () => {}): Promise<unknown[][]> {
  const api = dist();
  const source = new api.CsvSourceStreamOp().setFilePath(file).setSchemaStr(schema).setIgnoreFirstLine(true).setTimeCol("t").setLenient(lenient);
  onSource(source);
  const collected = source.lazyCollect();
  await api.StreamOperator.execute();
  return collected.getRows();
}

function batchError(file: string, schema = SCHEMA): string {
  try {
    new (dist().CsvSourceBatchOp)().setFilePath(file).setSchemaStr(schema).setIgnoreFirstLine(true).collect();
  } catch (error) {
    return (error as Error).message;
  }
  return "";
}

describe.skipIf(!fs.existsSync(path.join(DIST, "io", "csv", "csvParseWorker.js")))("CSV stream source parsing in a worker thread", () => {
  it("is used where the compiled worker exists, and reads exactly what the in-thread batch parser reads", async () => {
    const file = writeCsv(mixedLines(40000)); // several 1 MB chunks
    const api = dist();
    const config = { file, names: ["a"], types: ["STRING"], format: { fieldDelimiter: ",", rowDelimiter: "\n", quoteChar: '"', skipBlankLine: true, lenient: false, handleInvalidMethod: "ERROR" }, fileName: file, ignoreFirstLine: true, operator: "x" };
    const probe = workerReader().readCsvChunksInWorker(config, 1 << 20);
    expect(probe).not.toBeNull();
    probe.return(undefined);
    const batch = new api.CsvSourceBatchOp().setFilePath(file).setSchemaStr(SCHEMA).setIgnoreFirstLine(true).collect();
    const streamed = await streamRows(file);
    expect(streamed.length).toBe(40000);
    expect(streamed.map((r) => r.map(String))).toEqual(batch.map((r: unknown[]) => r.map(String)));
  });

  it("reports a bad line with the in-thread parser's message, and lenient mode skips it", async () => {
    const lines = mixedLines(30000);
    lines[25001] = "id-x,a,b,not-a-number,$8$1:1.0,6250";
    const file = writeCsv(lines);
    const api = dist();
    let batchError = "";
    try {
      new api.CsvSourceBatchOp().setFilePath(file).setSchemaStr(SCHEMA).setIgnoreFirstLine(true).collect();
    } catch (error) {
      batchError = (error as Error).message;
    }
    expect(batchError).toMatch(/line 25002/);
    await expect(streamRows(file)).rejects.toThrow(batchError.replace("CsvSourceBatchOp", "CsvSourceStreamOp"));
    expect((await streamRows(file, true)).length).toBe(29999);
  });
});

describe.skipIf(!fs.existsSync(path.join(DIST, "io", "csv", "csvParseWorker.js")))("bad input through the worker thread (issue 13)", () => {
  it("invalid UTF-8 in a STRING field: the worker reports the in-thread parser's error (line and column)", async () => {
    const lines = mixedLines(30000);
    const file = writeCsv(lines);
    // Replace the "é" of line 25004's cat field by a lone Latin-1 byte 0xE9.
    const bytes = fs.readFileSync(file);
    const at = bytes.indexOf(Buffer.from(lines[25003] + "\n")) + lines[25003].indexOf(",") + 1;
    expect(bytes.subarray(at, at + 2)).toEqual(Buffer.from("é"));
    fs.writeFileSync(file, Buffer.concat([bytes.subarray(0, at), Buffer.from([0xe9]), bytes.subarray(at + 2)]));
    const message = batchError(file);
    expect(message).toMatch(/line 25004, column "cat" \(STRING\): the field is not valid UTF-8 \(bytes 0xE9 at byte 0 of the field\)/);
    await expect(streamRows(file)).rejects.toThrow(message.replace("CsvSourceBatchOp", "CsvSourceStreamOp"));
    let op: any;
    expect((await streamRows(file, true, SCHEMA, (o) => (op = o))).length).toBe(29999);
    expect(op.getSkippedLineCount()).toBe(1);
    expect(op.getSkippedLines()[0].line).toBe(25004);
  });

  it("lenient counts from the worker equal the batch source's (field-count errors, bad numbers, CR line ends)", async () => {
    const lines = mixedLines(30000);
    lines[3] = lines[3] + ",extra";
    lines[20000] = "id-x,a,b,12,zz,notanumber";
    lines[29000] = "short,line";
    const file = writeCsv(lines);
    // Mixed line ends: every third line ends in \r\n, every fifth in a bare \r.
    const text = lines.map((l, i) => l + (i % 5 === 4 ? "\r" : i % 3 === 2 ? "\r\n" : "\n")).join("");
    fs.writeFileSync(file, text);
    const api = dist();
    const batchOp = new api.CsvSourceBatchOp().setFilePath(file).setSchemaStr(SCHEMA).setIgnoreFirstLine(true).setLenient(true);
    const batch = batchOp.collect();
    expect(batch.length).toBe(29997);
    let op: any;
    const streamed = await streamRows(file, true, SCHEMA, (o) => (op = o));
    expect(streamed.map((r) => r.map(String))).toEqual(batch.map((r: unknown[]) => r.map(String)));
    expect(op.getSkippedLineCount()).toBe(3);
    expect(op.getSkippedLines()).toEqual(batchOp.getSkippedLines());
    expect(op.getSkippedLines().map((s: { line: number }) => s.line)).toEqual([4, 20001, 29001]);
  });

  it("columns selected by header name (others skipped undecoded) read the same in the worker", async () => {
    const file = writeCsv(mixedLines(30000));
    const schema = "t double, note string, id string";
    const batch = new (dist().CsvSourceBatchOp)().setFilePath(file).setSchemaStr(schema).setIgnoreFirstLine(true).collect();
    expect(batch[11]).toEqual([2.75, 'quoted, 11 "x"', "id-11"]);
    const streamed = await streamRows(file, false, schema);
    expect(streamed).toEqual(batch);
  });
});

describe.skipIf(!fs.existsSync(path.join(DIST, "io", "csv", "csvParseWorker.js")))("dictionary-coded STRING columns from the worker", () => {
  it("hash to exactly the vectors FeatureHasher gives for the same texts read in-thread", async () => {
    const file = writeCsv(mixedLines(30000));
    const api = dist();
    const hasher = (op: { setSelectedCols(c: string[]): unknown }) =>
      (op.setSelectedCols(["cat", "note", "id", "n"]) as { setCategoricalCols(c: string[]): { setOutputCol(c: string): { setNumFeatures(n: number): unknown } } })
        .setCategoricalCols(["cat", "note", "id"])
        .setOutputCol("hashed") // a new column, appended last
        .setNumFeatures(1000);
    const batchOp = hasher(new api.FeatureHasherBatchOp()) as { linkFrom(x: unknown): { collect(): unknown[][] } };
    const batch = batchOp.linkFrom(new api.CsvSourceBatchOp().setFilePath(file).setSchemaStr(SCHEMA).setIgnoreFirstLine(true)).collect();
    const source = new api.CsvSourceStreamOp().setFilePath(file).setSchemaStr(SCHEMA).setIgnoreFirstLine(true).setTimeCol("t");
    const streamOp = hasher(new api.FeatureHasherStreamOp()) as { linkFrom(x: unknown): { lazyCollect(): { getRows(): unknown[][] } } };
    const collected = streamOp.linkFrom(source).lazyCollect();
    await api.StreamOperator.execute();
    const vectors = (rows: unknown[][]) => rows.map((r) => String(r[r.length - 1]));
    expect(vectors(batch)[1]).toMatch(/^\$1000\$/);
    expect(vectors(collected.getRows())).toEqual(vectors(batch));
  });
});

describe.skipIf(!fs.existsSync(path.join(DIST, "io", "csv", "csvParseWorker.js")))("CSV worker kept between runs", () => {
  it("a worker that finished one read takes the next, of another file and schema; one stopped by an error is not reused", async () => {
    const api = dist();
    const a = writeCsv(mixedLines(20000));
    const b = writeCsv(["x,y", ...Array.from({ length: 5000 }, (_, i) => `${i % 7 === 0 ? "" : `v${i % 13}`},${i}`)]);
    const bad = mixedLines(20000);
    bad[15000] = "id-x,a,b,not-a-number,$8$1:1.0,3750";
    const badFile = writeCsv(bad);
    const inThread = (file: string, schema: string) => new api.CsvSourceBatchOp().setFilePath(file).setSchemaStr(schema).setIgnoreFirstLine(true).collect();
    const expectedA = inThread(a, SCHEMA).map((r: unknown[]) => r.map(String));
    const schemaB = "x string, y double";
    const expectedB = inThread(b, schemaB);
    expect((await streamRows(a)).map((r) => r.map(String))).toEqual(expectedA);
    const bRows = await (async () => {
      const source = new api.CsvSourceStreamOp().setFilePath(b).setSchemaStr(schemaB).setIgnoreFirstLine(true).setTimeCol("y");
      const collected = source.lazyCollect();
      await api.StreamOperator.execute();
      return collected.getRows();
    })();
    expect(bRows).toEqual(expectedB);
    const idle = workerReader().idleCsvWorkerCount();
    expect(idle).toBeGreaterThanOrEqual(1); // the worker of the last read waits for the next
    await expect(streamRows(badFile)).rejects.toThrow(/line 15001/);
    expect(workerReader().idleCsvWorkerCount()).toBe(idle - 1); // it took that one and was stopped
    expect((await streamRows(a)).map((r) => r.map(String))).toEqual(expectedA);
    expect(workerReader().idleCsvWorkerCount()).toBe(idle);
    await api.CsvSourceStreamOp.releaseWorkers();
    expect(workerReader().idleCsvWorkerCount()).toBe(0);
    expect((await streamRows(a)).map((r) => r.map(String))).toEqual(expectedA); // a new one
    expect(workerReader().lastCsvWorkerTimes().rows).toBe(20000);
  });
});
