import { describe, expect, it } from "vitest";
import * as api from "../../src";
import { expectStreamError } from "../helpers";
import { StreamlabError } from "../../src/core/errors";

/**
 * EvalBinaryClassStreamOp on awkward streams: one class so far (metrics undefined → NaN), gaps
 * (no rows → no window rows), rows without a label, NaN probabilities, a third label, no rows at all.
 */

const SCHEMA = "t double, label int, detail string";
const detail = (p: number | string) => JSON.stringify({ "1": String(p), "0": typeof p === "number" ? String(1 - p) : "0.5" });

async function evaluate(rows: unknown[][], interval = 10): Promise<{ kind: string; time: number; m: api.BinaryClassMetrics }[]> {
  const collection = new api.EvalBinaryClassStreamOp()
    .setLabelCol("label")
    .setPredictionDetailCol("detail")
    .setTimeInterval(interval)
    .linkFrom(new api.MemSourceStreamOp(rows, SCHEMA).setTimeCol("t"))
    .lazyCollect();
  await api.StreamOperator.execute();
  const times = collection.getTimes();
  return collection.getRows().map((r, i) => ({ kind: r[0] as string, time: times[i], m: new api.BinaryClassMetrics(r[1] as string) }));
}

async function streamError(rows: unknown[][], message: RegExp): Promise<StreamlabError> {
  new api.EvalBinaryClassStreamOp().setLabelCol("label").setPredictionDetailCol("detail").setTimeInterval(10).linkFrom(new api.MemSourceStreamOp(rows, SCHEMA).setTimeCol("t")).lazyCollect();
  return expectStreamError(message);
}

const ranking = (m: api.BinaryClassMetrics) => [m.getAuc(), m.getKs(), m.getPrc(), m.getGini()];

describe("EvalBinaryClassStreamOp: metrics defined or NaN", () => {
  it("while one class has been seen, AUC, K-S, PRC and GINI are NaN in the cumulative row too; numbers once both have", async () => {
    const out = await evaluate([
      [1, 1, detail(0.9)],
      [2, 1, detail(0.3)],
      [11, 1, detail(0.6)],
      [21, 0, detail(0.2)],
      [22, 0, detail(0.7)],
    ]);
    expect(out.map((o) => [o.kind, o.time])).toEqual([["window", 10], ["all", 10], ["window", 20], ["all", 20], ["window", 30], ["all", 30]]);
    // Windows 1 and 2 and the "all" rows after them: positives only. Alink's binned summary would say AUC 0.5 … 1.
    for (const o of out.slice(0, 4)) expect(ranking(o.m)).toEqual([NaN, NaN, NaN, NaN]);
    // Window 3 holds negatives only; "all" now has both classes. Positives 0.9, 0.3, 0.6 against
    // negatives 0.2, 0.7: 4 of 6 pairs ordered right → AUC 2/3 (hand-computed; binned within 1e-5).
    expect(ranking(out[4].m)).toEqual([NaN, NaN, NaN, NaN]);
    const all = out[5].m;
    expect(all.getAuc()).toBeCloseTo(2 / 3, 4);
    for (const v of ranking(all)) expect(Number.isFinite(v)).toBe(true);
    // The decision metrics keep their meaning with one class: 1 of 2 positives scored ≥ 0.5 in window 1.
    expect(out[0].m.getAccuracy()).toBe(0.5);
    expect(out[1].m.getTotalSamples()).toBe(2);
  });
});

describe("EvalBinaryClassStreamOp: gaps and empty input", () => {
  it("a one-year gap with windows of 1 s gives rows only for the windows that saw rows", async () => {
    const YEAR = 365 * 86400;
    const rows = [
      [0.5, 1, detail(0.8)],
      [0.7, 0, detail(0.4)],
      [YEAR + 0.5, 1, detail(0.6)],
    ];
    const out = await evaluate(rows, 1);
    expect(out.map((o) => [o.kind, o.time, o.m.getTotalSamples()])).toEqual([
      ["window", 1, 2],
      ["all", 1, 2],
      ["window", YEAR + 1, 1],
      ["all", YEAR + 1, 3],
    ]);
  });

  it("rows without a label or detail are skipped, even when a whole piece of the stream has none", async () => {
    const out = await evaluate([
      [1, 1, detail(0.9)],
      [2, 0, detail(0.1)],
      [12, null, detail(0.5)],
      [13, 1, null],
      [25, 0, detail(0.4)],
    ]);
    expect(out.map((o) => [o.kind, o.time, o.m.getTotalSamples()])).toEqual([
      ["window", 10, 2],
      ["all", 10, 2],
      ["window", 30, 1],
      ["all", 30, 3],
    ]);
  });

  it("an empty stream gives no rows", async () => {
    expect(await evaluate([])).toEqual([]);
  });

  it("a timeInterval too fine for the event times' doubles is an error naming the parameter (it used to loop forever)", async () => {
    new api.EvalBinaryClassStreamOp()
      .setLabelCol("label")
      .setPredictionDetailCol("detail")
      .setTimeInterval(1e-9)
      .linkFrom(new api.MemSourceStreamOp([[1413849600.25, 1, detail(0.9)]], SCHEMA).setTimeCol("t"))
      .lazyCollect();
    const error = await expectStreamError(/^EvalBinaryClassStreamOp: timeInterval 1e-9 cannot cut event time 1413849600\.25 into windows \(its multiples there are not distinct doubles\); use a larger timeInterval\.$/);
    expect(error.context).toMatchObject({ operator: "EvalBinaryClassStreamOp", param: "timeInterval" });
  });
});

describe("EvalBinaryClassStreamOp: bad rows are errors naming the row and its event time", () => {
  it("a NaN probability", async () => {
    const error = await streamError(
      [
        [1, 1, detail(0.9)],
        [2, 0, JSON.stringify({ "1": "NaN", "0": "0.5" })],
      ],
      // (JSON.stringify puts the integer-like key "0" first.)
      /^EvalBinaryClassStreamOp: row 1 \(event time 2 s\), column "detail": Probability in \{"0":"0\.5","1":"NaN"\} not in range \[0, 1\]! \("1" has NaN\)\.$/,
    );
    expect(error.context).toMatchObject({ row: 1, column: "detail", eventTime: 2 });
  });

  it("Infinity as a probability", async () => {
    await streamError([[3, 1, JSON.stringify({ "1": "Infinity", "0": "0" })]], /row 0 \(event time 3 s\), column "detail": Probability in .* not in range \[0, 1\]! \("1" has Infinity\)/);
  });

  it("a third label, in the label column or in the details", async () => {
    const error = await streamError(
      [
        [1, 1, detail(0.9)],
        [12, 0, detail(0.2)],
        [13, 2, detail(0.3)],
      ],
      /^EvalBinaryClassStreamOp: The number of labels must be equal to 2! At row 2 \(event time 13 s\) label column "label" holds a third label "2" besides "1" and "0"\.$/,
    );
    expect(error.context).toMatchObject({ row: 2, column: "label", eventTime: 13 });
    await streamError(
      [
        [1, 1, detail(0.9)],
        [14, 1, JSON.stringify({ "1": 0.4, "2": 0.6 })],
      ],
      /At row 1 \(event time 14 s\) the prediction detail in "detail" names a third label "2" besides "1" and "0"\./,
    );
  });
});
