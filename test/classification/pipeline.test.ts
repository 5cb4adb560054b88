/** LogisticRegression / LogisticRegressionModel as pipeline stages: fit, transform, training info, save/load. */
import * as path from "path";
import { describe, expect, it } from "vitest";
import {
  LogisticRegression,
  LogisticRegressionModel,
  LogisticRegressionPredictBatchOp,
  LogisticRegressionTrainBatchOp,
  MemSourceBatchOp,
  Pipeline,
  PipelineModel,
  TableSourceBatchOp,
} from "../../src";
import { tempDir } from "../helpers";
import { ctrLike } from "./helpers";

const { table } = ctrLike(3000, 400, 9);
const data = () => new TableSourceBatchOp(table);

describe("LogisticRegression estimator", () => {
  it("fit + transform = train op + predict op, with the same parameters", () => {
    const lr = new LogisticRegression().setVectorCol("vec").setLabelCol("label").setL2(1e-3).setPredictionCol("pred").setPredictionDetailCol("detail").setReservedCols(["label"]);
    const model = lr.fit(data());
    expect(model).toBeInstanceOf(LogisticRegressionModel);
    expect(model.getPredictionCol()).toBe("pred");
    const viaStage = model.transform(data()).collect();
    const trained = new LogisticRegressionTrainBatchOp().setVectorCol("vec").setLabelCol("label").setL2(1e-3).linkFrom(data());
    const viaOps = new LogisticRegressionPredictBatchOp()
      .setPredictionCol("pred")
      .setPredictionDetailCol("detail")
      .setReservedCols(["label"])
      .linkFrom(trained, data())
      .collect();
    expect(viaStage).toEqual(viaOps);
    expect(model.getModelData().toRows()).toEqual(trained.collect());
  });

  it("the fitted model keeps the training report", () => {
    const model = new LogisticRegression().setVectorCol("vec").setLabelCol("label").setL2(1e-3).setPredictionCol("pred").fit(data());
    const info = model.getTrainingInfo()!;
    expect(info.method).toBe("LBFGS");
    expect(info.converged).toBe(true);
    expect(info.losses.length).toBe(info.iterations + 1);
    expect(info.losses[0]).toBeGreaterThan(info.losses[info.iterations]);
    expect(info.numRows).toBe(3000);
    expect(info.numFeatures).toBe(400);
    expect(model.getLinearModelData().vectorSize).toBe(400);
  });

  it("a Pipeline of it saves and loads (LogisticRegressionModel is registered) and predicts the same", () => {
    const fitted = new Pipeline(new LogisticRegression().setVectorCol("vec").setLabelCol("label").setL2(1e-3).setPredictionCol("pred").setPredictionDetailCol("detail")).fit(data());
    const file = path.join(tempDir(), "lr.pipeline.json");
    fitted.save(file);
    const loaded = PipelineModel.load(file);
    const stage = loaded.getStages()[0] as LogisticRegressionModel;
    expect(stage).toBeInstanceOf(LogisticRegressionModel);
    expect(stage.getPredictionDetailCol()).toBe("detail");
    expect(stage.getTrainingInfo()).toBeNull();
    expect(loaded.transform(data()).collect()).toEqual(fitted.transform(data()).collect());
  });

  it("Alink's doc example through the estimator with featureCols (int labels 1/2)", () => {
    const rows = [[2, 1, 1], [3, 2, 1], [4, 3, 2], [2, 4, 1], [2, 2, 1], [4, 3, 2], [1, 2, 1], [5, 3, 2]];
    const src = new MemSourceBatchOp(rows, "f0 int, f1 int, label int");
    const out = new LogisticRegression().setFeatureCols(["f0", "f1"]).setLabelCol("label").setPredictionCol("pred").fit(src).transform(src);
    expect(out.collect().map((r) => r[3])).toEqual(rows.map((r) => r[2]));
  });
});

describe("side outputs (errata E20)", () => {
  it("0 model info, 1 importance, 2 weights", () => {
    const rows = [[2, 1, 1], [3, 2, 1], [4, 3, 2], [2, 4, 1], [2, 2, 1], [4, 3, 2], [1, 2, 1], [5, 3, 2]];
    const op = new LogisticRegressionTrainBatchOp().setFeatureCols(["f0", "f1"]).setLabelCol("label").setL2(0.01).linkFrom(new MemSourceBatchOp(rows, "f0 int, f1 int, label int"));
    expect(op.getSideOutputCount()).toBe(3);
    const coef = Array.from(op.getLinearModelData().coefVector);
    const info = op.getSideOutput(0);
    expect(info.getColNames()).toEqual(["id", "info"]);
    const infoRows = info.collect();
    expect(infoRows.map((r) => r[0])).toEqual([0, 1, 2, 3, 4]);
    expect(JSON.parse(infoRows[1][1] as string)).toEqual(["f0", "f1"]);
    expect(JSON.parse(infoRows[2][1] as string)).toEqual(coef);
    const report = op.getTrainingInfo();
    const convergence = JSON.parse(infoRows[4][1] as string) as number[];
    expect(convergence.length).toBe(3 * report.losses.length);
    expect(convergence.filter((_, k) => k % 3 === 0)).toEqual(report.losses);
    const std = (xs: number[]) => {
      const m = xs.reduce((a, b) => a + b) / xs.length;
      return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
    };
    const importance = op.getSideOutput(1).collect();
    expect(importance.map((r) => r[0])).toEqual(["f0", "f1"]);
    expect(importance[0][1]).toBeCloseTo(Math.abs(coef[1]) * std(rows.map((r) => r[0])), 12);
    expect(importance[1][1]).toBeCloseTo(Math.abs(coef[2]) * std(rows.map((r) => r[1])), 12);
    expect(op.getSideOutput(2).collect()).toEqual([["_intercept_", coef[0]], ["f0", coef[1]], ["f1", coef[2]]]);
  });
});
