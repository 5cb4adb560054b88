import { StreamlabError, quote } from "../../core/errors";
import { describeNonFinite } from "../../common/rowPosition";
import { labelToString } from "../../common/labels";
import type { LinearModelData, LinearModelType } from "./modelData";

/** Alink's `LinearModelType` names a model table may carry. */
export const LINEAR_MODEL_TYPES: readonly LinearModelType[] = ["LR", "SVM", "LinearReg", "SVR", "Perceptron", "AFT", "Softmax"];

/** Types whose coefficient vector is one weight per feature (+ the intercept); AFT and Softmax lay theirs out otherwise. */
const ONE_WEIGHT_PER_FEATURE = new Set<string>(["LR", "SVM", "LinearReg", "SVR", "Perceptron"]);

/** Binary classifiers: their label rows name exactly two classes. */
export const BINARY_LINEAR_TYPES = new Set<string>(["LR", "SVM", "Perceptron"]);

/**
 * Why `model` cannot be used, or null when it is sound: the checks every linear model gets when
 * it is loaded (an initial model, a warm start, each model of a model stream), so that a damaged
 * or foreign table fails where it enters instead of predicting wrong numbers.
 *
 * - the type is one of Alink's; `vectorSize` is an integer ≥ 0;
 * - one coefficient per feature, plus the intercept: `vectorSize (+1)`; with feature columns,
 *   as many names (and types, when given) as features;
 * - every coefficient is finite (a NaN weight would make every prediction NaN);
 * - a binary classifier has exactly two labels, neither null nor NaN/±Infinity, and they differ.
 */
export function linearModelProblem(model: LinearModelData): string | null {
  const type = model.linearModelType;
  if (!LINEAR_MODEL_TYPES.includes(type)) return `its linearModelType is ${quote(String(type))}; expected one of ${LINEAR_MODEL_TYPES.join(", ")}`;
  const size = model.vectorSize;
  if (!Number.isInteger(size) || size < 0) return `its vectorSize is ${size}; expected an integer ≥ 0 (the number of features)`;
  const off = model.hasInterceptItem ? 1 : 0;
  const coef = model.coefVector;
  if (ONE_WEIGHT_PER_FEATURE.has(type) && coef.length !== size + off) {
    return (
      `it has ${coef.length} coefficient${coef.length === 1 ? "" : "s"} but vectorSize ${size}` +
      `${off === 1 ? " and an intercept" : " and no intercept"}; expected ${size + off}`
    );
  }
  if (model.featureNames !== null && model.featureNames.length !== size) {
    return `it names ${model.featureNames.length} feature column${model.featureNames.length === 1 ? "" : "s"} (${model.featureNames.join(", ")}) but has vectorSize ${size}`;
  }
  if (model.featureNames !== null && model.featureTypes !== null && model.featureTypes.length !== model.featureNames.length) {
    return `it has ${model.featureTypes.length} featureColTypes for ${model.featureNames.length} featureColNames`;
  }
  for (let j = 0; j < coef.length; j++) {
    const c = coef[j];
    if (c - c !== 0) {
      const what = off === 1 && j === 0 ? "the intercept (coefficient 0)" : `coefficient ${j}${featureLabel(model, j - off)}`;
      return `${what} is ${describeNonFinite(c)}; coefficients must be finite numbers`;
    }
  }
  if (BINARY_LINEAR_TYPES.has(type)) {
    const labels = model.labelValues;
    if (labels.length !== 2) return `it has ${labels.length} label row${labels.length === 1 ? "" : "s"}; a binary ${type} model needs exactly 2`;
    if (labels[0] === null || labels[1] === null) return `label row ${labels[0] === null ? 0 : 1} holds null; a binary ${type} model needs two labels`;
    for (let k = 0; k < 2; k++) {
      const label = labels[k];
      if (typeof label === "number" && label - label !== 0) return `label row ${k} holds ${label}; numeric labels must be finite (training rejects others)`;
    }
    if (labelToString(labels[0], model.labelType) === labelToString(labels[1], model.labelType)) {
      return `both label rows hold ${quote(labelToString(labels[0], model.labelType))}; a binary ${type} model needs two different labels`;
    }
  }
  return null;
}

function featureLabel(model: LinearModelData, feature: number): string {
  if (model.featureNames !== null && feature >= 0 && feature < model.featureNames.length) return ` (feature ${quote(model.featureNames[feature])})`;
  return feature >= 0 ? ` (feature index ${feature})` : "";
}

/** Throws a StreamlabError naming the operator when {@link linearModelProblem} finds one. */
export function checkLinearModel(model: LinearModelData, operator: string): LinearModelData {
  const problem = linearModelProblem(model);
  if (problem !== null) throw new StreamlabError(`${operator}: the linear model is not valid: ${problem}.`, { operator });
  return model;
}

/**
 * Why `next` cannot replace `current` in a predictor that follows a model stream, or null: the
 * data the predictor reads were laid out for `current`'s feature space, and its output column has
 * `current`'s labels. A model of another size, other feature columns, another type or other
 * labels would predict from misread features or answer in other classes, so it is refused.
 */
export function linearSwapProblem(current: LinearModelData, next: LinearModelData): string | null {
  if (next.linearModelType !== current.linearModelType) return `it is a ${next.linearModelType} model, the predictor serves ${current.linearModelType} models`;
  if (next.vectorSize !== current.vectorSize) {
    return `it has vectorSize ${next.vectorSize} but the model it would replace has ${current.vectorSize} (a different feature space)`;
  }
  const names = (m: LinearModelData) => (m.featureNames === null ? null : m.featureNames.join(", "));
  if (names(next) !== names(current)) {
    return `its feature columns are ${names(next) ?? "(a vector column)"}, the model it would replace has ${names(current) ?? "(a vector column)"}`;
  }
  // The positive label may change sides (its weights then flip sign): the output still names the same two classes.
  const labels = (m: LinearModelData) => m.labelValues.map((v) => labelToString(v, m.labelType)).sort().join(", ");
  if (labels(next) !== labels(current)) return `its labels are ${labels(next)}, the model it would replace has ${labels(current)}`;
  return null;
}
