import type { ModelFilterDecision } from "../onlinelearning";
import { VegaLiteSpec } from "./charts";
import { chartConfig, markerColor } from "./palette";

/**
 * The verdicts of a model filter (`FtrlModelFilterStreamOp.getDecisions()`) as a chart: one panel
 * per metric (AUC, accuracy) with each candidate model's value on its validation rows, accepted
 * models as dots and rejected ones as crosses, and the threshold as a dashed line. Shaded
 * `bands` (e.g. a broken feed) and `markers` (a drift) give context.
 */
export interface ModelFilterChartOptions {
  title?: string;
  /** Metrics to plot, one panel each (default: AUC and accuracy). */
  metrics?: readonly ("auc" | "accuracy" | "logLoss")[];
  /** Shaded time ranges (seconds of event time). */
  bands?: readonly { from: number; to: number; label: string }[];
  /** Vertical event markers (seconds of event time). */
  markers?: readonly { time: number; label: string }[];
  width?: number;
  panelHeight?: number;
}

const TITLES = { auc: "AUC", accuracy: "accuracy", logLoss: "log loss" } as const;

export function modelFilterChart(decisions: readonly ModelFilterDecision[], o: ModelFilterChartOptions = {}): VegaLiteSpec {
  const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
  const x = { field: "time", type: "temporal", title: "model time (UTC)", scale: { type: "utc" }, axis: { format: "%H:%M" } };
  const bands = o.bands ?? [];
  const markers = o.markers ?? [];
  const labelled = [...bands.map((b) => ({ time: iso(b.from), label: b.label })), ...markers.map((m) => ({ time: iso(m.time), label: m.label }))];
  const panel = (metric: "auc" | "accuracy" | "logLoss"): Record<string, unknown> => {
    const threshold = decisions.length > 0 ? decisions[0].thresholds[metric] : undefined;
    const layers: Record<string, unknown>[] = [];
    if (bands.length > 0) {
      layers.push({
        data: { values: bands.map((b) => ({ from: iso(b.from), to: iso(b.to), label: b.label })) },
        mark: { type: "rect", color: "#fbe3e3" },
        encoding: { x: { ...x, field: "from" }, x2: { field: "to" } },
      });
    }
    if (markers.length > 0) {
      layers.push({
        data: { values: markers.map((m) => ({ time: iso(m.time), label: m.label })) },
        mark: { type: "rule", strokeDash: [6, 3], strokeWidth: 1.5 },
        encoding: { x, color: { value: markerColor(markers[0].label, "event") } },
      });
    }
    if (labelled.length > 0) {
      layers.push({
        data: { values: labelled },
        mark: { type: "text", align: "left", dx: 3, dy: -4, baseline: "bottom", color: "#555", y: 0 },
        encoding: { x, text: { field: "label" } },
      });
    }
    const points = decisions
      .filter((d) => Number.isFinite(d[metric]))
      .map((d) => ({ time: iso(d.eventTime), value: d[metric], verdict: d.accepted ? "accepted" : "rejected", failed: d.failed ?? "" }));
    layers.push(
      { data: { values: points }, mark: { type: "line", color: "#bbb" }, encoding: { x, y: { field: "value", type: "quantitative", title: TITLES[metric], scale: { zero: false } } } },
      {
        data: { values: points },
        mark: { type: "point", filled: true, size: 45 },
        encoding: {
          x,
          y: { field: "value", type: "quantitative" },
          color: { field: "verdict", type: "nominal", title: null, scale: { domain: ["accepted", "rejected"], range: ["#4c78a8", "#e45756"] } },
          shape: { field: "verdict", type: "nominal", title: null, scale: { domain: ["accepted", "rejected"], range: ["circle", "cross"] } },
          tooltip: [{ field: "time", type: "temporal" }, { field: "value", type: "quantitative" }, { field: "failed", type: "nominal" }],
        },
      },
    );
    if (threshold !== undefined && Number.isFinite(threshold)) {
      layers.push({
        data: { values: [{ y: threshold }] },
        mark: { type: "rule", strokeDash: [6, 3], color: "#333" },
        encoding: { y: { field: "y", type: "quantitative" } },
      });
    }
    return { width: o.width ?? 680, height: o.panelHeight ?? 170, layer: layers };
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: o.title ?? "Every candidate model, judged on its validation rows",
    vconcat: (o.metrics ?? ["auc", "accuracy"]).map(panel),
    config: chartConfig(),
  };
}
