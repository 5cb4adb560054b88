import { Schema } from "../core/schema";
import { StreamChunk } from "../stream/chunk";
import { registerStreamSink } from "../stream/environment";
import type { StreamOperator } from "../stream/streamOperator";
import { StreamTask } from "../stream/task";
import { VegaLiteSpec, vegaLiteToSvg } from "./charts";
import { LiveDisplay } from "./display";

/**
 * A line chart of values over **stream time** that redraws itself in place while a stream runs
 * (tslab's `newDisplay()`), and keeps its final frame as SVG in the saved notebook.
 *
 * ```ts
 * const chart = new StreamChart({ title: "AUC per hour", yTitle: "AUC" });
 * chart.addSeries("FTRL", ftrlAuc, { y: "AUC", where: { Statistics: "window" } });
 * chart.addSeries("static", staticAuc, { y: "AUC", where: { Statistics: "window" } });
 * await StreamOperator.execute();
 * chart.addMarkers("model version", predictor.getModelSwaps().map((s) => s.timestampMs / 1000));
 * await chart.show();     // final frame
 * ```
 * Values are read from each row of the series' operator (numbers, or numeric strings as
 * `JsonValueStreamOp` produces them); x is the row's event time.
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

export class StreamChart {
  private readonly points: Point[] = [];
  private markers: { label: string; t: number }[] = [];
  private readonly live = new LiveDisplay();
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

  /** Vertical rules at the given event times (seconds), e.g. where model versions switched. */
  addMarkers(label: string, times: readonly number[]): this {
    this.markers = [...this.markers.filter((m) => m.label !== label), ...times.map((t) => ({ label, t }))];
    return this;
  }

  /** The points plotted so far, for checks and further analysis. */
  getPoints(): readonly Point[] {
    return this.points;
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
      .then((svg) => this.live.svg(svg))
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
    const layers: Record<string, unknown>[] = [
      {
        data: { values: this.points.map((p) => ({ series: p.series, x: x(p.t), y: p.y })) },
        mark: { type: "line", point: this.points.length < 400 },
        encoding: {
          x: xEncoding,
          y: { field: "y", type: "quantitative", title: this.options.yTitle ?? "value", scale: this.options.yDomain ? { domain: this.options.yDomain, zero: false } : { zero: false } },
          color: { field: "series", type: "nominal", title: null },
        },
      },
    ];
    if (this.markers.length > 0) {
      layers.push({
        data: { values: this.markers.map((m) => ({ marker: m.label, x: x(m.t) })) },
        mark: { type: "rule", strokeDash: [2, 3], opacity: 0.35 },
        encoding: { x: { field: "x", type: epoch ? "temporal" : "quantitative" }, strokeDash: { field: "marker", type: "nominal", title: null } },
      });
    }
    return {
      $schema: "https://vega.github.io/schema/vega-lite/v5.json",
      ...(this.options.title ? { title: this.options.title } : {}),
      width: this.options.width ?? 640,
      height: this.options.height ?? 280,
      layer: layers,
    };
  }

  /** Draws the final frame (in place of the live one in a notebook); resolves to the SVG. */
  async show(): Promise<void> {
    if (this.drawing !== null) await this.drawing;
    const svg = await vegaLiteToSvg(this.spec());
    this.live.svg(svg, true);
  }
}
