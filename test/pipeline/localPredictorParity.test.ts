/**
 * LocalPredictor against the batch transform, cell by cell, on every row of datasets/ctr_train.csv:
 * the single-row path reuses each stage's output storage from call to call and takes one-row
 * shortcuts past the row loops, so every stage's output must stay bit-identical to the batch
 * transform of the same fitted pipeline (numbers compared with Object.is, vectors entry by entry).
 *
 * Pipelines: the 3-stage tutorial one (StandardScaler + FeatureHasher + LR) and issue 14's 4-stage
 * one (StandardScaler + OneHotEncoder + VectorAssembler + LR), once with the LR keeping only id and
 * click and once keeping every column, so the scaled numbers, the one-hot vector and the assembled
 * vector are compared too. Also: rows with nulls and unseen tokens, a failing row between good ones,
 * and outputs already returned staying unchanged by later calls.
 */
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  CTR_CATEGORICAL_COLS,
  CTR_NUMERIC_COLS,
  CTR_SCHEMA_STR,
  CsvSourceBatchOp,
  DenseVector,
  FeatureHasher,
  LocalPredictor,
  LogisticRegression,
  OneHotEncoder,
  Pipeline,
  PipelineModel,
  SparseVector,
  StandardScaler,
  StreamlabError,
  Table,
  TableSourceBatchOp,
  VectorAssembler,
} from "../../src";
import { ROOT } from "../helpers";

const numericCols = [...CTR_NUMERIC_COLS];
const categoricalCols = [...CTR_CATEGORICAL_COLS];
const all = new CsvSourceBatchOp().setFilePath(path.join(ROOT, "datasets/ctr_train.csv")).setSchemaStr(CTR_SCHEMA_STR).setIgnoreFirstLine(true).getOutputTable();
const rows = all.toRows();

function lr(reservedCols: string[] | null): LogisticRegression {
  const stage = new LogisticRegression().setVectorCol("vec").setLabelCol("click").setL2(1e-3).setMaxIter(30).setPredictionCol("pred").setPredictionDetailCol("detail");
  return reservedCols === null ? stage : stage.setReservedCols(reservedCols);
}

function threeStage(): Pipeline {
  return new Pipeline()
    .add(new StandardScaler().setSelectedCols(numericCols))
    .add(new FeatureHasher().setSelectedCols([...categoricalCols, ...numericCols]).setCategoricalCols(categoricalCols).setOutputCol("vec").setNumFeatures(30000))
    .add(lr(["id", "click"]));
}

function fourStage(reservedCols: string[] | null): Pipeline {
  return new Pipeline()
    .add(new StandardScaler().setSelectedCols(numericCols))
    .add(new OneHotEncoder().setSelectedCols(categoricalCols).setOutputCols(["oh"]))
    .add(new VectorAssembler().setSelectedCols([...numericCols, "oh"]).setOutputCol("vec"))
    .add(lr(reservedCols));
}

/** Why two cells differ, or null when they are the same value (numbers by Object.is, vectors entry by entry). */
function cellDifference(a: unknown, b: unknown): string | null {
  if (a instanceof SparseVector || a instanceof DenseVector) {
    if (a.constructor !== (b as object)?.constructor) return `${a} vs ${b}`;
    const x = a instanceof SparseVector ? { n: a.n, indices: Array.from(a.indices), values: Array.from(a.values) } : { n: -2, indices: [], values: Array.from(a.data) };
    const yv = b as SparseVector | DenseVector;
    const y = yv instanceof SparseVector ? { n: yv.n, indices: Array.from(yv.indices), values: Array.from(yv.values) } : { n: -2, indices: [], values: Array.from(yv.data) };
    if (x.n !== y.n || x.indices.length !== y.indices.length || x.values.length !== y.values.length) return `${a} vs ${b}`;
    for (let k = 0; k < x.indices.length; k++) if (x.indices[k] !== y.indices[k]) return `${a} vs ${b}`;
    for (let k = 0; k < x.values.length; k++) if (!Object.is(x.values[k], y.values[k])) return `${a} vs ${b} (entry ${k})`;
    return null;
  }
  return Object.is(a, b) ? null : `${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

/** The first differing cell of two row lists, or null. */
function firstDifference(single: unknown[][], batch: unknown[][]): string | null {
  if (single.length !== batch.length) return `${single.length} rows vs ${batch.length}`;
  for (let r = 0; r < batch.length; r++) {
    if (single[r].length !== batch[r].length) return `row ${r}: ${single[r].length} cells vs ${batch[r].length}`;
    for (let c = 0; c < batch[r].length; c++) {
      const why = cellDifference(single[r][c], batch[r][c]);
      if (why !== null) return `row ${r}, column ${c}: ${why}`;
    }
  }
  return null;
}

function batchRows(model: PipelineModel, table: Table): unknown[][] {
  return model.transform(new TableSourceBatchOp(table)).collect();
}

describe("LocalPredictor gives the batch transform's cells on every row of ctr_train.csv", () => {
  const cases: [string, () => Pipeline][] = [
    ["3-stage (scaler + hasher + LR)", threeStage],
    ["4-stage (scaler + one-hot + assembler + LR)", () => fourStage(["id", "click"])],
    ["4-stage keeping every column (scaled numbers, one-hot and assembled vectors compared too)", () => fourStage(null)],
  ];
  for (const [name, pipeline] of cases) {
    it(name, () => {
      const model = pipeline().fit(new TableSourceBatchOp(all));
      const batch = batchRows(model, all);
      const predictor = new LocalPredictor(model, CTR_SCHEMA_STR);
      const single = rows.map((row) => predictor.map(row));
      expect(single[0].length).toBe(batch[0].length);
      expect(firstDifference(single, batch)).toBeNull();
      // The details are real texts: a row's two probabilities add up to 1.
      const detail = JSON.parse(single[0][single[0].length - 1] as string) as Record<string, string>;
      expect(Object.values(detail).reduce((s, p) => s + Number(p), 0)).toBeCloseTo(1, 12);
    });
  }
});

describe("LocalPredictor's reused storage", () => {
  let model: PipelineModel;
  beforeAll(() => {
    model = fourStage(null).fit(new TableSourceBatchOp(all.slice(0, 3000)));
  });

  it("rows with null and unseen categorical values, and scaled nulls passed through, match the batch transform", () => {
    const edited = rows.slice(0, 400).map((row, r) => {
      const copy = [...row];
      const c = 3 + (r % categoricalCols.length);
      // Every categorical column in turn (banner_pos is an INT column: its null is another column object).
      if (r % 3 === 0) copy[all.schema.require(categoricalCols[(r / 3) % categoricalCols.length])] = null;
      if (r % 5 === 1) copy[c] = typeof copy[c] === "number" ? 987654 : "never-seen-token";
      return copy;
    });
    // A model that encodes and scales without the assembler, which would reject a null number.
    const stages = model.getStages();
    const encoder = new PipelineModel(stages[0], stages[1]);
    const withNulls = edited.map((row, r) => {
      const copy = [...row];
      if (r % 7 === 2) copy[all.schema.require(numericCols[r % numericCols.length])] = null;
      if (r % 17 === 5) copy[all.schema.require("hour")] = null; // passed through every stage
      return copy;
    });
    const table = Table.fromRows(withNulls, all.schema);
    const predictor = new LocalPredictor(encoder, CTR_SCHEMA_STR);
    expect(firstDifference(withNulls.map((row) => predictor.map(row)), batchRows(encoder, table))).toBeNull();

    const full = new LocalPredictor(model, CTR_SCHEMA_STR);
    expect(firstDifference(edited.map((row) => full.map(row)), batchRows(model, Table.fromRows(edited, all.schema)))).toBeNull();
  });

  it("null vectors between non-null ones (one-hot and assembler with SKIP) match the batch transform", () => {
    const pipeline = new Pipeline()
      .add(new StandardScaler().setSelectedCols(numericCols))
      .add(new OneHotEncoder().setSelectedCols(categoricalCols).setOutputCols(["oh"]).setHandleInvalid("SKIP"))
      .add(new VectorAssembler().setSelectedCols([...numericCols, "oh"]).setOutputCol("vec").setHandleInvalidMethod("SKIP"));
    const fitted = pipeline.fit(new TableSourceBatchOp(all.slice(0, 3000)));
    // Runs of good rows, rows with a null category (null one-hot and assembled vectors) and rows
    // with a null number (null assembled vector only), in changing order.
    const edited = rows.slice(0, 300).map((row, r) => {
      const copy = [...row];
      if (r % 11 === 3 || r % 11 === 4) copy[all.schema.require("site_id")] = null;
      if (r % 13 === 7) copy[all.schema.require("C15")] = null;
      return copy;
    });
    const predictor = new LocalPredictor(fitted, CTR_SCHEMA_STR);
    const single = edited.map((row) => predictor.map(row));
    const batch = batchRows(fitted, Table.fromRows(edited, all.schema));
    expect(batch.filter((row) => row[row.length - 1] === null).length).toBeGreaterThan(40);
    expect(firstDifference(single, batch)).toBeNull();
  });

  it("a failing row between good ones leaves the next rows right", () => {
    const predictor = new LocalPredictor(model, CTR_SCHEMA_STR);
    const batch = batchRows(model, all.slice(0, 50));
    const bad = [...rows[0]];
    bad[all.schema.require("C14")] = null; // the assembler rejects a null number (handleInvalidMethod ERROR)
    const single: unknown[][] = [];
    for (let r = 0; r < 50; r++) {
      if (r % 10 === 5) expect(() => predictor.map(bad)).toThrow(StreamlabError);
      single.push(predictor.map(rows[r]));
    }
    expect(firstDifference(single, batch)).toBeNull();
  });

  it("an output row keeps its values after later calls", () => {
    const predictor = new LocalPredictor(model, CTR_SCHEMA_STR);
    const first = predictor.map(rows[0]);
    const firstText = JSON.stringify(first.map(String));
    for (let r = 1; r < 200; r++) predictor.map(rows[r]);
    expect(JSON.stringify(first.map(String))).toBe(firstText);
    expect(firstDifference([first], batchRows(model, all.slice(0, 1)))).toBeNull();
  });
});
