/**
 * scikit-learn as an independent oracle for LogisticRegressionTrainBatchOp.
 *
 * Same problem on both sides: Alink's objective is `mean_w log-loss + l1·‖β‖₁ + l2·‖β‖²` over
 * standardized features, **intercept included in the penalty**. scikit-learn minimizes
 * `C·Σ w_i·loss_i + ½‖β‖²` (l2) or `C·Σ w_i·loss_i + ‖β‖₁` (l1) and never penalizes its own
 * intercept, so the oracle gets (a) the features standardized exactly as Alink does (dense: mean
 * and sample std, ddof = 1; sparse: divided by max |x|), (b) an explicit column of ones instead of
 * `fit_intercept` — its coefficient is then penalized like Alink's intercept — and (c)
 * `C = 1 / (2·l2·Σw)` for l2, `C = 1 / (l1·Σw)` for l1, solved by liblinear (trust-region Newton / newGLMNET) to tol 1e-12. The optimum is then the same function's
 * minimizer; coefficients are compared in the original feature space (l2) or the standardized one
 * (l1, where the zero pattern matters), and the test AUCs are compared (exact rank-sum AUC here,
 * `roc_auc_score` there).
 *
 * Skipped, with the reason, only when /usr/bin/python3 cannot import sklearn.
 */
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { CsvSourceBatchOp, LogisticRegressionTrainBatchOp, TableSourceBatchOp } from "../../src";
import { LinearModelMapper } from "../../src/classification/linear/mapper";
import { LinearModelData } from "../../src/classification/linear/model";
import { Table } from "../../src/core/table";
import { tempDir } from "../helpers";
import { ctrLike, exactAuc, runPython, sklearnMissing, writeSvmlight } from "./helpers";

const missing = sklearnMissing();
if (missing !== null) console.warn(`[sklearn oracle] skipped: ${missing}`);
const describeSk = missing === null ? describe : describe.skip;

/** Scores `coef · [1, x]` of a table with a model (the predictor's own mapper). */
function scores(model: LinearModelData, table: Table): Float64Array {
  const params: Record<string, unknown> = { predictionCol: "pred", predictionDetailCol: null, reservedCols: null, vectorCol: null };
  return new LinearModelMapper(model, table.schema, { get: (k: string) => params[k] }).scores(table);
}

const DENSE_ORACLE = String.raw`
import json, sys
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
mode, out_dir, l1, l2 = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
X, y = load_breast_cancer(return_X_y=True)
n_all = X.shape[0]
w_all = 1.0 + (np.arange(n_all) % 3) if mode == "weighted" else np.ones(n_all)
test = np.arange(n_all) % 4 == 0
if mode == "write":
    header = ",".join([f"f{j}" for j in range(X.shape[1])] + ["label", "w"])
    for name, rows in [("train", ~test), ("test", test)]:
        data = np.column_stack([X[rows], y[rows], (1.0 + (np.arange(n_all) % 3))[rows]])
        np.savetxt(f"{out_dir}/{name}.csv", data, delimiter=",", header=header, comments="", fmt=["%.17g"] * X.shape[1] + ["%d", "%.17g"])
    print(json.dumps({"ok": True}))
    sys.exit(0)
Xtr, ytr, wtr = X[~test], y[~test], w_all[~test]
mu = Xtr.mean(axis=0)
sd = Xtr.std(axis=0, ddof=1)
A = np.column_stack([np.ones(len(ytr)), (Xtr - mu) / sd])
W = wtr.sum()
if l1 > 0:
    m = LogisticRegression(penalty="l1", C=1.0 / (l1 * W), fit_intercept=False, solver="liblinear", tol=1e-12, max_iter=100000)
else:
    m = LogisticRegression(C=1.0 / (2.0 * l2 * W), fit_intercept=False, solver="liblinear", tol=1e-12, max_iter=100000)
m.fit(A, ytr, sample_weight=wtr)
beta = m.coef_.ravel()
coef = np.concatenate([[beta[0] - np.sum(beta[1:] * mu / sd)], beta[1:] / sd])
z = A @ beta
yy = np.where(ytr == 1, 1.0, -1.0)
obj = np.sum(wtr * np.logaddexp(0, -yy * z)) / W + l1 * np.abs(beta).sum() + l2 * beta @ beta
auc = roc_auc_score(y[test], coef[0] + X[test] @ coef[1:])
print(json.dumps({"coef": coef.tolist(), "beta": beta.tolist(), "objective": obj, "auc": auc, "mu": mu.tolist(), "sd": sd.tolist()}))
`;

const SPARSE_ORACLE = String.raw`
import json, sys
import numpy as np
import scipy.sparse as sp
from sklearn.datasets import load_svmlight_file
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
train_file, test_file, dim, l2 = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
Xtr, ytr = load_svmlight_file(train_file, n_features=dim, zero_based=True)
Xte, yte = load_svmlight_file(test_file, n_features=dim, zero_based=True)
scale = np.asarray(abs(Xtr).max(axis=0).todense()).ravel()
scale[scale == 0] = 1.0
A = sp.hstack([sp.csr_matrix(np.ones((Xtr.shape[0], 1))), Xtr @ sp.diags(1.0 / scale)], format="csr")
n = A.shape[0]
m = LogisticRegression(C=1.0 / (2.0 * l2 * n), fit_intercept=False, solver="liblinear", tol=1e-12, max_iter=100000).fit(A, ytr)
beta = m.coef_.ravel()
coef = np.concatenate([[beta[0]], beta[1:] / scale])
yy = np.where(ytr == 1, 1.0, -1.0)
obj = np.mean(np.logaddexp(0, -yy * (A @ beta))) + l2 * beta @ beta
auc = roc_auc_score(yte, coef[0] + Xte @ coef[1:])
print(json.dumps({"coef": coef.tolist(), "objective": obj, "auc": auc}))
`;

const FEATURES = Array.from({ length: 30 }, (_, j) => `f${j}`);
const SCHEMA = [...FEATURES.map((f) => `${f} double`), "label int", "w double"].join(", ");

describeSk("scikit-learn oracle: breast cancer (dense, 30 features)", () => {
  const dir = tempDir("streamlab-lr-bc-");
  if (missing === null) runPython(DENSE_ORACLE, ["write", dir, "0", "0"]);
  const read = (name: string) => new CsvSourceBatchOp().setFilePath(path.join(dir, `${name}.csv`)).setSchemaStr(SCHEMA).setIgnoreFirstLine(true);
  const train = () => read("train");
  const testTable = () => read("test").getOutputTable();
  const testLabels = () => Array.from(testTable().column("label").values as Int32Array, (v) => v === 1);

  function compare(mode: "plain" | "weighted", l1: number, l2: number) {
    const oracle = runPython(DENSE_ORACLE, [mode, dir, String(l1), String(l2)]);
    const op = new LogisticRegressionTrainBatchOp().setFeatureCols(FEATURES).setLabelCol("label").setL1(l1).setL2(l2).setEpsilon(1e-14).setMaxIter(5000);
    if (mode === "weighted") op.setWeightCol("w");
    op.linkFrom(train());
    const model = op.getLinearModelData();
    const info = op.getTrainingInfo();
    const auc = exactAuc(scores(model, testTable()), testLabels());
    return { oracle, model, info, auc };
  }

  it("csv round trip: 426 training and 143 test rows, labels 0/1 with 1 positive", () => {
    expect(train().count()).toBe(426);
    expect(testTable().numRows).toBe(143);
    const model = new LogisticRegressionTrainBatchOp().setFeatureCols(FEATURES).setLabelCol("label").setL2(0.01).linkFrom(train()).getLinearModelData();
    expect(model.labelValues).toEqual([1, 0]);
  });

  it("l2 = 1e-3: coefficients (original space) agree to 1e-6 relative, test AUC to 1e-9", () => {
    const { oracle, model, info, auc } = compare("plain", 0, 1e-3);
    expect(info.converged).toBe(true);
    const scale = Math.max(...oracle.coef.map(Math.abs));
    oracle.coef.forEach((c: number, j: number) => expect(Math.abs(model.coefVector[j] - c) / scale).toBeLessThan(1e-6));
    expect(info.losses[info.losses.length - 1]).toBeCloseTo(oracle.objective, 10);
    expect(Math.abs(auc - oracle.auc)).toBeLessThan(1e-9);
  });

  it("weighted rows (weightCol): the weighted mean loss matches sample_weight with C = 1/(2·l2·Σw)", () => {
    const { oracle, model, info, auc } = compare("weighted", 0, 1e-3);
    const scale = Math.max(...oracle.coef.map(Math.abs));
    oracle.coef.forEach((c: number, j: number) => expect(Math.abs(model.coefVector[j] - c) / scale).toBeLessThan(1e-6));
    expect(info.losses[info.losses.length - 1]).toBeCloseTo(oracle.objective, 10);
    expect(Math.abs(auc - oracle.auc)).toBeLessThan(1e-9);
  });

  it("l1 = 0.01 (OWLQN vs liblinear newGLMNET): same standardized coefficients to 1e-4, same zeros", () => {
    const { oracle, model, info, auc } = compare("plain", 0.01, 0);
    expect(info.method).toBe("OWLQN");
    // Back to the standardized space: β'_j = coef_j·sd_j, β'_0 = coef_0 + Σ coef_j·mu_j.
    const beta = [model.coefVector[0] + FEATURES.reduce((s, _, j) => s + model.coefVector[j + 1] * oracle.mu[j], 0), ...FEATURES.map((_, j) => model.coefVector[j + 1] * oracle.sd[j])];
    oracle.beta.forEach((b: number, j: number) => {
      expect(Math.abs(beta[j] - b)).toBeLessThan(1e-4);
      if (Math.abs(b) > 1e-3) expect(beta[j]).not.toBe(0);
      if (b === 0) expect(Math.abs(beta[j])).toBeLessThan(1e-6);
    });
    const zeros = beta.filter((b) => b === 0).length;
    expect(zeros).toBeGreaterThan(5);
    expect(info.losses[info.losses.length - 1]).toBeCloseTo(oracle.objective, 7);
    expect(Math.abs(auc - oracle.auc)).toBeLessThan(1e-3);
  });

  it("default settings (epsilon 1e-6, maxIter 100) already give the oracle's test AUC to 1e-3", () => {
    const oracle = runPython(DENSE_ORACLE, ["plain", dir, "0", "1e-3"]);
    const op = new LogisticRegressionTrainBatchOp().setFeatureCols(FEATURES).setLabelCol("label").setL2(1e-3).linkFrom(train());
    const auc = exactAuc(scores(op.getLinearModelData(), testTable()), testLabels());
    expect(Math.abs(auc - oracle.auc)).toBeLessThan(1e-3);
  });
});

describeSk("scikit-learn oracle: CTR-like hashed sparse rows", () => {
  const DIM = 3000;
  const { table, vec, labels } = ctrLike(20000, DIM, 42);
  const trainTable = table.slice(0, 15000);
  const testTable = table.slice(15000);
  const trainFile = writeSvmlight(vec.slice(0, 15000), labels.subarray(0, 15000), "train.svm");
  const testFile = writeSvmlight(vec.slice(15000, 20000), labels.subarray(15000), "test.svm");
  const testPositive = Array.from(labels.subarray(15000), (v) => v === 1);

  it("l2 = 1e-4 with max-|x| scaling: coefficients agree to 1e-5 relative, test AUC to 1e-6", () => {
    const l2 = 1e-4;
    const oracle = runPython(SPARSE_ORACLE, [trainFile, testFile, String(DIM), String(l2)]);
    const op = new LogisticRegressionTrainBatchOp().setVectorCol("vec").setLabelCol("label").setL2(l2).setEpsilon(1e-14).setMaxIter(5000).linkFrom(new TableSourceBatchOp(trainTable));
    const model = op.getLinearModelData();
    expect(model.vectorSize).toBe(DIM);
    const scale = Math.max(...oracle.coef.map(Math.abs));
    let worst = 0;
    oracle.coef.forEach((c: number, j: number) => (worst = Math.max(worst, Math.abs(model.coefVector[j] - c) / scale)));
    expect(worst).toBeLessThan(1e-5);
    const info = op.getTrainingInfo();
    expect(info.losses[info.losses.length - 1]).toBeCloseTo(oracle.objective, 10);
    const auc = exactAuc(scores(model, testTable), testPositive);
    expect(Math.abs(auc - oracle.auc)).toBeLessThan(1e-6);

    // Default settings: the same test AUC within 1e-3.
    const quick = new LogisticRegressionTrainBatchOp().setVectorCol("vec").setLabelCol("label").setL2(l2).linkFrom(new TableSourceBatchOp(trainTable));
    const quickAuc = exactAuc(scores(quick.getLinearModelData(), testTable), testPositive);
    expect(Math.abs(quickAuc - oracle.auc)).toBeLessThan(1e-3);
    expect(quick.getTrainingInfo().converged).toBe(true);
    expect(fs.existsSync(trainFile)).toBe(true);
  });
});
