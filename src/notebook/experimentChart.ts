import { StreamlabError } from "../core/errors";
import { EXPERIMENT_TABLE_SCHEMA_STR, ExperimentResult, rankedTable } from "../onlinelearning/experiments/Experiment";
import { VegaLiteSpec, showChart } from "./charts";
import { windowName } from "./evalStreamCharts";
import { chartConfig, markerColor, seriesScale } from "./palette";
import { showRows } from "./showRows";

export interface ExperimentChartOptions {
  /** Which windowed metric to plot: AUC (default) or LogLoss. */
  metric?: "AUC" | "LogLoss";
  title?: string;
  width?: number;
  height?: number;
  /** Label of the drift rules (default "drift"). */
  driftLabel?: string;
  /** More event rules by label, e.g. `{ "true drift (generator)": [t] }`. */
  markers?: Record<string, readonly number[]>;
}

/**
 * One chart of an experiment: the windowed metric of every strategy over event time, one line per
 * strategy in its notebook colour (`seriesColor`, stable per name across charts), and the drifts
 * as dashed rules. Pure data → spec: the same result gives the same chart.
 */
export function experimentChart(result: ExperimentResult, o: ExperimentChartOptions = {}): VegaLiteSpec {
  const metric = o.metric ?? "AUC";
  if (metric !== "AUC" && metric !== "LogLoss") throw new StreamlabError(`experimentChart: metric must be "AUC" or "LogLoss", got ${String(metric)}.`);
  const points = result.strategies.flatMap((s) =>
    s.windows.filter((w) => Number.isFinite(metric === "AUC" ? w.auc : w.logLoss)).map((w) => ({ series: s.name, t: w.end, y: metric === "AUC" ? w.auc : w.logLoss })),
  );
  const epoch = points.length > 0 && points[0].t > 1e8;
  const x = (t: number) => (epoch ? new Date(t * 1000).toISOString() : t);
  const span = points.length > 0 ? Math.max(...points.map((p) => p.t)) - Math.min(...points.map((p) => p.t)) : 0;
  const xType = epoch ? "temporal" : "quantitative";
  const label = o.driftLabel ?? "drift";
  const layers: Record<string, unknown>[] = [
    {
      data: { values: points.map((p) => ({ series: p.series, x: x(p.t), y: p.y })) },
      mark: { type: "line", point: points.length < 400 },
      encoding: {
        x: {
          field: "x",
          type: xType,
          title: epoch ? "event time (UTC), window end" : "event time (s), window end",
          ...(epoch ? { axis: { format: span < 86400 ? "%H:%M" : "%m-%d %H:%M" }, scale: { type: "utc" } } : {}),
        },
        y: { field: "y", type: "quantitative", title: metric === "AUC" ? "AUC" : "log loss", scale: { zero: false } },
        color: { field: "series", type: "nominal", title: null, scale: seriesScale(result.strategies.map((s) => s.name)) },
      },
    },
  ];
  const rules = [...result.drifts.map((t) => ({ marker: label, t })), ...Object.entries(o.markers ?? {}).flatMap(([m, ts]) => ts.map((t) => ({ marker: m, t })))];
  if (rules.length > 0) {
    const labels = [...new Set(rules.map((r) => r.marker))];
    layers.push({
      data: { values: rules.map((r) => ({ marker: r.marker, x: x(r.t) })) },
      mark: { type: "rule", strokeWidth: 1.75, opacity: 0.9, strokeDash: [6, 3] },
      encoding: {
        x: { field: "x", type: xType },
        stroke: { field: "marker", type: "nominal", title: null, scale: { domain: labels, range: labels.map((l) => markerColor(l, "event")) }, legend: { symbolOpacity: 1, symbolStrokeWidth: 2 } },
      },
    });
  }
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: o.title ?? `${metric === "AUC" ? "AUC" : "Log loss"} per ${windowName(result.timeInterval)} window, one line per strategy`,
    width: o.width ?? 680,
    height: o.height ?? 280,
    layer: layers,
    config: chartConfig(),
  };
}

/**
 * Shows an experiment: its chart ({@link experimentChart}) and its ranked table (rank, strategy,
 * AUC, log loss, recovery after the drift in seconds, models emitted). Rows/s change from run to
 * run, so they are shown only with `timings: true` (keep them out of saved notebooks).
 */
export async function showExperiment(result: ExperimentResult, o: ExperimentChartOptions & { timings?: boolean; tableTitle?: string } = {}): Promise<void> {
  await showChart(experimentChart(result, o));
  const schema = EXPERIMENT_TABLE_SCHEMA_STR + (o.timings === true ? ", rows_per_s bigint" : "");
  const title = o.tableTitle ?? `ranked by ${result.rankBy === "AUC" ? "AUC (highest first)" : "log loss (lowest first)"}; recovery_s: event time from the drift until the windowed AUC is back within tolerance of its pre-drift level`;
  showRows(rankedTable(result, { timings: o.timings }), { title, schema });
}
