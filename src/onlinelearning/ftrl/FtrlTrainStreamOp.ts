import { NumberColumn, StringColumn, Value, VectorColumn, VectorColumnBuilder } from "../../core/column";
import { StreamlabError, quote } from "../../core/errors";
import { javaDoubleToString } from "../../core/javaFormat";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { isNumericType } from "../../core/types";
import { parseVector } from "../../core/vector";
import { BatchOperator } from "../../engine/batchOperator";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { LinearModelData, linearModelFromTable } from "../../classification/linear/model";
import { labelToString } from "../../classification/linear/labels";
import { computeExactBinaryMetrics } from "../../evaluation/binary/exactMetrics";
import { eventTimeText } from "../../common/rowPosition";
import { windowEndAfter } from "../../evaluation/timeWindows";
import { StreamChunk } from "../../stream/chunk";
import { modelStreamSchema, toModelStreamRows } from "../../stream/modelStream";
import { StreamOperator } from "../../stream/streamOperator";
import { Emitter, StreamTask, isPortConnected } from "../../stream/task";
import { FtrlLearner } from "./FtrlLearner";
import { NULL_LABEL, RowProblem, columnRowProblem, columnRowsClean, firstEqual, firstNonFinite, vectorRowProblem } from "./invalidRows";
import { LinearModelTableWriter } from "./modelTableWriter";
import { FTRL_TRAIN_PARAMS } from "./params";

const PARAMS = FTRL_TRAIN_PARAMS;

export interface FtrlTrainStreamOp extends ParamAccessors<FtrlTrainStreamOp, typeof PARAMS> {}

/**
 * Side output 0: the trainer's own progressive-validation quality per interval that saw rows, and
 * how many rows of the interval were skipped (handleInvalidMethod SKIP). New columns go at the end:
 * notebooks read this output by position.
 */
const PROGRESS_SCHEMA = new Schema(
  ["window_start", "window_end", "samples", "logloss", "accuracy", "auc", "skipped"],
  ["TIMESTAMP", "TIMESTAMP", "BIGINT", "DOUBLE", "DOUBLE", "DOUBLE", "BIGINT"],
);

/**
 * Online logistic regression with FTRL-Proximal (Alink's `FtrlTrainStreamOp`, reference §6),
 * starting from a batch model (typically `LogisticRegressionTrainBatchOp`'s):
 *
 * ```ts
 * const models = new FtrlTrainStreamOp(initModel)
 *   .setVectorCol("vec").setLabelCol("click").setVectorSize(30000)
 *   .setAlpha(0.1).setBeta(0.1).setL1(0.01).setL2(0.01).setTimeInterval(600)
 *   .linkFrom(trainStream);
 * ```
 * The output is a model stream in Alink's layout (`alinkmodelstreamtimestamp`,
 * `alinkmodelstreamcount`, then the linear model table), in **event time**:
 *
 * - event time is cut into intervals `[k·timeInterval, (k+1)·timeInterval)`;
 * - at the end of every interval in which at least one row was trained, a model is emitted with
 *   that end as its timestamp and event time. It holds every training row before that time
 *   (streamlab applies the pending mini-batch before emitting; Alink's processing-time ticks do not).
 *   The model of an interval is thus timestamped with the end of the interval its last row arrived in;
 * - an interval without trained rows emits nothing: a gap of a year costs no work and no models, and
 *   the model in force across the gap is the last one emitted before it;
 * - the end of a bounded stream closes the last interval (its model is the final one).
 *
 * A model is emitted once the whole graph has passed its time, so predictors switch to model k
 * exactly at its timestamp, on every run. (Alink emits on processing-time ticks, empty or not.)
 *
 * `getSideOutput(0)` is the trainer's progressive validation: for each interval that saw rows, the
 * log loss, accuracy and exact AUC (NaN when the interval held one class only) of the predictions it
 * made on each row just before learning from it, and the number of rows it skipped.
 *
 * Bad rows: a null label, a null vector or feature, or a NaN / ±Infinity feature value is an error
 * naming the row, column, event time and value — or, with `handleInvalidMethod` SKIP, the row is left
 * out and counted ({@link getSkippedRowCount}, {@link getSkippedRows}, the `skipped` column). Labels
 * must be one of the initial model's two labels (compared by their text, so 1 and "1" match — Java's
 * `equals` would silently treat a Long 1 as negative); vectors must have exactly `vectorSize`
 * features (errata E6). The initial model must have finite coefficients, and a model whose
 * coefficients overflow (features far too large for alpha) is an error, never emitted.
 */
export class FtrlTrainStreamOp extends StreamOperator {
  static override readonly PARAMS = PARAMS;
  private readonly initModel: BatchOperator | Table;
  /** Rows skipped by the last run (handleInvalidMethod SKIP). */
  private skipped: SkippedRows | null = null;

  constructor(initModel: BatchOperator | Table, params?: ParamInit<typeof PARAMS>) {
    super(params);
    if (initModel === null || initModel === undefined || (!(initModel instanceof Table) && !BatchOperator.isBatchOperator(initModel))) {
      throw new StreamlabError("FtrlTrainStreamOp: Online algo: initial model is null. Pass the batch model to start from, e.g. new FtrlTrainStreamOp(lrTrainBatchOp).", {
        operator: "FtrlTrainStreamOp",
      });
    }
    this.initModel = initModel;
  }

  override getSideOutputCount(): number {
    return 1;
  }

  private initData(): LinearModelData {
    const table = this.initModel instanceof Table ? this.initModel : this.initModel.getOutputTable();
    const model = linearModelFromTable(table, this.operatorName);
    // One NaN coefficient would make every prediction and every later model NaN.
    const k = firstNonFinite(model.coefVector, 0, model.coefVector.length);
    if (k >= 0) {
      const which = model.hasInterceptItem ? (k === 0 ? "the intercept" : `coefficient ${k} (feature ${k - 1})`) : `coefficient ${k}`;
      throw new StreamlabError(`${this.operatorName}: the initial model is not usable: ${which} is ${javaDoubleToString(model.coefVector[k])}; FTRL needs finite coefficients to start from.`, {
        operator: this.operatorName,
      });
    }
    return model;
  }

  private initSchema(): Schema {
    return this.initModel instanceof Table ? this.initModel.schema : this.initModel.getSchema();
  }

  protected outputSchema([input]: readonly Schema[]): Schema {
    this.features(input, this.initData());
    return modelStreamSchema(this.initSchema());
  }

  protected override sideOutputSchema(): Schema {
    return PROGRESS_SCHEMA;
  }

  /** Validates the feature and label settings; returns how to read features from a chunk. */
  private features(input: Schema, model: LinearModelData): { vectorIndex: number; featureIndices: number[] | null; labelIndex: number } {
    const operator = this.operatorName;
    const vectorCol = this.getVectorCol();
    const featureCols = this.getFeatureCols();
    if (vectorCol !== null && featureCols !== null) {
      throw new StreamlabError(`${operator}: set either vectorCol or featureCols, not both.`, { operator, param: "vectorCol" });
    }
    if (vectorCol === null && featureCols === null) {
      throw new StreamlabError(`${operator}: set vectorCol (a vector column) or featureCols (numeric columns) to say where the features are.`, {
        operator,
        param: "vectorCol",
      });
    }
    const labelIndex = input.require(this.getLabelCol(), { operator, param: "labelCol" });
    if (model.linearModelType !== "LR" || model.labelValues.length !== 2) {
      throw new StreamlabError(`${operator}: the initial model must be a binary logistic-regression model, got ${model.linearModelType} with ${model.labelValues.length} labels.`, {
        operator,
      });
    }
    if (model.hasInterceptItem !== this.getWithIntercept()) {
      throw new StreamlabError(
        `${operator}: withIntercept is ${this.getWithIntercept()} but the initial model ${model.hasInterceptItem ? "has" : "has no"} intercept; set withIntercept(${model.hasInterceptItem}).`,
        { operator, param: "withIntercept" },
      );
    }
    const size = featureCols !== null ? featureCols.length : this.getVectorSize();
    if (size !== model.vectorSize) {
      throw new StreamlabError(
        `${operator}: ${featureCols !== null ? `${featureCols.length} featureCols` : `vectorSize ${size}`} does not match the initial model's ${model.vectorSize} features.`,
        { operator, param: featureCols !== null ? "featureCols" : "vectorSize" },
      );
    }
    if (vectorCol !== null) {
      const vectorIndex = input.require(vectorCol, { operator, param: "vectorCol" });
      const type = input.types[vectorIndex];
      if (type !== "VECTOR" && type !== "SPARSE_VECTOR" && type !== "DENSE_VECTOR" && type !== "STRING") {
        throw new StreamlabError(`${operator}: vectorCol ${quote(vectorCol)} is ${type}; expected a vector (or vector string) column.`, { operator, param: "vectorCol" });
      }
      return { vectorIndex, featureIndices: null, labelIndex };
    }
    const featureIndices = featureCols!.map((name) => {
      const i = input.require(name, { operator, param: "featureCols" });
      if (!isNumericType(input.types[i])) {
        throw new StreamlabError(`${operator}: feature column ${quote(name)} is ${input.types[i]}; featureCols must be numeric.`, { operator, param: "featureCols" });
      }
      return i;
    });
    return { vectorIndex: -1, featureIndices, labelIndex };
  }

  createTask([input]: readonly Schema[]): StreamTask {
    const operator = this.operatorName;
    const model = this.initData();
    const modelTableSchema = this.initSchema();
    const { vectorIndex, featureIndices, labelIndex } = this.features(input, model);
    const labelType = input.types[labelIndex];
    const labelCol = this.getLabelCol();
    const vectorCol = this.getVectorCol();
    const featureCols = this.getFeatureCols();
    const positiveText = labelToString(model.labelValues[0], model.labelType);
    const negativeText = labelToString(model.labelValues[1], model.labelType);
    const learner = new FtrlLearner(model.coefVector, model.hasInterceptItem, {
      alpha: this.getAlpha(),
      beta: this.getBeta(),
      l1: this.getL1(),
      l2: this.getL2(),
    });
    const interval = this.getTimeInterval();
    const miniBatch = this.getMiniBatchSize();
    const skipInvalid = this.getHandleInvalidMethod() === "SKIP";
    const vectorSize = model.vectorSize;
    const skipped = new SkippedRows();
    this.skipped = skipped;
    let rowsSeen = 0;
    // The interval being filled: its end (NaN until a row arrives), rows trained and skipped in it.
    let boundary = NaN;
    let trainedInInterval = 0;
    let skippedInInterval = 0;
    // Progressive validation of the current interval.
    let probs = new Float64Array(1024);
    let labels = new Uint8Array(1024);
    let windowCount = 0;

    // Every emitted model is this one with the current coefficients.
    const template: LinearModelData = { ...model, vectorColName: vectorCol, featureNames: featureIndices === null ? null : featureCols, featureTypes: null, labelName: null };
    const writer = new LinearModelTableWriter(template);

    const emitModel = (time: number, out: Emitter) => {
      if (learner.pending > 0) learner.applyBatch();
      checkFinite(learner.w, time, operator);
      const table = new Table(modelTableSchema, writer.write(learner.w).columns);
      out.emit(new StreamChunk(toModelStreamRows(table, Math.round(time * 1000)), new Float64Array(table.numRows).fill(time)), 0);
    };

    /** Closes the interval ending at `boundary`: its model (if rows were trained) and its progress row. */
    const closeInterval = (out: Emitter) => {
      if (trainedInInterval > 0) emitModel(boundary, out);
      // The progress side output costs a sort per interval: only made when something reads it.
      if (isPortConnected(out, 1)) out.emit(progress(boundary), 1);
      windowCount = 0;
      trainedInInterval = 0;
      skippedInInterval = 0;
      boundary = NaN;
    };

    const progress = (end: number): StreamChunk => {
      const n = windowCount;
      let loss = 0;
      let correct = 0;
      for (let i = 0; i < n; i++) {
        const p = probs[i];
        const y = labels[i];
        loss += -Math.log(Math.min(Math.max(y === 1 ? p : 1 - p, 1e-15), 1 - 1e-15));
        if ((p >= 0.5 ? 1 : 0) === y) correct++;
      }
      const auc = n > 0 ? computeExactBinaryMetrics({ length: n, scores: probs.subarray(0, n), positive: labels.subarray(0, n), logLoss: new Float64Array(n) }, [positiveText, negativeText]).auc : NaN;
      const row = [new Date((end - interval) * 1000), new Date(end * 1000), n, n > 0 ? loss / n : NaN, n > 0 ? correct / n : NaN, auc, skippedInInterval];
      return new StreamChunk(Table.fromRows([row], PROGRESS_SCHEMA), Float64Array.of(end));
    };

    /** A row that cannot be learnt from: an error (ERROR) or skipped and counted (SKIP). */
    const invalidRow = (chunk: StreamChunk, r: number, from: number, problem: RowProblem) => {
      const row = rowsSeen + r - from;
      const time = chunk.times[r];
      const where = `row ${row} (event time ${eventTimeText(time)})`;
      if (!skipInvalid) {
        throw new StreamlabError(
          `${operator}: ${where}: ${problem.what}. FTRL cannot learn from it; set handleInvalidMethod to "SKIP" to leave such rows out (they are counted).`,
          { operator, row, column: problem.column, eventTime: time },
        );
      }
      skipped.add(row, time, `${where}: ${problem.what}`);
      skippedInInterval++;
    };

    const train = (chunk: StreamChunk, vectors: VectorColumn | null, from: number, to: number) => {
      const ys = readLabels(chunk, labelIndex, labelType, from, to, positiveText, negativeText, rowsSeen, operator, labelCol);
      if (windowCount + (to - from) > probs.length) {
        const capacity = Math.max(probs.length * 2, windowCount + (to - from));
        const p = new Float64Array(capacity);
        p.set(probs.subarray(0, windowCount));
        const l = new Uint8Array(capacity);
        l.set(labels.subarray(0, windowCount));
        probs = p;
        labels = l;
      }
      if (vectors !== null) {
        const { sizes, offsets, indices, values } = vectors;
        // Null vectors and labels: one scan of the chunk's masks. Non-finite values: the learner
        // refuses the row (NaN back) while computing its margin, so clean rows cost no extra pass.
        const noNulls = firstEqual(vectors.nulls, from, to) < 0 && firstEqual(ys, 0, ys.length, NULL_LABEL) < 0;
        for (let r = from; r < to; r++) {
          const y = ys[r - from];
          if (!noNulls && (y === NULL_LABEL || vectors.isNull(r))) {
            invalidRow(chunk, r, from, vectorRowProblem(vectors, r, y, labelCol, vectorCol!)!);
            continue;
          }
          if (sizes[r] !== vectorSize) {
            throw new StreamlabError(
              `${operator}: row ${rowsSeen + r - from} (event time ${eventTimeText(chunk.times[r])}) has ` +
                (sizes[r] < 0 ? `a sparse vector without a size ("$n$" prefix)` : `a vector of size ${sizes[r]}`) +
                `, but vectorSize is ${vectorSize} (errata E6: training vectors need exactly the model's size).`,
              { operator, row: rowsSeen + r - from, column: vectorCol!, eventTime: chunk.times[r] },
            );
          }
          const p = learner.accumulate(indices, values, offsets[r], offsets[r + 1], y);
          if (p !== p) {
            // NaN back: a non-finite value (the row was not added) — or coefficients that already
            // diverged (the row was added; the model's emission reports it).
            const problem = vectorRowProblem(vectors, r, y, labelCol, vectorCol!);
            if (problem !== null) {
              invalidRow(chunk, r, from, problem);
              continue;
            }
          }
          probs[windowCount] = p;
          labels[windowCount++] = y;
          trainedInInterval++;
          if (learner.pending >= miniBatch) learner.applyBatch();
        }
      } else {
        const idx = Int32Array.from(featureIndices!, (_, k) => k);
        const vals = new Float64Array(featureIndices!.length);
        const columns = featureIndices!.map((i) => chunk.table.columns[i] as NumberColumn);
        const clean = columnRowsClean(columns, from, to, ys);
        for (let r = from; r < to; r++) {
          const y = ys[r - from];
          if (!clean) {
            const problem = columnRowProblem(columns, featureCols!, r, y, labelCol);
            if (problem !== null) {
              invalidRow(chunk, r, from, problem);
              continue;
            }
          }
          for (let k = 0; k < columns.length; k++) vals[k] = columns[k].values[r];
          probs[windowCount] = learner.accumulate(idx, vals, 0, vals.length, y);
          labels[windowCount++] = y;
          trainedInInterval++;
          if (learner.pending >= miniBatch) learner.applyBatch();
        }
      }
      rowsSeen += to - from;
    };

    return {
      process: (inputs, stepEnd, out) => {
        for (const chunk of inputs[0]) {
          if (chunk.numRows === 0) continue;
          const vectors = featureIndices === null ? vectorColumnOf(chunk, vectorIndex, rowsSeen, operator, vectorCol!) : null;
          let start = 0;
          while (start < chunk.numRows) {
            const time = chunk.times[start];
            if (time >= boundary) closeInterval(out);
            // The next interval starts with this row: gaps in the data open no interval.
            if (Number.isNaN(boundary)) boundary = windowEndAfter(time, interval, operator);
            const end = chunk.indexAtTime(boundary);
            train(chunk, vectors, start, end);
            start = end;
          }
        }
        // The interval is over once the whole graph has passed its end.
        if (stepEnd >= boundary) closeInterval(out);
      },
      finish: (out) => {
        if (!Number.isNaN(boundary)) closeInterval(out);
      },
    };
  }

  /** Rows left out by the last run under handleInvalidMethod SKIP (0 under ERROR, which stops instead). */
  getSkippedRowCount(): number {
    return this.skipped?.count ?? 0;
  }

  /** Row index, event time and reason of the first skipped rows of the last run (up to 20). */
  getSkippedRows(): SkippedRow[] {
    return this.skipped === null ? [] : this.skipped.kept.map((s) => ({ ...s }));
  }
}

/** Every coefficient of an emitted model must be finite: a diverged model is an error, never streamed. */
function checkFinite(w: Float64Array, time: number, operator: string): void {
  const k = firstNonFinite(w, 0, w.length);
  if (k < 0) return;
  throw new StreamlabError(
    `${operator}: FTRL diverged: coefficient ${k} is ${javaDoubleToString(w[k])} in the model of event time ${eventTimeText(time)}. ` +
      "The features are too large for this alpha: scale them (e.g. StandardScaler) or lower alpha.",
    { operator },
  );
}

/** A row left out under handleInvalidMethod SKIP. */
export interface SkippedRow {
  /** 0-based index of the row in the trainer's input. */
  row: number;
  /** Its event time (seconds). */
  eventTime: number;
  reason: string;
}

/** How many rows were skipped, with the first few kept so the user can see why. */
class SkippedRows {
  static readonly KEPT = 20;
  count = 0;
  readonly kept: SkippedRow[] = [];

  add(row: number, eventTime: number, reason: string): void {
    this.count++;
    if (this.kept.length < SkippedRows.KEPT) this.kept.push({ row, eventTime, reason });
  }
}

/** The chunk's feature vectors as a vector column; a STRING column of vector strings is parsed here, once per chunk. */
function vectorColumnOf(chunk: StreamChunk, index: number, rowOffset: number, operator: string, name: string): VectorColumn {
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
function readLabels(
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
  let lastText = "";
  let lastY = 0;
  const unknown = (r: number, text: string): never => {
    throw new StreamlabError(
      `${operator}: row ${rowOffset + r - from} (event time ${eventTimeText(chunk.times[r])}) has label ${quote(text)} in ${quote(labelCol)}, ` +
        `but the model's labels are ${quote(positive)} (positive) and ${quote(negative)}.`,
      { operator, row: rowOffset + r - from, column: labelCol, eventTime: chunk.times[r] },
    );
  };
  if (column instanceof NumberColumn && column.type !== "TIMESTAMP") {
    // Numbers: the text (and so the label) only changes when the value does.
    const { values, nulls } = column;
    let lastValue = NaN;
    for (let r = from; r < to; r++) {
      if (nulls !== null && nulls[r] === 1) {
        ys[r - from] = NULL_LABEL;
        continue;
      }
      const value = values[r];
      if (value !== lastValue || (value === 0 && !Object.is(value, lastValue))) {
        const text = labelToString(value, type);
        if (text !== lastText) {
          if (text === positive) lastY = 1;
          else if (text === negative) lastY = 0;
          else unknown(r, text);
          lastText = text;
        }
        lastValue = value;
      }
      ys[r - from] = lastY;
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
