import * as fs from "fs";
import * as path from "path";
import { describe, expect, it, vi } from "vitest";
import { BatchOperator, BinaryClassMetrics, EvalBinaryClassBatchOp } from "../../src";
import { javaHashMapOrder, parseJavaJson } from "../../src/core/javaJson";
import { FIXTURES, expectError } from "../helpers";
import { detail, predictions } from "./helpers";

function fixture(name: string) {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, "alink-docs", `${name}.json`), "utf8"));
}

function evaluate(source: BatchOperator, configure: (op: EvalBinaryClassBatchOp) => EvalBinaryClassBatchOp = (op) => op) {
  return configure(new EvalBinaryClassBatchOp().setLabelCol("label").setPredictionDetailCol("detail")).linkFrom(source);
}

const FIXTURE_ROWS = fixture("EvalBinaryClassBatchOp__1").inputs[0].rows as string[][];

/** The keys of Alink's metrics JSON in the order `toMetrics` sets them. */
const COMPUTATIONS = ["TrueNegativeRate", "TruePositiveRate", "FalseNegativeRate", "FalsePositiveRate", "Precision", "Specificity", "Sensitivity", "Recall", "F1", "Accuracy", "Kappa"];
const INSERTION_ORDER = [
  "AUC", "PRC", "K-S", "GINI", "RocCurve", "PrecisionRecallCurve", "LiftChart", "LorenzCurve", "ThresholdArray",
  ...COMPUTATIONS.map((c) => `${c}Array`), "LogLoss", "Precision", "Recall", "F1", "LabelArray", "ActualLabelFrequency",
  "ActualLabelProportion", "ConfusionMatrix", "TotalSamples", ...COMPUTATIONS.flatMap((c) => [`Weighted${c}`, `Macro${c}`, `Micro${c}`]),
  "Accuracy", "Kappa",
];

describe("EvalBinaryClassBatchOp: Alink doc fixture EvalBinaryClassBatchOp__1", () => {
  // Every printed metric of the example (exact, bit for bit) is checked by test/contract/alinkDocs.test.ts.

  it("writes one row, column Data STRING, holding Alink's metrics JSON (all keys, Java formats, HashMap order)", () => {
    const op = evaluate(predictions(FIXTURE_ROWS));
    expect(op.getColNames()).toEqual(["Data"]);
    expect(op.getColTypes()).toEqual(["STRING"]);
    const rows = op.collect();
    expect(rows.length).toBe(1);
    const json = rows[0][0] as string;
    const keys = Object.keys(parseJavaJson(json) as object);
    expect(keys).toEqual(javaHashMapOrder(INSERTION_ORDER));
    // Same key set as the stream fixture's printed JSON (which used the older name RecallPrecisionCurve).
    const streamKeys = Object.keys(JSON.parse(fixture("EvalBinaryClassStreamOp__1").expected.rows[0][1]));
    expect([...keys].sort()).toEqual(streamKeys.map((k) => (k === "RecallPrecisionCurve" ? "PrecisionRecallCurve" : k)).sort());
    expect(json).toBe(
      '{"PRC":"0.9027777777777777","SensitivityArray":"[0.0,0.3333333333333333,0.6666666666666666,0.6666666666666666,1.0,1.0,1.0]",' +
        '"ConfusionMatrix":"[[3,2],[0,0]]","MacroRecall":"0.5","MacroSpecificity":"0.5","FalsePositiveRateArray":"[0.0,0.0,0.0,0.5,0.5,1.0,1.0]",' +
        '"TruePositiveRateArray":"[0.0,0.3333333333333333,0.6666666666666666,0.6666666666666666,1.0,1.0,1.0]","AUC":"0.8333333333333334",' +
        '"MacroAccuracy":"0.6","RecallArray":"[0.0,0.3333333333333333,0.6666666666666666,0.6666666666666666,1.0,1.0,1.0]",' +
        '"KappaArray":"[0.0,0.28571428571428564,0.6153846153846155,0.1666666666666666,0.5454545454545455,0.0,0.0]","MicroFalseNegativeRate":"0.4",' +
        '"WeightedRecall":"0.6","WeightedPrecision":"0.76","Recall":"1.0","MacroPrecision":"0.8","ThresholdArray":"[Infinity,0.9,0.8,0.75,0.7,0.6,0.5]",' +
        '"ActualLabelFrequency":"[3,2]","PrecisionArray":"[1.0,1.0,1.0,0.6666666666666666,0.75,0.6,0.6]","MicroTruePositiveRate":"0.6",' +
        '"RocCurve":"[[0.0,0.0,0.0,0.5,0.5,1.0,1.0],[0.0,0.3333333333333333,0.6666666666666666,0.6666666666666666,1.0,1.0,1.0]]","MacroKappa":"0.0",' +
        '"MicroSpecificity":"0.6","PrecisionRecallCurve":"[[0.0,0.3333333333333333,0.6666666666666666,0.6666666666666666,1.0,1.0,1.0],' +
        '[1.0,1.0,1.0,0.6666666666666666,0.75,0.6,0.6]]","F1":"0.75","F1Array":"[0.0,0.5,0.8,0.6666666666666666,0.8571428571428571,0.75,0.75]",' +
        '"Precision":"0.6","MacroFalsePositiveRate":"0.5","FalseNegativeRateArray":"[1.0,0.6666666666666666,0.3333333333333333,0.3333333333333333,0.0,0.0,0.0]",' +
        '"TrueNegativeRateArray":"[1.0,1.0,1.0,0.5,0.5,0.0,0.0]","MacroF1":"0.375","GINI":"0.2666666666666666",' +
        '"LorenzCurve":"[[0.0,0.2,0.4,0.6,0.8,1.0,1.0],[0.0,0.3333333333333333,0.6666666666666666,0.6666666666666666,1.0,1.0,1.0]]",' +
        '"LabelArray":"[\\"prefix1\\",\\"prefix0\\"]","WeightedTruePositiveRate":"0.6","WeightedKappa":"0.0","TotalSamples":"5",' +
        '"MicroTrueNegativeRate":"0.6","LiftChart":"[[0.0,0.2,0.4,0.6,0.8,1.0,1.0],[0.0,1.0,2.0,2.0,3.0,3.0,3.0]]","MacroTruePositiveRate":"0.5",' +
        '"MicroSensitivity":"0.6","WeightedAccuracy":"0.6","K-S":"0.6666666666666666","AccuracyArray":"[0.4,0.6,0.8,0.6,0.8,0.6,0.6]",' +
        '"Accuracy":"0.6","WeightedFalseNegativeRate":"0.4","MicroF1":"0.6","WeightedSpecificity":"0.4","WeightedF1":"0.44999999999999996",' +
        '"MicroAccuracy":"0.6","WeightedTrueNegativeRate":"0.4","Kappa":"0.0","MacroSensitivity":"0.5","SpecificityArray":"[1.0,1.0,1.0,0.5,0.5,0.0,0.0]",' +
        '"ActualLabelProportion":"[0.6,0.4]","WeightedSensitivity":"0.6","MicroRecall":"0.6","MacroFalseNegativeRate":"0.5",' +
        '"LogLoss":"0.5975528207809628","MicroFalsePositiveRate":"0.4","WeightedFalsePositiveRate":"0.6","MacroTrueNegativeRate":"0.5",' +
        '"MicroPrecision":"0.6","MicroKappa":"0.19999999999999996"}',
    );
  });

  it("hand-computed values: curves start at +∞, LogLoss is the mean of −ln p(actual), GINI from the Lorenz area", () => {
    const m = evaluate(predictions(FIXTURE_ROWS)).collectMetrics();
    expect(m.getThresholdArray()).toEqual([Infinity, 0.9, 0.8, 0.75, 0.7, 0.6, 0.5]);
    expect(m.getLiftChart().y).toEqual([0, 1, 2, 2, 3, 3, 3]);
    const losses = [0.9, 0.8, 0.25, 0.7, 0.4].map((p) => -Math.log(p)); // sorted by score: 0.9, 0.8, 0.75(neg), 0.7, 0.6(neg)
    expect(m.getLogLoss()).toBe(losses.reduce((a, b) => a + b) / 5);
    // Lorenz: positive rate steps of 0.2; TPR 1/3, 2/3, 2/3, 1, 1.
    const area = 0.1 * (1 / 3 + 1 + 4 / 3 + 5 / 3 + 2);
    expect(m.getGini()).toBeCloseTo((area - 0.5) / 0.5, 12);
    expect(m.getConfusionMatrix()).toEqual([[3, 2], [0, 0]]);
    expect(m.getLabelArray()).toEqual(["prefix1", "prefix0"]);
    expect(m.getTotalSamples()).toBe(5);
    expect(m.getActualLabelFrequency()).toEqual([3, 2]);
    expect(m.getActualLabelProportion()).toEqual([0.6, 0.4]);
    expect(m.getPrecision()).toBe(0.6);
    expect(m.getRecall()).toBe(1);
    expect(m.getF1()).toBe(0.75);
    expect(m.getKappa()).toBe(0);
    expect(m.getRocCurve()).toEqual({ x: [0, 0, 0, 0.5, 0.5, 1, 1], y: [0, 1 / 3, 2 / 3, 2 / 3, 1, 1, 1] });
    expect(m.getPrecisionRecallCurve().y).toEqual([1, 1, 1, 2 / 3, 0.75, 0.6, 0.6]);
    expect(m.getLorenzCurve().x).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1, 1]);
    expect(m.getPrecisionByThreshold()).toEqual({ thresholds: [Infinity, 0.9, 0.8, 0.75, 0.7, 0.6, 0.5], values: [1, 1, 1, 2 / 3, 0.75, 0.6, 0.6] });
  });

  it("prints Alink's summary text and runs lazyPrintMetrics on execute()", () => {
    const op = evaluate(predictions(FIXTURE_ROWS));
    const text = op.collectMetrics().toString();
    expect(text).toBe(
      "-------------------------------- Metrics: --------------------------------\n" +
        "Auc:0.8333\tAccuracy:0.6\tPrecision:0.6\tRecall:1\tF1:0.75\tLogLoss:0.5976\n" +
        "|Pred\\Real|prefix1|prefix0|\n" +
        "|---------|-------|-------|\n" +
        "|  prefix1|      3|      2|\n" +
        "|  prefix0|      0|      0|\n",
    );
    const lines: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((s: string) => void lines.push(s));
    const seen: number[] = [];
    try {
      op.lazyPrintMetrics("title").lazyCollectMetrics((m) => seen.push(m.getAuc()));
      expect(lines).toEqual([]);
      BatchOperator.execute();
    } finally {
      spy.mockRestore();
    }
    expect(lines).toEqual(["title", text]);
    expect(seen).toEqual([0.8333333333333334]);
  });
});

describe("EvalBinaryClassBatchOp: labels and the positive label (§8.2)", () => {
  const rows = [
    [1, detail(0.9)],
    [1, detail(0.6)],
    [0, detail(0.7)],
    [0, detail(0.2)],
  ];

  it("casts detail keys to the label column type: INT labels, keys \"1\"/\"0\"", () => {
    const m = evaluate(predictions(rows, "label int, detail string")).collectMetrics();
    expect(m.getLabelArray()).toEqual(["1", "0"]);
    expect(m.getAuc()).toBe(0.75);
  });

  it("DOUBLE labels print as Java doubles and keys \"1\" equal 1.0", () => {
    const m = evaluate(predictions(rows, "label double, detail string")).collectMetrics();
    expect(m.getLabelArray()).toEqual(["1.0", "0.0"]);
    expect(m.getAuc()).toBe(0.75);
  });

  it("orders numeric labels numerically (10 before 9), not as text", () => {
    const data = [
      [10, '{"10":0.8,"9":0.2}'],
      [9, '{"10":0.3,"9":0.7}'],
    ];
    const m = evaluate(predictions(data, "label bigint, detail string")).collectMetrics();
    expect(m.getLabelArray()).toEqual(["10", "9"]);
    expect(m.getAuc()).toBe(1);
  });

  it("positiveLabelValueString moves that label to index 0 (AUC flips, labels swap)", () => {
    const m = evaluate(predictions(rows, "label int, detail string"), (op) => op.setPositiveLabelValueString("0")).collectMetrics();
    expect(m.getLabelArray()).toEqual(["0", "1"]);
    // Scores become P("0") and positives the "0" rows: the ranking, hence AUC, is unchanged; the matrices are not.
    expect(m.getAuc()).toBe(0.75);
    expect(m.getConfusionMatrix()).toEqual([[1, 0], [1, 2]]);
    // Alink's aliases are accepted.
    const viaAlias = evaluate(predictions(rows, "label int, detail string"), (op) => op.set("positiveValue", "0") as EvalBinaryClassBatchOp);
    expect(viaAlias.collectMetrics().getLabelArray()).toEqual(["0", "1"]);
  });

  it("BOOLEAN labels, string probabilities, and rows with a null label or detail skipped", () => {
    const data = [
      [true, '{"true":"0.8","false":"0.2"}'],
      [false, '{"true":"0.4","false":"0.6"}'],
      [null, '{"true":0.4,"false":0.6}'],
      [true, null],
      [false, '{"true": 0.55, "false": 0.45}'],
    ];
    const m = evaluate(predictions(data, "label boolean, detail string")).collectMetrics();
    expect(m.getLabelArray()).toEqual(["true", "false"]);
    expect(m.getTotalSamples()).toBe(3);
    expect(m.getAuc()).toBe(1);
    expect(m.getConfusionMatrix()).toEqual([[1, 1], [0, 1]]);
  });
});

describe("EvalBinaryClassBatchOp: edge cases of the exact computation", () => {
  it("AUC, K-S, PRC and GINI are NaN when a class is absent, and the curve then starts at FPR (or TPR) 1.0 (E12)", () => {
    const onlyPositive = evaluate(predictions([["1", detail(0.9)], ["1", detail(0.3)]])).collectMetrics();
    expect(onlyPositive.getAuc()).toBeNaN();
    expect([onlyPositive.getKs(), onlyPositive.getPrc(), onlyPositive.getGini()]).toEqual([NaN, NaN, NaN]);
    expect(onlyPositive.getRocCurve().x).toEqual([1, 1, 1, 1]);
    expect(onlyPositive.getThresholdArray()).toEqual([Infinity, 0.9, 0.5, 0.3]);
    const onlyNegative = evaluate(predictions([["0", detail(0.9)], ["0", detail(0.3)]])).collectMetrics();
    expect(onlyNegative.getAuc()).toBeNaN();
    expect(onlyNegative.getRocCurve().y).toEqual([1, 1, 1, 1]);
    // Alink reports K-S 0.5 here (max |FPR − 1| with TPR := 1 for want of positives): a number that says nothing.
    expect([onlyNegative.getKs(), onlyNegative.getPrc(), onlyNegative.getGini()]).toEqual([NaN, NaN, NaN]);
    expect(onlyNegative.json).toContain('"AUC":"NaN"');
  });

  it("decision matrix: score ≥ 0.5 and, as in Alink, 0.499 < score < 0.5 count as predicted positive", () => {
    const data = [
      ["1", detail(0.6)],
      ["0", detail(0.4995)], // within 0.001 of 0.5: merged into the threshold-0.5 matrix
      ["0", detail(0.499)], // 0.5 − 0.499 = 0.0010000000000000009 ≥ 0.001: not merged
      ["1", detail(0.2)],
    ];
    const m = evaluate(predictions(data)).collectMetrics();
    expect(m.getConfusionMatrix()).toEqual([[1, 1], [1, 1]]);
    expect(m.getThresholdArray()).toEqual([Infinity, 0.6, 0.5, 0.499, 0.2]);
  });

  it("records the +∞ point once even when exactly one sample scores ≥ 0.5 (Alink records it twice)", () => {
    const m = evaluate(predictions([["1", detail(0.8)], ["0", detail(0.3)], ["1", detail(0.1)]])).collectMetrics();
    expect(m.getThresholdArray()).toEqual([Infinity, 0.8, 0.5, 0.3, 0.1]);
  });

  it("middle point first when every score is below 0.5; matrix at 0.5 predicts nothing positive", () => {
    const m = evaluate(predictions([["1", detail(0.4)], ["0", detail(0.3)]])).collectMetrics();
    expect(m.getThresholdArray()).toEqual([Infinity, 0.5, 0.4, 0.3]);
    expect(m.getConfusionMatrix()).toEqual([[0, 0], [1, 1]]);
    expect(m.getPrecision()).toBe(1); // 0/0 → 1.0
    expect(m.getRecall()).toBe(0);
  });

  it("keeps Alink's quirk: at threshold exactly 1.0 the precision repeats the previous point's", () => {
    const m = evaluate(predictions([["0", detail(1)], ["1", detail(0.3)]])).collectMetrics();
    expect(m.getThresholdArray()).toEqual([Infinity, 1, 0.5, 0.3]);
    expect(m.getPrecisionRecallCurve().y).toEqual([1, 1, 0, 0.5]);
  });

  it("merges scores within 0.001 of the last recorded threshold into one matrix", () => {
    const m = evaluate(predictions([["1", detail(0.9)], ["0", detail(0.8995)], ["1", detail(0.8991)], ["0", detail(0.898)]])).collectMetrics();
    expect(m.getThresholdArray()).toEqual([Infinity, 0.9, 0.898, 0.5]);
    expect(m.getLiftChart().y).toEqual([0, 2, 2, 2]);
  });

  it("ties: AUC averages ranks (order-free); PRC / K-S / GINI follow input order (documented)", () => {
    const posFirst = evaluate(predictions([["1", detail(0.7)], ["0", detail(0.7)], ["1", detail(0.2)], ["0", detail(0.1)]])).collectMetrics();
    const negFirst = evaluate(predictions([["0", detail(0.7)], ["1", detail(0.7)], ["1", detail(0.2)], ["0", detail(0.1)]])).collectMetrics();
    expect(posFirst.getAuc()).toBe(0.625);
    expect(negFirst.getAuc()).toBe(0.625);
    expect(posFirst.getPrc()).toBeCloseTo(0.5 * 1 + 0.5 * ((2 / 3 + 0.5) / 2), 15);
    expect(negFirst.getPrc()).toBeCloseTo(0.5 * ((0.5 + 0) / 2) + 0.5 * ((2 / 3 + 0.5) / 2), 15);
    // Same data, same order → same bits.
    const again = evaluate(predictions([["1", detail(0.7)], ["0", detail(0.7)], ["1", detail(0.2)], ["0", detail(0.1)]])).collectMetrics();
    expect(again.json).toBe(posFirst.json);
  });
});

describe("EvalBinaryClassBatchOp: bad input", () => {
  it("requires predictionDetailCol, with Alink's message", () => {
    expectError(
      () => new EvalBinaryClassBatchOp().setLabelCol("label").linkFrom(predictions(FIXTURE_ROWS)),
      'EvalBinaryClassBatchOp: Binary Evaluation must give predictionDetailCol! Call setPredictionDetailCol("<column>") with the column holding the prediction detail JSON, e.g. {"1":0.8,"0":0.2}.',
    );
  });

  it("names a missing column", () => {
    expectError(
      () => new EvalBinaryClassBatchOp().setLabelCol("label").setPredictionDetailCol("details").linkFrom(predictions(FIXTURE_ROWS)),
      'EvalBinaryClassBatchOp: column "details" (parameter "predictionDetailCol") is not in the input. Did you mean "detail"? Available columns: label, detail.',
    );
  });

  it("rejects three labels", () => {
    const op = evaluate(predictions([["a", '{"a":0.9,"b":0.1}'], ["b", '{"a":0.4,"b":0.6}'], ["c", '{"a":0.4,"b":0.6}']]));
    expectError(
      () => op.collect(),
      'EvalBinaryClassBatchOp: The number of labels must be equal to 2! Found 3 labels in the label column and the prediction details: "c", "b", "a".',
    );
  });

  it("rejects a detail with three labels, naming the row", () => {
    const op = evaluate(predictions([["a", '{"a":0.9,"b":0.1}'], ["b", '{"a":0.4,"b":0.3,"c":0.3}']]));
    expectError(
      () => op.collect(),
      'EvalBinaryClassBatchOp: row 1, column "detail": binary evaluation needs exactly 2 labels in each prediction detail, got 3: {"a":0.4,"b":0.3,"c":0.3}',
    );
  });

  it("rejects probabilities that do not sum to 1 ± 0.01, naming the row", () => {
    const op = evaluate(predictions([["a", '{"a":0.9,"b":0.1}'], ["b", '{"a":0.6,"b":0.6}']]));
    const error = expectError(
      () => op.collect(),
      'EvalBinaryClassBatchOp: row 1, column "detail": Probability sum in {"a":0.6,"b":0.6} not equal to 1.0! (the probabilities sum to 1.2; they must be within 0.01 of 1).',
    );
    expect(error.context.row).toBe(1);
    // 1 ± 0.01 is tolerated.
    expect(evaluate(predictions([["a", '{"a":0.9,"b":0.105}'], ["b", '{"a":0.4,"b":0.6}']])).count()).toBe(1);
  });

  it("rejects a probability outside [0, 1]", () => {
    expectError(
      () => evaluate(predictions([["a", '{"a":1.5,"b":-0.5}']])).collect(),
      'EvalBinaryClassBatchOp: row 0, column "detail": Probability in {"a":1.5,"b":-0.5} not in range [0, 1]! ("a" has 1.5).',
    );
  });

  it("rejects a detail that is not JSON, naming the row", () => {
    expectError(
      () => evaluate(predictions([["a", '{"a":0.9,"b":0.1}'], ["b", "{a:0.4"]])).collect(),
      /^EvalBinaryClassBatchOp: row 1, column "detail": Failed to deserialize prediction detail: \{a:0\.4 \(.+\)\. Expected a JSON object mapping each label to its probability, e\.g\. \{"1":0\.8,"0":0\.2\}\.$/,
    );
    expectError(
      () => evaluate(predictions([["a", '{"a":"high","b":0.1}']])).collect(),
      'EvalBinaryClassBatchOp: row 0, column "detail": Failed to deserialize prediction detail: {"a":"high","b":0.1} (the value of "a" is not a number: "high"). Expected a JSON object mapping each label to its probability, e.g. {"1":0.8,"0":0.2}.',
    );
  });

  it("rejects a detail key that is not a value of the label type", () => {
    expectError(
      () => evaluate(predictions([[1, '{"yes":0.9,"no":0.1}']], "label int, detail string")).collect(),
      'EvalBinaryClassBatchOp: row 0, column "detail": label "yes" in the prediction detail cannot be read as INT (the type of label column "label").',
    );
  });

  it("rejects a positiveLabelValueString that is not a label", () => {
    expectError(
      () => evaluate(predictions(FIXTURE_ROWS), (op) => op.setPositiveLabelValueString("prefix2")).collect(),
      'EvalBinaryClassBatchOp: positiveLabelValueString "prefix2" is not one of the labels "prefix1", "prefix0" (Alink: "Not contain positiveValue").',
    );
  });

  it("rejects empty input and input without a usable row", () => {
    const message =
      'EvalBinaryClassBatchOp: Please check the evaluation input! there is no effective row! (no row has both a label in "label" and a prediction detail in "detail").';
    expectError(() => evaluate(predictions([])).collect(), message);
    expectError(() => evaluate(predictions([[null, detail(0.5)], ["1", null]])).collect(), message);
  });

  it("rejects label and detail columns of unusable types at link time", () => {
    expectError(
      () => evaluate(predictions([["1 2", detail(0.5)]], "label vector, detail string")),
      'EvalBinaryClassBatchOp: label column "label" has type VECTOR; binary evaluation needs one of STRING, BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE.',
    );
    expectError(
      () => evaluate(predictions([["1", 0.5]], "label string, detail double")),
      'EvalBinaryClassBatchOp: prediction detail column "detail" must be STRING (JSON text), got DOUBLE.',
    );
  });
});

describe("BinaryClassMetrics", () => {
  it("wraps any metrics JSON; reads the older RecallPrecisionCurve key; toJSON parses every value", () => {
    const json = fixture("EvalBinaryClassStreamOp__1").expected.rows[0][1] as string;
    const m = new BinaryClassMetrics(json);
    expect(m.getPrecisionRecallCurve()).toEqual({ x: [0, 1, 1], y: [1, 1, 1] });
    expect(m.getAuc()).toBeNaN();
    expect(m.getThresholdArray()).toEqual([0.8, 0.5]);
    const all = m.toJSON();
    expect(Object.keys(all).length).toBe(64);
    expect(all.ConfusionMatrix).toEqual([[1, 0], [0, 0]]);
    expect(m.listParamNames()).toEqual(Object.keys(JSON.parse(json)));
    expectError(() => m.get("Nope"), /^BinaryClassMetrics has no metric "Nope"\. Available: PRC, /);
  });
});

describe("BinaryClassMetrics text", () => {
  it("formats numbers as Java's DecimalFormat(\"#.####\"): HALF_EVEN on the exact double, no trailing zeros", async () => {
    const { decimal4 } = await import("../../src/evaluation/binaryClass/BinaryClassMetrics");
    expect([1, 0.6, 0.5975528207809628, 0.03125, 0.03135, 0.00005, -0.00001, 12.34565, NaN].map(decimal4)).toEqual([
      "1", "0.6", "0.5976", "0.0312", "0.0314", "0.0001", "-0", "12.3456", "NaN",
    ]);
  });

  it("fromData / serialize round-trip the JSON", async () => {
    const { computeExactBinaryMetrics } = await import("../../src");
    const data = computeExactBinaryMetrics({ length: 2, scores: Float64Array.of(0.9, 0.1), positive: Uint8Array.of(1, 0), logLoss: Float64Array.of(0.1, 0.1) }, ["y", "n"]);
    const m = BinaryClassMetrics.fromData(data);
    expect(new BinaryClassMetrics(m.serialize()).toJSON()).toEqual(m.toJSON());
    expect(m.getLorenzeCurve()).toEqual(m.getLorenzCurve());
    expect(m.getAuc()).toBe(1);
  });
});
