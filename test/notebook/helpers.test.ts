import { describe, expect, it } from "vitest";
import * as api from "../../src";
import { StreamlabError } from "../../src/core/errors";
import { featureSlot } from "../../src/feature/hasher/murmur3";

const { MemSourceBatchOp, MemSourceStreamOp, StreamOperator, toRecords, toRecord, rowsToTable, formatTableText } = api;

describe("toRecords / toRecord: named columns", () => {
  it("turns a batch operator's rows into objects keyed by column name", () => {
    const op = new MemSourceBatchOp([[1, "a", 0.5], [2, null, 1.5]], "id int, s string, d double");
    expect(toRecords(op)).toEqual([{ id: 1, s: "a", d: 0.5 }, { id: 2, s: null, d: 1.5 }]);
    // collect() still returns arrays (Alink's List<Row>)
    expect(op.collect()).toEqual([[1, "a", 0.5], [2, null, 1.5]]);
  });

  it("reads a stream collection and a table", async () => {
    const op = new MemSourceStreamOp([[10, "x"], [20, "y"]], "t double, k string").setTimeCol("t");
    const collection = op.lazyCollect();
    await StreamOperator.execute();
    expect(toRecords(collection).map((r) => r.k)).toEqual(["x", "y"]);
    expect(toRecords(collection.getTable())[1]).toEqual({ t: 20, k: "y" });
  });

  it("names one row by a schema and rejects a row of the wrong width", () => {
    const schema = api.Schema.parse("pred int, detail string");
    expect(toRecord([1, "{}"], schema)).toEqual({ pred: 1, detail: "{}" });
    expect(() => toRecord([1], schema)).toThrow("toRecord: the row has 1 values but the schema has 2 columns (pred, detail).");
    expect(() => toRecords([[1]] as never)).toThrow(StreamlabError);
  });
});

describe("showRows / rowsToTable: a table view of plain rows", () => {
  it("infers column types from objects and prints doubles as Alink does", () => {
    const table = rowsToTable([{ set: "train", AUC: 0.712345, rows: 8000, ok: true }, { set: "test", AUC: 0.70001, rows: 2000, ok: false }]);
    expect(table.schema.names).toEqual(["set", "AUC", "rows", "ok"]);
    expect(table.schema.types).toEqual(["STRING", "DOUBLE", "BIGINT", "BOOLEAN"]);
    const text = formatTableText(table);
    expect(text).toContain("0.7123"); // %.4f, HALF_UP
    expect(text).toContain("0.7000");
  });

  it("takes the schema string's columns, order and types, ignoring other keys", () => {
    const table = rowsToTable([{ b: 2, a: "x", extra: 1 }], "a string, b double");
    expect(table.schema.names).toEqual(["a", "b"]);
    expect(table.toRows()).toEqual([["x", 2]]);
  });

  it("needs a schema for array rows", () => {
    expect(() => rowsToTable([["x", 1]])).toThrow(/need a schema string/);
    expect(rowsToTable([["x", 1]], "k string, v int").toRows()).toEqual([["x", 1]]);
  });

  it("shows mixed values as text", () => {
    expect(rowsToTable([{ v: 1 }, { v: "two" }]).toRows()).toEqual([["1"], ["two"]]);
  });
});

describe("hashedFeatureNames", () => {
  it("names each slot by the key FeatureHasher puts there, checked against the hasher's own output", () => {
    const data = new MemSourceBatchOp(
      [["a", 1, 0.5], ["b", 2, 1.5], ["a", 3, -1]],
      "cat string, num int, x double",
    );
    const hasher = new api.FeatureHasher().setSelectedCols(["cat", "num", "x"]).setCategoricalCols(["num"]).setOutputCol("vec").setNumFeatures(1000);
    const names = hashedFeatureNames(hasher, data);
    expect(names.length).toBe(1000);
    // Independent truth: the slots the fitted hasher actually fills for row 0 ("cat=a", "num=1", x numeric).
    const vec = toRecords(hasher.transform(data))[0].vec as api.SparseVector;
    const filled = Array.from(vec.indices).map((i) => names[i]!.replace(/ \(\+\d+\)$/, ""));
    expect(filled.sort()).toEqual(["cat=a", "num=1", "x"].sort());
    expect(names[featureSlot("cat=b", 1000)]).toMatch(/^cat=b/);
    expect(names.filter((n) => n !== null).length).toBeLessThanOrEqual(6); // x, cat=a, cat=b, num=1, num=2, num=3
  });
});
const hashedFeatureNames = api.hashedFeatureNames;

describe("EvalStreamCharts", () => {
  it("charts windowed metrics per predictor and sums up the whole stream, equal to a batch evaluation", async () => {
    // 40 rows over 4 windows of 100 s; scores are informative but imperfect.
    const rows = Array.from({ length: 40 }, (_, i) => {
      const label = i % 3 === 0 ? 1 : 0;
      const p = Math.min(0.95, Math.max(0.05, (label ? 0.6 : 0.35) + ((i * 37) % 11) / 30 - 0.15));
      return [i * 10, label, JSON.stringify({ "1": String(p), "0": String(1 - p) })];
    });
    const schema = "ts double, click int, details string";
    const a = new MemSourceStreamOp(rows, schema).setTimeCol("ts");
    const charts = new api.EvalStreamCharts({ A: a }, { labelCol: "click", predictionDetailCol: "details", timeInterval: 100, metrics: ["AUC", "LogLoss"], cumulative: ["AUC"] });
    await StreamOperator.execute();
    const windows = charts.windows("A");
    expect(windows.length).toBe(4);
    expect(charts.chart("AUC").getSeries("A").length).toBe(4);
    expect(charts.chart("AUC").getSeries("A, cumulative").length).toBe(4);
    expect(charts.chart("LogLoss").getSeries("A, cumulative").length).toBe(0);
    const batch = new api.EvalBinaryClassBatchOp().setLabelCol("click").setPredictionDetailCol("details")
      .linkFrom(new MemSourceBatchOp(rows, schema)).collectMetrics();
    const [summary] = charts.summary();
    expect(summary.predictor).toBe("A");
    expect(summary.AUC as number).toBeCloseTo(batch.getAuc(), 12);
    expect(summary.LogLoss as number).toBeCloseTo(batch.getLogLoss(), 12);
    expect(() => charts.chart("KS")).toThrow(/no chart of metric "KS"/);
    const svg = await api.vegaLiteToSvg(charts.chart("AUC").spec());
    expect(svg).toContain("AUC per 100-second window");
  });

  it("names windows in chart titles", () => {
    expect(api.windowName(1800)).toBe("30-minute");
    expect(api.windowName(7200)).toBe("2-hour");
    expect(api.windowName(45)).toBe("45-second");
  });
});
