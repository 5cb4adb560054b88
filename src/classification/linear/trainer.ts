import { StreamlabError, quote } from "../../core/errors";
import { Table } from "../../core/table";
import { BlockExecutor, autoThreads } from "./blockExecutor";
import { labelToString } from "../../common/labels";
import { LOGISTIC_REGRESSION_MODEL_NAME, LinearModelData } from "./model";
import { LogisticObjective } from "./objective";
import { OptimMethodName, minimize } from "./optimizer";
import { Standardization, computeStandardization } from "./standardization";
import { LinearTrainingInfo, featureImportance } from "./trainInfo";
import { LinearTrainingData, LinearTrainingParams, extractTrainingData } from "./trainingData";

/** Parameters of a logistic-regression fit (the trainer op's parameters, resolved). */
export interface LogisticRegressionFitParams extends LinearTrainingParams {
  withIntercept: boolean;
  standardization: boolean;
  l1: number;
  l2: number;
  maxIter: number;
  epsilon: number;
  optimMethod: "LBFGS" | "GD" | "Newton" | "SGD" | "OWLQN" | null;
  /** Threads; null = automatic (all cores for big inputs, results do not depend on it). */
  numThreads: number | null;
}

export interface LogisticRegressionFit {
  model: LinearModelData;
  info: LinearTrainingInfo;
  /** `|coef_j|·std_j` per feature (Alink's importance side output). */
  importance: Float64Array;
}

/** Alink's initial coefficients (errata E2): 1e-3 in slot 0 (the intercept, or the first weight), 0 elsewhere. */
const INITIAL_FIRST_COEFFICIENT = 1e-3;

/**
 * Fits Alink's logistic regression (reference §5): reads and checks the data, standardizes
 * (folded into the coefficients, the data are never copied), minimizes the objective of §5.2
 * from Alink's starting point (or a warm-start model) and maps the coefficients back to the
 * original feature space.
 */
export function fitLogisticRegression(table: Table, params: LogisticRegressionFitParams, initModel: LinearModelData | null, operator: string): LogisticRegressionFit {
  const method = resolveMethod(params, operator);
  const data = extractTrainingData(table, params, operator);
  const scaling = computeStandardization(data, data.dense, params.withIntercept, params.standardization);
  const entries = data.offsets[data.numRows] - data.offsets[0];
  const threads = params.numThreads ?? autoThreads(entries);
  const executor = new BlockExecutor(data, threads);
  try {
    const objective = new LogisticObjective(data, executor, scaling, params.withIntercept, params.l2);
    const x0 = initModel === null ? initialPoint(objective.dim) : warmStart(initModel, data, scaling, params.withIntercept, operator);
    const { x, trace } = minimize(objective, x0, { method, l1: params.l1, maxIter: params.maxIter, epsilon: params.epsilon });
    const coef = new Float64Array(objective.dim);
    const off = params.withIntercept ? 1 : 0;
    const weights = coef.subarray(off);
    const bias = objective.toRaw(x, weights);
    if (off === 1) coef[0] = bias;
    for (let j = 0; j < coef.length; j++) {
      if (!Number.isFinite(coef[j])) throw new StreamlabError(`${operator}: optimization produced a non-finite coefficient; check the data for extreme values.`, { operator });
    }
    const model: LinearModelData = {
      modelName: LOGISTIC_REGRESSION_MODEL_NAME,
      linearModelType: "LR",
      hasInterceptItem: params.withIntercept,
      vectorColName: data.vectorColName,
      vectorSize: data.numFeatures,
      labelName: table.schema.names[table.schema.indexOf(params.labelCol)],
      featureNames: data.featureNames,
      featureTypes: data.featureTypes,
      coefVector: coef,
      labelValues: [...data.labelValues],
      labelType: data.labelType,
    };
    let weightSum = 0;
    for (let i = 0; i < data.numRows; i++) weightSum += data.weights[i];
    const info: LinearTrainingInfo = {
      ...trace,
      numRows: data.usedRows,
      droppedRows: data.numRows - data.usedRows,
      numFeatures: data.numFeatures,
      weightSum,
      threads: executor.threads,
    };
    return { model, info, importance: featureImportance(model, scaling.std) };
  } finally {
    executor.close();
  }
}

function resolveMethod(params: LogisticRegressionFitParams, operator: string): OptimMethodName {
  const method = params.optimMethod ?? (params.l1 > 0 ? "OWLQN" : "LBFGS");
  if (method === "SGD") {
    throw new StreamlabError(`${operator}: optimMethod SGD is not supported yet; use LBFGS or OWLQN (or GD, Newton), or leave optimMethod unset.`, {
      operator,
      param: "optimMethod",
    });
  }
  if (method === "Newton" && params.l1 > 0) {
    throw new StreamlabError(`${operator}: optimMethod Newton does not support l1 > 0; use OWLQN or leave optimMethod unset.`, { operator, param: "optimMethod" });
  }
  return method;
}

function initialPoint(dim: number): Float64Array {
  const x = new Float64Array(dim);
  if (dim > 0) x[0] = INITIAL_FIRST_COEFFICIENT;
  return x;
}

/** A warm-start model's coefficients mapped into the standardized space (Alink's `getInitialModel`). */
function warmStart(init: LinearModelData, data: LinearTrainingData, scaling: Standardization, withIntercept: boolean, operator: string): Float64Array {
  const problem = (why: string): never => {
    throw new StreamlabError(`${operator}: the initial model (second input) does not fit this training: ${why}.`, { operator });
  };
  if (init.linearModelType !== "LR") problem(`it is a ${init.linearModelType} model, not LR`);
  if (init.hasInterceptItem !== withIntercept) problem(`it was trained ${init.hasInterceptItem ? "with" : "without"} an intercept, withIntercept is ${withIntercept}`);
  if (init.vectorSize !== data.numFeatures) problem(`it has ${init.vectorSize} features, the data have ${data.numFeatures}`);
  if (data.featureNames !== null && init.featureNames !== null && init.featureNames.join("\u0000") !== data.featureNames.join("\u0000")) {
    problem(`its feature columns are ${init.featureNames.join(", ")}, not ${data.featureNames.join(", ")}`);
  }
  const want = data.labelValues.map((v) => labelToString(v, data.labelType));
  const have = init.labelValues.map((v) => labelToString(v, init.labelType));
  if (have.length !== 2 || have[0] !== want[0] || have[1] !== want[1]) problem(`its labels are ${have.map((l) => quote(l)).join(", ")}, the data's are ${want.map((l) => quote(l)).join(", ")}`);
  const off = withIntercept ? 1 : 0;
  const x = new Float64Array(data.numFeatures + off);
  let bias = off === 1 ? init.coefVector[0] : 0;
  for (let j = 0; j < data.numFeatures; j++) {
    const c = init.coefVector[off + j];
    x[off + j] = c * scaling.scale[j];
    bias += c * scaling.mean[j];
  }
  if (off === 1) x[0] = bias;
  return x;
}
