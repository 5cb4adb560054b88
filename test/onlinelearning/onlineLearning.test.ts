/**
 * OnlineLearningStreamOp (Alink's online learning of a pipeline model's last stage): FTRL agrees
 * with FtrlTrainStreamOp, the other optimizers follow their published update rules (checked by hand
 * on a three-row stream), feature stages pass through unchanged while the last stage improves on a
 * drifted stream, determinism.
 */
import { afterEach, describe, expect, it } from "vitest";
import * as api from "../../src";
import { lrModelTable } from "../helpers";
import { lastCoefs, pipelinesByTime } from "./onlineLearningHelpers";

afterEach(() => {
  api.BatchOperator.execute();
});

/** Coefficients of every model an FtrlTrainStreamOp emitted, by timestamp (seconds). */
function ftrlByTime(table: api.Table): Map<number, number[]> {
  const modelSchema = new api.Schema(table.schema.names.slice(2), table.schema.types.slice(2));
  const rows = table.toRows();
  const out = new Map<number, number[]>();
  for (const t of [...new Set(rows.map((r) => (r[0] as Date).getTime()))]) {
    const model = api.Table.fromRows(rows.filter((r) => (r[0] as Date).getTime() === t).map((r) => r.slice(2)), modelSchema);
    out.set(t / 1000, Array.from(api.linearModelFromTable(model).coefVector));
  }
  return out;
}

/** A deterministic binary stream: sparse 5-feature vectors (as strings), numeric a/b, label y. */
function toyRows(n: number, seed: number): unknown[][] {
  const rnd = new api.Random(seed);
  const rows: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    const i0 = rnd.nextInt(5);
    const i1 = (i0 + 1 + rnd.nextInt(4)) % 5;
    const v0 = rnd.nextGaussian();
    const v1 = rnd.nextGaussian();
    const a = rnd.nextGaussian();
    const b = rnd.nextGaussian();
    const logit = 0.8 * a - 1.2 * b + (i0 === 2 ? 1 : -0.5) * v0;
    const y = rnd.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    const [lo, hi] = i0 < i1 ? [[i0, v0], [i1, v1]] : [[i1, v1], [i0, v0]];
    rows.push([i * 0.5, `$5$${lo[0]}:${lo[1]} ${hi[0]}:${hi[1]}`, a, b, y]);
  }
  return rows;
}
const TOY_SCHEMA = "t double, v string, a double, b double, y int";

describe("OnlineLearningStreamOp with FTRL agrees with FtrlTrainStreamOp", () => {
  const hyper = { alpha: 0.5, beta: 1, l1: 0.01, l2: 0.05, miniBatchSize: 7, timeInterval: 10 };
  const stream = () => new api.MemSourceStreamOp(toyRows(120, 7), TOY_SCHEMA).setTimeCol("t");
  const batch = new api.MemSourceBatchOp(toyRows(60, 3), TOY_SCHEMA);

  it("vector input: every emitted pipeline's last stage has FtrlTrainStreamOp's coefficients, at the same times", async () => {
    const pipeline = new api.Pipeline(new api.LogisticRegression().setVectorCol("v").setLabelCol("y").setMaxIter(5)).fit(batch);
    const lr = pipeline.getStages()[0] as api.LogisticRegressionModel;
    const online = new api.OnlineLearningStreamOp(pipeline, { optimMethod: "FTRL", ...hyper }).linkFrom(stream());
    const ftrl = new api.FtrlTrainStreamOp(lr.getModelData(), hyper).setVectorCol("v").setLabelCol("y").setVectorSize(5).linkFrom(stream());
    const a = online.lazyCollect();
    const b = ftrl.lazyCollect();
    await api.StreamOperator.execute();
    const ours = pipelinesByTime(a.getTable());
    const theirs = ftrlByTime(b.getTable());
    expect([...ours.keys()]).toEqual([10, 20, 30, 40, 50, 60]);
    expect([...ours.keys()]).toEqual([...theirs.keys()]);
    for (const [t, model] of ours) expect(lastCoefs(model), `model of ${t} s`).toEqual(theirs.get(t));
    // And training moved the coefficients.
    expect(lastCoefs(ours.get(60)!)).not.toEqual(Array.from(lr.getLinearModelData().coefVector));
  });

  it("numeric feature columns (the LR model's featureColNames) give the same coefficients as FtrlTrainStreamOp.setFeatureCols", async () => {
    const pipeline = new api.Pipeline(new api.LogisticRegression().setFeatureCols(["a", "b"]).setLabelCol("y").setMaxIter(5)).fit(batch);
    const lr = pipeline.getStages()[0] as api.LogisticRegressionModel;
    const online = new api.OnlineLearningStreamOp(pipeline.save(), hyper).linkFrom(stream());
    const ftrl = new api.FtrlTrainStreamOp(lr.getModelData(), hyper).setFeatureCols(["a", "b"]).setLabelCol("y").setVectorSize(2).linkFrom(stream());
    const a = online.lazyCollect();
    const b = ftrl.lazyCollect();
    await api.StreamOperator.execute();
    const ours = pipelinesByTime(a.getTable());
    const theirs = ftrlByTime(b.getTable());
    expect(ours.size).toBe(6);
    for (const [t, model] of ours) expect(lastCoefs(model), `model of ${t} s`).toEqual(theirs.get(t));
  });
});

describe("optimizers: Alink's update rules, checked by hand on three rows", () => {
  // Initial last stage: intercept 0.2, weights (-0.4, 0.3) over vector "v" of size 2, labels 1 (positive) / 0.
  const W0 = [0.2, -0.4, 0.3];
  // Rows (event time, vector, label). With miniBatchSize 2: batch 1 = rows at 1 s and 2 s, batch 2 =
  // the row at 3 s (applied when the model of 10 s is emitted). Feature 1 is in one row of batch 1
  // (its gradient is averaged over that one row) and feature 0 is not in batch 2 (not updated there).
  const ROWS: [number, string, number][] = [
    [1, "$2$0:1.0 1:0.5", 1],
    [2, "$2$0:2.0", 0],
    [3, "$2$1:-1.0", 1],
  ];
  const X: Map<number, number>[] = [new Map([[0, 1], [1, 0.5]]), new Map([[0, 2]]), new Map([[1, -1]])];
  const Y = [1, 0, 1];

  const run = async (params: Record<string, unknown>): Promise<number[]> => {
    const pipeline = new api.PipelineModel(new api.LogisticRegressionModel(lrModelTable(W0, { labelName: "y" })));
    const op = new api.OnlineLearningStreamOp(pipeline, { miniBatchSize: 2, timeInterval: 10, ...params }).linkFrom(
      new api.MemSourceStreamOp(ROWS, "t double, v string, y int").setTimeCol("t"),
    );
    const models = pipelinesByTime(await op.collectTable());
    expect([...models.keys()]).toEqual([10]);
    return lastCoefs(models.get(10)!);
  };

  /**
   * Plain mini-batch gradients: for coordinate j (0 = intercept, j + 1 = feature j) the mean, over
   * the batch's rows that hold it, of (σ(w·x) − y)·x_j.
   */
  const batchGradient = (w: number[], rows: number[]): Map<number, number> => {
    const sum = new Map<number, number>();
    const count = new Map<number, number>();
    for (const r of rows) {
      let margin = w[0];
      for (const [j, x] of X[r]) margin += w[j + 1] * x;
      const residual = 1 / (1 + Math.exp(-margin)) - Y[r];
      const add = (k: number, g: number) => {
        sum.set(k, (sum.get(k) ?? 0) + g);
        count.set(k, (count.get(k) ?? 0) + 1);
      };
      add(0, residual);
      for (const [j, x] of X[r]) add(j + 1, residual * x);
    }
    return new Map([...sum].map(([k, s]) => [k, s / count.get(k)!]));
  };

  /** Two batches of a per-coordinate rule `step(k, g, t)` (t = 1, 2: the batch number) that updates `w[k]`. */
  const twoBatches = (step: (w: number[], k: number, g: number, t: number) => void): number[] => {
    const w = [...W0];
    for (const [t, rows] of [[1, [0, 1]], [2, [2]]] as [number, number[]][]) {
      for (const [k, g] of batchGradient(w, rows)) step(w, k, g, t);
    }
    return w;
  };

  const close = (actual: number[], expected: number[]) => {
    expect(actual).toHaveLength(expected.length);
    actual.forEach((v, i) => expect(v, `coefficient ${i}`).toBeCloseTo(expected[i], 14));
  };

  it("SGD: w ← w − η·g (l1 and l2 are not applied)", async () => {
    const expected = twoBatches((w, k, g) => (w[k] = w[k] - 0.3 * g));
    close(await run({ optimMethod: "SGD", learningRate: 0.3, l1: 1, l2: 1 }), expected);
    // learningRate null: Alink's SGD default 0.0005.
    close(await run({ optimMethod: "sgd" }), twoBatches((w, k, g) => (w[k] = w[k] - 0.0005 * g)));
  });

  it("MOMENTUM: v ← γ·v + η·g, w ← w − v", async () => {
    const v = [0, 0, 0];
    const expected = twoBatches((w, k, g) => {
      v[k] = 0.5 * v[k] + 0.3 * g;
      w[k] = w[k] - v[k];
    });
    close(await run({ optimMethod: "MOMENTUM", learningRate: 0.3, gamma: 0.5 }), expected);
  });

  it("ADAGRAD: n ← n + g², w ← w − η·g/√(n + 1e-8)", async () => {
    const n = [0, 0, 0];
    const expected = twoBatches((w, k, g) => {
      n[k] = n[k] + g * g;
      w[k] = w[k] - (0.3 * g) / Math.sqrt(n[k] + 1e-8);
    });
    close(await run({ optimMethod: "ADAGRAD", learningRate: 0.3 }), expected);
    // Default learning rate 0.01.
    const n2 = [0, 0, 0];
    const byDefault = twoBatches((w, k, g) => {
      n2[k] = n2[k] + g * g;
      w[k] = w[k] - (0.01 * g) / Math.sqrt(n2[k] + 1e-8);
    });
    close(await run({ optimMethod: "ADAGRAD" }), byDefault);
  });

  it("RMSprop: n ← γ·n + (1 − γ)·g², w ← w − η·g/√(n + 1e-8)", async () => {
    const n = [0, 0, 0];
    const expected = twoBatches((w, k, g) => {
      n[k] = 0.5 * n[k] + 0.5 * g * g;
      w[k] = w[k] - (0.3 * g) / Math.sqrt(n[k] + 1e-8);
    });
    close(await run({ optimMethod: "rmsprop", learningRate: 0.3, gamma: 0.5 }), expected);
  });

  it("ADAM: m, v moments with bias correction 1 − β^t (t = mini-batches so far), w ← w − η·m̂/(√v̂ + 1e-8)", async () => {
    const m = [0, 0, 0];
    const v = [0, 0, 0];
    const expected = twoBatches((w, k, g, t) => {
      m[k] = 0.8 * m[k] + 0.2 * g;
      v[k] = 0.9 * v[k] + 0.1 * g * g;
      const mHat = m[k] / (1 - 0.8 ** t);
      const vHat = v[k] / (1 - 0.9 ** t);
      w[k] = w[k] - (0.3 * mHat) / (Math.sqrt(vHat) + 1e-8);
    });
    close(await run({ optimMethod: "ADAM", learningRate: 0.3, beta1: 0.8, beta2: 0.9 }), expected);
  });

  it("FTRL-Proximal with l1 and l2: z, n per coordinate, w = 0 when |z| ≤ l1", async () => {
    const z = [0, 0, 0];
    const n = [0, 0, 0];
    const [alpha, beta, l1, l2] = [0.5, 1, 0.05, 0.2];
    const expected = twoBatches((w, k, g) => {
      const sigma = (Math.sqrt(n[k] + g * g) - Math.sqrt(n[k])) / alpha;
      z[k] += g - sigma * w[k];
      n[k] += g * g;
      w[k] = Math.abs(z[k]) <= l1 ? 0 : -(z[k] - Math.sign(z[k]) * l1) / ((beta + Math.sqrt(n[k])) / alpha + l2);
    });
    close(await run({ alpha, beta, l1, l2 }), expected);
    // A large l1 zeroes every coefficient.
    close(await run({ alpha, beta, l1: 10, l2 }), [0, 0, 0]);
  });
});
