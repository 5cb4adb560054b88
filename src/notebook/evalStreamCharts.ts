import { StreamlabError } from "../core/errors";
import { JsonValueStreamOp } from "../dataproc";
import { EvalBinaryClassStreamOp } from "../evaluation";
import type { StreamCollection, StreamOperator } from "../stream";
import { RowRecord, toRecords } from "./records";
import { showRows } from "./showRows";
import { MarkerKind, StreamChart } from "./streamChart";

/**
 * Charts of a binary classifier's metrics over stream time, in one call: for each named stream of
 * predictions it builds `EvalBinaryClassStreamOp` (one window every `timeInterval` seconds of event
 * time) and `JsonValueStreamOp`, and draws one live {@link StreamChart} per metric — one line per
 * predictor, the same colour in every chart.
 *
 * ```ts
 * const charts = new EvalStreamCharts(
 *   { "FTRL": ftrlPredictions, "initial model": staticPredictions },
 *   { labelCol: "click", predictionDetailCol: "details", timeInterval: 1800, metrics: ["AUC", "LogLoss"] });
 * await StreamOperator.execute();
 * charts.addMarkers("drift", driftTimes);
 * await charts.show();
 * charts.showSummary();      // the whole stream's metrics per predictor
 * ```
 */
export interface EvalStreamChartsOptions {
  labelCol: string;
  predictionDetailCol: string;
  /** Window length in seconds of event time. */
  timeInterval: number;
  /** Keys of Alink's metrics JSON (`AUC`, `LogLoss`, `Accuracy`, `KS`, `PRC`, `F1` ...); default AUC and LogLoss. */
  metrics?: readonly string[];
  positiveLabelValueString?: string;
  /** Also plot the metric over everything so far (`<name>, cumulative`): for every metric, or for the listed ones. */
  cumulative?: boolean | readonly string[];
  width?: number;
  height?: number;
}

const METRIC_TITLES: Record<string, string> = { LogLoss: "log loss", Accuracy: "accuracy", Precision: "precision", Recall: "recall" };

/** "30-minute", "2-hour", "45-second": the window length for a chart title. */
export function windowName(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}-hour`;
  if (seconds % 60 === 0) return `${seconds / 60}-minute`;
  return `${seconds}-second`;
}

export class EvalStreamCharts {
  private readonly charts = new Map<string, StreamChart>();
  private readonly collections = new Map<string, StreamCollection>();
  private readonly metrics: readonly string[];

  constructor(series: Record<string, StreamOperator>, options: EvalStreamChartsOptions) {
    this.metrics = options.metrics ?? ["AUC", "LogLoss"];
    if (this.metrics.length === 0) throw new StreamlabError("EvalStreamCharts: metrics is empty; name at least one key of the metrics JSON, e.g. [\"AUC\"].");
    if (Object.keys(series).length === 0) throw new StreamlabError("EvalStreamCharts: no prediction streams given.");
    for (const metric of this.metrics) {
      const title = METRIC_TITLES[metric] ?? metric;
      this.charts.set(
        metric,
        new StreamChart({ title: `${title[0].toUpperCase()}${title.slice(1)} per ${windowName(options.timeInterval)} window`, yTitle: title, width: options.width ?? 680, height: options.height }),
      );
    }
    for (const [name, predictions] of Object.entries(series)) {
      let evaluation = new EvalBinaryClassStreamOp()
        .setLabelCol(options.labelCol)
        .setPredictionDetailCol(options.predictionDetailCol)
        .setTimeInterval(options.timeInterval);
      if (options.positiveLabelValueString !== undefined) evaluation = evaluation.setPositiveLabelValueString(options.positiveLabelValueString);
      const values = evaluation.linkFrom(predictions).link(
        new JsonValueStreamOp()
          .setSelectedCol("Data")
          .setReservedCols(["Statistics"])
          .setJsonPath(this.metrics.map((m) => `$.${m}`))
          .setOutputCols([...this.metrics]),
      );
      for (const metric of this.metrics) {
        const chart = this.charts.get(metric)!;
        chart.addSeries(name, values, { y: metric, where: { Statistics: "window" } });
        const cumulative = Array.isArray(options.cumulative) ? options.cumulative.includes(metric) : options.cumulative === true;
        if (cumulative) chart.addSeries(`${name}, cumulative`, values, { y: metric, where: { Statistics: "all" } });
      }
      this.collections.set(name, values.lazyCollect());
    }
  }

  /** The chart of one metric, e.g. to add a series of another stream (`chart("LogLoss").addSeries(...)`). */
  chart(metric: string): StreamChart {
    const chart = this.charts.get(metric);
    if (chart === undefined) throw new StreamlabError(`EvalStreamCharts: no chart of metric "${metric}"; metrics: ${[...this.charts.keys()].join(", ")}.`);
    return chart;
  }

  /** Adds vertical markers to every chart (`kind: "version"` for faint model-switch rules). */
  addMarkers(label: string, times: readonly number[], o: { kind?: MarkerKind } = {}): this {
    for (const chart of this.charts.values()) chart.addMarkers(label, times, o);
    return this;
  }

  /** Draws the final frame of every chart. */
  async show(): Promise<void> {
    for (const chart of this.charts.values()) await chart.show();
  }

  /** Per-window metrics of one predictor (after the run): `{ Statistics, AUC, LogLoss ... }` with numbers. */
  windows(name: string, statistics: "window" | "all" = "window"): RowRecord[] {
    const collection = this.collections.get(name);
    if (collection === undefined) throw new StreamlabError(`EvalStreamCharts: no predictor named "${name}"; names: ${[...this.collections.keys()].join(", ")}.`);
    return toRecords(collection)
      .filter((r) => r.Statistics === statistics)
      .map((r) => {
        const out: RowRecord = { Statistics: r.Statistics };
        for (const m of this.metrics) out[m] = r[m] === null ? null : Number(r[m]);
        return out;
      });
  }

  /** The whole stream's metrics per predictor (the last cumulative row of each): `{ predictor, AUC, ... }`. */
  summary(): RowRecord[] {
    return [...this.collections.keys()].map((name) => {
      const all = this.windows(name, "all");
      const last = all[all.length - 1] ?? {};
      const row: RowRecord = { predictor: name };
      for (const m of this.metrics) row[m] = (last[m] as number | undefined) ?? null;
      return row;
    });
  }

  /** Shows {@link summary} as a table. */
  showSummary(title = "whole stream, per predictor"): void {
    showRows(this.summary(), { title, schema: ["predictor string", ...this.metrics.map((m) => `${m} double`)].join(", ") });
  }
}
