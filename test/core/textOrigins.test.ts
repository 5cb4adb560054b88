import { describe, expect, it } from "vitest";
import * as api from "../../src";
import { StringColumn, TextOrigin } from "../../src/core/column";
import { Table } from "../../src/core/table";
import { BinaryDetailTexts } from "../../src/common/binaryDetails";
import { LinearModelTexts } from "../../src/classification/linear/modelTexts";
import { linearModelFromTable } from "../../src/classification/linear/model";
import { LinearModelTableWriter } from "../../src/onlinelearning/ftrl/modelTableWriter";
import { BinaryMetricsTexts } from "../../src/evaluation/binaryClass/metricsTexts";
import { ExactBinarySummary } from "../../src/evaluation/binaryClass/exactMetrics";
import { binaryMetricsToJson } from "../../src/evaluation/binaryClass/metricsJson";

/**
 * Columns whose texts are rendered from typed data (TextOrigin) must be indistinguishable from
 * columns holding the rendered texts: every reader that takes the typed shortcut is compared here
 * with the same reader given plain texts.
 */

/** The same table with every string column replaced by a plain copy of its texts (no origin). */
function plain(table: Table): Table {
  return new Table(
    table.schema,
    table.columns.map((c) => (c instanceof StringColumn ? new StringColumn([...c.values]) : c)),
  );
}

function randomRows(n: number, seed: number): unknown[][] {
  const random = new api.Random(seed);
  const rows: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    const x = [random.nextGaussian(), random.nextGaussian(), random.nextGaussian()];
    const y = x[0] - 0.5 * x[1] + 0.8 * random.nextGaussian() > 0 ? 1 : 0;
    rows.push([i, `${x.join(" ")}`, y]);
  }
  return rows;
}

describe("string columns rendered from typed data", () => {
  it("render once, on first read, and keep their origin through slices", () => {
    let renders = 0;
    const origin: TextOrigin = {
      length: 3,
      render: () => {
        renders++;
        return ["a", null, "c"];
      },
      slice: () => null,
    };
    const column = StringColumn.rendered(origin);
    expect(column.length).toBe(3);
    expect(renders).toBe(0);
    expect(column.get(2)).toBe("c");
    expect(column.isNull(1)).toBe(true);
    expect([...column.values]).toEqual(["a", null, "c"]);
    expect(renders).toBe(1);
    expect([...column.slice(1, 3).values]).toEqual([null, "c"]);

    const details = StringColumn.rendered(new BinaryDetailTexts(["1", "0"], 0, Float64Array.of(0.25, 0.5, 1), Uint8Array.of(0, 1, 0)));
    const part = details.slice(1, 3);
    expect(part.origin).toBeInstanceOf(BinaryDetailTexts);
    expect([...part.values]).toEqual([null, '{"1":"1.0","0":"0.0"}']);
    expect(details.get(0)).toBe('{"1":"0.25","0":"0.75"}');
    // The stored probability may belong to the second key written.
    const swapped = StringColumn.rendered(new BinaryDetailTexts(["2.0", "1.0"], 1, Float64Array.of(0.1), null));
    expect(swapped.get(0)).toBe('{"2.0":"0.9","1.0":"0.1"}');
  });

  it("LR details: the evaluation reads the probabilities and gets exactly what parsing the texts gives", () => {
    const rows = randomRows(3000, 5);
    const source = new api.MemSourceBatchOp(rows, "id int, vec string, label int");
    const model = new api.LogisticRegressionTrainBatchOp().setVectorCol("vec").setLabelCol("label").linkFrom(source);
    const predicted = new api.LogisticRegressionPredictBatchOp()
      .setPredictionCol("pred")
      .setPredictionDetailCol("detail")
      .setReservedCols(["label"])
      .linkFrom(model, source)
      .getOutputTable();
    const detail = predicted.column("detail") as StringColumn;
    expect(detail.origin).toBeInstanceOf(BinaryDetailTexts);
    const typed = new api.EvalBinaryClassBatchOp().setLabelCol("label").setPredictionDetailCol("detail").linkFrom(new api.TableSourceBatchOp(predicted));
    const parsed = new api.EvalBinaryClassBatchOp().setLabelCol("label").setPredictionDetailCol("detail").linkFrom(new api.TableSourceBatchOp(plain(predicted)));
    expect(typed.getOutputTable().toRows()).toEqual(parsed.getOutputTable().toRows());
    // Positive label given explicitly (the stored probability is then the other label's).
    const typed0 = new api.EvalBinaryClassBatchOp().setLabelCol("label").setPredictionDetailCol("detail").setPositiveLabelValueString("0");
    const parsed0 = new api.EvalBinaryClassBatchOp().setLabelCol("label").setPredictionDetailCol("detail").setPositiveLabelValueString("0");
    expect(typed0.linkFrom(new api.TableSourceBatchOp(predicted)).getOutputTable().toRows()).toEqual(
      parsed0.linkFrom(new api.TableSourceBatchOp(plain(predicted))).getOutputTable().toRows(),
    );
  });

  it("a streamed linear model is loaded from the coefficients it was written from, equal to parsing its texts", () => {
    const coef = Float64Array.from({ length: 3001 }, (_, i) => (i % 7 === 0 ? 0 : Math.sin(i) * 10 ** ((i % 13) - 6)));
    const model = {
      modelName: "Logistic Regression",
      linearModelType: "LR" as const,
      hasInterceptItem: true,
      vectorColName: "vec",
      vectorSize: 3000,
      labelName: null,
      featureNames: null,
      featureTypes: null,
      coefVector: coef,
      labelValues: [1, 0],
      labelType: "INT" as const,
    };
    const writer = new LinearModelTableWriter(model);
    const table = writer.write(coef);
    const info = table.column("model_info") as StringColumn;
    expect(info.origin).toBeInstanceOf(LinearModelTexts);
    expect(table.numRows).toBeGreaterThan(4); // the coefficient JSON is cut into 32 768-char slices
    coef[5] = 123; // the writer's caller goes on training; the written model must not change
    const fromOrigin = linearModelFromTable(table);
    const fromTexts = linearModelFromTable(plain(table));
    expect(fromOrigin).toEqual(fromTexts);
    expect(fromOrigin.coefVector[5]).not.toBe(123);
    // A part of the rows, or the rows in another order, is read from the texts.
    const reversed = table.take(Array.from({ length: table.numRows }, (_, i) => table.numRows - 1 - i));
    expect(linearModelFromTable(reversed)).toEqual(fromTexts);
    expect(((table.slice(0, 2).column("model_info") as StringColumn).origin as LinearModelTexts).wholeModel).toBeNull();
  });

  it("metrics JSON written field by field equals the whole JSON, and JsonValue reads the same values either way", () => {
    const summary = new ExactBinarySummary();
    const random = new api.Random(9);
    for (let i = 0; i < 500; i++) {
      const positive = random.nextDouble() < 0.4;
      const p = Math.min(1, Math.max(0, (positive ? 0.6 : 0.4) + 0.3 * random.nextGaussian()));
      summary.add(p, positive, -Math.log(Math.max(1e-15, positive ? p : 1 - p)));
    }
    const metrics = summary.value(["1", "0"]);
    const texts = new BinaryMetricsTexts([metrics, metrics]);
    expect(texts.render()).toEqual([binaryMetricsToJson(metrics), binaryMetricsToJson(metrics)]);
    const table = new Table(new api.Schema(["Statistics", "Data"], ["STRING", "STRING"]), [new StringColumn(["window", "all"]), StringColumn.rendered(texts)]);
    const json = (t: Table) =>
      new api.JsonValueBatchOp()
        .setSelectedCol("Data")
        .setReservedCols(["Statistics"])
        .setJsonPath(["$.AUC", "$.LogLoss", "$.ConfusionMatrix", "$.TotalSamples"])
        .setOutputCols(["auc", "logloss", "cm", "n"])
        .linkFrom(new api.TableSourceBatchOp(t))
        .getOutputTable()
        .toRows();
    expect(json(table)).toEqual(json(plain(table)));
    expect(Number(json(table)[0][1])).toBeCloseTo(metrics.auc, 12);
    // A missing field fails the same way.
    const missing = (t: Table) => () =>
      new api.JsonValueBatchOp().setSelectedCol("Data").setJsonPath(["$.NoSuchMetric"]).setOutputCols(["x"]).linkFrom(new api.TableSourceBatchOp(t)).getOutputTable();
    expect(missing(table)).toThrow(/no value at \$\['NoSuchMetric'\]/);
    expect(missing(plain(table))).toThrow(/no value at \$\['NoSuchMetric'\]/);
  });
});
