/**
 * Alink's linear model table (reference §4) and the predictor's output (§4.7): exact layout,
 * round trips, label order, detail JSON, vector sizes.
 */
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import {
  LogisticRegressionPredictBatchOp,
  LogisticRegressionTrainBatchOp,
  MemSourceBatchOp,
  Schema,
  Table,
  TableSourceBatchOp,
  javaDoubleToString,
  linearModelFromTable,
  linearModelToTable,
} from "../../src";
import { FIXTURES, expectError } from "../helpers";
import { ctrLike } from "./helpers";

function fixture(name: string) {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, "alink-docs", `${name}.json`), "utf8"));
}

const DOC_ROWS = [[2, 1, 1], [3, 2, 1], [4, 3, 2], [2, 4, 1], [2, 2, 1], [4, 3, 2], [1, 2, 1], [5, 3, 2]];
const docData = () => new MemSourceBatchOp(DOC_ROWS, "f0 int, f1 int, label int");

describe("linear model table", () => {
  it("reads FtrlTrainStreamOp__1's model rows and writes them back byte for byte", () => {
    const f = fixture("FtrlTrainStreamOp__1");
    const rows = f.expected.rows.map((r: unknown[]) => r.slice(2));
    const table = Table.fromRows(rows, Schema.parse("model_id bigint, model_info string, label_value double"));
    const model = linearModelFromTable(table);
    expect(model.modelName).toBe("Logistic Regression");
    expect(model.linearModelType).toBe("LR");
    expect(model.hasInterceptItem).toBe(true);
    expect(model.vectorSize).toBe(4);
    expect(model.labelName).toBeNull();
    expect(model.vectorColName).toBeNull();
    expect(model.featureNames).toEqual(["f0", "f1", "f2", "f3"]);
    expect(model.featureTypes).toBeNull();
    expect(Array.from(model.coefVector)).toEqual([0.7535834898120117, 0.1413841730068463, 0.22745806246300418, 0.22262447698184248, 0.07959472260346781]);
    expect(model.labelValues).toEqual([2, 1]);
    expect(model.labelType).toBe("DOUBLE");
    const back = linearModelToTable(model);
    expect(back.schema.toString()).toBe("model_id BIGINT,model_info STRING,label_value DOUBLE");
    expect(back.toRows()).toEqual(rows);
  });

  it("a trained model: meta keys in Java HashMap order, Alink's data string, label rows in label order", () => {
    const model = new LogisticRegressionTrainBatchOp().setFeatureCols(["f0", "f1"]).setLabelCol("label").linkFrom(docData());
    const rows = model.collect();
    expect(model.getColNames()).toEqual(["model_id", "model_info", "label_value"]);
    expect(model.getColTypes()).toEqual(["BIGINT", "STRING", "INT"]);
    expect(rows.map((r) => r[0])).toEqual([0, 1048576, 2251799812636672, 2251799812636673]);
    expect(rows[0][1]).toBe('{"hasInterceptItem":"true","modelName":"\\"Logistic Regression\\"","labelCol":"\\"label\\"","linearModelType":"\\"LR\\"","vectorSize":"2"}');
    expect(rows[1][1]).toMatch(/^\{"featureColNames":\["f0","f1"\],"featureColTypes":\["int","int"\],"coefVector":\{"data":\[-?\d[^,]*,-?\d[^,]*,-?\d[^,\]]*\]\},"coefVectors":null,"convergenceInfo":null\}$/);
    expect(rows.slice(2).map((r) => [r[1], r[2]])).toEqual([[null, 2], [null, 1]]);
    // table → typed → table is the identity.
    const typed = model.getLinearModelData();
    expect(linearModelToTable(typed).toRows()).toEqual(rows);
    expect(linearModelToTable(linearModelFromTable(model.getOutputTable())).toRows()).toEqual(rows);
  });

  it("vector input: meta carries vectorCol (HashMap order), feature names and types are null", () => {
    const data = new MemSourceBatchOp(
      [["$3$0:1.0 2:1.0", "yes"], ["$3$1:1.0", "no"], ["$3$0:1.0", "yes"], ["$3$1:1.0 2:1.0", "no"]],
      "vec vector, label string",
    );
    const model = new LogisticRegressionTrainBatchOp().setVectorCol("vec").setLabelCol("label").setL2(0.1).linkFrom(data);
    const rows = model.collect();
    expect(rows[0][1]).toBe(
      '{"hasInterceptItem":"true","vectorCol":"\\"vec\\"","modelName":"\\"Logistic Regression\\"","labelCol":"\\"label\\"","linearModelType":"\\"LR\\"","vectorSize":"3"}',
    );
    expect(rows[1][1]).toMatch(/^\{"featureColNames":null,"featureColTypes":null,"coefVector":\{"data":\[[^\]]*\]\},"coefVectors":null,"convergenceInfo":null\}$/);
    expect(model.getColTypes()[2]).toBe("STRING");
    expect(rows.slice(2).map((r) => r[2])).toEqual(["yes", "no"]);
    expect(linearModelToTable(linearModelFromTable(model.getOutputTable())).toRows()).toEqual(rows);
  });

  it("withIntercept = false: no intercept slot, meta says so, weights side output has no _intercept_ row", () => {
    for (const standardization of [true, false]) {
      const op = new LogisticRegressionTrainBatchOp().setFeatureCols(["f0", "f1"]).setLabelCol("label").setWithIntercept(false).setStandardization(standardization).setL2(0.01).linkFrom(docData());
      const model = op.getLinearModelData();
      expect(model.hasInterceptItem).toBe(false);
      expect(model.coefVector.length).toBe(2);
      expect(op.collect()[0][1]).toContain('"hasInterceptItem":"false"');
      expect(op.getSideOutput(2).collect().map((r) => r[0])).toEqual(["f0", "f1"]);
      const out = new LogisticRegressionPredictBatchOp().setPredictionCol("pred").setPredictionDetailCol("d").linkFrom(op, docData()).collect();
      out.forEach((row, i) => {
        const dot = model.coefVector[0] * DOC_ROWS[i][0] + model.coefVector[1] * DOC_ROWS[i][1];
        expect(row[3]).toBe(dot >= 0 ? 2 : 1);
        expect(Number(JSON.parse(row[4] as string)["2"])).toBeCloseTo(1 - 1 / (1 + Math.exp(dot)), 15);
      });
    }
  });

  it("a big model's data string is cut into 32 768-character slices and read back whole", () => {
    const { table } = ctrLike(3000, 30000, 3);
    const op = new LogisticRegressionTrainBatchOp().setVectorCol("vec").setLabelCol("label").setL2(1e-3).setMaxIter(5).linkFrom(new TableSourceBatchOp(table));
    const out = op.getOutputTable();
    const ids = out.toRows().map((r) => r[0] as number);
    const dataSlices = ids.filter((id) => id >= 1048576 && id < 2 * 1048576);
    expect(dataSlices.length).toBeGreaterThan(5);
    expect(dataSlices).toEqual(dataSlices.map((_, k) => 1048576 + k));
    for (const row of out.toRows()) if (row[1] !== null) expect((row[1] as string).length).toBeLessThanOrEqual(32768);
    const typed = linearModelFromTable(out);
    expect(typed.coefVector.length).toBe(30001);
    expect(Array.from(typed.coefVector)).toEqual(Array.from(op.getLinearModelData().coefVector));
    expect(linearModelToTable(typed).toRows()).toEqual(out.toRows());
  });
});

describe("labels and prediction detail", () => {
  const detailOf = (labelType: string, labels: [unknown, unknown]) => {
    const rows = DOC_ROWS.map(([a, b, l]) => [a, b, l === 2 ? labels[0] : labels[1]]);
    const data = new MemSourceBatchOp(rows, `f0 int, f1 int, label ${labelType}`);
    const model = new LogisticRegressionTrainBatchOp().setFeatureCols(["f0", "f1"]).setLabelCol("label").setL2(0.01).linkFrom(data);
    const out = new LogisticRegressionPredictBatchOp().setPredictionCol("pred").setPredictionDetailCol("detail").linkFrom(model, data);
    return { model, out, rows: out.collect() };
  };

  it('DOUBLE labels 1.0/2.0: positive 2.0, detail {"2.0":"…","1.0":"…"} as in FtrlPredictStreamOp__1', () => {
    const { model, out, rows } = detailOf("double", [2, 1]);
    expect(model.getLinearModelData().labelValues).toEqual([2, 1]);
    expect(out.getColTypes()).toEqual(["INT", "INT", "DOUBLE", "DOUBLE", "STRING"]);
    const f = fixture("FtrlPredictStreamOp__1");
    const fixtureKeys = Object.keys(JSON.parse(f.expected.rows[0][2]));
    for (const row of rows) {
      const detail = row[4] as string;
      expect(detail).toMatch(/^\{"2\.0":"[^"]+","1\.0":"[^"]+"\}$/);
      const parsed = JSON.parse(detail) as Record<string, string>;
      expect(Object.keys(parsed)).toEqual(fixtureKeys);
      const p2 = Number(parsed["2.0"]);
      expect(p2 + Number(parsed["1.0"])).toBeCloseTo(1, 12);
      expect(row[3]).toBe(p2 >= 0.5 ? 2 : 1);
    }
    // Probabilities are Java Double.toString texts of 1 − 1/(1 + exp(dot)).
    const m = model.getLinearModelData();
    const [a, b] = DOC_ROWS[2];
    const dot = m.coefVector[0] + m.coefVector[1] * a + m.coefVector[2] * b;
    const p = 1 - 1 / (1 + Math.exp(dot));
    expect(JSON.parse(rows[2][4] as string)["2.0"]).toBe(javaDoubleToString(p));
    expect(JSON.parse(rows[2][4] as string)["1.0"]).toBe(javaDoubleToString(1 - p));
  });

  it("INT labels {9, 10}: 9 is positive (\"9\" > \"10\"), label rows 9 then 10, detail keys 9 then 10", () => {
    const { model, rows } = detailOf("int", [9, 10]);
    expect(model.getLinearModelData().labelValues).toEqual([9, 10]);
    expect(model.collect().slice(2).map((r) => r[2])).toEqual([9, 10]);
    for (const row of rows) expect(Object.keys(JSON.parse(row[4] as string))).toEqual(["9", "10"]);
    expect(rows.map((r) => r[3])).toEqual(DOC_ROWS.map(([, , l]) => (l === 2 ? 9 : 10)));
  });

  it('INT labels {0, 1}: positive 1, detail keys "0" then "1" (as in pyalink/ftrl_demo.ipynb)', () => {
    const { model, rows } = detailOf("int", [1, 0]);
    expect(model.getLinearModelData().labelValues).toEqual([1, 0]);
    for (const row of rows) expect(Object.keys(JSON.parse(row[4] as string))).toEqual(["0", "1"]);
  });

  it("STRING and BOOLEAN labels: positive = larger text (yes, true); prediction column keeps the type", () => {
    const s = detailOf("string", ["yes", "no"]);
    expect(s.model.getLinearModelData().labelValues).toEqual(["yes", "no"]);
    expect(s.out.getColTypes()[3]).toBe("STRING");
    expect(Object.keys(JSON.parse(s.rows[0][4] as string))).toEqual(["no", "yes"]);
    const b = detailOf("boolean", [true, false]);
    expect(b.model.getLinearModelData().labelValues).toEqual([true, false]);
    expect(b.out.getColTypes()[3]).toBe("BOOLEAN");
    expect(b.rows.map((r) => r[3])).toEqual(DOC_ROWS.map(([, , l]) => l === 2));
  });

  it("reservedCols and an output column named like an input column (replaced in place)", () => {
    const data = docData();
    const model = new LogisticRegressionTrainBatchOp().setFeatureCols(["f0", "f1"]).setLabelCol("label").linkFrom(data);
    const reserved = new LogisticRegressionPredictBatchOp().setPredictionCol("pred").setReservedCols(["label"]).linkFrom(model, data);
    expect(reserved.getColNames()).toEqual(["label", "pred"]);
    const inPlace = new LogisticRegressionPredictBatchOp().setPredictionCol("f1").setPredictionDetailCol("d").linkFrom(model, data);
    expect(inPlace.getColNames()).toEqual(["f0", "f1", "label", "d"]);
    expect(inPlace.collect().map((r) => r[1])).toEqual(DOC_ROWS.map((r) => r[2]));
  });
});

describe("prediction needs vectors of the model's size (Alink's FeatureLabelUtil.dot would ignore or zero-fill)", () => {
  const train = new MemSourceBatchOp(
    [["$5$0:1.0 3:2.0", 1], ["$5$1:1.0 4:1.0", 0], ["$5$0:2.0 2:1.0", 1], ["$5$1:1.0 2:0.5", 0], ["$5$3:1.0", 1], ["$5$4:3.0", 0]],
    "vec vector, label int",
  );
  const model = new LogisticRegressionTrainBatchOp().setVectorCol("vec").setLabelCol("label").setL2(0.05).linkFrom(train);
  const predict = (rows: unknown[][]) =>
    new LogisticRegressionPredictBatchOp().setPredictionCol("pred").setPredictionDetailCol("detail").linkFrom(model, new MemSourceBatchOp(rows, "vec vector")).collect();
  const OP = "LogisticRegressionPredictBatchOp";

  it("vectors of size 5 (sparse $5$, dense of length 5, sparse without a size and indices < 5) score coef · [1, x]", () => {
    const coef = model.getLinearModelData().coefVector;
    const out = predict([["$5$0:1.0 3:2.0"], ["1.0 0.5 2.0 0.0 1.0"], ["0:1.0 4:4.0"]]);
    const dots = [coef[0] + coef[1] + 2 * coef[4], coef[0] + coef[1] + 0.5 * coef[2] + 2 * coef[3] + coef[5], coef[0] + coef[1] + 4 * coef[5]];
    dots.forEach((dot, i) => {
      const p1 = 1 - 1 / (1 + Math.exp(dot));
      expect(Number(JSON.parse(out[i][2] as string)["1"])).toBeCloseTo(p1, 15);
      expect(out[i][1]).toBe(dot >= 0 ? 1 : 0);
    });
  });

  it("another declared size, an index beyond the model, or a null vector is an error naming the row", () => {
    const e = expectError(
      () => predict([["$5$0:1.0"], ["$8$0:1.0 3:2.0 6:5.0 7:1.0"]]),
      `${OP}: the vector in column "vec" at row 1 has size 8, but the model has vectorSize 5; prediction needs vectors laid out as in training (same size, e.g. the same numFeatures in FeatureHasher).`,
    );
    expect(e.context).toMatchObject({ operator: OP, column: "vec", row: 1 });
    expectError(() => predict([["1.0 0.5 2.0"]]), /^LogisticRegressionPredictBatchOp: the vector in column "vec" at row 0 has size 3, but the model has vectorSize 5;/);
    expectError(() => predict([["0:1.0 9:4.0"]]), `${OP}: the vector in column "vec" at row 0 has index 9, but the model has vectorSize 5 (indices 0..4).`);
    expectError(() => predict([["$5$0:1.0"], [null]]), `${OP}: the vector column "vec" is null at row 1; linear models need a feature vector in every row.`);
  });

  it("a vector-string column works as input too; the vectorCol param overrides the model's", () => {
    const data = new MemSourceBatchOp([["$5$0:1.0 3:2.0", "0:9.0"]], "v2 string, other string");
    const out = new LogisticRegressionPredictBatchOp().setPredictionCol("pred").setVectorCol("v2").linkFrom(model, data).collect();
    expect(out[0][2]).toBe(1);
  });

  it("feature-column models: a null feature is an error, as in training (Alink's predictor reads it as 0)", () => {
    const m = new LogisticRegressionTrainBatchOp().setFeatureCols(["f0", "f1"]).setLabelCol("label").setL2(0.01).linkFrom(docData());
    const e = expectError(
      () => new LogisticRegressionPredictBatchOp().setPredictionCol("pred").linkFrom(m, new MemSourceBatchOp([[1, 2], [4, null]], "f0 int, f1 int")).collect(),
      `${OP}: the feature column "f1" is null at row 1; linear models need every feature value (fill or drop nulls first).`,
    );
    expect(e.context).toMatchObject({ operator: OP, column: "f1", row: 1 });
  });
});
