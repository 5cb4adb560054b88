import { StreamlabError, quote } from "../../core/errors";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { labelToString as modelLabelText } from "../../classification/linear/labels";
import { LinearModelMapper } from "../../classification/linear/mapper";
import { LinearModelData, linearModelFromTable } from "../../classification/linear/model";
import { ConfusionMatrix2 } from "../../evaluation/binary/confusion";
import { computeExactBinaryMetrics } from "../../evaluation/binary/exactMetrics";
import { BinaryLabels, LabelValue, castLabel, compareLabels, labelToString, orderBinaryLabels, sampleLogLoss } from "../../evaluation/binary/labels";
import { ModelMetrics } from "./thresholds";

/** How the filter reads its validation rows. */
export interface ValidationSettings {
  labelCol: string;
  /** Vector feature column (overrides the model's features), or null. */
  vectorCol: string | null;
  /** Numeric feature columns, one per model feature (overrides the model's), or null. */
  featureCols: readonly string[] | null;
  positiveLabelValueString: string | null;
}

/** Linear models whose prediction detail is `σ(w·x)`: the ones a binary-class filter can judge. */
const SCORED_TYPES = new Set(["LR", "SVM"]);

/**
 * Reads one streamed model table as a binary-class linear model; returns the reason as text when
 * it is not one (the filter then rejects that model and reports why).
 */
export function readBinaryLinearModel(table: Table, operator: string): LinearModelData | string {
  let model: LinearModelData;
  try {
    model = linearModelFromTable(table, operator);
  } catch (error) {
    return (error as Error).message;
  }
  if (!SCORED_TYPES.has(model.linearModelType)) {
    return `a ${model.linearModelType} model gives no class probabilities; the filter judges binary LR / SVM models`;
  }
  if (model.labelValues.length !== 2) return `the model has ${model.labelValues.length} labels; a binary classifier needs 2`;
  return model;
}

/**
 * Judges one linear model on validation rows with exactly the numbers `EvalBinaryClassBatchOp`
 * reports for that model's predictions on those rows.
 *
 * The model scores the rows through `LinearModelMapper.scores` (the same feature lookup and dot
 * product as every linear predictor). From each score it takes the probabilities the predictor's
 * detail column would hold (`p0 = 1 − 1/(1 + e^dot)` for the model's first label, `p1 = 1 − p0`:
 * the detail's Java `Double.toString` texts read back to these very doubles), orders the labels
 * as the evaluation does (natural order, or `positiveLabelValueString`), and hands the samples to
 * `computeExactBinaryMetrics`, the batch evaluation's own code. Going through the detail JSON
 * would give the same numbers at ten times the cost per row. Rows whose feature vector is null
 * have no detail, so the evaluation skips them, and so does this.
 */
export class LinearModelEvaluator {
  private readonly mapper: LinearModelMapper;
  /** Index of the vector column in the validation rows; -1 with numeric feature columns. */
  private readonly vectorIndex: number;
  private readonly labelIndex: number;
  private readonly labels: BinaryLabels;
  /** True when the evaluation's positive label is the model's first label (the one `p0` belongs to). */
  private readonly positiveIsFirst: boolean;

  constructor(
    model: LinearModelData,
    readonly validationSchema: Schema,
    private readonly settings: ValidationSettings,
    private readonly operator: string,
  ) {
    let scored = model;
    if (settings.featureCols !== null) {
      if (settings.featureCols.length !== model.vectorSize) {
        throw new StreamlabError(`${operator}: featureCols names ${settings.featureCols.length} columns but the model has ${model.vectorSize} features.`, {
          operator,
          param: "featureCols",
        });
      }
      scored = { ...model, featureNames: [...settings.featureCols], vectorColName: null };
    }
    const params: Record<string, unknown> = {
      predictionCol: "alink_inner_pred",
      predictionDetailCol: null,
      reservedCols: [settings.labelCol],
      vectorCol: settings.vectorCol,
    };
    this.mapper = new LinearModelMapper(scored, validationSchema, { get: (name) => params[name] ?? null }, operator);
    // The feature source, in the mapper's order: vectorCol > feature columns > the model's vector column.
    const vectorName = settings.vectorCol ?? (scored.featureNames === null ? scored.vectorColName : null);
    this.vectorIndex = vectorName === null ? -1 : validationSchema.require(vectorName, { operator });
    this.labelIndex = validationSchema.require(settings.labelCol, { operator, param: "labelCol" });

    const labelType = validationSchema.types[this.labelIndex];
    const asValidationLabels = model.labelValues.map((value) => {
      const text = modelLabelText(value, model.labelType);
      const cast = castLabel(text, labelType);
      if (cast === undefined) {
        throw new StreamlabError(
          `${operator}: the model's label ${quote(text)} cannot be read as ${labelType}, the type of label column ${quote(settings.labelCol)} of the validation rows.`,
          { operator, param: "labelCol", column: settings.labelCol },
        );
      }
      return cast;
    });
    this.labels = orderBinaryLabels(asValidationLabels, labelType, settings.positiveLabelValueString, operator);
    this.positiveIsFirst = compareLabels(this.labels.values[0], asValidationLabels[0]) === 0;
  }

  /**
   * Metrics of the model on `rows` (validation rows; `firstRow` is the stream index of the first,
   * for messages), or null when no row can be scored.
   */
  evaluate(rows: Table, firstRow: number): ModelMetrics | null {
    const n = rows.numRows;
    if (n === 0) return null;
    const dots = this.mapper.scores(rows);
    const labelColumn = rows.columns[this.labelIndex];
    const labelType = this.validationSchema.types[this.labelIndex];
    const vectors = this.vectorIndex >= 0 ? rows.columns[this.vectorIndex] : null;
    const [positiveText, negativeText] = this.labels.strings;
    const isPositiveOf = new Map<unknown, boolean>();
    const scores = new Float64Array(n);
    const positive = new Uint8Array(n);
    const logLoss = new Float64Array(n);
    let count = 0;
    for (let r = 0; r < n; r++) {
      if (vectors !== null && vectors.isNull(r)) continue;
      const value = labelColumn.get(r) as LabelValue | null;
      if (value === null) throw missingLabel(this.operator, this.settings.labelCol, firstRow + r);
      let isPositive = isPositiveOf.get(value);
      if (isPositive === undefined) {
        const text = labelToString(value, labelType);
        if (text !== positiveText && text !== negativeText) {
          throw new StreamlabError(
            `${this.operator}: validation row ${firstRow + r} has label ${quote(text)} in ${quote(this.settings.labelCol)}, but the model's labels are ` +
              `${quote(positiveText)} (positive) and ${quote(negativeText)}.`,
            { operator: this.operator, row: firstRow + r, column: this.settings.labelCol },
          );
        }
        isPositive = text === positiveText;
        isPositiveOf.set(value, isPositive);
      }
      // LinearModelMapper's detail probabilities, bit for bit.
      const p0 = 1 - 1.0 / (1.0 + Math.exp(dots[r]));
      const p1 = 1 - p0;
      if (Number.isNaN(p0)) {
        throw new StreamlabError(`${this.operator}: validation row ${firstRow + r} scores NaN (a NaN feature value?); its probabilities are undefined.`, {
          operator: this.operator,
          row: firstRow + r,
        });
      }
      scores[count] = this.positiveIsFirst ? p0 : p1;
      positive[count] = isPositive ? 1 : 0;
      logLoss[count] = sampleLogLoss(isPositive === this.positiveIsFirst ? p0 : p1);
      count++;
    }
    if (count === 0) return null;
    const data = computeExactBinaryMetrics(
      { length: count, scores: scores.subarray(0, count), positive: positive.subarray(0, count), logLoss: logLoss.subarray(0, count) },
      this.labels.strings,
    );
    return {
      samples: count,
      auc: data.auc,
      accuracy: new ConfusionMatrix2(data.matrices[data.decisionIndex]).totalAccuracy,
      logLoss: data.logLoss,
    };
  }
}

/** The error for a validation row without a label (the filter cannot judge anything on it). */
export function missingLabel(operator: string, labelCol: string, row: number): StreamlabError {
  return new StreamlabError(
    `${operator}: validation row ${row} has no label (${quote(labelCol)} is null). The filter judges models on labelled rows only; ` +
      `drop unlabelled rows before the validation input (Alink silently skips them).`,
    { operator, row, column: labelCol },
  );
}
