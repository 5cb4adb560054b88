import { NumberColumn, VectorColumn } from "../../core/column";
import { StreamlabError, quote } from "../../core/errors";
import { javaDoubleToString } from "../../core/javaFormat";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { isNumericType } from "../../core/types";
import { BatchOperator } from "../../engine/batchOperator";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { LinearModelData, linearModelFromTable } from "../../classification/linear/model";
import { labelToString } from "../../common/labels";
import { ProgressiveValidation } from "../../evaluation/binaryClass/progressiveValidation";
import { eventTimeText } from "../../common/rowPosition";
import { TumblingWindows } from "../../stream/timeWindows";
import { StreamChunk, mergeByTime } from "../../stream/chunk";
import { FollowedFolder, announcedModels, readFollowedModel } from "../../io/modelStream/follow";
import { formatTimestamp } from "../../core/javaFormat";
import type { ModelSwapEvent } from "../../base/ModelMapStreamOp";
import { modelStreamSchema, toModelStreamRows } from "../../io/modelStream/modelStreamRows";
import { RebasingTrainerStreamOp } from "../rebasingTrainer";
import { Emitter, StreamTask, isPortConnected } from "../../stream/task";
import { FtrlLearner, sigmoid } from "./FtrlLearner";
import { NULL_LABEL, RowProblem, columnRowProblem, columnRowsClean, firstEqual, firstNonFinite, vectorRowProblem } from "../trainingRows/invalidRows";
import { LinearModelTableWriter } from "./modelTableWriter";
import { FTRL_TRAIN_PARAMS } from "./params";
import { SkippedRow, SkippedRows, readLabels, vectorColumnOf } from "../trainingRows/trainingRows";
import { DelayedLabelParams } from "../../evaluation/delayedLabels/params";
import { LabelArrival } from "../../evaluation/delayedLabels/labelArrival";
import { PendingLabels, timesOnlyChunk } from "../../evaluation/delayedLabels/pendingLabels";
import { HeldRow, holdColumnsRow, holdVectorRow } from "../delayedFeedback/heldRows";
import { FTRL_DRIFT_PARAMS } from "../driftTrigger/params";
import { DriftTriggerEvent, DriftTriggerInput } from "../driftTrigger/driftTrigger";

export type { SkippedRow } from "../trainingRows/trainingRows";

/** Alink's FTRL parameters, and streamlab's delayed feedback (labelDelay, labelDelayCol, labelTimeCol, ...) and drift trigger (driftAction, triggerOnWarning). */
const PARAMS = { ...FTRL_TRAIN_PARAMS, ...DelayedLabelParams, ...FTRL_DRIFT_PARAMS };

/** Names the detections input in messages. */
const DETECTIONS_INPUT = "the second input of linkFrom(trainData, detections)";

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
 * `getSideOutput(0)` is the trainer's progressive validation (with delayed labels: by label arrival,
 * see below): for each interval that saw rows, the
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
 *
 * **Rebase from a model-stream folder** (`setModelStreamFilePath(dir)`, Alink §6.5, §12.8): the
 * trainer follows the folder's committed models — e.g. a batch job's `LogisticRegressionTrainBatchOp`
 * model appended with `AppendModelStreamFileSinkBatchOp` — and when the model with timestamp T
 * arrives, at event time T, it replaces the coefficients with the model's and resets FTRL's
 * per-coordinate state n and z to 0 (labels kept), as Alink does. Rows with event time ≥ T train
 * from that model; rows before T (also those of a not yet applied mini-batch) no longer count. A
 * model emitted at the end of an interval that held a rebase thus starts from the rebased model.
 * The folder is listed once when the run starts (`modelStreamStartTime`: only models from that
 * timestamp on; null = all, so the newest model written before the stream starts is where training
 * continues from); in an unpaced run, models committed during the run (including the trainer's own,
 * if it writes to the same folder) are not seen; a paced run (`execute({ speedFactor })`) also scans
 * the folder every `modelStreamScanInterval` wall-clock seconds and rebases to the newest model
 * committed meanwhile at the event time reached. A model that cannot be read or does not fit (not a binary LR model,
 * other labels, vectorSize or intercept, non-finite coefficients) is not rebased to:
 * {@link getModelRebases} records it with `ok: false` and the reason, a warning line says so, and
 * training goes on from the current state. Alink rebases whenever its wall-clock scanner sees a new
 * model (and in-flight mini-batches then apply to the new coefficients); streamlab rebases at the
 * model's timestamp in event time, the same on every run.
 *
 * **Delayed feedback** (streamlab's addition): with `labelDelay` (seconds; FIXED, or the mean of a
 * seeded EXPONENTIAL / UNIFORM draw per row), `labelDelayCol` (a per-row delay) or `labelTimeCol`
 * (the label's arrival time), a row is *predicted* when it arrives — with the model as it stands
 * then (the coefficients of the applied mini-batches) — and *learnt from* when its label arrives, at
 * t + delay. Its label is then scored against the prediction that was served, not a re-prediction
 * by the newer model: side output 0 counts each row in the interval its label arrives in. Models
 * follow the label times: an interval emits a model when labels were learnt in it, and the end of a
 * bounded stream learns every label still pending (each at its own time) before the last model.
 * Order, exact and the same on every run: at each row's time t, first every label arriving at or
 * before t is learnt (labels of one time in input order), intervals ending by t close, then the row
 * is predicted; a model of the followed folder with timestamp T comes after the labels arriving
 * before T and before those arriving at T. A row skipped under SKIP counts in the interval it
 * arrived in and is never waited for. Delays must be finite, ≥ 0 and ≤ `maxLabelDelay` (an error
 * names the row, column or parameter otherwise); the rows waiting — their features copied out of
 * the chunk — are about rate × delay, at most the rows of the last `maxLabelDelay` seconds.
 * `labelDelay` 0 gives exactly the models and progress of no delay.
 *
 * This is River's delayed progressive validation (`evaluate.progressive_val_score(dataset, model,
 * metric, moment, delay)`, `stream.simulate_qa`) with `moment` = the event time: same order of
 * predictions and learning, ties included. Differences: River's delay without `moment` counts rows
 * (its delays 0 and 1 both learn a row before the next one; streamlab's equivalent is `labelDelay` d
 * on a stream timed by timePerSample 1); River learns row by row where FTRL here steps every
 * `miniBatchSize` rows (a prediction sees only applied mini-batches; miniBatchSize 1 is River's
 * case); River reports a cumulative metric where side output 0 has one row per interval.
 *
 * **Acting on drift** (streamlab's addition): `linkFrom(trainData, detections)` with the detections
 * stream of a drift detector (`getSideOutput(0)` of `DdmDriftDetectStreamOp`, ...; typically one
 * watching a fixed monitoring model's errors or the label rate — the graph cannot loop back from
 * this trainer's own models). A detection of kind "drift" (also "warning" with `triggerOnWarning`)
 * at event time T does what `driftAction` says:
 * - RESET (default): the coefficients become the initial model's and FTRL's n and z are zeroed —
 *   the models after T are exactly those of a new `FtrlTrainStreamOp(initModel)` fed the rows from
 *   T on (with delayed labels: the rows whose labels arrive from T on);
 * - REBASE: the same, from the newest model of `modelStreamFilePath` rebased to before T (the
 *   initial model when none has been yet): e.g. the last batch retraining of a nightly job;
 * - NONE: nothing but the record.
 * Order, the same on every run: at T, first (delayed labels) the labels arriving before T are
 * learnt and the interval that ended before T closes (its model is what it trained); then the state
 * is reset — rows before T in the pending mini-batch no longer count — and **a model is emitted at
 * T** (timestamp T), so predictors following the stream switch at the drift; rows at T and after
 * (labels arriving at T and after, also of rows that came before T) train from the reset state. At
 * equal event times a folder model comes before a drift (so RESET wins), and a drift before the
 * rows. An interval that ends exactly at T closes with the reset state: its model is the one emitted
 * at T (never two models of one timestamp; two drifts in one millisecond emit one). The model
 * emitted at T is not a trained interval: the next model follows only once rows have trained after
 * T. Side output 0 is unchanged (an interval's progress still scores the predictions made before
 * T). {@link getDriftActions} lists every acting detection of the last run with what was done.
 */
export class FtrlTrainStreamOp extends RebasingTrainerStreamOp {
  static override readonly PARAMS = PARAMS;
  private readonly initModel: BatchOperator | Table;
  /** Rows skipped by the last run (handleInvalidMethod SKIP). */
  private skipped: SkippedRows | null = null;
  protected readonly rebaseModels = "models";
  protected override readonly acceptsDriftDetections = true;
  /** Drifts acted on by the last run (the running task fills it). */
  private driftActions: DriftTriggerEvent[] = [];

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

  /** The training stream's schema (the last input: the hidden folder source, if any, is input 0). */
  private dataSchema(inputSchemas: readonly Schema[]): Schema {
    return inputSchemas[inputSchemas.length - 1];
  }

  protected outputSchema(inputSchemas: readonly Schema[]): Schema {
    this.driftTrigger(inputSchemas);
    this.features(this.dataSchema(inputSchemas), this.initData());
    LabelArrival.of(this, this.dataSchema(inputSchemas), this.operatorName);
    return modelStreamSchema(this.initSchema());
  }

  protected override sideOutputSchema(): Schema {
    return PROGRESS_SCHEMA;
  }

  /** The detections input (linkFrom's second), checked; null when none is linked. */
  private driftTrigger(inputSchemas: readonly Schema[]): DriftTriggerInput | null {
    const index = this.inputLayout(inputSchemas.length).detections;
    if (index < 0) return null;
    const trigger = new DriftTriggerInput(inputSchemas[index], this.operatorName, DETECTIONS_INPUT, this.getTriggerOnWarning());
    if (this.getDriftAction() === "REBASE" && this.followedFolder() === null) {
      throw new StreamlabError(
        `${this.operatorName}: driftAction REBASE goes back to the newest model of modelStreamFilePath, which is not set; set modelStreamFilePath, or driftAction RESET to go back to the initial model.`,
        { operator: this.operatorName, param: "driftAction" },
      );
    }
    return trigger;
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

  createTask(inputSchemas: readonly Schema[]): StreamTask {
    const operator = this.operatorName;
    const input = this.dataSchema(inputSchemas);
    const folder = this.followedFolder();
    const layout = this.inputLayout(inputSchemas.length);
    const trigger = this.driftTrigger(inputSchemas);
    const driftAction = this.getDriftAction();
    const driftActions: DriftTriggerEvent[] = [];
    this.driftActions = driftActions;
    const rebases: ModelSwapEvent[] = [];
    this.rebases = rebases;
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
      miniBatchSize: this.getMiniBatchSize(),
    });
    const interval = this.getTimeInterval();
    const miniBatch = this.getMiniBatchSize();
    const skipInvalid = this.getHandleInvalidMethod() === "SKIP";
    const vectorSize = model.vectorSize;
    const skipped = new SkippedRows();
    this.skipped = skipped;
    let rowsSeen = 0;
    // Rows trained and skipped in the interval being filled.
    let trainedInInterval = 0;
    let skippedInInterval = 0;
    // Progressive validation of the current interval.
    const validation = new ProgressiveValidation();
    /**
     * Whether side output 0 is read (fixed for a run; known at the first step). When it is not, the
     * predictions are not kept: nothing would summarise them, and with a long timeInterval keeping
     * them means touching fresh memory for every row (a page fault per 4 KB, ~25 ns a row).
     */
    let scoring = true;

    // Every emitted model is this one with the current coefficients.
    const template: LinearModelData = { ...model, vectorColName: vectorCol, featureNames: featureIndices === null ? null : featureCols, featureTypes: null, labelName: null };
    const writer = new LinearModelTableWriter(template);

    /** Event time of the last model emitted (a drift's model and an interval's must not share a timestamp). */
    let lastModelTime = Number.NaN;
    const emitModel = (time: number, out: Emitter) => {
      lastModelTime = time;
      if (learner.pending > 0) learner.applyBatch();
      checkFinite(learner.w, time, operator);
      const table = new Table(modelTableSchema, writer.write(learner.w).columns);
      out.emit(new StreamChunk(toModelStreamRows(table, Math.round(time * 1000)), new Float64Array(table.numRows).fill(time)), 0);
    };

    /** The model intervals; closing one emits its model (if rows were trained) and its progress row. */
    const intervals = new TumblingWindows<Emitter>(interval, operator, (end, out) => {
      if (trainedInInterval > 0) emitModel(end, out);
      // The progress side output costs a sort per interval: only made when something reads it.
      if (isPortConnected(out, 1)) out.emit(progress(end), 1);
      validation.reset();
      trainedInInterval = 0;
      skippedInInterval = 0;
    });

    const progress = (end: number): StreamChunk => {
      const { samples, logloss, accuracy, auc } = validation.summary([positiveText, negativeText]);
      const row = [new Date((end - interval) * 1000), new Date(end * 1000), samples, logloss, accuracy, auc, skippedInInterval];
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
      if (scoring) validation.reserve(to - from);
      // Rows trained by this call, added to the interval's count once at the end (a local in the hot loop).
      let trained = 0;
      if (vectors !== null) {
        const { sizes, offsets, indices, values } = vectors;
        // Null vectors and labels: one scan of the chunk's masks (a numeric label column's own mask,
        // often absent, rather than the label codes). Non-finite values: the learner refuses the row
        // (NaN back) while computing its margin, so clean rows cost no extra pass.
        const labels = chunk.table.columns[labelIndex];
        const noNullLabels = labels instanceof NumberColumn ? firstEqual(labels.nulls, from, to) < 0 : firstEqual(ys, 0, ys.length, NULL_LABEL) < 0;
        const noNulls = firstEqual(vectors.nulls, from, to) < 0 && noNullLabels;
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
          if (scoring) validation.add(p, y);
          trained++;
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
          const p = learner.accumulate(idx, vals, 0, vals.length, y);
          if (scoring) validation.add(p, y);
          trained++;
          if (learner.pending >= miniBatch) learner.applyBatch();
        }
      }
      trainedInInterval += trained;
      rowsSeen += to - from;
    };

    // Delayed feedback (labelDelay, labelDelayCol, labelTimeCol): rows are predicted when they arrive
    // and learnt from when their labels do. Null: labels come with their rows (the path above).
    const arrival = LabelArrival.of(this, input, operator);
    const held = new PendingLabels<HeldRow>();

    /** Learns every held row whose label arrives by `time` (before `time` when `strict`), cut by model interval. */
    const learnThrough = (time: number, out: Emitter, strict = false) => {
      const next = held.nextTime;
      if (strict ? !(next < time) : !(next <= time)) return;
      const rows: HeldRow[] = [];
      const times: number[] = [];
      held.releaseThrough(time, (row, at) => {
        rows.push(row);
        times.push(at);
      }, strict);
      intervals.feed(timesOnlyChunk(Float64Array.from(times)), out, (from, to) => {
        if (scoring) validation.reserve(to - from);
        for (let i = from; i < to; i++) {
          const row = rows[i];
          // The label is scored against the prediction served when the row arrived; the gradient
          // comes from the model as it is now (a diverged model shows at its emission).
          learner.accumulate(row.indices, row.values, 0, row.indices.length, row.y);
          if (scoring) validation.add(row.served, row.y);
          trainedInInterval++;
          if (learner.pending >= miniBatch) learner.applyBatch();
        }
      });
    };

    /** A row skipped on arrival counts in the interval it arrived in (opened if need be). */
    const skipOnArrival = (chunk: StreamChunk, r: number, problem: RowProblem, out: Emitter) => {
      intervals.feed(timesOnlyChunk(chunk.times.subarray(r, r + 1)), out, () => {});
      invalidRow(chunk, r, 0, problem);
    };

    /**
     * The rows of `chunk` under delayed feedback, in River's order: at each row's time t, first every
     * label that has arrived by t (≤ t) is learnt, intervals ended by t close, then the row is
     * predicted with the model as it stands and held until its label arrives.
     */
    const arrive = (chunk: StreamChunk, vectors: VectorColumn | null, out: Emitter) => {
      const n = chunk.numRows;
      const labelTimes = arrival!.labelTimes(chunk);
      const ys = readLabels(chunk, labelIndex, labelType, 0, n, positiveText, negativeText, rowsSeen, operator, labelCol);
      const idx = featureIndices === null ? null : Int32Array.from(featureIndices, (_, k) => k);
      const vals = featureIndices === null ? null : new Float64Array(featureIndices.length);
      const columns = featureIndices === null ? null : featureIndices.map((i) => chunk.table.columns[i] as NumberColumn);
      for (let r = 0; r < n; r++) {
        const t = chunk.times[r];
        learnThrough(t, out);
        intervals.advanceTo(t, out);
        const y = ys[r];
        if (vectors !== null) {
          if (y === NULL_LABEL || vectors.isNull(r)) {
            skipOnArrival(chunk, r, vectorRowProblem(vectors, r, y, labelCol, vectorCol!)!, out);
            continue;
          }
          const size = vectors.sizes[r];
          if (size !== vectorSize) {
            throw new StreamlabError(
              `${operator}: row ${rowsSeen + r} (event time ${eventTimeText(t)}) has ` +
                (size < 0 ? `a sparse vector without a size ("$n$" prefix)` : `a vector of size ${size}`) +
                `, but vectorSize is ${vectorSize} (errata E6: training vectors need exactly the model's size).`,
              { operator, row: rowsSeen + r, column: vectorCol!, eventTime: t },
            );
          }
          const problem = vectorRowProblem(vectors, r, y, labelCol, vectorCol!);
          if (problem !== null) {
            skipOnArrival(chunk, r, problem, out);
            continue;
          }
          const served = sigmoid(learner.margin(vectors.indices, vectors.values, vectors.offsets[r], vectors.offsets[r + 1]));
          held.push(labelTimes[r], holdVectorRow(vectors, r, y, served));
        } else {
          const problem = columnRowProblem(columns!, featureCols!, r, y, labelCol);
          if (problem !== null) {
            skipOnArrival(chunk, r, problem, out);
            continue;
          }
          for (let k = 0; k < columns!.length; k++) vals![k] = columns![k].values[r];
          held.push(labelTimes[r], holdColumnsRow(idx!, vals!, y, sigmoid(learner.margin(idx!, vals!, 0, vals!.length))));
        }
      }
      rowsSeen += n;
    };

    /** The newest folder model rebased to: where driftAction REBASE goes back to (null: the initial model). */
    let rebasedTo: { weights: Float64Array; timestampMs: number } | null = null;

    /** The acting detections of a chunk of the detections input: reset (or rebase) at each one's event time. */
    const drift = (chunk: StreamChunk, out: Emitter) => {
      for (const detection of trigger!.read(chunk)) {
        const time = detection.eventTime;
        const back = driftAction === "REBASE" ? rebasedTo : null;
        const { row, detector, kind } = detection;
        driftActions.push({ eventTime: time, row, detector, kind, action: driftAction, modelTimestampMs: back?.timestampMs ?? null });
        if (driftAction === "NONE") continue;
        // Labels that arrived before the drift are learnt from first (those arriving at its time, after).
        if (arrival !== null) learnThrough(time, out, true);
        // An interval that ended before the drift closes with what it trained.
        if (intervals.end < time) intervals.advanceTo(time, out);
        // Rows before the drift no longer count: the pending mini-batch is folded in, then overwritten.
        if (learner.pending > 0) learner.applyBatch();
        learner.rebase(back !== null ? back.weights : model.coefVector);
        // An interval ending exactly at the drift closes now, with the reset state: its model is the drift's.
        intervals.advanceTo(time, out);
        if (Math.round(lastModelTime * 1000) !== Math.round(time * 1000)) emitModel(time, out);
        trainedInInterval = 0;
      }
    };

    let refused = 0;
    /** The model of the followed folder announced at event time `time`: rebase to it, or refuse it. */
    const rebase = (folder: FollowedFolder, chunk: StreamChunk, out: Emitter) => {
      const time = chunk.lastTime;
      // Labels that arrived before the model are learnt from first (those arriving at its time, after).
      if (arrival !== null) learnThrough(time, out, true);
      // The interval before the model closes with the coefficients it trained.
      intervals.advanceTo(time, out);
      for (const announced of announcedModels(chunk.table)) {
        const event: ModelSwapEvent = { eventTime: time, timestampMs: announced.timestampMs, ok: true };
        try {
          const weights = this.rebaseWeights(readFollowedModel(folder, announced, modelTableSchema, operator), model);
          // Rows before the model no longer count: the pending mini-batch is folded in, then overwritten.
          if (learner.pending > 0) learner.applyBatch();
          learner.rebase(weights);
          rebasedTo = { weights: Float64Array.from(weights), timestampMs: announced.timestampMs };
        } catch (error) {
          event.ok = false;
          event.error = (error as Error).message;
          if (++refused <= 3) {
            console.warn(
              `${operator}: not rebased to the model of ${formatTimestamp(announced.timestampMs)} in ${folder.root} (event time ${eventTimeText(time)}); ` +
                `training goes on from the current coefficients. ${event.error}`,
            );
          }
        }
        rebases.push(event);
      }
    };

    return {
      process: (inputs, stepEnd, out) => {
        scoring = isPortConnected(out, 1);
        const chunks: Iterable<[number, StreamChunk]> = inputs.length === 1 ? inputs[0].map((c) => [0, c] as [number, StreamChunk]) : mergeByTime(inputs);
        for (const [index, chunk] of chunks) {
          if (chunk.numRows === 0) continue;
          if (index === layout.folder) {
            rebase(folder!, chunk, out);
            continue;
          }
          if (index === layout.detections) {
            drift(chunk, out);
            continue;
          }
          const vectors = featureIndices === null ? vectorColumnOf(chunk, vectorIndex, rowsSeen, operator, vectorCol!) : null;
          if (arrival !== null) arrive(chunk, vectors, out);
          // A row opens the interval it falls in: gaps in the data open none.
          else intervals.feed(chunk, out, (start, end) => train(chunk, vectors, start, end));
        }
        // Labels up to stepEnd are final (a later row at stepEnd would learn them before its prediction).
        if (arrival !== null) learnThrough(stepEnd, out);
        // The interval is over once the whole graph has passed its end.
        intervals.advanceTo(stepEnd, out);
      },
      finish: (out) => {
        // Labels still pending at the end of a bounded stream arrive, in order, at their own times.
        if (arrival !== null) learnThrough(Infinity, out);
        intervals.flush(out);
        if (refused > 3) console.warn(`${operator}: ${refused} of ${rebases.length} models were not rebased to in this run; getModelRebases() lists each with its reason.`);
      },
    };
  }

  /** The coefficients of a model to rebase to, or an error saying why it does not fit the trainer. */
  private rebaseWeights(table: Table, current: LinearModelData): Float64Array {
    const operator = this.operatorName;
    const next = linearModelFromTable(table, operator);
    const problems: string[] = [];
    if (next.linearModelType !== "LR" || next.labelValues.length !== 2) problems.push(`it is a ${next.linearModelType} model with ${next.labelValues.length} labels, not a binary LR model`);
    else {
      const labels = next.labelValues.map((v) => labelToString(v, next.labelType));
      const mine = current.labelValues.map((v) => labelToString(v, current.labelType));
      if (labels[0] !== mine[0] || labels[1] !== mine[1]) problems.push(`its labels are ${labels.join(", ")}, the trainer's ${mine.join(", ")}`);
    }
    if (next.hasInterceptItem !== current.hasInterceptItem) problems.push(`it ${next.hasInterceptItem ? "has" : "has no"} intercept, the trainer ${current.hasInterceptItem ? "has" : "has none"}`);
    if (next.vectorSize !== current.vectorSize) problems.push(`it has ${next.vectorSize} features, the trainer ${current.vectorSize}`);
    const k = firstNonFinite(next.coefVector, 0, next.coefVector.length);
    if (k >= 0) problems.push(`coefficient ${k} is ${javaDoubleToString(next.coefVector[k])}`);
    if (problems.length > 0) throw new StreamlabError(`${operator}: the model cannot be rebased to: ${problems.join("; ")}.`, { operator });
    return next.coefVector;
  }

  /** The drifts of the detections input the last run acted on (driftAction NONE: only recorded), in event-time order. */
  getDriftActions(): DriftTriggerEvent[] {
    return this.driftActions.map((d) => ({ ...d }));
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
