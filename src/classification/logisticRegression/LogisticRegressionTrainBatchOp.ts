import { labeledModelSchema } from "../../common/modelTable";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { BatchOperator, BatchResult, InputArity } from "../../engine/batchOperator";
import { declareParams } from "../../params/declareParams";
import { ParamAccessors } from "../../params/withParams";
import { LinearModelData, linearModelFromTable, linearModelToTable } from "../linear/model";
import { LinearTrainingInfo, linearSideOutputs } from "../linear/trainInfo";
import { LogisticRegressionFit, LogisticRegressionFitParams, fitLogisticRegression } from "../linear/trainer";
import { resolveFeatureSource } from "../linear/trainingData";
import { LOGISTIC_REGRESSION_TRAIN_PARAMS } from "./params";

const PARAMS = LOGISTIC_REGRESSION_TRAIN_PARAMS;

export interface LogisticRegressionTrainBatchOp extends ParamAccessors<LogisticRegressionTrainBatchOp, typeof PARAMS> {}

/**
 * Trains a binary logistic-regression model (Alink's `LogisticRegressionTrainBatchOp`):
 * `linkFrom(trainData)` or `linkFrom(trainData, initModel)` (warm start from an LR model).
 *
 * Minimizes `Σ w_i·log(1 + exp(−y_i·β·x_i)) / Σ w_i + l1·‖β‖₁ + l2·‖β‖²` over standardized
 * features (the intercept is regularized too, and there is no ½ on the l2 term), starting from
 * Alink's point (1e-3 in the first coefficient, 0 elsewhere). `y = +1` for the label whose text
 * is larger (`"2" > "1"`, `"9" > "10"`, `"yes" > "no"`), which is `labelValues[0]`.
 *
 * Output: Alink's linear model table (`model_id, model_info, label_value`). Side outputs
 * (`getSideOutput(i)`): 0 model info (`id, info`), 1 feature importance (`col_name,
 * importance`), 2 weights (`col_name, weight`). {@link getTrainingInfo} returns the loss per
 * iteration, gradient norms, and why the optimizer stopped.
 *
 * Where streamlab differs from Alink (see also the reference's errata E1–E3, E9):
 * - the line search runs on the true objective (with the l1/l2 terms) rather than a fixed grid
 *   of the unregularized loss (E1), and L-BFGS starts from a diagonal curvature estimate instead
 *   of the identity: a different, shorter path to the same optimum, which matches scikit-learn;
 *   the loss recorded per iteration and the stopping rules use the true objective too;
 * - rows with weight 0 are ignored everywhere; negative/NaN weights, NaN/infinite features or
 *   numeric labels and training vectors of different sizes are errors; the weight column is never
 *   a feature (E9); a warm-start model is checked like any loaded model (finite coefficients,
 *   one per feature, two labels);
 * - optimMethod SGD is not supported yet; LBFGS and GD handle l1 > 0 orthant-wise;
 * - big inputs are trained on all cores (`numThreads`), with bit-identical results for any
 *   thread count.
 *
 * @example
 * ```ts
 * const data = new MemSourceBatchOp([[2, 1, 1], [3, 2, 1], [4, 3, 2], [2, 4, 1]], "f0 int, f1 int, label int");
 * const model = new LogisticRegressionTrainBatchOp().setFeatureCols(["f0", "f1"]).setLabelCol("label").linkFrom(data);
 * new LogisticRegressionPredictBatchOp().setPredictionCol("pred").linkFrom(model, data).print();
 * model.getTrainingInfo().losses;   // objective per iteration
 * ```
 */
export class LogisticRegressionTrainBatchOp extends declareParams(BatchOperator, PARAMS) {
  static override readonly INPUTS: InputArity = [1, 2];
  private fit: LogisticRegressionFit | undefined;

  override getSideOutputCount(): number {
    return 3;
  }

  /** The optimizer's report of the last training (runs the training if needed). */
  getTrainingInfo(): LinearTrainingInfo {
    this.evaluate();
    return this.fit!.info;
  }

  /** The trained model in typed form (runs the training if needed). */
  getLinearModelData(): LinearModelData {
    this.evaluate();
    return this.fit!.model;
  }

  /** @internal The resolved training parameters. */
  fitParams(): LogisticRegressionFitParams {
    return {
      labelCol: this.getLabelCol(),
      featureCols: this.getFeatureCols(),
      vectorCol: this.getVectorCol(),
      weightCol: this.getWeightCol(),
      withIntercept: this.getWithIntercept(),
      standardization: this.getStandardization(),
      l1: this.getL1(),
      l2: this.getL2(),
      maxIter: this.getMaxIter(),
      epsilon: this.getEpsilon(),
      optimMethod: this.getOptimMethod(),
      numThreads: this.getNumThreads(),
    };
  }

  protected override outputSchema([data]: readonly Schema[]): Schema {
    const params = this.fitParams();
    resolveFeatureSource(data, params, this.operatorName);
    return labeledModelSchema(data.typeOf(params.labelCol));
  }

  protected compute([data, initModel]: readonly Table[]): BatchResult {
    const init = initModel === undefined ? null : linearModelFromTable(initModel, this.operatorName);
    const fit = fitLogisticRegression(data, this.fitParams(), init, this.operatorName);
    this.fit = fit;
    return { output: linearModelToTable(fit.model), sideOutputs: linearSideOutputs(fit.model, fit.importance, fit.info) };
  }
}
