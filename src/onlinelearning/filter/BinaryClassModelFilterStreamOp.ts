import { StreamlabError, quote } from "../../core/errors";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { isNumericType, isVectorType } from "../../core/types";
import { LABEL_TYPES } from "../../common/labels";
import { declareParams } from "../../params/declareParams";
import { ParamAccessors } from "../../params/withParams";
import { StreamChunk, mergeByTime } from "../../stream/chunk";
import { forEachEventTime } from "../../stream/timeWindows";
import { MODEL_STREAM_TIMESTAMP_COL, ModelStreamAssembler, StreamedModel, modelSchemaOfStream, toModelStreamRows } from "../../io/modelStream/modelStreamRows";
import { StreamOperator } from "../../stream/streamOperator";
import { Emitter, StreamTask } from "../../stream/task";
import { LinearModelEvaluator, ValidationSettings, missingLabel, readBinaryLinearModel } from "./linearModelEvaluator";
import { MODEL_FILTER_PARAMS } from "./params";
import { MODEL_FILTER_REPORT_SCHEMA, ModelFilterDecision, decisionChunk, makeDecision } from "./report";
import { ModelFilterThresholds, ModelMetrics, ModelVerdict, judgeModel } from "./thresholds";
import { FollowingValidationRows, RecentValidationRows, ValidationRows } from "./validationRows";
import { DriftTriggerInput } from "../driftTrigger/driftTrigger";

const PARAMS = MODEL_FILTER_PARAMS;

export interface BinaryClassModelFilterStreamOp extends ParamAccessors<BinaryClassModelFilterStreamOp, typeof PARAMS> {}

/**
 * Lets through only the models of a model stream that are good enough on held-out data (Alink's
 * `BinaryClassModelFilterStreamOp`, reference §7): place it between a trainer and a predictor.
 *
 * ```ts
 * const filtered = new FtrlModelFilterStreamOp()
 *   .setLabelCol("click").setPositiveLabelValueString("1")
 *   .setAucThreshold(0.6).setAccuracyThreshold(0.5).setNumEvalSamples(2000)
 *   .linkFrom(models, validationStream);               // model stream first
 * new FtrlPredictStreamOp(initModel).setVectorCol("vec").setPredictionCol("pred").linkFrom(filtered, testStream);
 * filtered.getSideOutput(0).print();                    // every verdict: metrics, thresholds, accepted, why not
 * ```
 *
 * **Semantics, in event time.** Inputs are merged by event time (model stream first at equal times).
 * When all rows of a model (one `alinkmodelstreamtimestamp`) have arrived, at event time T:
 * - `evalMode` PRECEDING (default): the model is judged at T on the most recent `numEvalSamples`
 *   validation rows before T; if it passes, its rows are passed on unchanged at T.
 * - `evalMode` FOLLOWING: it is judged on the next `numEvalSamples` validation rows from T on and,
 *   if it passes, passed on when the last of them arrives — or, at the end of the stream, on the
 *   rows that came.
 *
 * A model passes iff AUC ≥ `aucThreshold`, accuracy ≥ `accuracyThreshold` and log loss <
 * `logLossThreshold` (Alink's rule). The output is the model stream itself (same schema, rows,
 * timestamps and counts), so any predictor that follows a model stream consumes it; its
 * `model_version` column then only ever shows accepted versions. Side output 0 (and
 * {@link getDecisions}) holds one row per candidate model: version, verdict time, the event-time
 * span and number of rows it was judged on, AUC / accuracy / log loss, the thresholds, accepted,
 * and which conditions failed. A model judged before any validation row has arrived is
 * **rejected** ("no validation rows"); a model table that is not a usable binary LR / SVM model
 * (it does not load: non-finite coefficients, a coefficient count that does not match its
 * vectorSize, a damaged meta row, …) is rejected as "invalid model: <the loader's reason>", and
 * the stream goes on with the next model.
 *
 * Models: binary-class linear models (logistic regression, FTRL, linear SVM), scored like their
 * predictors score them (features: `vectorCol` > `featureCols` > the model's own feature columns >
 * the model's vector column).
 *
 * **Metrics are exact**: the same code as `EvalBinaryClassBatchOp` (rank-sum AUC, accuracy at 0.5,
 * mean log loss), so the filter's numbers equal that evaluation's on the same rows and model. Alink's
 * filters bin probabilities into 100 000 bins (§8.4) instead.
 *
 * Differences from Alink's state machine (§7.2, errata E8), all deliberate:
 * - Alink judges model k on the validation rows that arrived *while model k was current* and emits
 *   it only after model k+1 has arrived (the last model is never emitted, and the same model can be
 *   emitted twice); streamlab judges each model on its own rows, at its own time, once.
 * - Alink's `FtrlModelFilterStreamOp` ignores `numEvalSamples`; streamlab honours it.
 * - A validation row without a label, or with a null, NaN or ±Infinity feature (a row the
 *   predictor could not score either), is an error naming the row, column and event time (Alink
 *   skips rows whose first two columns hold a null — whatever those columns are).
 * - Processing-time in Alink, event time here: the same inputs give the same verdicts on every run.
 *
 * **A stricter bar after a drift** (streamlab addition): `linkFrom(models, validation, detections)`
 * with a drift detector's detections stream (`getSideOutput(0)` of `DdmDriftDetectStreamOp`, ...).
 * For `driftPeriod` seconds of event time after each detection of kind "drift" (also "warning"
 * with `triggerOnWarning`), models are judged with `driftAucThreshold`, `driftAccuracyThreshold`,
 * `driftLogLossThreshold` (each null = the usual threshold): a verdict at event time t uses them
 * when some drift at T has T ≤ t < T + driftPeriod. A drift at T acts on verdicts at T — detections
 * come before models and validation rows of the same event time. The thresholds in force are in each
 * verdict (side output 0's threshold columns, {@link getDecisions}). The drift settings are checked
 * when a detections stream is linked: driftPeriod and at least one drift threshold must be set.
 */
export class BinaryClassModelFilterStreamOp extends declareParams(StreamOperator, PARAMS) {
  /** `(models, validation)`, or `(models, validation, detections)` for the stricter bar after a drift. */
  static override readonly INPUTS: [number, number] = [2, 3];
  private decisions: ModelFilterDecision[] = [];

  override getSideOutputCount(): number {
    return 1;
  }

  /** The verdicts of the last run, one per candidate model, in the order they were made. */
  getDecisions(): ModelFilterDecision[] {
    return this.decisions.map((d) => ({ ...d, thresholds: { ...d.thresholds } }));
  }

  /**
   * `linkFrom(models, validation)` or `linkFrom(models, validation, detections)`. With detections the
   * inputs are held as [detections, models, validation]: at equal event times the engine delivers
   * lower inputs first, so a drift at T acts on the verdicts made at T.
   */
  override linkFrom(...inputs: StreamOperator[]): this {
    return inputs.length === 3 ? super.linkFrom(inputs[2], inputs[0], inputs[1]) : super.linkFrom(...inputs);
  }

  /** The linked inputs by role (the detections schema undefined when none is linked). */
  private roles(schemas: readonly Schema[]): { models: Schema; validation: Schema; detections: Schema | undefined } {
    return schemas.length === 3 ? { detections: schemas[0], models: schemas[1], validation: schemas[2] } : { models: schemas[0], validation: schemas[1], detections: undefined };
  }

  protected outputSchema(schemas: readonly Schema[]): Schema {
    const { models, validation, detections } = this.roles(schemas);
    this.driftThresholds(detections);
    this.checkInputs(models, validation);
    return models;
  }

  /**
   * The detections input (linkFrom's third, if linked) and the thresholds in force after a drift;
   * null without one. Errors name the input or the parameter missing.
   */
  private driftThresholds(detections: Schema | undefined): { trigger: DriftTriggerInput; period: number; thresholds: ModelFilterThresholds } | null {
    if (detections === undefined) return null;
    const operator = this.operatorName;
    const trigger = new DriftTriggerInput(detections, operator, "the third input of linkFrom(models, validation, detections)", this.getTriggerOnWarning());
    const period = this.getDriftPeriod();
    if (period === null) {
      throw new StreamlabError(`${operator}: a detections input is linked but driftPeriod is not set; set driftPeriod, the seconds of event time after a drift during which the drift thresholds apply.`, {
        operator,
        param: "driftPeriod",
      });
    }
    const [auc, accuracy, logLoss] = [this.getDriftAucThreshold(), this.getDriftAccuracyThreshold(), this.getDriftLogLossThreshold()];
    if (auc === null && accuracy === null && logLoss === null) {
      throw new StreamlabError(
        `${operator}: a detections input is linked but no drift threshold is set; set driftAucThreshold, driftAccuracyThreshold and/or driftLogLossThreshold, the bar for driftPeriod seconds after a drift.`,
        { operator, param: "driftAucThreshold" },
      );
    }
    const thresholds = { auc: auc ?? this.getAucThreshold(), accuracy: accuracy ?? this.getAccuracyThreshold(), logLoss: logLoss ?? this.getLogLossThreshold() };
    return { trigger, period, thresholds };
  }

  protected override sideOutputSchema(): Schema {
    return MODEL_FILTER_REPORT_SCHEMA;
  }

  /** Checks both inputs and the column parameters; returns the model-table schema inside the model stream. */
  private checkInputs(models: Schema, validation: Schema): Schema {
    const operator = this.operatorName;
    if (validation.size >= 1 && validation.names[0].toLowerCase() === MODEL_STREAM_TIMESTAMP_COL && models.names[0]?.toLowerCase() !== MODEL_STREAM_TIMESTAMP_COL) {
      throw new StreamlabError(`${operator}.linkFrom: the inputs look swapped; link the model stream first: linkFrom(modelStream, validationData).`, { operator });
    }
    const modelSchema = modelSchemaOfStream(models, operator);
    const column = (name: string) => modelSchema.indexOf(name);
    const id = column("model_id");
    const info = column("model_info");
    const label = column("label_value");
    if (id < 0 || info < 0 || label < 0 || modelSchema.types[id] !== "BIGINT" || modelSchema.types[info] !== "STRING" || !LABEL_TYPES.includes(modelSchema.types[label])) {
      throw new StreamlabError(
        `${operator}: the model stream carries model tables of schema ${modelSchema}; a binary-class linear model stream ` +
          `(model_id BIGINT, model_info STRING, label_value <label type>, as FtrlTrainStreamOp emits) is expected.`,
        { operator },
      );
    }
    const labelCol = this.getLabelCol();
    const labelIndex = validation.require(labelCol, { operator, param: "labelCol" });
    if (!LABEL_TYPES.includes(validation.types[labelIndex])) {
      throw new StreamlabError(
        `${operator}: label column ${quote(labelCol)} of the validation rows has type ${validation.types[labelIndex]}; expected one of ${LABEL_TYPES.join(", ")}.`,
        { operator, param: "labelCol", column: labelCol },
      );
    }
    const vectorCol = this.getVectorCol();
    const featureCols = this.getFeatureCols();
    if (vectorCol !== null && featureCols !== null) {
      throw new StreamlabError(`${operator}: set either vectorCol or featureCols, not both.`, { operator, param: "featureCols" });
    }
    if (vectorCol !== null) {
      const i = validation.require(vectorCol, { operator, param: "vectorCol" });
      if (!isVectorType(validation.types[i]) && validation.types[i] !== "STRING") {
        throw new StreamlabError(`${operator}: vectorCol ${quote(vectorCol)} is ${validation.types[i]}; expected a vector (or vector string) column.`, {
          operator,
          param: "vectorCol",
          column: vectorCol,
        });
      }
    }
    for (const name of featureCols ?? []) {
      const i = validation.require(name, { operator, param: "featureCols" });
      if (!isNumericType(validation.types[i])) {
        throw new StreamlabError(`${operator}: feature column ${quote(name)} is ${validation.types[i]}; featureCols must be numeric.`, {
          operator,
          param: "featureCols",
          column: name,
        });
      }
    }
    return modelSchema;
  }

  createTask(schemas: readonly Schema[]): StreamTask {
    const operator = this.operatorName;
    const { models: modelStreamSchema, validation: validationSchema, detections: detectionsSchema } = this.roles(schemas);
    const modelSchema = this.checkInputs(modelStreamSchema, validationSchema);
    const drift = this.driftThresholds(detectionsSchema);
    /** Event time of the latest acting detection (detections come first at equal times, so it is ≤ any verdict's time). */
    let lastDrift = -Infinity;
    const settings: ValidationSettings = {
      labelCol: this.getLabelCol(),
      vectorCol: this.getVectorCol(),
      featureCols: this.getFeatureCols(),
      positiveLabelValueString: this.getPositiveLabelValueString(),
    };
    const usual: ModelFilterThresholds = { auc: this.getAucThreshold(), accuracy: this.getAccuracyThreshold(), logLoss: this.getLogLossThreshold() };
    const following = this.getEvalMode() === "FOLLOWING";
    const numEvalSamples = this.getNumEvalSamples();
    const labelIndex = validationSchema.require(settings.labelCol);
    const assembler = new ModelStreamAssembler(modelSchema, operator);
    const recent = new RecentValidationRows(numEvalSamples);
    const pending: { model: StreamedModel; rows: FollowingValidationRows; arrivedAt: number }[] = [];
    const decisions: ModelFilterDecision[] = [];
    this.decisions = decisions;
    let validationSeen = 0;
    let lastTime = -Infinity;

    /** Judges one model on its rows at event time `time`; passes it on if accepted. */
    const judge = (model: StreamedModel, rows: ValidationRows | null, time: number, out: Emitter) => {
      const thresholds = drift !== null && time < lastDrift + drift.period ? drift.thresholds : usual;
      const data = readBinaryLinearModel(model.table, operator);
      let metrics: ModelMetrics | null = null;
      let verdict: ModelVerdict;
      if (typeof data === "string") {
        verdict = { accepted: false, failed: `invalid model: ${data}` };
      } else {
        // Problems of the validation rows (missing feature columns, other labels) are errors, not verdicts.
        const evaluator = new LinearModelEvaluator(data, validationSchema, settings, operator);
        metrics = rows === null ? null : evaluator.evaluate(rows);
        verdict = judgeModel(metrics, thresholds);
      }
      const decision = makeDecision(model.timestampMs, time, rows?.rows.times ?? null, metrics, thresholds, verdict);
      decisions.push(decision);
      if (verdict.accepted) {
        const table = new Table(modelStreamSchema, toModelStreamRows(model.table, model.timestampMs).columns);
        out.emit(new StreamChunk(table, new Float64Array(table.numRows).fill(time)), 0);
      }
      out.emit(decisionChunk(decision), 1);
    };

    const onModelRows = (chunk: StreamChunk, out: Emitter) => {
      // Pushed one event time at a time, so each model completes at its own time.
      forEachEventTime(chunk, (start, end, time) => {
        for (const model of assembler.push(chunk.table.slice(start, end))) {
          if (following) pending.push({ model, rows: new FollowingValidationRows(numEvalSamples), arrivedAt: time });
          else judge(model, recent.read(), time, out);
        }
      });
    };

    const onValidationRows = (chunk: StreamChunk, out: Emitter) => {
      const labels = chunk.table.columns[labelIndex];
      for (let r = 0; r < chunk.numRows; r++) if (labels.isNull(r)) throw missingLabel(operator, settings.labelCol, validationSeen + r, chunk.times[r]);
      if (!following) recent.push(chunk);
      else {
        // Earlier models have collected at least as many rows, so they complete first.
        for (const p of pending) p.rows.take(chunk, validationSeen);
        while (pending.length > 0 && pending[0].rows.complete) {
          const p = pending.shift()!;
          const rows = p.rows.read()!;
          judge(p.model, rows, rows.rows.lastTime, out);
        }
      }
      validationSeen += chunk.numRows;
    };

    return {
      process: (inputs, stepEnd, out) => {
        // With detections they are input 0: at equal event times a drift acts before the models and rows of that time.
        const first = drift === null ? 0 : 1;
        for (const [index, chunk] of mergeByTime(inputs)) {
          if (index === first) onModelRows(chunk, out);
          else if (index === first + 1) onValidationRows(chunk, out);
          else for (const d of drift!.trigger.read(chunk)) lastDrift = Math.max(lastDrift, d.eventTime);
        }
        if (stepEnd > lastTime) lastTime = stepEnd;
      },
      finish: (out) => {
        // FOLLOWING: models still collecting rows are judged on what came.
        for (const p of pending.splice(0)) judge(p.model, p.rows.read(), Math.max(lastTime, p.arrivedAt), out);
      },
    };
  }
}
