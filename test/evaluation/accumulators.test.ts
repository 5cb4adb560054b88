import { describe, expect, it } from "vitest";
import {
  BinnedBinarySummary,
  ExactBinarySummary,
  MemSourceBatchOp,
  binaryMetricsToJson,
  computeExactBinaryMetrics,
  extractBinarySamples,
  sampleLogLoss,
} from "../../src";
import { expectError } from "../helpers";
import { randomSamples } from "./helpers";

/** The reusable core: columns → samples → exact or binned metrics, without an operator. */
describe("evaluation core as accumulators", () => {
  const { scores, labels } = randomSamples(300, 21, 2);
  const losses = scores.map((p, i) => sampleLogLoss(labels[i] ? p : 1 - p));

  it("ExactBinarySummary: add / revert (FIFO window) / merge give the metrics of the samples held", () => {
    const window = new ExactBinarySummary();
    scores.forEach((p, i) => window.add(p, labels[i] === 1, losses[i]));
    for (let i = 0; i < 100; i++) window.revert(scores[i], labels[i] === 1, losses[i]);
    expect(window.length).toBe(200);
    const direct = computeExactBinaryMetrics(
      { length: 200, scores: Float64Array.from(scores.slice(100)), positive: Uint8Array.from(labels.slice(100)), logLoss: Float64Array.from(losses.slice(100)) },
      ["1", "0"],
    );
    expect(binaryMetricsToJson(window.value(["1", "0"]))).toBe(binaryMetricsToJson(direct));
    const a = new ExactBinarySummary();
    const b = new ExactBinarySummary();
    scores.forEach((p, i) => (i < 150 ? a : b).add(p, labels[i] === 1, losses[i]));
    expect(a.merge(b).length).toBe(300);
    expectError(() => new ExactBinarySummary().revert(0.5, true, 0.1), "Binary evaluation: cannot revert a sample (score 0.5) that was never added.");
  });

  it("extractBinarySamples reads a chunk's columns into typed arrays; binned and exact summaries consume them", () => {
    const rows = scores.map((p, i) => [String(labels[i]), JSON.stringify({ 1: p, 0: 1 - p })]);
    const table = new MemSourceBatchOp(rows, "label string, detail string").getOutputTable();
    const samples = extractBinarySamples(table.columns[0], "STRING", table.columns[1], null, {
      operator: "test",
      labelCol: "label",
      detailCol: "detail",
      rowOffset: 1000,
    });
    expect(samples.labels.strings).toEqual(["1", "0"]);
    expect(Array.from(samples.scores)).toEqual(scores);
    expect(Array.from(samples.positive)).toEqual(labels);
    const binned = new BinnedBinarySummary().addAll(samples.scores, samples.positive, samples.logLoss);
    expect(binned.total).toBe(300);
    expect(binned.value(samples.labels.strings).auc).toBeCloseTo(computeExactBinaryMetrics(samples, samples.labels.strings).auc, 12);
    // Row numbers in errors include the chunk offset.
    const bad = new MemSourceBatchOp([["1", '{"1":0.5}']], "label string, detail string").getOutputTable();
    expectError(
      () => extractBinarySamples(bad.columns[0], "STRING", bad.columns[1], null, { operator: "test", labelCol: "label", detailCol: "detail", rowOffset: 1000 }),
      'test: row 1000, column "detail": Probability sum in {"1":0.5} not equal to 1.0! (the probabilities sum to 0.5; they must be within 0.01 of 1).',
    );
  });
});
