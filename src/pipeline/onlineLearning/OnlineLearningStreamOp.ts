import { NumberColumn, VectorColumn } from "../../core/column";
import { StreamlabError, describeValue } from "../../core/errors";
import { formatTimestamp, javaDoubleToString } from "../../core/javaFormat";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { BatchOperator } from "../../engine/batchOperator";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { PipelineModel } from "../Pipeline";
import { TransformerBase } from "../../base/stages";
import { eventTimeText } from "../../common/rowPosition";
import { TumblingWindows } from "../../stream/timeWindows";
import { FollowedFolder, announcedModels, readFollowedModel } from "../../io/modelStream/follow";
import type { ModelSwapEvent } from "../../base/ModelMapStreamOp";
import { StreamChunk, mergeByTime } from "../../stream/chunk";
import { modelStreamSchema, toModelStreamRows } from "../../io/modelStream/modelStreamRows";
import { RebasingTrainerStreamOp } from "../../onlinelearning/rebasingTrainer";
import { Emitter, StreamTask } from "../../stream/task";
import { NULL_LABEL, RowProblem, columnRowProblem, columnRowsClean, firstEqual, firstNonFinite, vectorRowProblem } from "../../onlinelearning/trainingRows/invalidRows";
import { SkippedRow, SkippedRows, readLabels, vectorColumnOf } from "../../onlinelearning/trainingRows/trainingRows";
import { LinearOnlineLearner, OnlineOptimizerParams, createLearner } from "./optimizers";
import { ONLINE_LEARNING_PARAMS } from "./params";
import { PipelineBase } from "./pipelineBase";
import { DelayedLabelParams } from "../../evaluation/delayedLabels/params";
import { LabelArrival } from "../../evaluation/delayedLabels/labelArrival";
import { PendingLabels, timesOnlyChunk } from "../../evaluation/delayedLabels/pendingLabels";
import { HeldRow, holdColumnsRow, holdVectorRow } from "../../onlinelearning/delayedFeedback/heldRows";

/** Alink's parameters, and streamlab's delayed feedback (labelDelay, labelDelayCol, labelTimeCol, ...). */
const PARAMS = { ...ONLINE_LEARNING_PARAMS, ...DelayedLabelParams };

export interface OnlineLearningStreamOp extends ParamAccessors<OnlineLearningStreamOp, typeof PARAMS> {}

/**
 * Online learning of a pipeline model's last stage (Alink's `OnlineLearningStreamOp`, present in
 * Alink 1.6.0 as `com.alibaba.alink.operator.stream.onlinelearning.OnlineLearningStreamOp`):
 *
 * ```ts
 * const pipelineModel = new Pipeline(
 *   new StandardScaler().setSelectedCols(["age", "hours"]),
 *   new OneHotEncoder().setSelectedCols(["site"]).setOutputCols(["site_v"]),
 *   new VectorAssembler().setSelectedCols(["age", "hours", "site_v"]).setOutputCol("vec"),
 *   new LogisticRegression().setVectorCol("vec").setLabelCol("click").setPredictionCol("pred"),
 * ).fit(batchData);
 * const models = new OnlineLearningStreamOp(pipelineModel)
 *   .setOptimMethod("ADAM").setLearningRate(0.01).setTimeInterval(600)
 *   .linkFrom(trainStream);
 * new PipelinePredictStreamOp(pipelineModel).linkFrom(testStream, models);
 * ```
 *
 * Every training row goes through the pipeline's stages but the last (fixed feature engineering);
 * the last stage — a binary `LogisticRegressionModel` — learns from the result with `optimMethod`
 * (FTRL, ADAM, RMSprop, ADAGRAD, SGD, MOMENTUM; Alink's update rules, see `optimizers.ts`), reading
 * its features and label where its model says (the model's vector column or feature columns, and
 * its label column). Rows are averaged into mini-batches of `miniBatchSize`.
 *
 * The output is a model stream of **whole packed pipeline models** (`alinkmodelstreamtimestamp`,
 * `alinkmodelstreamcount`, then the `id, p0, …` table of `PipelineModel.save()`): the other stages'
 * rows unchanged, the last stage's rows with the current coefficients. Emission is in event time,
 * as FtrlTrainStreamOp's: at the end of every `timeInterval` interval in which rows were trained
 * (pending mini-batch applied first), timestamped with that end; quiet intervals emit nothing; the
 * end of a bounded stream emits the last interval's model.
 *
 * **Rebase** (`setModelStreamFilePath(dir)`): the op follows a folder of packed pipeline models,
 * e.g. a batch job's `pipelineModel.save()` linked into `AppendModelStreamFileSinkBatchOp`. When the
 * model with timestamp T arrives (event time T, the folder listed once at the start, and in a paced
 * run also scanned live, as in FtrlTrainStreamOp) the whole pipeline is replaced — feature stages and last-stage coefficients —
 * and the optimizer starts afresh (Alink builds a new kernel: FTRL's n and z, the moments and ADAM's
 * bias correction restart; the pending mini-batch is dropped). A model that cannot be used (not
 * readable, another packed schema, last stage not a binary LR, other labels, columns missing) is
 * refused: {@link getModelRebases} records why and training goes on.
 *
 * Bad rows, as FtrlTrainStreamOp: a null label or null / NaN / ±Infinity features (after the
 * feature stages) are an error naming the row, or skipped and counted under `handleInvalidMethod`
 * SKIP; a label outside the last stage's two labels (compared by text) and a vector of another size
 * than the model's are always errors.
 *
 * Differences from Alink, each deliberate: event-time emission instead of processing-time ticks;
 * fixed mini-batches (Alink's batch is what arrived while the last update was in flight); a
 * one-stage pipeline works (Alink's mapper chain fails on it); labels compared by text (Java's
 * `equals` treats a Long 1 as not-positive); dense vectors get the true gradient (Alink's kernel
 * adds x_i instead of (p − y)·x_i for the first row of a mini-batch that touches a dense
 * coordinate, in 1.6.0 too); a diverged model (non-finite coefficient) is an error, never emitted.
 *
 * **Delayed feedback** (streamlab's addition; `labelDelay`, `labelDelayCol`, `labelTimeCol`, as in
 * FtrlTrainStreamOp): a row goes through the feature stages when it arrives and is learnt from when
 * its label arrives (row time + delay), labels in arrival order (ties: input order), the intervals
 * and models following the label times. A row whose label arrives after a rebase was featurised by
 * the pipeline replaced: it no longer counts, like Alink's dropped mini-batch
 * ({@link getDroppedLabelCount}). Rows held ≈ rate × delay (at most `maxLabelDelay` seconds of rows).
 */
export class OnlineLearningStreamOp extends RebasingTrainerStreamOp {
  static override readonly PARAMS = PARAMS;
  private readonly initModel: BatchOperator | Table;
  private skipped: SkippedRows | null = null;
  /** Delayed feedback: rows of the last run whose labels arrived after a rebase (not learnt from). */
  private droppedLabels = 0;
  protected readonly rebaseModels = "pipeline models";

  /** `model`: a fitted PipelineModel, or a batch operator / table holding a packed pipeline model (e.g. `pipelineModel.save()`). */
  constructor(model: PipelineModel | BatchOperator | Table, params?: ParamInit<typeof PARAMS>) {
    super(params);
    const operator = "OnlineLearningStreamOp";
    if (model instanceof PipelineModel) {
      // Packed once: every run starts from the same table (save() stamps the time it is called).
      try {
        this.initModel = (model.save() as BatchOperator).getOutputTable();
      } catch (error) {
        if (!(error instanceof StreamlabError)) throw error;
        throw new StreamlabError(`${operator}: the pipeline model cannot be packed: ${error.message}`, { ...error.context, operator });
      }
    } else if (model instanceof Table || BatchOperator.isBatchOperator(model)) {
      this.initModel = model;
    } else {
      const given: unknown = model;
      const stage = given instanceof TransformerBase ? ` (a single stage: wrap it, new OnlineLearningStreamOp(new PipelineModel(${(given as TransformerBase).operatorName.replace(/^./, (c) => c.toLowerCase())})))` : "";
      throw new StreamlabError(
        `${operator}: Online algo: initial model is ${given === null || given === undefined ? "null" : describeValue(given)}${stage}. ` +
          "Pass the pipeline model to start from: a fitted PipelineModel, or a batch operator holding a packed pipeline model (pipelineModel.save()).",
        { operator },
      );
    }
  }

  /** Delayed feedback: rows of the last run featurised before a rebase whose labels arrived after it (not learnt from). */
  getDroppedLabelCount(): number {
    return this.droppedLabels;
  }

  /** Rows left out by the last run under handleInvalidMethod SKIP. */
  getSkippedRowCount(): number {
    return this.skipped?.count ?? 0;
  }

  /** Row index, event time and reason of the first skipped rows of the last run (up to 20). */
  getSkippedRows(): SkippedRow[] {
    return this.skipped === null ? [] : this.skipped.kept.map((s) => ({ ...s }));
  }

  private initTable(): Table {
    return this.initModel instanceof Table ? this.initModel : this.initModel.getOutputTable();
  }

  private initSchema(): Schema {
    return this.initModel instanceof Table ? this.initModel.schema : this.initModel.getSchema();
  }

  private optimizerParams(): OnlineOptimizerParams {
    const method = this.getOptimMethod();
    const params: OnlineOptimizerParams = {
      method,
      learningRate: this.getLearningRate(),
      alpha: this.getAlpha(),
      beta: this.getBeta(),
      l1: this.getL1(),
      l2: this.getL2(),
      gamma: this.getGamma(),
      beta1: this.getBeta1(),
      beta2: this.getBeta2(),
    };
    // β = 1 would divide ADAM's bias correction by 1 − 1 = 0 (NaN from the first step; Alink accepts it).
    for (const name of ["beta1", "beta2"] as const) {
      if (method === "ADAM" && params[name] >= 1) {
        throw new StreamlabError(`${this.operatorName}: ${name} is ${params[name]}; ADAM needs ${name} < 1 (its bias correction divides by 1 − ${name}ᵗ).`, {
          operator: this.operatorName,
          param: name,
        });
      }
    }
    return params;
  }

  protected outputSchema(inputSchemas: readonly Schema[]): Schema {
    PipelineBase.load(this.initTable(), inputSchemas[inputSchemas.length - 1], this.operatorName, "the initial pipeline model");
    this.optimizerParams();
    LabelArrival.of(this, inputSchemas[inputSchemas.length - 1], this.operatorName);
    return modelStreamSchema(this.initSchema());
  }

  createTask(inputSchemas: readonly Schema[]): StreamTask {
    const operator = this.operatorName;
    const dataSchema = inputSchemas[inputSchemas.length - 1];
    const folder = this.followedFolder();
    const dataIndex = folder === null ? 0 : 1;
    const rebases: ModelSwapEvent[] = [];
    this.rebases = rebases;
    const packedSchema = this.initSchema();
    const optimizer = this.optimizerParams();
    let base = PipelineBase.load(this.initTable(), dataSchema, operator, "the initial pipeline model");
    let learner: LinearOnlineLearner = createLearner(base.model.coefVector, base.model.hasInterceptItem, optimizer);
    const interval = this.getTimeInterval();
    const miniBatch = this.getMiniBatchSize();
    const skipInvalid = this.getHandleInvalidMethod() === "SKIP";
    const skipped = new SkippedRows();
    this.skipped = skipped;
    let rowsSeen = 0;
    // Rows trained in the interval being filled.
    let trainedInInterval = 0;

    const emitModel = (time: number, out: Emitter) => {
      if (learner.pending > 0) learner.applyBatch();
      checkFinite(learner.w, time, operator, optimizer.method);
      const table = base.packedWith(learner.w);
      out.emit(new StreamChunk(toModelStreamRows(table, Math.round(time * 1000)), new Float64Array(table.numRows).fill(time)), 0);
    };

    /** The model intervals; closing one emits its model if rows were trained in it. */
    const intervals = new TumblingWindows<Emitter>(interval, operator, (end, out) => {
      if (trainedInInterval > 0) emitModel(end, out);
      trainedInInterval = 0;
    });

    const invalidRow = (times: Float64Array, r: number, problem: RowProblem) => {
      const row = rowsSeen + r;
      const time = times[r];
      const where = `row ${row} (event time ${eventTimeText(time)})`;
      if (!skipInvalid) {
        throw new StreamlabError(
          `${operator}: ${where}: ${problem.what}. The last stage cannot learn from it; set handleInvalidMethod to "SKIP" to leave such rows out (they are counted).`,
          { operator, row, column: problem.column, eventTime: time },
        );
      }
      skipped.add(row, time, `${where}: ${problem.what}`);
    };

    // Delayed feedback: rows are held (featurised) until their labels arrive. Null: no delay.
    const arrival = LabelArrival.of(this, dataSchema, operator);
    const held = new PendingLabels<{ row: HeldRow; base: PipelineBase }>();
    this.droppedLabels = 0;
    /** Set while a chunk's rows are held instead of trained: holds row r of the chunk being read. */
    let hold: ((row: HeldRow, r: number) => void) | null = null;

    /** Learns every held row whose label arrives by `time` (before `time` when `strict`), cut by model interval. */
    const learnThrough = (time: number, out: Emitter, strict = false) => {
      const next = held.nextTime;
      if (strict ? !(next < time) : !(next <= time)) return;
      const items: { row: HeldRow; base: PipelineBase }[] = [];
      const times: number[] = [];
      held.releaseThrough(time, (item, at) => {
        items.push(item);
        times.push(at);
      }, strict);
      intervals.feed(timesOnlyChunk(Float64Array.from(times)), out, (from, to) => {
        for (let i = from; i < to; i++) {
          const { row, base: featurisedBy } = items[i];
          if (featurisedBy !== base) {
            this.droppedLabels++;
            continue;
          }
          learner.accumulate(row.indices, row.values, 0, row.indices.length, row.y);
          trainedInInterval++;
          if (learner.pending >= miniBatch) learner.applyBatch();
        }
      });
    };

    /** The rows of a mapped chunk under delayed feedback: at each row's time, labels arrived by then are learnt, then the row is held. */
    const arrive = (mapped: StreamChunk, vectors: VectorColumn | null, out: Emitter) => {
      const labelTimes = arrival!.labelTimes(mapped);
      const featurisedBy = base;
      hold = (row, r) => held.push(labelTimes[r], { row, base: featurisedBy });
      try {
        for (let r = 0; r < mapped.numRows; r++) {
          const t = mapped.times[r];
          learnThrough(t, out);
          intervals.advanceTo(t, out);
          train(mapped, vectors, r, r + 1);
        }
      } finally {
        hold = null;
      }
    };

    /** Trains rows [from, to) of a chunk already mapped by the feature stages (`times`: the chunk's event times). */
    const train = (mapped: StreamChunk, vectors: VectorColumn | null, from: number, to: number) => {
      const b = base;
      const labelCol = b.labelCol;
      // readLabels names rows by (rowOffset + r − from): rowsSeen + from makes that the input row.
      const ys = readLabels(mapped, b.labelIndex, mapped.table.schema.types[b.labelIndex], from, to, b.positiveText, b.negativeText, rowsSeen + from, operator, labelCol);
      const vectorSize = b.model.vectorSize;
      if (vectors !== null) {
        const { sizes, offsets, indices, values } = vectors;
        const vectorCol = b.vectorCol!;
        const noNulls = firstEqual(vectors.nulls, from, to) < 0 && firstEqual(ys, 0, ys.length, NULL_LABEL) < 0;
        for (let r = from; r < to; r++) {
          const y = ys[r - from];
          if (!noNulls && (y === NULL_LABEL || vectors.isNull(r))) {
            invalidRow(mapped.times, r, vectorRowProblem(vectors, r, y, labelCol, vectorCol)!);
            continue;
          }
          if (sizes[r] !== vectorSize) {
            throw new StreamlabError(
              `${operator}: row ${rowsSeen + r} (event time ${eventTimeText(mapped.times[r])}): the feature stages made ` +
                (sizes[r] < 0 ? `a sparse vector without a size` : `a vector of size ${sizes[r]}`) +
                ` in ${JSON.stringify(vectorCol)}, but the last stage's model has ${vectorSize} features.`,
              { operator, row: rowsSeen + r, column: vectorCol, eventTime: mapped.times[r] },
            );
          }
          if (hold !== null) {
            const problem = vectorRowProblem(vectors, r, y, labelCol, vectorCol);
            if (problem !== null) invalidRow(mapped.times, r, problem);
            else hold(holdVectorRow(vectors, r, y, NaN), r);
            continue;
          }
          const p = learner.accumulate(indices, values, offsets[r], offsets[r + 1], y);
          if (p !== p) {
            const problem = vectorRowProblem(vectors, r, y, labelCol, vectorCol);
            if (problem !== null) {
              invalidRow(mapped.times, r, problem);
              continue;
            }
          }
          trainedInInterval++;
          if (learner.pending >= miniBatch) learner.applyBatch();
        }
      } else {
        const names = b.featureIndices!.map((i) => mapped.table.schema.names[i]);
        const idx = Int32Array.from(names, (_, k) => k);
        const vals = new Float64Array(names.length);
        const columns = b.featureIndices!.map((i) => mapped.table.columns[i] as NumberColumn);
        const clean = columnRowsClean(columns, from, to, ys);
        for (let r = from; r < to; r++) {
          const y = ys[r - from];
          if (!clean) {
            const problem = columnRowProblem(columns, names, r, y, labelCol);
            if (problem !== null) {
              invalidRow(mapped.times, r, problem);
              continue;
            }
          }
          for (let k = 0; k < columns.length; k++) vals[k] = columns[k].values[r];
          if (hold !== null) {
            hold(holdColumnsRow(idx, vals, y, NaN), r);
            continue;
          }
          learner.accumulate(idx, vals, 0, vals.length, y);
          trainedInInterval++;
          if (learner.pending >= miniBatch) learner.applyBatch();
        }
      }
    };

    let refused = 0;
    /** The pipeline models of the followed folder announced at event time `time`: rebase to each, or refuse it. */
    const rebase = (followed: FollowedFolder, chunk: StreamChunk, out: Emitter) => {
      const time = chunk.lastTime;
      // Labels that arrived before the model are learnt from first (those arriving at its time, after).
      if (arrival !== null) learnThrough(time, out, true);
      // The interval before the model closes with the pipeline it trained.
      intervals.advanceTo(time, out);
      for (const announced of announcedModels(chunk.table)) {
        const event: ModelSwapEvent = { eventTime: time, timestampMs: announced.timestampMs, ok: true };
        try {
          const table = readFollowedModel(followed, announced, packedSchema, operator);
          const next = PipelineBase.load(table, dataSchema, operator, `the pipeline model of ${formatTimestamp(announced.timestampMs)} in ${followed.root}`);
          if (next.positiveText !== base.positiveText || next.negativeText !== base.negativeText) {
            throw new StreamlabError(
              `${operator}: the pipeline model of ${formatTimestamp(announced.timestampMs)} has labels ${next.positiveText}, ${next.negativeText}; the trained pipeline's are ${base.positiveText}, ${base.negativeText}.`,
              { operator },
            );
          }
          // Alink loads a new kernel: fresh optimizer state; rows of a pending mini-batch no longer count.
          base = next;
          learner = createLearner(next.model.coefVector, next.model.hasInterceptItem, optimizer);
        } catch (error) {
          if (!(error instanceof StreamlabError)) throw error;
          event.ok = false;
          event.error = error.message;
          if (++refused <= 3) {
            console.warn(
              `${operator}: not rebased to the pipeline model of ${formatTimestamp(announced.timestampMs)} in ${followed.root} (event time ${eventTimeText(time)}); ` +
                `training goes on from the current pipeline. ${event.error}`,
            );
          }
        }
        rebases.push(event);
      }
    };

    return {
      process: (inputs, stepEnd, out) => {
        const chunks: Iterable<[number, StreamChunk]> = folder === null ? inputs[0].map((c) => [0, c] as [number, StreamChunk]) : mergeByTime(inputs);
        for (const [index, chunk] of chunks) {
          if (chunk.numRows === 0) continue;
          if (index !== dataIndex) {
            rebase(folder!, chunk, out);
            continue;
          }
          // The feature stages of the pipeline in force (a rebase inside a chunk splits it: mergeByTime).
          const mapped = new StreamChunk(base.features.map(chunk.table, { firstRow: rowsSeen, times: chunk.times }), chunk.times);
          const vectors = base.vectorIndex < 0 ? null : vectorColumnOf(mapped, base.vectorIndex, rowsSeen, operator, base.vectorCol!);
          if (arrival !== null) arrive(mapped, vectors, out);
          // A row opens the interval it falls in: gaps in the data open none.
          else intervals.feed(mapped, out, (start, end) => train(mapped, vectors, start, end));
          rowsSeen += chunk.numRows;
        }
        // Labels up to stepEnd are final (a later row at stepEnd would learn them first).
        if (arrival !== null) learnThrough(stepEnd, out);
        // The interval is over once the whole graph has passed its end.
        intervals.advanceTo(stepEnd, out);
      },
      finish: (out) => {
        if (arrival !== null) learnThrough(Infinity, out);
        intervals.flush(out);
        if (refused > 3) console.warn(`${operator}: ${refused} of ${rebases.length} pipeline models were not rebased to in this run; getModelRebases() lists each with its reason.`);
      },
    };
  }
}

/** Every coefficient of an emitted model must be finite: a diverged model is an error, never streamed. */
function checkFinite(w: Float64Array, time: number, operator: string, method: string): void {
  const k = firstNonFinite(w, 0, w.length);
  if (k < 0) return;
  throw new StreamlabError(
    `${operator}: ${method} diverged: coefficient ${k} of the last stage is ${javaDoubleToString(w[k])} in the model of event time ${eventTimeText(time)}. ` +
      "The features are too large for this step size: scale them (e.g. StandardScaler) or lower learningRate / alpha.",
    { operator },
  );
}
