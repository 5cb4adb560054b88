import { Schema } from "../core/schema";
import { StreamChunk } from "../stream/chunk";
import { registerStreamSink } from "../stream/environment";
import type { StreamOperator } from "../stream/streamOperator";
import { StreamTask } from "../stream/task";
import { VegaLiteSpec, vegaLiteToSvg } from "./charts";
import { chartConfig, markerColor, seriesColor, seriesScale } from "./palette";
import { LiveChartDisplay } from "./richOutput";

/**
 * A line chart of values over **stream time** that redraws itself in place while a stream runs
 * (tslab's `newDisplay()`), and keeps its final frame as SVG in the saved notebook.
 *
 * ```ts
 * const chart = new StreamChart({ title: "AUC per hour", yTitle: "AUC" });
 * chart.addSeries("FTRL", ftrlAuc, { y: "AUC", where: { Statistics: "window" } });
 * chart.addSeries("static", staticAuc, { y: "AUC", where: { Statistics: "window" } });
 * await StreamOperator.execute();
 * chart.addMarkers("model version", predictor.getModelSwaps().map((s) => s.eventTime), { kind: "version" });
 * await chart.show();     // final frame
 * ```
 * Values are read from each row of the series' operator (numbers, or numeric strings as
 * `JsonValueStreamOp` produces them); x is the row's event time. Each series keeps its colour in
 * every chart of the notebook (see `seriesColor`); `event` markers (a drift) are drawn on top in
 * a strong colour, `version` markers (every model switch) faint and thin behind the lines.
 */
export interface StreamChartOptions {
  title?: string;
  yTitle?: string;
  xTitle?: string;
  width?: number;
  height?: number;
  yDomain?: [number, number];
  /** Minimum wall-clock seconds between live redraws (default 1). */
  refreshInterval?: number;
}

interface Point {
  series: string;
  t: number;
  y: number;
}

/** `event`: a few important times, drawn on top (default); `version`: many model switches, drawn faint behind. */
export type MarkerKind = "event" | "version";

interface Marker {
  label: string;
  t: number;
  kind: MarkerKind;
}

export class StreamChart {
  private readonly points: Point[] = [];
  private markers: Marker[] = [];
  private readonly seriesNames: string[] = [];
  private readonly live = new LiveChartDisplay();
  private lastDraw = 0;
  private drawing: Promise<void> | null = null;

  constructor(private readonly options: StreamChartOptions = {}) {}

  /**
   * Plots column `y` of every row `op` emits during the next `StreamOperator.execute()`; `where`
   * keeps only rows whose columns equal the given values (e.g. `{ Statistics: "window" }`).
   */
  addSeries(name: string, op: StreamOperator, o: { y: string; where?: Record<string, unknown> }): this {
    const schema: Schema = op.getSchema();
    const yIndex = schema.require(o.y, { operator: "StreamChart", param: "y" });
    const filters = Object.entries(o.where ?? {}).map(([col, value]) => [schema.require(col, { operator: "StreamChart", param: "where" }), value] as const);
    this.live.reserve(`<chart${this.options.title ? ` "${this.options.title}"` : ""}: drawn while the stream runs>`);
    if (!this.seriesNames.includes(name)) this.seriesNames.push(name);
    seriesColor(name); // fixed now, in code order, not when a live redraw happens to run first

    registerStreamSink(op, {
      start: (): StreamTask => ({
        process: (inputs) => {
          for (const chunk of inputs[0]) this.collect(name, chunk, yIndex, filters);
          this.maybeRedraw();
        },
        finish: () => {},
      }),
    });
    return this;
  }

  /**
   * Vertical rules at the given event times (seconds): `kind: "event"` (default) for a few times
   * that matter (a drift), `kind: "version"` for the many times a predictor switched models.
   */
  addMarkers(label: string, times: readonly number[], o: { kind?: MarkerKind } = {}): this {
    const kind = o.kind ?? "event";
    markerColor(label, kind);
    this.markers = [...this.markers.filter((m) => m.label !== label), ...times.map((t) => ({ label, t, kind }))];
    return this;
  }

  /** The markers drawn so far (label, event time, kind), for checks. */
  getMarkers(): readonly Marker[] {
    return this.markers;
  }

  /** The points plotted so far, for checks and further analysis. */
  getPoints(): readonly Point[] {
    return this.points;
  }

  /** The values of one series in event-time order. */
  getSeries(name: string): readonly Point[] {
    return this.points.filter((p) => p.series === name);
  }

  private collect(name: string, chunk: StreamChunk, yIndex: number, filters: readonly (readonly [number, unknown])[]): void {
    const column = chunk.table.columns[yIndex];
    for (let i = 0; i < chunk.numRows; i++) {
      if (filters.some(([c, v]) => chunk.table.columns[c].get(i) !== v)) continue;
      const raw = column.get(i);
      const y = typeof raw === "number" ? raw : typeof raw === "string" ? Number(raw) : NaN;
      if (Number.isFinite(y)) this.points.push({ series: name, t: chunk.times[i], y });
    }
  }

  private maybeRedraw(): void {
    if (!this.live.isLive || this.drawing !== null) return;
    const now = Date.now();
    if (now - this.lastDraw < (this.options.refreshInterval ?? 1) * 1000) return;
    this.lastDraw = now;
    this.drawing = vegaLiteToSvg(this.spec())
      .then((svg) => this.live.frame(svg))
      .catch(() => {})
      .finally(() => {
        this.drawing = null;
      });
  }

  /** The chart as a vega-lite spec (x = event time; UTC date-times for epoch-like times). */
  spec(): VegaLiteSpec {
    const epoch = this.points.length > 0 && this.points[0].t > 1e8;
    const x = (t: number) => (epoch ? new Date(t * 1000).toISOString() : t);
    const span = this.points.length > 0 ? this.points[this.points.length - 1].t - this.points[0].t : 0;
    const xEncoding = {
      field: "x",
      type: epoch ? "temporal" : "quantitative",
      title: this.options.xTitle ?? (epoch ? "event time (UTC)" : "event time (s)"),
      ...(epoch ? { axis: { format: span < 86400 ? "%H:%M" : "%m-%d %H:%M" }, scale: { type: "utc" } } : {}),
    };
    const xRule = { field: "x", type: epoch ? "temporal" : "quantitative" };
    const labels = [...new Set(this.markers.map((m) => m.label))];
    const strokeScale = {
      domain: labels,
      range: labels.map((l) => markerColor(l, this.markers.find((m) => m.label === l)!.kind)),
    };
    const markerLayer = (kind: MarkerKind): Record<string, unknown> => ({
      data: { values: this.markers.filter((m) => m.kind === kind).map((m) => ({ marker: m.label, x: x(m.t) })) },
      // Version rules are many (one per model switch): thin and faint, so they do not hide the
      // few event rules, which are drawn last, dashed and opaque.
      mark: kind === "version" ? { type: "rule", strokeWidth: 0.75, opacity: 0.3 } : { type: "rule", strokeWidth: 1.75, opacity: 0.9, strokeDash: [6, 3] },
      encoding: { x: xRule, stroke: { field: "marker", type: "nominal", title: null, scale: strokeScale, legend: { symbolOpacity: 1, symbolStrokeWidth: 2 } } },
    });
    const layers: Record<string, unknown>[] = [];
    if (this.markers.some((m) => m.kind === "version")) layers.push(markerLayer("version"));
    layers.push({
      data: { values: this.points.map((p) => ({ series: p.series, x: x(p.t), y: p.y })) },
      mark: { type: "line", point: this.points.length < 400 },
      encoding: {
        x: xEncoding,
        y: { field: "y", type: "quantitative", title: this.options.yTitle ?? "value", scale: this.options.yDomain ? { domain: this.options.yDomain, zero: false } : { zero: false } },
        color: { field: "series", type: "nominal", title: null, scale: seriesScale(this.seriesNames) },
      },
    });
    if (this.markers.some((m) => m.kind === "event")) layers.push(markerLayer("event"));
    return {
      $schema: "https://vega.github.io/schema/vega-lite/v5.json",
      ...(this.options.title ? { title: this.options.title } : {}),
      width: this.options.width ?? 640,
      height: this.options.height ?? 280,
      layer: layers,
      config: chartConfig(),
    };
  }

  /** Draws the final frame, with its PNG rendition (in place of the live one in a notebook). */
  async show(): Promise<void> {
    if (this.drawing !== null) await this.drawing;
    const svg = await vegaLiteToSvg(this.spec());
    this.live.frame(svg, true);
  }
}
