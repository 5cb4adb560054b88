import { describe, expect, it } from "vitest";
import {
  CsvSourceStreamOp,
  MemSourceStreamOp,
  SplitStreamOp,
  StreamOperator,
  TableSourceStreamOp,
  UnionAllStreamOp,
  MemSourceBatchOp,
  CTR_SCHEMA_STR,
} from "../../src";
import { ROOT, expectError } from "../helpers";
import * as api from "../../src";

const rows = (n: number, offset = 0) => Array.from({ length: n }, (_, i) => [i + offset, `r${i + offset}`]);

describe("stream engine", () => {
  it("assigns generated event times and collects rows with their times", async () => {
    const src = new MemSourceStreamOp(rows(5), "id int, s string").setTimePerSample(0.5).setStartTime(10);
    const collection = src.lazyCollect();
    const report = await StreamOperator.execute();
    expect(collection.getRows()).toEqual(rows(5));
    expect(Array.from(collection.getTimes())).toEqual([10, 10.5, 11, 11.5, 12]);
    expect(report).toMatchObject({ rows: 5, firstEventTime: 10, lastEventTime: 12 });
  });

  it("merges inputs by event time, ties to the input linked first, whatever the chunking", async () => {
    const a = new MemSourceStreamOp([[1, "a"], [3, "a"], [3, "a"], [7, "a"]], "t double, src string").setTimeCol("t");
    const b = new MemSourceStreamOp([[0, "b"], [3, "b"], [5, "b"], [7, "b"], [9, "b"]], "t double, src string").setTimeCol("t");
    const union = new UnionAllStreamOp().linkFrom(a, b);
    const got = await union.collect();
    expect(got).toEqual([[0, "b"], [1, "a"], [3, "a"], [3, "a"], [3, "b"], [5, "b"], [7, "a"], [7, "b"], [9, "b"]]);
    const reversed = await new UnionAllStreamOp().linkFrom(b, a).collect();
    expect(reversed).toEqual([[0, "b"], [1, "a"], [3, "b"], [3, "a"], [3, "a"], [5, "b"], [7, "b"], [7, "a"], [9, "b"]]);
  });

  it("splits reproducibly, and main + side output partition the stream", async () => {
    const src = new MemSourceStreamOp(rows(1000), "id int, s string");
    const split = new SplitStreamOp(0.3).linkFrom(src);
    const main = split.lazyCollect();
    const side = split.getSideOutput(0).lazyCollect();
    await StreamOperator.execute();
    const m = main.getRows().map((r) => r[0] as number);
    const s = side.getRows().map((r) => r[0] as number);
    expect(m.length + s.length).toBe(1000);
    expect(new Set([...m, ...s]).size).toBe(1000);
    expect(m.length).toBeGreaterThan(240);
    expect(m.length).toBeLessThan(360);
    const again = await new SplitStreamOp(0.3).linkFrom(new MemSourceStreamOp(rows(1000), "id int, s string")).collect();
    expect(again.map((r) => r[0])).toEqual(m);
  });

  it("streams a CSV file by its time column and a batch operator's output", async () => {
    const csv = new CsvSourceStreamOp()
      .setFilePath(`${ROOT}/datasets/ctr_stream.csv`)
      .setSchemaStr(CTR_SCHEMA_STR)
      .setIgnoreFirstLine(true)
      .setTimeCol("ts");
    const collection = csv.lazyCollect();
    const batch = new TableSourceStreamOp(new MemSourceBatchOp(rows(3), "id int, s string")).lazyCollect();
    await StreamOperator.execute();
    const times = collection.getTimes();
    expect(times.length).toBe(20000);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]);
    expect(batch.getRows()).toEqual(rows(3));
  });

  it("rejects out-of-order rows, or reorders them within maxOutOfOrderness", async () => {
    const data = [[1.0], [3.0], [2.0], [4.0]];
    const strict = new MemSourceStreamOp(data, "t double").setTimeCol("t");
    strict.lazyCollect();
    await expect(StreamOperator.execute()).rejects.toThrow(
      'MemSourceStreamOp: row 2 has event time 2, earlier than the previous row (3). A stream must be in event-time order: sort the input by "t", or setMaxOutOfOrderness(seconds) to let streamlab reorder rows within a bound.',
    );
    const lenient = new MemSourceStreamOp(data, "t double").setTimeCol("t").setMaxOutOfOrderness(1.5);
    expect((await lenient.collect()).map((r) => r[0])).toEqual([1, 2, 3, 4]);
    const tooLate = new MemSourceStreamOp([[5.0], [1.0]], "t double").setTimeCol("t").setMaxOutOfOrderness(1);
    tooLate.lazyCollect();
    await expect(StreamOperator.execute()).rejects.toThrow(/row 1 has event time 1, more than maxOutOfOrderness = 1 s behind the latest event time 5/);
  });

  it("names a row without a usable event time: null, NaN or infinite (before any order problem of the same chunk)", async () => {
    const cases: [unknown[][], RegExp][] = [
      [[[1.0], [null], [0.5]], /^MemSourceStreamOp: row 1 has no event time \(timeCol "t" is null\)\.$/],
      [[[1.0], [3.0], [2.0], [Number.POSITIVE_INFINITY]], /^MemSourceStreamOp: row 3 has event time Infinity; expected a finite number of seconds\.$/],
      [[[Number.NaN]], /^MemSourceStreamOp: row 0 has event time NaN; expected a finite number of seconds\.$/],
      [[[-1e308], [-Infinity]], /row 1 has event time -Infinity; expected a finite number of seconds/],
    ];
    for (const [data, message] of cases) {
      new MemSourceStreamOp(data, "t double").setTimeCol("t").lazyCollect();
      await expect(StreamOperator.execute()).rejects.toThrow(message);
    }
  });

  it("checks links and time columns when they are made", () => {
    expectError(
      () => new MemSourceStreamOp(rows(2), "id int, s string").setTimeCol("ts").lazyCollect(),
      'MemSourceStreamOp: column "ts" (parameter "timeCol") is not in the input. Did you mean "s"? Available columns: id, s.',
    );
    expectError(
      () => new MemSourceStreamOp(rows(2), "id int, s string").setTimeCol("s").lazyCollect(),
      'MemSourceStreamOp: timeCol "s" is STRING; expected a number of seconds (DOUBLE, INT, BIGINT) or a TIMESTAMP.',
    );
    expectError(
      () => new UnionAllStreamOp().linkFrom(new MemSourceStreamOp(rows(1), "id int, s string"), new MemSourceStreamOp([[1]], "id int")),
      "UnionAllStreamOp: input 1 has schema id INT, but input 0 has id INT,s STRING; all inputs need the same columns and types.",
    );
    expectError(() => new SplitStreamOp(0.5).linkFrom(new MemSourceBatchOp(rows(1), "id int, s string") as never), /input 0 must be a stream operator, got MemSourceBatchOp \(wrap a batch operator with new TableSourceStreamOp/);
  });

  it("says when there is nothing to run", async () => {
    await expect(StreamOperator.execute()).rejects.toThrow("StreamOperator.execute(): nothing to run.");
  });
});

describe("RandomTableSourceStreamOp", () => {
  it("generates seeded rows with the configured distributions", async () => {
    const { RandomTableSourceStreamOp } = await import("../../src");
    const op = () =>
      new RandomTableSourceStreamOp()
        .setMaxRows(5000)
        .setNumCols(3)
        .setOutputColConfs("col0:uniform(2,4);col1:gauss(10,4);col2:weight_set(1,1,5,3,nullper=0.2)")
        .setTimePerSample(0.1);
    const rows = await op().collect();
    expect(rows.length).toBe(5000);
    expect(rows[0][0]).toBe(1);
    expect(rows.every((r) => (r[1] as number) >= 2 && (r[1] as number) <= 4)).toBe(true);
    const gauss = rows.map((r) => r[2] as number);
    const mean = gauss.reduce((a, b) => a + b, 0) / gauss.length;
    const sd = Math.sqrt(gauss.reduce((a, b) => a + (b - mean) ** 2, 0) / gauss.length);
    expect(mean).toBeCloseTo(10, 0);
    expect(sd).toBeCloseTo(2, 0);
    const third = rows.map((r) => r[3]);
    const nulls = third.filter((v) => v === null).length / rows.length;
    expect(nulls).toBeGreaterThan(0.15);
    expect(nulls).toBeLessThan(0.25);
    expect(new Set(third.filter((v) => v !== null))).toEqual(new Set([1, 5]));
    expect(await op().collect()).toEqual(rows);
    expectError(
      () => op().setOutputColConfs("col9:gauss(0,1)").lazyCollect(),
      'RandomTableSourceStreamOp: outputColConfs entry "col9:gauss(0,1)": no column named "col9" (columns: col0, col1, col2). Expected "name:method(args)", e.g. "col0:gauss(0,1)".',
    );
    expectError(() => op().setOutputColConfs("col0:zipf(1)").lazyCollect(), /unknown method "zipf"/);
  });
});

describe("CsvSourceStreamOp STRING fields (decoded when read)", () => {
  it("gives exactly the batch source's values: quoted, empty, repeated, unique and non-ASCII fields, through a split", async () => {
    const fs = await import("fs");
    const os = await import("os");
    const path = await import("path");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "streamlab-csv-"));
    const file = path.join(dir, "mixed.csv");
    const lines = ["id,cat,note,t"];
    for (let i = 0; i < 5000; i++) {
      const cat = ["a", "bb", "ccc", "é", "漢字"][i % 5];
      const note = i % 7 === 0 ? "" : i % 11 === 0 ? `"quoted, ${i} ""x"""` : `n${i % 50}`;
      lines.push(`id-${i},${cat},${note},${i * 0.25}`);
    }
    fs.writeFileSync(file, lines.join("\n") + "\n");
    const schemaStr = "id string, cat string, note string, t double";
    const batch = new api.CsvSourceBatchOp().setFilePath(file).setSchemaStr(schemaStr).setIgnoreFirstLine(true).collect();
    const source = new CsvSourceStreamOp().setFilePath(file).setSchemaStr(schemaStr).setIgnoreFirstLine(true).setTimeCol("t");
    const split = new api.SplitStreamOp(0.3).setRandomSeed(4).linkFrom(source);
    const whole = source.lazyCollect();
    const left = split.lazyCollect();
    const right = split.getSideOutput(0).lazyCollect();
    await StreamOperator.execute();
    expect(whole.getRows()).toEqual(batch);
    const both = [...left.getRows(), ...right.getRows()].sort((a, b) => (a[3] as number) - (b[3] as number));
    expect(both).toEqual(batch);
    expect(batch[7][2]).toBeNull();
    expect(batch[11][2]).toBe('quoted, 11 "x"');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
