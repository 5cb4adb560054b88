import { Value } from "../../core/column";
import { TypeName } from "../../core/types";

/**
 * The in-memory form of a linear model (Alink's `LinearModelData`), on its own so that the
 * converter (./model), its checks (./modelCheck) and its printed texts (./modelTexts) can all use
 * the type without importing each other in a circle.
 */
export type LinearModelType = "LR" | "SVM" | "LinearReg" | "SVR" | "Perceptron" | "AFT" | "Softmax";

export interface LinearModelData {
  /** "Logistic Regression" for LR. */
  modelName: string;
  linearModelType: LinearModelType;
  /** True when `coefVector[0]` is the intercept. */
  hasInterceptItem: boolean;
  /** Vector column the model was trained on (null with feature columns). */
  vectorColName: string | null;
  /** Number of features, excluding the intercept. */
  vectorSize: number;
  labelName: string | null;
  /** Feature columns (null with vector input). */
  featureNames: string[] | null;
  /** Alink type names of the feature columns ("double", "int", ...); null with vector input. */
  featureTypes: string[] | null;
  /** Intercept first (when present), then one weight per feature, in the original feature space. */
  coefVector: Float64Array;
  /** Labels in order; `labelValues[0]` is the positive class. Empty for regression models. */
  labelValues: Value[];
  /** Type of the label column (the model table's `label_value` column). */
  labelType: TypeName;
  /**
   * Meta entries this converter does not interpret, kept as raw JSON texts (null = JSON null) so
   * that a model written elsewhere survives table → data → table unchanged.
   */
  extraMeta?: [string, string | null][];
}
