import { describe, expect, it } from "vitest";
import * as api from "../../src";
import { NumberColumn, StringColumn } from "../../src/core/column";
import { StreamlabError } from "../../src/core/errors";
import { Schema } from "../../src/core/schema";
import { Table } from "../../src/core/table";
import { StreamChunk } from "../../src/stream/chunk";
import { readLabels } from "../../src/onlinelearning/trainingRows/trainingRows";
import { NULL_LABEL } from "../../src/onlinelearning/trainingRows/invalidRows";
import { lrModelTable } from "../helpers";

/**
 * The shortcuts of FtrlTrainStreamOp's training loop against the plain ways they replace:
 * predictions are only kept for the progress side output when something reads it, and numeric
 * labels are read through the last value seen of each label instead of printing every value.
 */

/** Rows over 3 features with bad rows mixed in (NaN values, null labels, null vectors), 0.25 s apart. */
function rows(n: number, seed: number): unknown[][] {
  const random = new api.Random(seed);
  return Array.from({ length: n }, (_, i) => {
    const a = random.nextGaussian();
    const b = random.nextGaussian();
    const y = random.nextDouble() < 1 / (1 + Math.exp(-(1.5 * a - b + 0.3))) ? 1 : 0;
    if (i % 41 === 9) return [y, `$3$0:NaN 2:1.0`, i * 0.25];
    if (i % 47 === 11) return [null, `$3$0:${a} 1:${b}`, i * 0.25];
    if (i % 53 === 13) return [y, null, i * 0.25];
    return [y, `$3$0:${a} 1:${b} 2:1.0`, i * 0.25];
  });
}

function trainer(data: unknown[][], miniBatch: number, delay: number | null) {
  const op = new api.FtrlTrainStreamOp(lrModelTable([0.1, 0, 0, 0], { vectorCol: "vec", vectorSize: 3 }))
    .setVectorCol("vec")
    .setLabelCol("label")
    .setVectorSize(3)
    .setMiniBatchSize(miniBatch)
    .setTimeInterval(7)
    .setHandleInvalidMethod("SKIP");
  if (delay !== null) op.setLabelDelay(delay);
  return op.linkFrom(new api.MemSourceStreamOp(data, "label int, vec string, ts double").setTimeCol("ts"));
}

describe("FtrlTrainStreamOp without its progress output read", () => {
  for (const [miniBatch, delay] of [
    [1, null],
    [16, null],
    [1, 2.5],
    [5, 2.5],
  ] as const) {
    it(`emits the same models and skips the same rows as with it (miniBatchSize ${miniBatch}, labelDelay ${delay})`, async () => {
      const data = rows(500, 7 + miniBatch);
      const read = trainer(data, miniBatch, delay);
      const models = read.lazyCollect();
      const progress = read.getSideOutput(0).lazyCollect();
      await api.StreamOperator.execute();

      const unread = trainer(data, miniBatch, delay);
      const alone = await unread.collect();

      expect(models.getRows().length).toBeGreaterThan(10);
      expect(alone).toEqual(models.getRows());
      expect(unread.getSkippedRowCount()).toBe(read.getSkippedRowCount());
      expect(unread.getSkippedRows()).toEqual(read.getSkippedRows());
      // The read progress still scores every trained row: samples + skipped = all rows.
      const table = progress.getTable().toRows();
      const counted = table.reduce((sum, r) => sum + Number(r[2]) + Number(r[6]), 0);
      expect(counted).toBe(data.length);
      expect(read.getSkippedRowCount()).toBe(data.filter((r) => r[0] === null || r[1] === null || String(r[1]).includes("NaN")).length);
    });
  }
});

/** readLabels as first written: every row's value printed and compared with the two label texts. */
function plainLabels(values: (number | null)[], type: "INT" | "DOUBLE" | "FLOAT" | "BIGINT", positive: string, negative: string): number[] | string {
  const ys: number[] = [];
  for (let r = 0; r < values.length; r++) {
    const v = values[r];
    if (v === null) {
      ys.push(NULL_LABEL);
      continue;
    }
    const text = api.labelToString(v, type);
    if (text === positive) ys.push(1);
    else if (text === negative) ys.push(0);
    else return `row ${r} has label "${text}"`;
  }
  return ys;
}

function chunkOf(values: (number | null)[], type: "INT" | "DOUBLE" | "FLOAT" | "BIGINT"): StreamChunk {
  const n = values.length;
  const data = type === "INT" ? new Int32Array(n) : new Float64Array(n);
  const nulls = new Uint8Array(n);
  values.forEach((v, i) => (v === null ? (nulls[i] = 1) : (data[i] = v)));
  const table = new Table(new Schema(["y"], [type]), [new NumberColumn(type, data, nulls)]);
  return new StreamChunk(table, Float64Array.from(values, (_, i) => i));
}

function fastLabels(chunk: StreamChunk, type: "INT" | "DOUBLE" | "FLOAT" | "BIGINT", positive: string, negative: string, from = 0, to = chunk.numRows): number[] | string {
  try {
    return Array.from(readLabels(chunk, 0, type, from, to, positive, negative, 0, "Op", "y"));
  } catch (error) {
    expect(error).toBeInstanceOf(StreamlabError);
    const m = /^Op: row (\d+) \(event time [^)]*\) has label "([^"]*)" in "y", but the model's labels are/.exec((error as Error).message);
    expect(m).not.toBeNull();
    return `row ${m![1]} has label "${m![2]}"`;
  }
}

describe("readLabels on numeric labels", () => {
  const cases: { type: "INT" | "DOUBLE" | "FLOAT" | "BIGINT"; positive: string; negative: string; pool: (number | null)[] }[] = [
    { type: "INT", positive: "1", negative: "0", pool: [1, 0, 0, 0, null] },
    { type: "BIGINT", positive: "1", negative: "0", pool: [1, 0, -0, null] }, // -0 prints "0" too
    { type: "DOUBLE", positive: "1.0", negative: "0.0", pool: [1, 0, 0, 1, null] },
    { type: "DOUBLE", positive: "1.0", negative: "-0.0", pool: [1, -0, -0, null] },
    { type: "FLOAT", positive: "1.5", negative: "2.0", pool: [1.5, 2, 2, null] },
    { type: "DOUBLE", positive: "9.0", negative: "10.0", pool: [9, 10] },
  ];
  for (const { type, positive, negative, pool } of cases) {
    it(`gives each row the label its text names (${type} ${positive} / ${negative})`, () => {
      const random = new api.Random(11);
      const values = Array.from({ length: 3000 }, () => pool[random.nextInt(pool.length)]);
      const expected = plainLabels(values, type, positive, negative);
      expect(typeof expected).not.toBe("string");
      expect(fastLabels(chunkOf(values, type), type, positive, negative)).toEqual(expected);
      // A range of the chunk: codes of that range only.
      expect(fastLabels(chunkOf(values, type), type, positive, negative, 1000, 1500)).toEqual((expected as number[]).slice(1000, 1500));
    });
  }

  it("a value printing as neither label is an error at its row, also after the other zero or NaN was seen", () => {
    const bad: [(number | null)[], "INT" | "DOUBLE" | "FLOAT" | "BIGINT", string, string][] = [
      [[0, 1, 0, 0, -0, 1], "DOUBLE", "1.0", "0.0"], // -0 is "-0.0"
      [[-0, 1, -0, 0], "DOUBLE", "1.0", "-0.0"],
      [[0, 1, 0, -0], "DOUBLE", "0.0", "1.0"], // a zero as the positive label
      [[-0, 1, -0, 0], "DOUBLE", "-0.0", "1.0"],
      [[1, 0, NaN], "DOUBLE", "1.0", "0.0"],
      [[NaN, NaN, 1], "DOUBLE", "1.0", "NaN"], // NaN as a label: each NaN is printed, the next 1 is fine
      [[1, 2, 1.0001, 2], "FLOAT", "1.0", "2.0"],
      [[1, 0, null, 2, 1], "INT", "1", "0"],
    ];
    for (const [values, type, positive, negative] of bad) {
      expect(fastLabels(chunkOf(values, type), type, positive, negative)).toEqual(plainLabels(values, type, positive, negative));
    }
    expect(plainLabels([1, 0, NaN], "DOUBLE", "1.0", "0.0")).toBe('row 2 has label "NaN"');
    expect(plainLabels([NaN, NaN, 1], "DOUBLE", "1.0", "NaN")).toEqual([0, 0, 1]);
  });

  it("string labels are unchanged: texts compared as they are", () => {
    const table = new Table(new Schema(["y"], ["STRING"]), [new StringColumn(["yes", "no", null, "no", "maybe"])]);
    const chunk = new StreamChunk(table, Float64Array.of(0, 1, 2, 3, 4));
    expect(Array.from(readLabels(chunk, 0, "STRING", 0, 4, "yes", "no", 0, "Op", "y"))).toEqual([1, 0, NULL_LABEL, 0]);
    expect(() => readLabels(chunk, 0, "STRING", 0, 5, "yes", "no", 0, "Op", "y")).toThrow(/row 4 .* has label "maybe"/);
    // An empty text is a label like any other: refused when it is neither, even as the first row.
    const empty = new StreamChunk(new Table(new Schema(["y"], ["STRING"]), [new StringColumn(["", "no"])]), Float64Array.of(0, 1));
    expect(() => readLabels(empty, 0, "STRING", 0, 2, "yes", "no", 0, "Op", "y")).toThrow(/row 0 .* has label ""/);
    expect(Array.from(readLabels(empty, 0, "STRING", 0, 2, "", "no", 0, "Op", "y"))).toEqual([1, 0]);
  });
});
