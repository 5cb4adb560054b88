/** Alink's documented feature-engineering examples (test/fixtures/alink-docs, copied from Alink's docs) reproduced. */
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import {
  BatchOperator,
  FeatureHasher,
  FeatureHasherBatchOp,
  MemSourceBatchOp,
  MinMaxScaler,
  OneHotPredictBatchOp,
  OneHotTrainBatchOp,
  StandardScaler,
  StandardScalerPredictBatchOp,
  StandardScalerTrainBatchOp,
  VectorAssemblerBatchOp,
  formatTableText,
} from "../../src";
import { FIXTURES } from "../helpers";

interface ExpectedTable {
  columns: string[];
  rows: unknown[][];
  rowOrder: "exact" | "any";
}

function fixture(name: string) {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, "alink-docs", `${name}.json`), "utf8"));
}

/** A memory source of a fixture input (numbers given as strings for numeric columns are cast, as PyAlink does). */
function source(input: { schemaStr: string; rows: unknown[][] }): BatchOperator {
  const types = input.schemaStr.split(",").map((f) => f.trim().split(/\s+/)[1].toLowerCase());
  const rows = input.rows.map((row) => row.map((v, i) => (typeof v === "string" && ["int", "long", "double"].includes(types[i]) ? Number(v) : v)));
  return new MemSourceBatchOp(rows, input.schemaStr);
}

function cell(v: unknown): unknown {
  return v !== null && typeof v === "object" ? String(v) : v;
}

function expectRows(op: BatchOperator, expected: ExpectedTable, tolerance: number): void {
  expect(op.getColNames()).toEqual(expected.columns);
  const actual = op.collect().map((r) => r.map(cell));
  const compare = (a: unknown[], e: unknown[]) =>
    e.forEach((v, c) => {
      if (typeof v === "number" && tolerance > 0) expect(Math.abs((a[c] as number) - v), `cell ${c} of ${JSON.stringify(a)}`).toBeLessThanOrEqual(tolerance);
      else expect(a[c]).toEqual(v);
    });
  expect(actual.length).toBe(expected.rows.length);
  if (expected.rowOrder === "exact") actual.forEach((row, i) => compare(row, expected.rows[i]));
  else {
    const key = (row: unknown[]) => JSON.stringify(row.map((v) => (typeof v === "number" ? Math.round(v * 1e4) / 1e4 : v)));
    expect(actual.map(key).sort()).toEqual(expected.rows.map(key).sort());
  }
}

/** Printed cells of our text table, trimmed, without our header lines (theirs differ by alignment and types). */
function printedCells(op: BatchOperator): string[] {
  const text = formatTableText(op.getOutputTable());
  return text
    .split("\n")
    .slice(3)
    .filter((l) => l.includes("|"))
    .map((l) => l.split("|").map((c) => c.trim()).join("|"));
}

describe("StandardScaler fixtures", () => {
  for (const name of ["StandardScalerTrainBatchOp__1", "StandardScalerTrainBatchOp__2", "StandardScalerPredictBatchOp__1", "StandardScalerPredictBatchOp__2"]) {
    it(`${name}: train + predict`, () => {
      const f = fixture(name);
      const data = source(f.inputs[0]);
      const model = new StandardScalerTrainBatchOp().setSelectedCols(f.params[0].params[0].args[0]).linkFrom(data);
      const predicted = new StandardScalerPredictBatchOp().linkFrom(model, data);
      expectRows(predicted, f.expected, f.tolerance);
      expect(predicted.getColTypes()).toEqual(["STRING", "DOUBLE", "DOUBLE"]);
    });
  }

  it("StandardScalerTrainBatchOp__1 prints Alink's 4-decimal cells", () => {
    const f = fixture("StandardScalerTrainBatchOp__1");
    const data = source(f.inputs[0]);
    const model = new StandardScalerTrainBatchOp().setSelectedCols(["col2", "col3"]).linkFrom(data);
    expect(printedCells(new StandardScalerPredictBatchOp().linkFrom(model, data))).toEqual(f.expected.raw.split("\n").slice(2));
  });

  for (const name of ["StandardScaler__1", "StandardScaler__2"]) {
    it(`${name}: pipeline fit → transform`, () => {
      const f = fixture(name);
      const model = new StandardScaler().setSelectedCols(f.params[0].params[0].args[0]).fit(source(f.inputs[0]));
      const tables: ExpectedTable[] = f.expected.kind === "tables" ? f.expected.tables : [f.expected];
      // The stream table (rows in arbitrary order) is checked on the same rows as a batch.
      tables.forEach((t, i) => expectRows(model.transform(source(f.inputs[Math.min(i, f.inputs.length - 1)])), t, f.tolerance));
    });
  }
});

describe("MinMaxScaler fixture", () => {
  it("MinMaxScaler__1: pipeline fit → transform (batch and stream tables)", () => {
    const f = fixture("MinMaxScaler__1");
    const model = new MinMaxScaler().setSelectedCols(["col2", "col3"]).fit(source(f.inputs[0]));
    f.expected.tables.forEach((t: ExpectedTable, i: number) => expectRows(model.transform(source(f.inputs[i])), t, f.tolerance));
    expect(printedCells(model.transform(source(f.inputs[0])))).toEqual(f.expected.raw.split("\n").slice(2, 9));
  });
});

describe("OneHot fixtures", () => {
  for (const name of ["OneHotTrainBatchOp__1", "OneHotPredictBatchOp__1"]) {
    it(`${name}: model table and encoded rows, exactly`, () => {
      const f = fixture(name);
      const data = source(f.inputs[0]);
      const model = new OneHotTrainBatchOp().setSelectedCols(["query"]).linkFrom(data);
      const predicted = new OneHotPredictBatchOp().setOutputCols(["output"]).linkFrom(model, data);
      const raw = (f.expected.raw as string).split("\n");
      // Model table: column_index|token|token_index, printed as Alink prints it.
      expect(model.getColNames()).toEqual(raw[0].split("|"));
      expect(model.collect().map((r) => r.map((v) => String(v)).join("|"))).toEqual(raw.slice(2, 8));
      // Encoded rows.
      expect(predicted.getColNames()).toEqual(raw[8].split("|"));
      expect(predicted.collect().map((r) => r.map((v) => String(v)).join("|"))).toEqual(raw.slice(10));
      expect(printedCells(predicted)).toEqual(raw.slice(10));
    });
  }
});

describe("VectorAssembler fixture", () => {
  it("VectorAssemblerBatchOp__1: three int columns → dense vector strings", () => {
    const f = fixture("VectorAssemblerBatchOp__1");
    const op = new VectorAssemblerBatchOp().setSelectedCols(["f0", "f1", "f2"]).setOutputCol("out").linkFrom(source(f.inputs[0]));
    const raw = (f.expected.raw as string).split("\n");
    expect(op.getColNames()).toEqual(raw[0].split("|"));
    expect(op.collect().map((r) => r.map((v) => String(v)).join("|"))).toEqual(raw.slice(2));
    expect(printedCells(op)).toEqual(raw.slice(2));
  });
});

describe("FeatureHasher fixtures", () => {
  const expectedCells = (f: { expected: { raw: string } }) => f.expected.raw.split("\n").slice(2, 6);

  it("FeatureHasherBatchOp__1: MurmurHash3 slots for numeric and categorical columns", () => {
    const f = fixture("FeatureHasherBatchOp__1");
    const op = new FeatureHasherBatchOp()
      .setSelectedCols(["double", "bool", "number", "str"])
      .setOutputCol("output")
      .setNumFeatures(200)
      .linkFrom(source(f.inputs[0]));
    expect(op.getColNames()).toEqual(["double", "bool", "number", "str", "output"]);
    expect(printedCells(op)).toEqual(expectedCells(f));
  });

  it("FeatureHasher__1: the pipeline transformer gives the batch op's vectors", () => {
    const f = fixture("FeatureHasher__1");
    const stage = new FeatureHasher().setSelectedCols(["double", "bool", "number", "str"]).setOutputCol("output").setNumFeatures(200);
    const viaStage = stage.transform(source(f.inputs[0]));
    const viaOp = new FeatureHasherBatchOp().setSelectedCols(["double", "bool", "number", "str"]).setOutputCol("output").setNumFeatures(200).linkFrom(source(f.inputs[1]));
    expect(printedCells(viaStage)).toEqual(expectedCells(f));
    expect(printedCells(viaOp)).toEqual(expectedCells(f));
    // The third (stream) table holds the same rows in another order.
    const streamRows = f.expected.raw.split("\n\n")[2].split("\n").slice(2);
    expect([...printedCells(viaStage)].sort()).toEqual([...streamRows].sort());
  });
});
