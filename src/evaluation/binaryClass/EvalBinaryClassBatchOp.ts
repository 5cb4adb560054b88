import { StreamlabError, quote } from "../../core/errors";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { BatchOperator } from "../../engine/batchOperator";
import { registerLazy } from "../../engine/environment";
import { Param } from "../../params/param";
import { LabelColParam } from "../../params/shared";
import { declareParams } from "../../params/declareParams";
import { ParamAccessors } from "../../params/withParams";
import { BinaryClassMetrics } from "./BinaryClassMetrics";
import { computeExactBinaryMetrics } from "./exactMetrics";
import { LABEL_TYPES } from "../../common/labels";
import { ParamSource, snapshotParams } from "../../common/paramSnapshot";
import { extractBinarySamples } from "./labels";
import { binaryMetricsToJson } from "./metricsJson";

export const EVAL_BINARY_PARAMS = {
  ...LabelColParam,
  predictionDetailCol: Param.string({
    doc:
      'Column holding the prediction detail, a JSON object mapping each of the two labels to its probability, e.g. {"1":0.8,"0":0.2} ' +
      "(probabilities may also be numeric strings). Required.",
    optional: true,
    aliases: ["predDetailColName"],
  }),
  positiveLabelValueString: Param.string({
    doc:
      "The positive label, written as text (cast to the label column's type). null = the larger of the two labels in their " +
      'natural order (for "prefix1"/"prefix0" that is "prefix1", for 1/0 it is 1).',
    optional: true,
    aliases: ["predPositiveLabelValueString", "positiveValue"],
  }),
};

const PARAMS = EVAL_BINARY_PARAMS;

export interface EvalBinaryClassBatchOp extends ParamAccessors<EvalBinaryClassBatchOp, typeof PARAMS> {}

/**
 * Binary-classification metrics of predictions (Alink's `EvalBinaryClassBatchOp`, reference §8):
 * AUC, K-S, PRC, GINI, log loss, the ROC / recall-precision / lift / Lorenz curves, confusion
 * matrices and per-threshold arrays, and precision, recall, F1, accuracy, kappa with their macro,
 * micro and weighted variants at the decision threshold 0.5.
 *
 * The input needs a label column and a prediction-detail column (`{label: probability}` JSON, as
 * predictors write with `setPredictionDetailCol`). The output is one row with one STRING column
 * `Data`: the metrics as Alink's JSON (values are JSON texts, doubles in Java's format, keys in
 * Java HashMap order), so it prints and parses like Alink's. `collectMetrics()` returns them as a
 * {@link BinaryClassMetrics} with typed getters.
 *
 * Metrics are exact (not binned): AUC is the rank statistic with tied scores sharing their mean
 * rank; samples with equal scores are walked in input order, which fixes PRC, K-S and GINI where
 * Alink's distributed sort leaves them to chance. The decision matrix counts `score ≥ 0.5` and,
 * like Alink, also `0.499 < score < 0.5` as predicted positive (see `exactMetrics.ts`).
 * Rows with a null label or a null detail are skipped. When the rows hold one class only, AUC,
 * K-S, PRC and GINI are NaN: they measure how the scores separate the two classes (Alink reports
 * NaN for AUC and numbers that only reflect its 0/0 conventions for the others).
 *
 * ```ts
 * const metrics = new EvalBinaryClassBatchOp()
 *   .setLabelCol("label")
 *   .setPredictionDetailCol("detailInput")
 *   .linkFrom(data)
 *   .collectMetrics();
 * console.log(metrics.getAuc(), metrics.getKs(), metrics.getPrc(), metrics.getAccuracy());
 * ```
 */
export class EvalBinaryClassBatchOp extends declareParams(BatchOperator, PARAMS) {
  protected override outputSchema([input]: readonly Schema[]): Schema {
    this.checkColumns(input);
    return new Schema(["Data"], ["STRING"]);
  }

  private checkColumns(input: Schema): [number, number] {
    return checkBinaryEvalColumns(input, this, this.operatorName);
  }

  protected compute([input]: readonly Table[]): Table {
    const [labelIndex, detailIndex] = this.checkColumns(input.schema);
    const samples = extractBinarySamples(
      input.columns[labelIndex],
      input.schema.types[labelIndex],
      input.columns[detailIndex],
      this.getPositiveLabelValueString(),
      { operator: this.operatorName, labelCol: input.schema.names[labelIndex], detailCol: input.schema.names[detailIndex] },
    );
    const data = computeExactBinaryMetrics(samples, samples.labels.strings);
    return Table.fromRows([[binaryMetricsToJson(data)]], new Schema(["Data"], ["STRING"]));
  }

  /** Runs the evaluation and returns its metrics. */
  collectMetrics(): BinaryClassMetrics {
    const rows = this.collect();
    if (rows.length === 0) throw new StreamlabError(`${this.operatorName}: There is no data in evaluation result.`);
    return new BinaryClassMetrics(rows[0][0] as string);
  }

  /** Calls each callback with the metrics on the next `BatchOperator.execute()`. Returns this. */
  lazyCollectMetrics(...callbacks: ((metrics: BinaryClassMetrics) => void)[]): this {
    registerLazy(() => {
      const metrics = this.collectMetrics();
      for (const callback of callbacks) callback(metrics);
    });
    return this;
  }

  /** Prints the metrics summary (with an optional title) on the next `BatchOperator.execute()`. */
  lazyPrintMetrics(title?: string): this {
    return this.lazyCollectMetrics((metrics) => {
      if (title !== undefined && title !== null) console.log(title);
      console.log(metrics.toString());
    });
  }
}

/**
 * Checks the label and detail columns of a binary evaluation (batch or stream) against the input
 * schema; returns [label index, detail index].
 */
export function checkBinaryEvalColumns(input: Schema, params: ParamSource<typeof EVAL_BINARY_PARAMS>, operator: string): [number, number] {
  // Read in this order (detail, then label) so that a missing detail column is the error reported first.
  const { predictionDetailCol: detailCol } = snapshotParams({ predictionDetailCol: EVAL_BINARY_PARAMS.predictionDetailCol }, params);
  if (detailCol === null) {
    throw new StreamlabError(
      `${operator}: Binary Evaluation must give predictionDetailCol! Call setPredictionDetailCol("<column>") with the column ` +
        `holding the prediction detail JSON, e.g. {"1":0.8,"0":0.2}.`,
      { operator, param: "predictionDetailCol" },
    );
  }
  const { labelCol } = snapshotParams(LabelColParam, params);
  const labelIndex = input.require(labelCol, { operator, param: "labelCol" });
  const detailIndex = input.require(detailCol, { operator, param: "predictionDetailCol" });
  const labelType = input.types[labelIndex];
  if (!LABEL_TYPES.includes(labelType)) {
    throw new StreamlabError(
      `${operator}: label column ${quote(input.names[labelIndex])} has type ${labelType}; binary evaluation needs one of ${LABEL_TYPES.join(", ")}.`,
      { operator, param: "labelCol", column: input.names[labelIndex] },
    );
  }
  if (input.types[detailIndex] !== "STRING") {
    throw new StreamlabError(
      `${operator}: prediction detail column ${quote(input.names[detailIndex])} must be STRING (JSON text), got ${input.types[detailIndex]}.`,
      { operator, param: "predictionDetailCol", column: input.names[detailIndex] },
    );
  }
  return [labelIndex, detailIndex];
}
