import { Column, StringColumn } from "../../core/column";
import { StreamlabError, quote } from "../../core/errors";
import { TypeName } from "../../core/types";
import { BinaryDetailTexts } from "../../common/binaryDetails";
import { eventTimeText } from "../../common/rowPosition";
import { LABEL_TYPES, LabelValue, castLabel, compareLabels, labelToString, parseJavaDouble } from "../../common/labels";
import { javaDoubleToString } from "../../core/javaFormat";

/**
 * Labels and (score, label) samples of a binary evaluation (Alink `EvaluationUtil.castTo`,
 * `extractLabelProbMap`, `LabelProbMapExtractor.extractAndCheck`,
 * `ClassificationEvaluationUtil.buildLabelIndexLabelArray`; reference §8.2).
 *
 * Everything here works on columns, so the batch evaluator, the stream evaluator (one window at a
 * time) and the model filters read prediction details the same way.
 */

/** The two labels of a binary evaluation: index 0 is the positive label. */
export interface BinaryLabels {
  readonly type: TypeName;
  /** `[positive, negative]` in the label column's type. */
  readonly values: readonly [LabelValue, LabelValue];
  /** `[positive, negative]` as Java prints them (the metrics' `LabelArray`). */
  readonly strings: readonly [string, string];
}

/**
 * Alink `buildLabelIndexLabelArray` for two labels: sorted descending in the type's natural order
 * (so "prefix1" before "prefix0", 10 before 9); `positiveLabelValueString`, cast to the label type,
 * moves that label to index 0.
 */
export function orderBinaryLabels(
  labels: readonly LabelValue[],
  type: TypeName,
  positiveLabelValueString: string | null,
  operator = "binary evaluation",
): BinaryLabels {
  const sorted = [...labels].sort((a, b) => compareLabels(b, a));
  const shown = sorted.map((v) => quote(labelToString(v, type))).join(", ");
  if (sorted.length !== 2) {
    throw new StreamlabError(
      `${operator}: The number of labels must be equal to 2! Found ${sorted.length} label${sorted.length === 1 ? "" : "s"} ` +
        `in the label column and the prediction details${sorted.length ? ": " + shown : ""}.`,
      { operator },
    );
  }
  if (positiveLabelValueString !== null) {
    const wanted = castLabel(positiveLabelValueString, type);
    const at = wanted === undefined ? -1 : sorted.findIndex((v) => compareLabels(v, wanted) === 0);
    if (at < 0) {
      throw new StreamlabError(
        `${operator}: positiveLabelValueString ${quote(positiveLabelValueString)} is not one of the labels ${shown} ` +
          `(Alink: "Not contain positiveValue").`,
        { operator, param: "positiveLabelValueString" },
      );
    }
    if (at === 1) sorted.reverse();
  }
  const values = [sorted[0], sorted[1]] as const;
  return { type, values, strings: [labelToString(values[0], type), labelToString(values[1], type)] };
}

/**
 * Samples of a binary evaluation in columnar form: per sample the probability of the positive
 * label, whether the actual label is the positive one, and the sample's log loss. The metric
 * code (exact and binned) works on these arrays only.
 */
export interface BinarySamples {
  readonly length: number;
  /** Probability of the positive label (the score that is ranked and thresholded). */
  readonly scores: Float64Array;
  /** 1 where the actual label is the positive label, 0 where it is the negative one. */
  readonly positive: Uint8Array;
  /** `-log(clamp(p(actual label), 1e-15, 1 - 1e-15))` per sample. */
  readonly logLoss: Float64Array;
}

/** Samples plus the labels they were scored against. */
export interface LabeledBinarySamples extends BinarySamples {
  readonly labels: BinaryLabels;
}

const LOG_LOSS_EPS = 1e-15;

/** Alink `EvaluationUtil.extractLogloss` for the probability of the actual label. */
export function sampleLogLoss(probOfActual: number): number {
  return -Math.log(Math.max(Math.min(probOfActual, 1 - LOG_LOSS_EPS), LOG_LOSS_EPS));
}

/** A parsed prediction detail: label texts and their probabilities. */
export interface ProbDetail {
  keys: string[];
  probs: number[];
}

/**
 * Parses a prediction detail `{label: probability}`; probabilities may be JSON numbers or numeric
 * strings (`{"1":"0.83","0":"0.17"}`), as Jackson reads them into `Map<String, Double>`.
 * Returns the reason as a string when the text is not such an object.
 */
export function parseProbDetail(text: string): ProbDetail | string {
  const obj = parseDetailObject(text);
  if (typeof obj === "string") return obj;
  const keys: string[] = [];
  const probs: number[] = [];
  for (const key in obj) {
    const p = probability(obj[key]);
    if (p === undefined) return notANumber(key, obj[key]);
    keys.push(key);
    probs.push(p);
  }
  return { keys, probs };
}

/** `JSON.parse` of a detail (V8's parser is the fastest way to read a million of them). */
function parseDetailObject(text: string): Record<string, unknown> | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return "expected a JSON object";
  return parsed as Record<string, unknown>;
}

function probability(value: unknown): number | undefined {
  return typeof value === "number" ? value : typeof value === "string" ? parseJavaDouble(value) : undefined;
}

function notANumber(key: string, value: unknown): string {
  return `the value of ${quote(key)} is not a number: ${JSON.stringify(value)}`;
}

const PROB_SUM_EPS = 0.01;

/** Where the columns of a binary evaluation came from, for error messages. */
export interface BinaryColumnsContext {
  operator: string;
  labelCol: string;
  detailCol: string;
  /** Added to row indices in messages (a stream chunk's offset). */
  rowOffset?: number;
  /** Event time (seconds) of each row, named in messages about a stream's rows. */
  eventTimes?: ArrayLike<number>;
  /**
   * A stream's labels so far (Java texts): a row bringing a label beyond two of them (with the
   * piece's own) is an error naming that row. Without it, a third label is reported with all labels.
   */
  streamLabels?: readonly string[];
}

/**
 * Reads (label, prediction detail) columns into binary samples (Alink's `calcLabels` +
 * `calcSampleStatistics`): rows with a null label or a null detail are skipped; every detail must
 * be a JSON object of exactly two labels with probabilities in [0, 1] summing to 1 ± 0.01; detail
 * keys are cast to the label column's type; the label set (labels ∪ detail keys) must hold exactly
 * two labels, ordered by {@link orderBinaryLabels}.
 */
export function extractBinarySamples(
  labelColumn: Column,
  labelType: TypeName,
  detailColumn: Column,
  positiveLabelValueString: string | null,
  context: BinaryColumnsContext,
): LabeledBinarySamples {
  return readBinarySamples(labelColumn, labelType, detailColumn, positiveLabelValueString, context, false)!;
}

/**
 * {@link extractBinarySamples} for a piece of a stream: null (instead of an error) when no row of
 * the piece has both a label and a detail, since later rows may still have them.
 */
export function extractBinarySamplesIfAny(
  labelColumn: Column,
  labelType: TypeName,
  detailColumn: Column,
  positiveLabelValueString: string | null,
  context: BinaryColumnsContext,
): LabeledBinarySamples | null {
  return readBinarySamples(labelColumn, labelType, detailColumn, positiveLabelValueString, context, true);
}

function readBinarySamples(
  labelColumn: Column,
  labelType: TypeName,
  detailColumn: Column,
  positiveLabelValueString: string | null,
  context: BinaryColumnsContext,
  emptyIsNull: boolean,
): LabeledBinarySamples | null {
  const { operator, labelCol, detailCol, eventTimes } = context;
  const offset = context.rowOffset ?? 0;
  if (!LABEL_TYPES.includes(labelType)) {
    throw new StreamlabError(
      `${operator}: label column ${quote(labelCol)} has type ${labelType}; binary evaluation needs one of ${LABEL_TYPES.join(", ")}.`,
      { operator, column: labelCol, param: "labelCol" },
    );
  }
  if (!(detailColumn instanceof StringColumn)) {
    throw new StreamlabError(`${operator}: prediction detail column ${quote(detailCol)} must be STRING, got ${detailColumn.type}.`, {
      operator,
      column: detailCol,
      param: "predictionDetailCol",
    });
  }
  const details = detailColumn.origin instanceof BinaryDetailTexts ? [] : detailColumn.values;
  const n = labelColumn.length;

  // Labels are interned to small ids by their Java text (unique per value within one type).
  const ids = new Map<string, number>();
  const values: LabelValue[] = [];
  // A stream names the row where a third label turns up (the batch reports every label, as Alink).
  const streamLabels = context.streamLabels;
  const intern = (value: LabelValue, fromDetail: boolean): number => {
    const key = labelToString(value, labelType);
    let id = ids.get(key);
    if (id === undefined) {
      if (streamLabels !== undefined) {
        const before = [...new Set([...streamLabels, ...ids.keys()])];
        if (before.length >= 2 && !before.includes(key)) {
          const what = fromDetail ? `the prediction detail in ${quote(detailCol)} names` : `label column ${quote(labelCol)} holds`;
          failAt(
            fromDetail ? detailCol : labelCol,
            `The number of labels must be equal to 2! At ${rowText()} ${what} a third label ${quote(key)} besides ${before.map((l) => quote(l)).join(" and ")}.`,
          );
        }
      }
      id = values.length;
      ids.set(key, id);
      values.push(value);
    }
    return id;
  };
  const keyCache = new Map<string, number>();

  const rowLabel = new Int32Array(n);
  const keyA = new Int32Array(n);
  const keyB = new Int32Array(n);
  const probA = new Float64Array(n);
  const probB = new Float64Array(n);
  let count = 0;
  let row = 0;
  /** Keeps the current row: its label, its two detail labels (interned) and their probabilities. */
  const keep = (ka: number, kb: number, p0: number, p1: number) => {
    rowLabel[count] = intern(labelColumn.get(row) as LabelValue, false);
    keyA[count] = ka;
    keyB[count] = kb;
    probA[count] = p0;
    probB[count] = p1;
    count++;
  };

  function rowText(): string {
    return `row ${row + offset}` + (eventTimes === undefined ? "" : ` (event time ${eventTimeText(eventTimes[row])})`);
  }
  function failAt(column: string, message: string): never {
    throw new StreamlabError(`${operator}: ${message}`, {
      operator,
      row: row + offset,
      column,
      ...(eventTimes === undefined ? {} : { eventTime: eventTimes[row] }),
    });
  }
  function fail(message: string): never {
    return failAt(detailCol, `${rowText()}, column ${quote(detailCol)}: ${message}`);
  }
  function deserializeFailed(text: string, why: string): never {
    return fail(
      `Failed to deserialize prediction detail: ${text.length > 200 ? text.slice(0, 200) + "…" : text} (${why}). ` +
        `Expected a JSON object mapping each label to its probability, e.g. {"1":0.8,"0":0.2}.`,
    );
  }
  function internKey(key: string): number {
    let id = keyCache.get(key);
    if (id === undefined) {
      const value = castLabel(key, labelType);
      if (value === undefined) {
        fail(`label ${quote(key)} in the prediction detail cannot be read as ${labelType} (the type of label column ${quote(labelCol)}).`);
      }
      id = intern(value, true);
      keyCache.set(key, id);
    }
    return id;
  }

  // Details a predictor kept as probabilities: the same numbers its JSON texts would parse to.
  const typed = detailColumn.origin instanceof BinaryDetailTexts ? detailColumn.origin : null;
  if (typed !== null) {
    const ka = internKey(typed.keys[0]);
    const kb = internKey(typed.keys[1]);
    if (ka === kb) fail(`the two labels of the prediction details are the same ${labelType} value; binary evaluation needs 2 different labels.`);
    for (row = 0; row < n; row++) {
      if (typed.isNull(row) || labelColumn.isNull(row)) continue;
      const p0 = typed.probability(row, 0);
      const p1 = typed.probability(row, 1);
      // The checks the text path makes (a NaN score fails the range check there too).
      if (!(p0 <= 1.0 && p0 >= 0) || !(p1 <= 1.0 && p1 >= 0)) {
        const bad = !(p0 <= 1.0 && p0 >= 0) ? 0 : 1;
        fail(`Probability in ${detailColumn.values[row]} not in range [0, 1]! (${quote(typed.keys[bad])} has ${javaDoubleToString(bad === 0 ? p0 : p1)}).`);
      }
      if (!(Math.abs(p0 + p1 - 1.0) < PROB_SUM_EPS)) fail(`Probability sum in ${detailColumn.values[row]} not equal to 1.0!`);
      keep(ka, kb, p0, p1);
    }
  }

  for (row = 0; typed === null && row < n; row++) {
    const text = details[row];
    if (text === null || labelColumn.isNull(row)) continue;
    const obj = parseDetailObject(text);
    if (typeof obj === "string") deserializeFailed(text, obj);
    // One pass over the entries; errors are reported in Alink's order: not a number, range, sum, count.
    let entries = 0;
    let sum = 0;
    let badKey: string | null = null;
    let rangeKey: string | null = null;
    let k0 = "";
    let k1 = "";
    let p0 = 0;
    let p1 = 0;
    for (const key in obj) {
      const p = probability(obj[key]);
      if (p === undefined) {
        badKey = key;
        break;
      }
      if (rangeKey === null && !(p <= 1.0 && p >= 0)) rangeKey = key;
      sum += p;
      if (entries === 0) {
        k0 = key;
        p0 = p;
      } else if (entries === 1) {
        k1 = key;
        p1 = p;
      }
      entries++;
    }
    if (badKey !== null) deserializeFailed(text, notANumber(badKey, obj[badKey]));
    if (rangeKey !== null) {
      fail(`Probability in ${text} not in range [0, 1]! (${quote(rangeKey)} has ${javaDoubleToString(probability(obj[rangeKey])!)}).`);
    }
    if (!(Math.abs(sum - 1.0) < PROB_SUM_EPS)) {
      fail(`Probability sum in ${text} not equal to 1.0! (the probabilities sum to ${javaDoubleToString(sum)}; they must be within 0.01 of 1).`);
    }
    if (entries !== 2) {
      fail(`binary evaluation needs exactly 2 labels in each prediction detail, got ${entries}: ${text}`);
    }
    const ka = internKey(k0);
    const kb = internKey(k1);
    if (ka === kb) fail(`the two labels of ${text} are the same ${labelType} value; binary evaluation needs 2 different labels.`);
    keep(ka, kb, p0, p1);
  }

  if (count === 0) {
    if (emptyIsNull) return null;
    throw new StreamlabError(
      `${operator}: Please check the evaluation input! there is no effective row! ` +
        `(no row has both a label in ${quote(labelCol)} and a prediction detail in ${quote(detailCol)}).`,
      { operator },
    );
  }
  const labels = orderBinaryLabels(values, labelType, positiveLabelValueString, operator);
  const positiveId = ids.get(labels.strings[0])!;

  const scores = new Float64Array(count);
  const positive = new Uint8Array(count);
  const logLoss = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const a = keyA[i];
    const label = rowLabel[i];
    scores[i] = a === positiveId ? probA[i] : probB[i];
    positive[i] = label === positiveId ? 1 : 0;
    logLoss[i] = sampleLogLoss(label === a ? probA[i] : label === keyB[i] ? probB[i] : 0);
  }
  return { length: count, scores, positive, logLoss, labels };
}
