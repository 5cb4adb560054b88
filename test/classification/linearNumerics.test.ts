/**
 * The shared linear numerics: loss, objective gradients (against finite differences), the block
 * executor (bit-identical results for any thread count), and the optimizers (every method reaches
 * the same optimum; OWL-QN gives exact zeros; warm start).
 */
import { describe, expect, it } from "vitest";
import { LogisticRegressionTrainBatchOp, MemSourceBatchOp, Random, TableSourceBatchOp, logLoss, logLossSlope } from "../../src";
import { BlockExecutor } from "../../src/classification/linear/blockExecutor";
import { LogisticObjective } from "../../src/classification/linear/objective";
import { computeStandardization } from "../../src/classification/linear/standardization";
import { extractTrainingData } from "../../src/classification/linear/trainingData";
import { Table } from "../../src/core/table";
import { ctrLike } from "./helpers";

describe("log loss", () => {
  it("is log(1 + exp(−z)) without overflow, and its slope is σ(−z)", () => {
    for (const z of [-800, -40, -5, -0.5, 0, 0.5, 5, 40, 800]) {
      const expected = z > 30 ? Math.exp(-z) : z < -30 ? -z : Math.log(1 + Math.exp(-z));
      expect(logLoss(z)).toBeCloseTo(expected, 12);
      expect(logLossSlope(z)).toBeCloseTo(1 / (1 + Math.exp(z)), 14);
    }
    expect(logLoss(0)).toBe(Math.LN2);
    expect(Number.isFinite(logLoss(-1e308))).toBe(true);
  });
});

function denseTable(rows: number, seed: number): Table {
  const random = new Random(seed);
  const data: unknown[][] = [];
  for (let i = 0; i < rows; i++) {
    const a = random.nextGaussian() * 3 + 10;
    const b = random.nextGaussian();
    const c = random.nextInt(4);
    const z = 0.4 * (a - 10) - 1.2 * b + 0.3 * c - 0.2;
    data.push([a, b, c, 5, random.nextDouble() < 1 / (1 + Math.exp(-z)) ? "yes" : "no", 0.5 + random.nextDouble(), random.nextGaussian()]);
  }
  return new MemSourceBatchOp(data, "a double, b double, c int, k int, label string, w double, noise double").getOutputTable();
}

/** Objective value and gradient at x, evaluated through the executor (as the optimizer does). */
function objectiveAt(table: Table, params: { vectorCol?: string; featureCols?: string[]; weightCol?: string }, withIntercept: boolean, standardize: boolean, l2: number) {
  const data = extractTrainingData(table, { labelCol: "label", featureCols: params.featureCols ?? null, vectorCol: params.vectorCol ?? null, weightCol: params.weightCol ?? null }, "test");
  const scaling = computeStandardization(data, data.dense, withIntercept, standardize);
  const executor = new BlockExecutor(data, 1);
  const objective = new LogisticObjective(data, executor, scaling, withIntercept, l2);
  return {
    dim: objective.dim,
    executor,
    value(x: Float64Array) {
      return objective.valueAt(x);
    },
    gradient(x: Float64Array) {
      objective.valueAt(x);
      objective.acceptTrial();
      const g = new Float64Array(objective.dim);
      objective.gradient(g);
      return g;
    },
    along(x: Float64Array, d: Float64Array, t: number) {
      objective.valueAt(x);
      objective.acceptTrial();
      objective.setLine(d);
      return objective.valueAlong(t);
    },
  };
}

function checkGradient(obj: ReturnType<typeof objectiveAt>, seed: number) {
  const random = new Random(seed);
  const x = Float64Array.from({ length: obj.dim }, () => random.nextGaussian() * 0.3);
  const g = obj.gradient(x);
  const h = 1e-6;
  for (let j = 0; j < obj.dim; j++) {
    const xp = Float64Array.from(x);
    const xm = Float64Array.from(x);
    xp[j] += h;
    xm[j] -= h;
    const numeric = (obj.value(xp) - obj.value(xm)) / (2 * h);
    expect(g[j]).toBeCloseTo(numeric, 6);
  }
  // Along a line: value and slope agree with evaluating the moved point directly.
  const d = Float64Array.from({ length: obj.dim }, () => random.nextGaussian());
  const t = 0.37;
  const moved = Float64Array.from(x, (v, j) => v + t * d[j]);
  const line = obj.along(x, d, t);
  expect(line.value).toBeCloseTo(obj.value(moved), 12);
  const gm = obj.gradient(moved);
  expect(line.slope).toBeCloseTo(gm.reduce((s, v, j) => s + v * d[j], 0), 10);
}

describe("logistic objective", () => {
  it("dense, standardized, with intercept and weights: gradient = finite differences", () => {
    checkGradient(objectiveAt(denseTable(300, 1), { featureCols: ["a", "b", "c", "k"], weightCol: "w" }, true, true, 0.01), 2);
  });

  it("dense without intercept, without standardization", () => {
    checkGradient(objectiveAt(denseTable(200, 3), { featureCols: ["a", "b", "c"] }, false, false, 0.001), 4);
  });

  it("sparse one-hot rows (unit-value kernels with exceptions) and sparse real values", () => {
    const { table } = ctrLike(400, 2000, 5);
    const obj = objectiveAt(table, { vectorCol: "vec" }, true, true, 0.002);
    expect(obj.executor.unitValues).toBe(true);
    checkGradient(obj, 6);
    const random = new Random(7);
    const rows = Array.from({ length: 300 }, () => {
      const entries = [0, 3, 7, 11].filter(() => random.nextDouble() < 0.6).map((j) => `${j}:${(random.nextGaussian() * 2).toFixed(3)}`);
      return [`$12$${entries.join(" ")}`, random.nextInt(2)];
    });
    const real = objectiveAt(new MemSourceBatchOp(rows, "vec string, label int").getOutputTable(), { vectorCol: "vec" }, true, true, 0.01);
    expect(real.executor.unitValues).toBe(false);
    checkGradient(real, 8);
  });
});

describe("training is independent of the thread count", () => {
  it("2 threads give bit-identical coefficients and losses to 1 thread", () => {
    const { table } = ctrLike(20000, 500, 11);
    const fit = (threads: number) => {
      const op = new LogisticRegressionTrainBatchOp().setVectorCol("vec").setLabelCol("label").setL2(1e-4).setNumThreads(threads).linkFrom(new TableSourceBatchOp(table));
      return { model: op.getLinearModelData(), info: op.getTrainingInfo() };
    };
    const one = fit(1);
    const two = fit(2);
    expect(one.info.threads).toBe(1);
    expect(two.info.threads).toBe(2);
    expect(Array.from(two.model.coefVector)).toEqual(Array.from(one.model.coefVector));
    expect(two.info.losses).toEqual(one.info.losses);
    expect(one.info.converged).toBe(true);
  });
});

describe("optimizers", () => {
  const table = denseTable(500, 21);
  const train = (configure: (op: LogisticRegressionTrainBatchOp) => LogisticRegressionTrainBatchOp) => {
    const op = configure(new LogisticRegressionTrainBatchOp().setFeatureCols(["a", "b", "c"]).setLabelCol("label").setL2(0.01).setEpsilon(1e-12).setMaxIter(500));
    op.linkFrom(new TableSourceBatchOp(table));
    return { coef: Array.from(op.getLinearModelData().coefVector), info: op.getTrainingInfo() };
  };

  it("LBFGS, GD and Newton reach the same optimum", () => {
    const lbfgs = train((op) => op);
    const gd = train((op) => op.setOptimMethod("GD").setMaxIter(5000));
    const newton = train((op) => op.set("optimMethod", "newton")); // enum values are case-insensitive, as in Alink
    expect(lbfgs.info.method).toBe("LBFGS");
    expect(newton.info.method).toBe("Newton");
    expect(newton.info.iterations).toBeLessThan(15);
    for (let j = 0; j < lbfgs.coef.length; j++) {
      expect(gd.coef[j]).toBeCloseTo(lbfgs.coef[j], 5);
      expect(newton.coef[j]).toBeCloseTo(lbfgs.coef[j], 7);
    }
    // Every step decreases the objective.
    for (const { info } of [lbfgs, gd, newton]) {
      for (let k = 1; k < info.losses.length; k++) expect(info.losses[k]).toBeLessThan(info.losses[k - 1]);
      expect(info.losses.length).toBe(info.iterations + 1);
      expect(info.gradientNorms.length).toBe(info.iterations + 1);
    }
  });

  it("l1 > 0 picks OWLQN, which sets weak coefficients to exactly 0; LBFGS with l1 is orthant-wise too", () => {
    const owlqn = train((op) => op.setFeatureCols(["a", "b", "c", "noise"]).setL2(0).setL1(0.02));
    expect(owlqn.info.method).toBe("OWLQN");
    expect(owlqn.coef.filter((c) => c === 0).length).toBeGreaterThan(0);
    const lbfgs = train((op) => op.setFeatureCols(["a", "b", "c", "noise"]).setL2(0).setL1(0.02).setOptimMethod("LBFGS"));
    for (let j = 0; j < owlqn.coef.length; j++) expect(lbfgs.coef[j]).toBeCloseTo(owlqn.coef[j], 6);
  });

  it("stops at maxIter and records every step; epsilon stops earlier", () => {
    const short = train((op) => op.setMaxIter(3).setEpsilon(1e-6));
    expect(short.info.iterations).toBe(3);
    expect(short.info.reason).toBe("maxIter");
    expect(short.info.converged).toBe(false);
    const loose = train((op) => op.setEpsilon(1e-3));
    expect(loose.info.converged).toBe(true);
    expect(["gradient", "lossChange"]).toContain(loose.info.reason);
  });

  it("starts from Alink's point (1e-3 in the first coefficient) and warm-starts from a model", () => {
    const one = train((op) => op.setMaxIter(1));
    expect(one.info.losses[0]).toBeGreaterThan(0.6);
    const data = new TableSourceBatchOp(table);
    const first = new LogisticRegressionTrainBatchOp().setFeatureCols(["a", "b", "c"]).setLabelCol("label").setL2(0.01).setEpsilon(1e-12).setMaxIter(500).linkFrom(data);
    const warm = new LogisticRegressionTrainBatchOp().setFeatureCols(["a", "b", "c"]).setLabelCol("label").setL2(0.01).setEpsilon(1e-9).linkFrom(data, first);
    const cold = first.getTrainingInfo();
    const info = warm.getTrainingInfo();
    expect(info.losses[0]).toBeCloseTo(cold.losses[cold.losses.length - 1], 12);
    expect(info.iterations).toBeLessThanOrEqual(2);
    const a = warm.getLinearModelData().coefVector;
    const b = first.getLinearModelData().coefVector;
    for (let j = 0; j < a.length; j++) expect(a[j]).toBeCloseTo(b[j], 6);
  });
});
