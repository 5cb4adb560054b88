import { StreamlabError, quote } from "../../core/errors";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { eventTimeText } from "../../common/rowPosition";
import { LinearModelMapper } from "../../classification/linear/mapper";
import { LinearModelData, linearModelFromTable } from "../../classification/linear/model";
import { ConfusionMatrix2 } from "../../evaluation/binaryClass/confusion";
import { computeExactBinaryMetrics } from "../../evaluation/binaryClass/exactMetrics";
import { LabelValue, castLabel, compareLabels, labelToString } from "../../common/labels";
import { BinaryLabels, orderBinaryLabels, sampleLogLoss } from "../../evaluation/binaryClass/labels";
import { ModelMetrics } from "./thresholds";
import { ValidationRows } from "./validationRows";

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
    // The loader's reason, without the operator name the verdict's row already stands for.
    const message = (error as Error).message;
    return message.startsWith(`${operator}: `) ? message.slice(operator.length + 2) : message;
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
 * would give the same numbers at ten times the cost per row. A validation row the predictor could
 * not score (a null, NaN or ±Infinity feature, a null vector) is an error naming the row, as it
 * would be in the predictor.
 */
export class LinearModelEvaluator {
  private readonly mapper: LinearModelMapper;
  /** Index of the vector column in the validation rows; -1 with numeric feature columns. */
  private readonly vectorIndex: number;
  /** The numeric feature columns of the validation rows, when there is no vector column. */
  private readonly featureColumns: string[];
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
    this.featureColumns = vectorName === null ? [...(scored.featureNames ?? [])] : [];
    this.labelIndex = validationSchema.require(settings.labelCol, { operator, param: "labelCol" });

    const labelType = validationSchema.types[this.labelIndex];
    const asValidationLabels = model.labelValues.map((value) => {
      const text = labelToString(value, model.labelType);
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
   * Metrics of the model on validation rows (`firstRow` is the stream index of the first, for
   * messages), or null when there are none. Every row must be scorable: a null or non-finite feature
   * and a null label are errors naming the validation row and its event time, as the predictor
   * (and the trainer) would raise them.
   */
  evaluate({ rows: chunk, firstRow }: ValidationRows): ModelMetrics | null {
    const rows = chunk.table;
    const times = chunk.times;
    const n = rows.numRows;
    if (n === 0) return null;
    const dots = this.scores(rows, firstRow, times);
    const labelColumn = rows.columns[this.labelIndex];
    const labelType = this.validationSchema.types[this.labelIndex];
    const [positiveText, negativeText] = this.labels.strings;
    const isPositiveOf = new Map<unknown, boolean>();
    const scores = new Float64Array(n);
    const positive = new Uint8Array(n);
    const logLoss = new Float64Array(n);
    let count = 0;
    for (let r = 0; r < n; r++) {
      // The mapper leaves NaN only where a feature (or the whole vector) is null.
      if (dots[r] !== dots[r]) throw this.nullFeature(rows, r, firstRow, times[r]);
      const value = labelColumn.get(r) as LabelValue | null;
      if (value === null) throw missingLabel(this.operator, this.settings.labelCol, firstRow + r, times[r]);
      let isPositive = isPositiveOf.get(value);
      if (isPositive === undefined) {
        const text = labelToString(value, labelType);
        if (text !== positiveText && text !== negativeText) {
          throw new StreamlabError(
            `${this.operator}: validation row ${firstRow + r} (event time ${eventTimeText(times[r])}) has label ${quote(text)} in ${quote(this.settings.labelCol)}, ` +
              `but the model's labels are ${quote(positiveText)} (positive) and ${quote(negativeText)}.`,
            { operator: this.operator, row: firstRow + r, column: this.settings.labelCol, eventTime: times[r] },
          );
        }
        isPositive = text === positiveText;
        isPositiveOf.set(value, isPositive);
      }
      // LinearModelMapper's detail probabilities, bit for bit.
      const p0 = 1 - 1.0 / (1.0 + Math.exp(dots[r]));
      const p1 = 1 - p0;
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

  /**
   * `LinearModelMapper.scores` of the rows, which fails on a non-finite feature, a vector of another
   * size or an overflowing score, naming the row; the message is put in terms of the validation input.
   */
  private scores(rows: Table, firstRow: number, times: Float64Array): Float64Array {
    try {
      return this.mapper.scores(rows, { firstRow, times });
    } catch (error) {
      if (!(error instanceof StreamlabError)) throw error;
      const prefix = `${this.operator}: `;
      const text = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
      throw new StreamlabError(`${prefix}validation rows: ${text}`, error.context);
    }
  }

  /** A validation row whose score is NaN: a null vector or a null feature column value. */
  private nullFeature(rows: Table, r: number, firstRow: number, eventTime: number): StreamlabError {
    const names = this.vectorIndex >= 0 ? [this.validationSchema.names[this.vectorIndex]] : this.featureColumns;
    const column = names.find((name) => rows.columns[this.validationSchema.indexOf(name)].isNull(r)) ?? names[0];
    return new StreamlabError(
      `${this.operator}: validation row ${firstRow + r} (event time ${eventTimeText(eventTime)}) has a null in feature column ${quote(column)}; ` +
        "the model cannot score it (its predictor would fail on it too). Drop or fill such rows before the validation input.",
      { operator: this.operator, row: firstRow + r, column, eventTime },
    );
  }
}

/** The error for a validation row without a label (the filter cannot judge anything on it). */
export function missingLabel(operator: string, labelCol: string, row: number, eventTime: number): StreamlabError {
  return new StreamlabError(
    `${operator}: validation row ${row} (event time ${eventTimeText(eventTime)}) has no label (${quote(labelCol)} is null). ` +
      `The filter judges models on labelled rows only; drop unlabelled rows before the validation input (Alink silently skips them).`,
    { operator, row, column: labelCol, eventTime },
  );
}
