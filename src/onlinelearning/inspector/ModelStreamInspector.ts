import * as path from "path";
import { StreamlabError, quote } from "../../core/errors";
import { formatTimestamp } from "../../core/javaFormat";
import { Table } from "../../core/table";
import { labelToString } from "../../common/labels";
import { linearModelFromTable } from "../../classification/linear/model";
import { computeExactBinaryMetrics } from "../../evaluation/binaryClass/exactMetrics";
import { parseProbDetail, sampleLogLoss } from "../../evaluation/binaryClass/labels";
import { readModelStreamVersions } from "../../io/modelStream/inspect/versions";
import { Rollback, rollbackModelStream } from "../../io/modelStream/inspect/rollback";
import { MODEL_STREAM_TIMESTAMP_COL, ModelStreamAssembler, modelSchemaOfStream, toModelStreamRows } from "../../io/modelStream/modelStreamRows";
import { formatModelTimestamp, modelTimestampOfMs } from "../../io/modelStream/timestampName";
import { TableSourceStreamOp } from "../../io/table/TableSourceStreamOp";
import { registerStreamSink } from "../../stream/environment";
import { StreamOperator } from "../../stream/streamOperator";
import { FtrlPredictStreamOp } from "../ftrl/FtrlPredictStreamOp";
import type { ModelFilterDecision } from "../filter/report";
import { CoefficientMove, coefficientDiff } from "./coefficientDiff";

/** Metrics of one version on the rows it served (see {@link ModelStreamInspector.evaluate}). */
export interface VersionMetrics {
  samples: number;
  /** Exact AUC (NaN when the rows hold one label only) and mean log loss; NaN without rows. */
  auc: number;
  logLoss: number;
  /** Event times (seconds) of the first and last row scored; null without rows. */
  from: number | null;
  to: number | null;
}

/** One version of a model stream, as the inspector shows it. */
export interface InspectedVersion {
  /** `yyyyMMddHHmmss…` as the folder names it (also for in-memory streams). */
  version: string;
  versionMs: number;
  time: Date;
  /** Who wrote it: the name of the stream it came from, or what `source` says for a folder. */
  source: string;
  /** Rows of the model table. */
  modelRows: number;
  /** Training rows before the version's time ({@link ModelStreamInspector.countRowsSeen}); null until counted. */
  rowsSeen: number | null;
  /** Metrics on the rows the version served ({@link ModelStreamInspector.evaluate}); null until evaluated. */
  metrics: VersionMetrics | null;
  /** The model filter's verdict ({@link ModelStreamInspector.addFilterDecisions}); null when none. */
  filter: ModelFilterDecision | null;
  model: Table;
}

/** `progress` (show the run's progress line; default: in notebooks) as execute options. */
function runOptions(progress: boolean | undefined): { progress?: boolean } {
  return progress === undefined ? {} : { progress };
}

/** Columns of {@link ModelStreamInspector.rows}. */
export const INSPECTOR_TABLE_SCHEMA_STR =
  "version string, time timestamp, source string, model_rows bigint, rows_seen bigint, samples bigint, auc double, logloss double, filter string";

export interface InspectorFolderOptions {
  /** Source of each version: one text for all, or a function of the version (e.g. batch times → "batch"). Default "—". */
  source?: string | ((version: { version: string; versionMs: number }) => string);
}

/**
 * The story of every version of a model stream — a folder or in-memory streams:
 *
 * ```ts
 * const rows = Array.from({ length: 600 }, (_, i) => [i * 60.0, `$2$0:${i % 3} 1:${(i * 7) % 5}`, (i % 3) + ((i * 7) % 5) > 3 ? 1 : 0]);
 * const data = new MemSourceBatchOp(rows, "ts double, vec vector, click int");
 * const replay = () => new TableSourceStreamOp(data).setTimeCol("ts");
 * const initModel = new LogisticRegressionTrainBatchOp().setVectorCol("vec").setLabelCol("click").linkFrom(data.firstN(100));
 * const models = new FtrlTrainStreamOp(initModel).setVectorCol("vec").setLabelCol("click").setVectorSize(2).setTimeInterval(3600).linkFrom(replay());
 * const inspector = await ModelStreamInspector.fromStreams({ online: models });
 * inspector.versions().length;    // 10
 * await inspector.evaluate(replay(), { labelCol: "click", vectorCol: "vec" });
 * await inspector.countRowsSeen(replay());
 * inspector.version(0).rowsSeen;  // 60
 * inspector.rows();               // one row per version (INSPECTOR_TABLE_SCHEMA_STR)
 * inspector.diff(0, -1, { top: 2 }).map((m) => m.feature);
 * ```
 * On a folder — `ModelStreamInspector.fromFolder(dir, { source })` — the same, plus `addFilterDecisions`
 * (a model filter's `getDecisions()`) and `rollback(version)`, which re-appends an old version as the
 * newest so that followers swap to it.
 *
 * Each version has its time, its source, its size, and — once asked for — the training rows it had
 * seen, its metrics on the rows it served, and the model filter's verdict on it. Metrics come from
 * the serving path itself: an `FtrlPredictStreamOp` following the versions over the evaluation
 * stream (version k serves from its time until version k+1's), its `model_version` column telling
 * which version scored each row. Models: binary linear models (logistic regression, FTRL).
 */
export class ModelStreamInspector {
  private constructor(
    private readonly entries: InspectedVersion[],
    /** The folder, when read from one (rollback needs it). */
    readonly folder: string | null,
  ) {}

  /** The versions of a model-stream folder (committed ones, oldest first; the listing `streamlab inspect` shows). */
  static fromFolder(dir: string, options: InspectorFolderOptions = {}): ModelStreamInspector {
    const folder = path.resolve(dir);
    const source = options.source ?? "—";
    const entries = readModelStreamVersions(folder, "ModelStreamInspector").map((v) => ({
      version: v.version,
      versionMs: v.versionMs,
      time: new Date(v.versionMs),
      source: typeof source === "function" ? source({ version: v.version, versionMs: v.versionMs }) : source,
      modelRows: v.modelRows,
      rowsSeen: null,
      metrics: null,
      filter: null,
      model: v.model,
    }));
    return new ModelStreamInspector(entries, folder);
  }

  /**
   * The versions of in-memory model streams (e.g. `{ batch: batchModels, online: ftrl }`), each
   * version's source being its stream's name. Runs them (with anything else registered) in one
   * `StreamOperator.execute()`; versions are ordered by time, then by the order of the streams.
   */
  static async fromStreams(streams: StreamOperator | Record<string, StreamOperator>, o: { progress?: boolean } = {}): Promise<ModelStreamInspector> {
    const named: Record<string, StreamOperator> = StreamOperator.isStreamOperator(streams) ? { model: streams } : streams;
    if (Object.keys(named).length === 0) throw new StreamlabError("ModelStreamInspector.fromStreams: no model stream given.");
    const found: { entry: InspectedVersion; order: number }[] = [];
    Object.entries(named).forEach(([name, op], order) => {
      if (!StreamOperator.isStreamOperator(op)) throw new StreamlabError(`ModelStreamInspector.fromStreams: ${quote(name)} is not a stream operator.`);
      const assembler = new ModelStreamAssembler(modelSchemaOfStream(op.getSchema(), "ModelStreamInspector"), "ModelStreamInspector");
      registerStreamSink(op, {
        start: () => ({
          process: (inputs) => {
            for (const chunk of inputs[0]) {
              for (const m of assembler.push(chunk.table)) {
                found.push({
                  order,
                  entry: {
                    version: formatModelTimestamp(modelTimestampOfMs(m.timestampMs)),
                    versionMs: m.timestampMs,
                    time: new Date(m.timestampMs),
                    source: name,
                    modelRows: m.table.numRows,
                    rowsSeen: null,
                    metrics: null,
                    filter: null,
                    model: m.table,
                  },
                });
              }
            }
          },
          finish: () => {},
        }),
      });
    });
    await StreamOperator.execute(runOptions(o.progress));
    found.sort((a, b) => a.entry.versionMs - b.entry.versionMs || a.order - b.order);
    return new ModelStreamInspector(
      found.map((f) => f.entry),
      null,
    );
  }

  /** Every version, oldest first. */
  versions(): InspectedVersion[] {
    return [...this.entries];
  }

  /** One version by its name (`"201410230000000"`), its time in ms, or its position (negative: from the end). */
  version(which: string | number): InspectedVersion {
    let found: InspectedVersion | undefined;
    if (typeof which === "string") found = this.entries.find((e) => e.version === which);
    else if (Number.isInteger(which) && Math.abs(which) < 1e12) found = this.entries[which < 0 ? this.entries.length + which : which];
    else found = this.entries.find((e) => e.versionMs === which);
    if (found === undefined) {
      throw new StreamlabError(
        `ModelStreamInspector: no version ${JSON.stringify(which)}; versions: ${this.entries.map((e) => e.version).join(", ") || "none"} (or a position 0..${this.entries.length - 1}).`,
      );
    }
    return found;
  }

  /**
   * Scores `data` with the versions as a follower would (each from its time on) and records, per
   * version, the metrics on the rows it served — within `window` seconds after its time when given
   * (the "following window"), else until the next version. Rows before the first version are not
   * counted. `positiveLabelValueString` defaults to the model's first label (the positive class of
   * Alink's logistic regression).
   */
  async evaluate(data: StreamOperator, o: { labelCol: string; vectorCol: string; window?: number; positiveLabelValueString?: string; progress?: boolean }): Promise<this> {
    if (this.entries.length === 0) throw new StreamlabError("ModelStreamInspector.evaluate: the model stream has no version to evaluate.");
    if (o.window !== undefined && !(o.window > 0)) throw new StreamlabError(`ModelStreamInspector.evaluate: window must be a positive number of seconds, got ${o.window}.`);
    const first = this.entries[0].model;
    const schema = first.schema;
    for (const e of this.entries) {
      if (!e.model.schema.equals(schema)) throw new StreamlabError(`ModelStreamInspector.evaluate: version ${e.version} has model schema ${e.model.schema}, version ${this.entries[0].version} ${schema}; one predictor cannot serve both.`);
    }
    const linear = linearModelFromTable(first, "ModelStreamInspector");
    const positive = o.positiveLabelValueString ?? labelToString(linear.labelValues[0], linear.labelType);
    const negative = linear.labelValues.map((v) => labelToString(v, linear.labelType)).find((t) => t !== positive) ?? "";
    const modelRows = Table.concat(this.entries.map((e) => toModelStreamRows(e.model, e.versionMs)));
    const models = new TableSourceStreamOp(modelRows).setTimeCol(MODEL_STREAM_TIMESTAMP_COL);
    const predictions = new FtrlPredictStreamOp(first)
      .setVectorCol(o.vectorCol)
      .setReservedCols([o.labelCol])
      .setPredictionCol("inspector_pred")
      .setPredictionDetailCol("inspector_detail")
      .setModelVersionCol("inspector_version")
      .linkFrom(models, data);
    const collected = predictions.lazyCollect();
    await StreamOperator.execute(runOptions(o.progress));
    const table = collected.getTable();
    const times = collected.getTimes();
    const label = table.column(o.labelCol);
    const detail = table.column("inspector_detail");
    const served = table.column("inspector_version");
    const byMs = new Map<number, number>();
    this.entries.forEach((e, i) => byMs.set(e.versionMs, i)); // the later of equal times is the one served
    const groups = this.entries.map(() => ({ scores: [] as number[], pos: [] as number[], loss: [] as number[], from: null as number | null, to: null as number | null }));
    for (let r = 0; r < table.numRows; r++) {
      const v = served.get(r);
      const y = label.get(r);
      const d = detail.get(r);
      if (!(v instanceof Date) || y === null || d === null) continue;
      const k = byMs.get(v.getTime());
      if (k === undefined) continue;
      if (o.window !== undefined && times[r] >= v.getTime() / 1000 + o.window) continue;
      const parsed = parseProbDetail(d as string);
      if (typeof parsed === "string") continue;
      const at = parsed.keys.indexOf(positive);
      const p = at >= 0 ? parsed.probs[at] : 1 - parsed.probs[0];
      const isPositive = labelToString(y, label.type) === positive ? 1 : 0;
      const g = groups[k];
      g.scores.push(p);
      g.pos.push(isPositive);
      g.loss.push(sampleLogLoss(isPositive === 1 ? p : 1 - p));
      if (g.from === null) g.from = times[r];
      g.to = times[r];
    }
    this.entries.forEach((e, k) => {
      const g = groups[k];
      const n = g.scores.length;
      if (n === 0) {
        e.metrics = { samples: 0, auc: NaN, logLoss: NaN, from: null, to: null };
        return;
      }
      const m = computeExactBinaryMetrics({ length: n, scores: Float64Array.from(g.scores), positive: Uint8Array.from(g.pos), logLoss: Float64Array.from(g.loss) }, [positive, negative]);
      e.metrics = { samples: n, auc: m.auc, logLoss: g.loss.reduce((s, x) => s + x, 0) / n, from: g.from, to: g.to };
    });
    return this;
  }

  /**
   * Counts, per version, the rows of the training stream before its time: what an event-time
   * trainer had seen when it emitted that version (FtrlTrainStreamOp's model of time T holds every
   * training row before T). Meaningless for a batch version trained elsewhere; shown all the same.
   */
  async countRowsSeen(train: StreamOperator, o: { progress?: boolean } = {}): Promise<this> {
    const cuts = this.entries.map((e) => e.versionMs / 1000);
    // Rows per gap between consecutive version times; a prefix sum gives rows before each.
    const perGap = new Float64Array(cuts.length + 1);
    registerStreamSink(train, {
      start: () => ({
        process: (inputs) => {
          for (const chunk of inputs[0]) {
            for (let i = 0; i < chunk.numRows; i++) {
              const t = chunk.times[i];
              let lo = 0;
              let hi = cuts.length;
              while (lo < hi) {
                const mid = (lo + hi) >> 1;
                if (cuts[mid] <= t) lo = mid + 1;
                else hi = mid;
              }
              perGap[lo]++;
            }
          }
        },
        finish: () => {},
      }),
    });
    await StreamOperator.execute(runOptions(o.progress));
    let before = 0;
    this.entries.forEach((e, k) => {
      before += perGap[k];
      e.rowsSeen = before;
    });
    return this;
  }

  /** Attaches model-filter verdicts (`FtrlModelFilterStreamOp.getDecisions()`) to the versions they judged. */
  addFilterDecisions(decisions: readonly ModelFilterDecision[]): this {
    for (const d of decisions) for (const e of this.entries) if (e.versionMs === d.modelVersionMs) e.filter = d;
    return this;
  }

  /**
   * One row per version for a table (`showRows(inspector.rows(), { schema: INSPECTOR_TABLE_SCHEMA_STR })`):
   * version, time, source, model_rows, rows_seen, samples, auc, logloss on the rows it served, and
   * the filter's verdict ("accepted", "rejected: auc<0.6", or null when no filter judged it).
   */
  rows(): Record<string, unknown>[] {
    return this.entries.map((e) => ({
      version: e.version,
      time: e.time,
      source: e.source,
      model_rows: e.modelRows,
      rows_seen: e.rowsSeen,
      samples: e.metrics?.samples ?? null,
      auc: e.metrics === null || !Number.isFinite(e.metrics.auc) ? null : e.metrics.auc,
      logloss: e.metrics === null || !Number.isFinite(e.metrics.logLoss) ? null : e.metrics.logLoss,
      filter: e.filter === null ? null : e.filter.accepted ? "accepted" : `rejected: ${e.filter.failed}`,
    }));
  }

  /**
   * The coefficients that moved most from version `a` to version `b`, by |Δ| (ties: lower index
   * first): `{ index, feature, before, after, delta }`. `names` are the feature names by feature
   * index (e.g. `hashedFeatureNames(hasher, data)`); the intercept is "(intercept)".
   */
  diff(a: string | number, b: string | number, o: { top?: number; names?: readonly (string | null)[] } = {}): CoefficientMove[] {
    return coefficientDiff(this.version(a).model, this.version(b).model, o);
  }

  /**
   * Re-appends version `which` as the newest version of the folder (see `rollbackModelStream`):
   * followers swap to it. Folder inspectors only; the inspector's own list is not changed (read the
   * folder again to see the new version).
   */
  rollback(which: string | number, o: { modelTime?: string } = {}): Rollback {
    if (this.folder === null) {
      throw new StreamlabError("ModelStreamInspector.rollback: this inspector reads in-memory streams; rollback appends to a model-stream folder (ModelStreamInspector.fromFolder).");
    }
    return rollbackModelStream(this.folder, this.version(which).version, o);
  }

  /** `2014-10-23 12:00:00` (UTC) of a version, for prose. */
  static timeText(v: InspectedVersion): string {
    return formatTimestamp(v.versionMs).slice(0, 19);
  }
}
