import { NumberColumn, StringColumn, Value, VectorColumn, VectorColumnBuilder } from "../../core/column";
import { StreamlabError, quote } from "../../core/errors";
import { Schema } from "../../core/schema";
import { parseVector } from "../../core/vector";
import { labelToString } from "../../common/labels";
import { eventTimeText } from "../../common/rowPosition";
import { StreamChunk } from "../../stream/chunk";
import { NULL_LABEL } from "./invalidRows";

/**
 * Reading the training rows of the online linear learners (FtrlTrainStreamOp, OnlineLearningStreamOp):
 * labels as 1 / 0 against the model's two labels, feature vectors (vector strings parsed once per
 * chunk), and the record of rows skipped under handleInvalidMethod SKIP. Shared so that both
 * trainers accept and refuse exactly the same rows.
 */

/** A row left out under handleInvalidMethod SKIP. */
export interface SkippedRow {
  /** 0-based index of the row in the trainer's input. */
  row: number;
  /** Its event time (seconds). */
  eventTime: number;
  reason: string;
}

/** How many rows were skipped, with the first few kept so the user can see why. */
export class SkippedRows {
  static readonly KEPT = 20;
  count = 0;
  readonly kept: SkippedRow[] = [];

  add(row: number, eventTime: number, reason: string): void {
    this.count++;
    if (this.kept.length < SkippedRows.KEPT) this.kept.push({ row, eventTime, reason });
  }
}

/** The chunk's feature vectors as a vector column; a STRING column of vector strings is parsed here, once per chunk. */
export function vectorColumnOf(chunk: StreamChunk, index: number, rowOffset: number, operator: string, name: string): VectorColumn {
  const column = chunk.table.columns[index];
  if (column instanceof VectorColumn) return column;
  if (!(column instanceof StringColumn)) {
    throw new StreamlabError(`${operator}: vectorCol ${quote(name)} is ${column.type}; expected a vector (or vector string) column.`, { operator, param: "vectorCol", column: name });
  }
  const builder = new VectorColumnBuilder("VECTOR", chunk.numRows);
  for (let r = 0; r < chunk.numRows; r++) {
    const text = column.get(r);
    if (text === null) {
      builder.appendNull();
      continue;
    }
    try {
      builder.append(parseVector(text));
    } catch (error) {
      throw new StreamlabError(`${operator}: row ${rowOffset + r} (event time ${eventTimeText(chunk.times[r])}), column ${quote(name)}: ${(error as Error).message}`, {
        operator,
        row: rowOffset + r,
        column: name,
        eventTime: chunk.times[r],
      });
    }
  }
  return builder.build();
}

/**
 * 1/0 per row for the positive/negative label, {@link NULL_LABEL} for a null label (the caller decides
 * what a null means); any other label is an error naming the row.
 */
export function readLabels(
  chunk: StreamChunk,
  labelIndex: number,
  type: Schema["types"][number],
  from: number,
  to: number,
  positive: string,
  negative: string,
  rowOffset: number,
  operator: string,
  labelCol: string,
): Uint8Array {
  const column = chunk.table.columns[labelIndex];
  const ys = new Uint8Array(to - from);
  // No text yet (null, not ""): an empty label text is checked like any other.
  let lastText: string | null = null;
  let lastY = 0;
  const unknown = (r: number, text: string): never => {
    throw new StreamlabError(
      `${operator}: row ${rowOffset + r - from} (event time ${eventTimeText(chunk.times[r])}) has label ${quote(text)} in ${quote(labelCol)}, ` +
        `but the model's labels are ${quote(positive)} (positive) and ${quote(negative)}.`,
      { operator, row: rowOffset + r - from, column: labelCol, eventTime: chunk.times[r] },
    );
  };
  if (column instanceof NumberColumn && column.type !== "TIMESTAMP") {
    // Numbers: a value's text (and so its label) is a function of the value, so the last value seen
    // of each label is remembered and a row holding either is labelled without making its text. NaN
    // never matches (its text is made each time); a zero must also match the remembered zero's sign
    // (-0 and 0 may print differently), which 1 / value tells (±Infinity). Branch-free: a binary
    // label alternates between its two values at random, and a branch on which one it is mispredicts.
    const { values, nulls } = column;
    let positiveValue = NaN;
    let negativeValue = NaN;
    let positiveInverse = NaN;
    let negativeInverse = NaN;
    for (let r = from; r < to; r++) {
      if (nulls !== null && nulls[r] === 1) {
        ys[r - from] = NULL_LABEL;
        continue;
      }
      const value = values[r];
      const inverse = 1 / value;
      // 1: the remembered positive value, 2: the negative one, 0: neither (never both: one value has one text).
      const known = (+(value === positiveValue) & +(inverse === positiveInverse)) | ((+(value === negativeValue) & +(inverse === negativeInverse)) << 1);
      if (known !== 0) {
        ys[r - from] = known & 1;
        continue;
      }
      const text = labelToString(value, type);
      if (text === positive) {
        positiveValue = value;
        positiveInverse = inverse;
        ys[r - from] = 1;
      } else if (text === negative) {
        negativeValue = value;
        negativeInverse = inverse;
        ys[r - from] = 0;
      } else unknown(r, text);
    }
    return ys;
  }
  for (let r = from; r < to; r++) {
    const value: Value = column.get(r);
    if (value === null) {
      ys[r - from] = NULL_LABEL;
      continue;
    }
    const text = column instanceof StringColumn ? (value as string) : labelToString(value, type);
    if (text !== lastText) {
      if (text === positive) lastY = 1;
      else if (text === negative) lastY = 0;
      else unknown(r, text);
      lastText = text;
    }
    ys[r - from] = lastY;
  }
  return ys;
}
