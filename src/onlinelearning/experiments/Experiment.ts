import { StreamlabError, quote } from "../../core/errors";
import { JsonValueStreamOp } from "../../dataproc/jsonValue/JsonValueStreamOp";
import { EvalBinaryClassStreamOp } from "../../evaluation/binaryClass/EvalBinaryClassStreamOp";
import { registerStreamSink } from "../../stream/environment";
import { StreamCollection } from "../../stream/sinks";
import { StreamOperator } from "../../stream/streamOperator";
import { MetricWindow, Recovery, RecoveryOptions, recoveryTimes } from "./recovery";
import { StrategyTimer } from "./timing";

/**
 * What a strategy builds on the shared stream: its predictions (with `predictionDetailCol`), or
 * predictions and the model stream it trains (counted as "models emitted").
 */
export type StrategyOutput = StreamOperator | { predictions: StreamOperator; models?: StreamOperator };

/** A strategy: operators linked from the shared stream, e.g. an FTRL trainer and its predictor (see `ftrlStrategy`). */
export type Strategy = (stream: StreamOperator) => StrategyOutput;

export interface ExperimentOptions {
  /** The one replayed stream every strategy reads (parsed once; its operators run once per row). */
  stream: StreamOperator;
  /** Strategies by display name; the order is the order of the chart legend and of ties in the ranking. */
  strategies: Record<string, Strategy>;
  labelCol: string;
  /** Probability-detail column every strategy's predictions carry. */
  predictionDetailCol: string;
  /** Evaluation windows: seconds of event time (tumbling, at multiples of it). */
  timeInterval: number;
  positiveLabelValueString?: string;
  /**
   * Drift markers: event times (seconds), or a stream whose rows are the detections (e.g. a drift
   * detector's detections side output): each row's event time is a drift; when the stream has a
   * `kind` column, only rows of kind "drift" (DDM's "warning" rows are not drifts).
   */
  drifts?: readonly number[] | StreamOperator;
  /** How recovery after a drift is measured (see `recoveryTimes`). */
  recovery?: RecoveryOptions;
  /** Ranking: highest AUC first (default), or lowest log loss first. */
  rankBy?: "AUC" | "LogLoss";
  /** Show the run's progress line (default: in notebooks); false keeps wall-clock figures out of a saved notebook. */
  progress?: boolean;
}

/** One strategy's results. */
export interface StrategyResult {
  name: string;
  /** Rank, 1 = best by `rankBy`. */
  rank: number;
  /** Whole-stream AUC (exact, tied scores averaged) and log loss. */
  auc: number;
  logLoss: number;
  /** Predictions evaluated (rows with a label and a detail). */
  samples: number;
  /** Per-window metrics in event-time order (the chart's points). */
  windows: MetricWindow[];
  /** Recovery after each drift. */
  recoveries: Recovery[];
  /** Slowest recovery over the drifts in seconds; null when one was not recovered from, or no drifts. */
  recoverySeconds: number | null;
  /** Models the strategy emitted (distinct model timestamps of its model stream); null without one. */
  models: number | null;
  /** Seconds its operators took in this run (not reproducible: machine load). */
  seconds: number;
  /** Stream rows / seconds (not reproducible). */
  rowsPerSecond: number;
}

export interface ExperimentResult {
  /** Strategies in the order given. */
  strategies: StrategyResult[];
  /** Strategies best first. */
  ranking: StrategyResult[];
  /** Drift times (seconds) used for markers and recovery. */
  drifts: number[];
  /** Rows of the shared stream. */
  rows: number;
  timeInterval: number;
  rankBy: "AUC" | "LogLoss";
  /** Wall-clock seconds of the whole run (not reproducible). */
  wallSeconds: number;
}

/** Columns of {@link rankedTable}; `rows_per_s` only with timings. */
export const EXPERIMENT_TABLE_SCHEMA_STR = "rank int, strategy string, AUC double, LogLoss double, recovery_s double, models bigint";

/**
 * The ranked table as plain rows: rank, strategy, AUC, LogLoss, recovery_s (slowest recovery over
 * the drifts, null = not recovered), models, and with `timings` also rows_per_s — left out by
 * default because it changes from run to run while everything else is deterministic.
 */
export function rankedTable(result: ExperimentResult, o: { timings?: boolean } = {}): Record<string, unknown>[] {
  return result.ranking.map((s) => ({
    rank: s.rank,
    strategy: s.name,
    AUC: s.auc,
    LogLoss: s.logLoss,
    recovery_s: s.recoverySeconds,
    models: s.models,
    ...(o.timings === true ? { rows_per_s: Math.round(s.rowsPerSecond) } : {}),
  }));
}

/**
 * Several trainers or parameter sets side by side over **one** replayed stream.
 *
 * ```ts
 * // Ten hours of clicks, one a minute, over two features.
 * const rows = Array.from({ length: 600 }, (_, i) => [i * 60.0, `$2$0:${i % 3} 1:${(i * 7) % 5}`, (i % 3) + ((i * 7) % 5) > 3 ? 1 : 0]);
 * const data = new MemSourceBatchOp(rows, "ts double, vec vector, click int");
 * const initModel = new LogisticRegressionTrainBatchOp().setVectorCol("vec").setLabelCol("click").linkFrom(data.firstN(100));
 * const ftrl = { vectorCol: "vec", labelCol: "click", vectorSize: 2, timeInterval: 600 };
 * const result = await new Experiment({
 *   stream: new TableSourceStreamOp(data).setTimeCol("ts"),   // one replay for every strategy
 *   strategies: {
 *     "FTRL α=0.1": ftrlStrategy(initModel, { ...ftrl, alpha: 0.1 }),
 *     "FTRL α=1": ftrlStrategy(initModel, { ...ftrl, alpha: 1 }),
 *     "fixed batch model": fixedModelStrategy(initModel, { vectorCol: "vec" }),
 *   },
 *   labelCol: "click", predictionDetailCol: "detail", timeInterval: 3600, drifts: [5 * 3600],
 * }).run();
 * result.rows;                          // 600
 * result.strategies[0].windows.length;  // 10
 * rankedTable(result);                  // rank, strategy, AUC, LogLoss, recovery_s, models
 * ```
 * In a notebook, `showExperiment(result)` draws one chart and the ranked table.
 *
 * The stream is one node of the stream graph and every strategy links from it: the scheduler hands
 * each chunk to all of them (fan-out), so parsing, feature stages and anything else upstream run
 * once per row, and in one `StreamOperator.execute()` every strategy sees exactly the rows, times and
 * order it would see alone — its metrics are identical to a run of that strategy by itself (the
 * tests check this). Each strategy's predictions are evaluated by `EvalBinaryClassStreamOp` per
 * `timeInterval` window (exact AUC and log loss per window) and over the whole stream (exact, a
 * second evaluation with one window). `run()` also runs anything else registered for the next
 * execute (prints, sinks).
 *
 * Cores: streamlab runs one stream graph on one thread; a `CsvSourceStreamOp` already parses in a
 * worker thread. Measured on notebook 06's replay (45 000 rows, 30 000 hashed features, three FTRL
 * strategies, warm, on a shared 2-core machine): 3.4 s in one experiment against 6.7 s for three
 * separate replays — the fan-out saves the parsing and feature stages (0.3–0.9 s per replay); of
 * what remains, the evaluations (two per strategy, ≈ 1.1 s in all) cost more than the three FTRL
 * trainers (≈ 0.9 s). A worker per strategy would have to receive every featurised chunk (sparse vectors) by
 * copy; it is not done.
 */
export class Experiment {
  private readonly options: ExperimentOptions;

  constructor(options: ExperimentOptions) {
    const what = "Experiment";
    if (options === null || typeof options !== "object") throw new StreamlabError(`${what}: expected options { stream, strategies, labelCol, predictionDetailCol, timeInterval }.`);
    if (!StreamOperator.isStreamOperator(options.stream)) throw new StreamlabError(`${what}: stream must be a stream operator (the replayed stream every strategy reads).`, { param: "stream" });
    const names = Object.keys(options.strategies ?? {});
    if (names.length === 0) throw new StreamlabError(`${what}: strategies is empty; give at least one, e.g. { "FTRL": ftrlStrategy(initModel, {...}) }.`, { param: "strategies" });
    for (const name of names) {
      if (typeof options.strategies[name] !== "function") {
        throw new StreamlabError(`${what}: strategy ${quote(name)} must be a function (stream) => predictions, or => { predictions, models }.`, { param: "strategies" });
      }
    }
    if (!(options.timeInterval > 0) || !Number.isFinite(options.timeInterval)) {
      throw new StreamlabError(`${what}: timeInterval must be a positive number of seconds, got ${String(options.timeInterval)}.`, { param: "timeInterval" });
    }
    if (typeof options.labelCol !== "string" || typeof options.predictionDetailCol !== "string") {
      throw new StreamlabError(`${what}: labelCol and predictionDetailCol must name the label and the prediction-detail columns.`, { param: "labelCol" });
    }
    if (options.rankBy !== undefined && options.rankBy !== "AUC" && options.rankBy !== "LogLoss") {
      throw new StreamlabError(`${what}: rankBy must be "AUC" or "LogLoss", got ${String(options.rankBy)}.`, { param: "rankBy" });
    }
    this.options = options;
  }

  /** Builds every strategy on the shared stream, runs them in one execute and ranks them. */
  async run(): Promise<ExperimentResult> {
    const o = this.options;
    const built = Object.entries(o.strategies).map(([name, strategy]) => {
      const output = strategy(o.stream);
      const { predictions, models } = StreamOperator.isStreamOperator(output) ? { predictions: output, models: undefined } : (output ?? ({} as never));
      if (!StreamOperator.isStreamOperator(predictions)) {
        throw new StreamlabError(`Experiment: strategy ${quote(name)} returned no predictions stream; return the predictor (or { predictions, models }).`, { param: "strategies" });
      }
      if (models !== undefined && !StreamOperator.isStreamOperator(models)) {
        throw new StreamlabError(`Experiment: strategy ${quote(name)}: models must be a stream operator (the model stream it trains).`, { param: "strategies" });
      }
      const timer = new StrategyTimer(models === undefined ? [predictions] : [predictions, models], o.stream);
      let evaluation = new EvalBinaryClassStreamOp().setLabelCol(o.labelCol).setPredictionDetailCol(o.predictionDetailCol).setTimeInterval(o.timeInterval);
      if (o.positiveLabelValueString !== undefined) evaluation = evaluation.setPositiveLabelValueString(o.positiveLabelValueString);
      const values = evaluation
        .linkFrom(predictions)
        .link(new JsonValueStreamOp().setSelectedCol("Data").setReservedCols(["Statistics"]).setJsonPath(["$.AUC", "$.LogLoss", "$.TotalSamples"]).setOutputCols(["AUC", "LogLoss", "TotalSamples"]));
      const metrics = values.lazyCollect();
      // The whole stream, exactly: one window longer than any stream (the cumulative "all" rows
      // use 100 000 probability bins, which merges the close scores of a weak model).
      const whole = new EvalBinaryClassStreamOp().setLabelCol(o.labelCol).setPredictionDetailCol(o.predictionDetailCol).setTimeInterval(WHOLE_STREAM);
      if (o.positiveLabelValueString !== undefined) whole.setPositiveLabelValueString(o.positiveLabelValueString);
      const totals = whole
        .linkFrom(predictions)
        .link(new JsonValueStreamOp().setSelectedCol("Data").setReservedCols(["Statistics"]).setJsonPath(["$.AUC", "$.LogLoss", "$.TotalSamples"]).setOutputCols(["AUC", "LogLoss", "TotalSamples"]))
        .lazyCollect();
      const modelTimes = models === undefined ? null : countModels(models);
      return { name, timer, metrics, totals, modelTimes };
    });
    const rows = { n: 0 };
    registerStreamSink(o.stream, {
      start: () => ({
        process: (inputs) => {
          for (const chunk of inputs[0]) rows.n += chunk.numRows;
        },
        finish: () => {},
      }),
    });
    const driftCollection = StreamOperator.isStreamOperator(o.drifts) ? o.drifts.lazyCollect() : null;
    let wallSeconds: number;
    try {
      wallSeconds = (await StreamOperator.execute(o.progress === undefined ? {} : { progress: o.progress })).wallSeconds;
    } finally {
      for (const b of built) b.timer.restore();
    }
    const drifts = driftCollection !== null ? driftTimes(driftCollection) : [...((o.drifts as readonly number[] | undefined) ?? [])];
    drifts.sort((a, b) => a - b);
    const strategies: StrategyResult[] = built.map((b) => {
      const windows = readMetrics(b.metrics, o.timeInterval).windows;
      const total = readMetrics(b.totals, WHOLE_STREAM).windows[0] ?? { auc: NaN, logLoss: NaN, samples: 0 };
      const recoveries = recoveryTimes(windows, drifts, o.recovery);
      const recoverySeconds = recoveries.length === 0 || recoveries.some((r) => r.seconds === null) ? null : Math.max(...recoveries.map((r) => r.seconds!));
      return {
        name: b.name,
        rank: 0,
        auc: total.auc,
        logLoss: total.logLoss,
        samples: total.samples,
        windows,
        recoveries,
        recoverySeconds,
        models: b.modelTimes === null ? null : b.modelTimes.size,
        seconds: b.timer.seconds,
        rowsPerSecond: b.timer.seconds > 0 ? rows.n / b.timer.seconds : Infinity,
      };
    });
    const rankBy = o.rankBy ?? "AUC";
    const score = (s: StrategyResult) => (rankBy === "AUC" ? -s.auc : s.logLoss);
    // NaN (no usable rows) ranks last; ties keep the order given.
    const ranking = strategies
      .map((s, i) => ({ s, i }))
      .sort((a, b) => {
        const x = score(a.s);
        const y = score(b.s);
        if (Number.isNaN(x) !== Number.isNaN(y)) return Number.isNaN(x) ? 1 : -1;
        return x !== y && !Number.isNaN(x) ? x - y : a.i - b.i;
      })
      .map(({ s }, k) => {
        s.rank = k + 1;
        return s;
      });
    return { strategies, ranking, drifts, rows: rows.n, timeInterval: o.timeInterval, rankBy, wallSeconds };
  }
}

/** Event times of a detections stream; with a `kind` column (drift detectors), only its "drift" rows (not DDM's warnings). */
function driftTimes(collection: StreamCollection): number[] {
  const table = collection.getTable();
  const times = collection.getTimes();
  const kind = table.schema.names.indexOf("kind");
  const out = new Set<number>();
  for (let r = 0; r < table.numRows; r++) if (kind < 0 || table.columns[kind].get(r) === "drift") out.add(times[r]);
  return [...out];
}

/** Seconds of the one evaluation window that holds the whole stream (event times up to year 33658). */
const WHOLE_STREAM = 1e12;

/** Counts the distinct timestamps of a model stream (column 0) as it flows, without keeping its rows. */
function countModels(models: StreamOperator): Set<number> {
  const seen = new Set<number>();
  registerStreamSink(models, {
    start: () => {
      seen.clear();
      return {
        process: (inputs) => {
          for (const chunk of inputs[0]) {
            const ts = chunk.table.columns[0];
            for (let i = 0; i < chunk.numRows; i++) {
              const v = ts.get(i);
              if (v instanceof Date) seen.add(v.getTime());
            }
          }
        },
        finish: () => {},
      };
    },
  });
  return seen;
}

function readMetrics(collection: StreamCollection, interval: number): { windows: MetricWindow[]; total: { auc: number; logLoss: number; samples: number } } {
  const table = collection.getTable();
  const times = collection.getTimes();
  const [stat, auc, logLoss, samples] = ["Statistics", "AUC", "LogLoss", "TotalSamples"].map((name) => table.column(name));
  const num = (v: unknown) => (v === null || v === undefined ? NaN : Number(v));
  const windows: MetricWindow[] = [];
  let total = { auc: NaN, logLoss: NaN, samples: 0 };
  for (let r = 0; r < table.numRows; r++) {
    const row = { auc: num(auc.get(r)), logLoss: num(logLoss.get(r)), samples: num(samples.get(r)) };
    if (stat.get(r) === "window") windows.push({ start: times[r] - interval, end: times[r], ...row });
    else total = row;
  }
  return { windows, total };
}
