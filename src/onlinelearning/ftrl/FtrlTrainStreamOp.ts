import { Column, NumberColumn, StringColumn, Value, VectorColumn } from "../../core/column";
import { StreamlabError, quote } from "../../core/errors";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { isNumericType } from "../../core/types";
import { BatchOperator } from "../../engine/batchOperator";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { LinearModelData, linearModelFromTable } from "../../classification/linear/model";
import { labelToString } from "../../classification/linear/labels";
import { computeExactBinaryMetrics } from "../../evaluation/binary/exactMetrics";
import { StreamChunk } from "../../stream/chunk";
import { modelStreamSchema, toModelStreamRows } from "../../stream/modelStream";
import { StreamOperator } from "../../stream/streamOperator";
import { Emitter, StreamTask, isPortConnected } from "../../stream/task";
import { FtrlLearner } from "./FtrlLearner";
import { LinearModelTableWriter } from "./modelTableWriter";
import { FTRL_TRAIN_PARAMS } from "./params";

const PARAMS = FTRL_TRAIN_PARAMS;

export interface FtrlTrainStreamOp extends ParamAccessors<FtrlTrainStreamOp, typeof PARAMS> {}

/** Side output 0: the trainer's own progressive-validation quality per model interval. */
const PROGRESS_SCHEMA = new Schema(
  ["window_start", "window_end", "samples", "logloss", "accuracy", "auc"],
  ["TIMESTAMP", "TIMESTAMP", "BIGINT", "DOUBLE", "DOUBLE", "DOUBLE"],
);

/** At most this many models are emitted for one gap in the data; longer gaps skip to the latest. */
const MAX_EMISSIONS_PER_GAP = 1000;

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
 * `alinkmodelstreamcount`, then the linear model table): a model at every multiple of
 * `timeInterval` seconds of **event time**, holding every training row before that time
 * (streamlab applies the pending mini-batch before emitting; Alink's processing-time ticks do not),
 * plus a final model when the stream ends. Timestamps are the event times, so predictors switch
 * to model k exactly at its time, on every run.
 *
 * `getSideOutput(0)` is the trainer's progressive validation: for each interval, the log loss,
 * accuracy and exact AUC of the predictions it made on each row just before learning from it.
 *
 * Labels must be one of the initial model's two labels (compared by their text, so 1 and "1"
 * match — Java's `equals` would silently treat a Long 1 as negative); vectors must have exactly
 * `vectorSize` features (errata E6).
 */
export class FtrlTrainStreamOp extends StreamOperator {
  static override readonly PARAMS = PARAMS;
  private readonly initModel: BatchOperator | Table;

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
    return linearModelFromTable(table, this.operatorName);
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
    const vectorSize = model.vectorSize;
    let nextEmission = NaN;
    let rowsSeen = 0;
    let trainedSinceEmission = 0;
    // Progressive validation of the current interval.
    let probs = new Float64Array(1024);
    let labels = new Uint8Array(1024);
    let windowCount = 0;

    // Every emitted model is this one with the current coefficients.
    const template: LinearModelData = { ...model, vectorColName: this.getVectorCol(), featureNames: featureIndices === null ? null : this.getFeatureCols(), featureTypes: null, labelName: null };
    const writer = new LinearModelTableWriter(template);

    const emit = (time: number, out: Emitter) => {
      if (learner.pending > 0) learner.applyBatch();
      const table = new Table(modelTableSchema, writer.write(learner.w).columns);
      out.emit(new StreamChunk(toModelStreamRows(table, Math.round(time * 1000)), new Float64Array(table.numRows).fill(time)), 0);
      // The progress side output costs a sort per interval: only made when something reads it.
      if (isPortConnected(out, 1)) out.emit(progress(time), 1);
      else windowCount = 0;
      trainedSinceEmission = 0;
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
      const row = [new Date((end - interval) * 1000), new Date(end * 1000), n, n > 0 ? loss / n : NaN, n > 0 ? correct / n : NaN, auc];
      windowCount = 0;
      return new StreamChunk(Table.fromRows([row], PROGRESS_SCHEMA), Float64Array.of(end));
    };

    const fireTimers = (upTo: number, out: Emitter) => {
      if (Number.isNaN(nextEmission)) return;
      let fired = 0;
      while (upTo >= nextEmission) {
        if (fired++ >= MAX_EMISSIONS_PER_GAP) {
          nextEmission = (Math.floor(upTo / interval) + 1) * interval;
          break;
        }
        emit(nextEmission, out);
        nextEmission += interval;
      }
    };

    const train = (chunk: StreamChunk, from: number, to: number) => {
      const ys = readLabels(chunk.table.columns[labelIndex], labelType, from, to, positiveText, negativeText, rowsSeen, operator, this.getLabelCol());
      if (windowCount + (to - from) > probs.length) {
        const capacity = Math.max(probs.length * 2, windowCount + (to - from));
        const p = new Float64Array(capacity);
        p.set(probs.subarray(0, windowCount));
        const l = new Uint8Array(capacity);
        l.set(labels.subarray(0, windowCount));
        probs = p;
        labels = l;
      }
      if (featureIndices === null) {
        const vectors = vectorColumnOf(chunk.table.columns[vectorIndex], operator, this.getVectorCol()!);
        const { nulls, sizes, offsets, indices, values } = vectors;
        for (let r = from; r < to; r++) {
          if (nulls !== null && nulls[r] === 1) throw new StreamlabError(`${operator}: row ${rowsSeen + r - from} has a null feature vector.`, { operator, row: rowsSeen + r - from });
          if (sizes[r] !== vectorSize) {
            throw new StreamlabError(
              `${operator}: row ${rowsSeen + r - from} has a vector of size ${sizes[r]}, but vectorSize is ${vectorSize} (errata E6: training vectors need exactly the model's size).`,
              { operator, row: rowsSeen + r - from, column: this.getVectorCol()! },
            );
          }
          const y = ys[r - from];
          probs[windowCount] = learner.accumulate(indices, values, offsets[r], offsets[r + 1], y);
          labels[windowCount++] = y;
          if (learner.pending >= miniBatch) learner.applyBatch();
        }
      } else {
        const idx = Int32Array.from(featureIndices, (_, k) => k);
        const vals = new Float64Array(featureIndices.length);
        const columns = featureIndices.map((i) => chunk.table.columns[i] as NumberColumn);
        for (let r = from; r < to; r++) {
          for (let k = 0; k < columns.length; k++) {
            if (columns[k].isNull(r)) throw new StreamlabError(`${operator}: row ${rowsSeen + r - from} has a null in feature column ${quote(this.getFeatureCols()![k])}.`, { operator, row: rowsSeen + r - from });
            vals[k] = columns[k].values[r];
          }
          const y = ys[r - from];
          probs[windowCount] = learner.accumulate(idx, vals, 0, vals.length, y);
          labels[windowCount++] = y;
          if (learner.pending >= miniBatch) learner.applyBatch();
        }
      }
      rowsSeen += to - from;
      trainedSinceEmission += to - from;
    };

    return {
      process: (inputs, stepEnd, out) => {
        for (const chunk of inputs[0]) {
          if (chunk.numRows === 0) continue;
          if (Number.isNaN(nextEmission)) nextEmission = (Math.floor(chunk.firstTime / interval) + 1) * interval;
          let start = 0;
          while (start < chunk.numRows) {
            fireTimers(chunk.times[start], out);
            const end = chunk.indexAtTime(nextEmission);
            train(chunk, start, end);
            start = end;
          }
        }
        fireTimers(stepEnd, out);
      },
      finish: (out) => {
        if (trainedSinceEmission > 0 && !Number.isNaN(nextEmission)) emit(nextEmission, out);
      },
    };
  }
}

function vectorColumnOf(column: Column, operator: string, name: string): VectorColumn {
  if (column instanceof VectorColumn) return column;
  throw new StreamlabError(`${operator}: vectorCol ${quote(name)} holds strings; parse it into a vector column first (e.g. declare it VECTOR in the schema).`, {
    operator,
    param: "vectorCol",
  });
}

/** 1/0 per row for the positive/negative label; any other label is an error naming the row. */
function readLabels(
  column: Column,
  type: Schema["types"][number],
  from: number,
  to: number,
  positive: string,
  negative: string,
  rowOffset: number,
  operator: string,
  labelCol: string,
): Uint8Array {
  const ys = new Uint8Array(to - from);
  let lastText = "";
  let lastY = 0;
  if (column instanceof NumberColumn && column.type !== "TIMESTAMP") {
    // Numbers: the text (and so the label) only changes when the value does.
    const { values, nulls } = column;
    let lastValue = NaN;
    for (let r = from; r < to; r++) {
      if (nulls !== null && nulls[r] === 1) {
        throw new StreamlabError(`${operator}: row ${rowOffset + r - from} has a null label in ${quote(labelCol)}.`, { operator, row: rowOffset + r - from, column: labelCol });
      }
      const value = values[r];
      if (value !== lastValue || (value === 0 && !Object.is(value, lastValue))) {
        const text = labelToString(value, type);
        if (text !== lastText) {
          if (text === positive) lastY = 1;
          else if (text === negative) lastY = 0;
          else {
            throw new StreamlabError(
              `${operator}: row ${rowOffset + r - from} has label ${quote(text)} in ${quote(labelCol)}, but the model's labels are ${quote(positive)} (positive) and ${quote(negative)}.`,
              { operator, row: rowOffset + r - from, column: labelCol },
            );
          }
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
      throw new StreamlabError(`${operator}: row ${rowOffset + r - from} has a null label in ${quote(labelCol)}.`, { operator, row: rowOffset + r - from, column: labelCol });
    }
    const text = column instanceof StringColumn ? (value as string) : labelToString(value, type);
    if (text !== lastText) {
      if (text === positive) lastY = 1;
      else if (text === negative) lastY = 0;
      else {
        throw new StreamlabError(
          `${operator}: row ${rowOffset + r - from} has label ${quote(text)} in ${quote(labelCol)}, but the model's labels are ${quote(positive)} (positive) and ${quote(negative)}.`,
          { operator, row: rowOffset + r - from, column: labelCol },
        );
      }
      lastText = text;
    }
    ys[r - from] = lastY;
  }
  return ys;
}

