import { StreamlabError } from "../core/errors";
import { Table } from "../core/table";
import { chartConfig, seriesScale } from "./palette";
import { showSvg } from "./richOutput";

/**
 * Charts for notebooks: vega-lite (v5) specs rendered to SVG in Node, so every chart is part of
 * the saved notebook and visible in a static viewer without JavaScript. (vega 6 is ESM-only with
 * top-level await and cannot be `require`d from tslab's CommonJS cells; v5 can.)
 */
export type VegaLiteSpec = Record<string, unknown>;

/** Renders a vega-lite spec to an SVG string. */
export async function vegaLiteToSvg(spec: VegaLiteSpec): Promise<string> {
  const vegaLite = require("vega-lite") as typeof import("vega-lite");
  const vega = require("vega") as typeof import("vega");
  let compiled;
  try {
    compiled = vegaLite.compile(spec as never).spec;
  } catch (error) {
    throw new StreamlabError(`Invalid chart specification: ${(error as Error).message}`);
  }
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Renders a vega-lite spec and shows it in the notebook as one output with an SVG and a PNG
 * rendition (the PNG is what untrusted notebooks and GitHub's viewer show). Resolves to nothing,
 * so the cell does not also echo the SVG text; use {@link vegaLiteToSvg} to get the string.
 */
export async function showChart(spec: VegaLiteSpec): Promise<void> {
  showSvg(await vegaLiteToSvg(spec), { alt: typeof spec.title === "string" ? `<chart: ${spec.title}>` : "<chart>" });
}

/** Table → vega-lite inline data (`[{col: value}]`), vectors as strings, timestamps as ISO text. */
export function tableToRecords(table: Table): Record<string, unknown>[] {
  const records: Record<string, unknown>[] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const record: Record<string, unknown> = {};
    table.schema.names.forEach((name, c) => {
      const v = table.columns[c].get(r);
      record[name] = v instanceof Date ? v.toISOString() : v !== null && typeof v === "object" ? String(v) : v;
    });
    records[r] = record;
  }
  return records;
}

interface XYOptions {
  /** Rows as objects, or a table. */
  data: Record<string, unknown>[] | Table;
  x: string;
  y: string;
  /** Field that splits the data into series (one colour each). */
  color?: string;
  title?: string;
  xTitle?: string;
  yTitle?: string;
  width?: number;
  height?: number;
  /** vega-lite field types: quantitative (default), ordinal, nominal, temporal. */
  xType?: "quantitative" | "ordinal" | "nominal" | "temporal";
  yType?: "quantitative" | "ordinal" | "nominal" | "temporal";
  /** y-axis domain, e.g. [0.5, 1] for AUC. */
  yDomain?: [number, number];
}

/** The start every chart spec shares (vega-lite v5, optional title, size), in the order vega-lite documents it. */
function specHead(title: string | undefined, width: number, height: unknown): VegaLiteSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    ...(title ? { title } : {}),
    width,
    height,
  };
}

function records(data: XYOptions["data"]): Record<string, unknown>[] {
  return data instanceof Table ? tableToRecords(data) : data;
}

function encodeXY(o: XYOptions, rows: Record<string, unknown>[]): Record<string, unknown> {
  return {
    x: { field: o.x, type: o.xType ?? "quantitative", title: o.xTitle ?? o.x },
    y: {
      field: o.y,
      type: o.yType ?? "quantitative",
      title: o.yTitle ?? o.y,
      ...(o.yDomain ? { scale: { domain: o.yDomain, zero: false } } : {}),
    },
    ...(o.color ? { color: { field: o.color, type: "nominal", title: o.color, scale: seriesScale(rows.map((r) => String(r[o.color!]))) } } : {}),
  };
}

/** A line chart spec (e.g. loss per iteration, AUC over stream time). */
export function lineChart(o: XYOptions): VegaLiteSpec {
  const rows = records(o.data);
  return {
    ...specHead(o.title, o.width ?? 520, o.height ?? 260),
    data: { values: rows },
    mark: { type: "line", point: rows.length <= 60 },
    encoding: encodeXY(o, rows),
    config: chartConfig(),
  };
}

/** A bar chart spec (e.g. CTR per hour, top coefficients). */
export function barChart(o: XYOptions & { horizontal?: boolean }): VegaLiteSpec {
  const rows = records(o.data);
  const encoding = encodeXY({ xType: "ordinal", ...o }, rows);
  if (o.horizontal) {
    const x = encoding.x as Record<string, unknown>;
    const y = encoding.y as Record<string, unknown>;
    encoding.x = y;
    encoding.y = { ...x, sort: "-x" };
  }
  return {
    ...specHead(o.title, o.width ?? 520, o.height ?? 260),
    data: { values: rows },
    mark: { type: "bar", tooltip: true },
    encoding,
    config: chartConfig(),
  };
}

/** One named curve (ROC, precision–recall, loss per iteration ...). */
export interface CurveSeries {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/**
 * Several curves in one chart, coloured by name; `diagonal` adds the y = x reference of a ROC
 * chart; `step` draws step lines (for ROC/PR curves built from thresholds).
 */
export function curveChart(o: {
  series: readonly CurveSeries[];
  title?: string;
  xTitle?: string;
  yTitle?: string;
  diagonal?: boolean;
  width?: number;
  height?: number;
  xDomain?: [number, number];
  yDomain?: [number, number];
}): VegaLiteSpec {
  const values: Record<string, unknown>[] = [];
  for (const s of o.series) {
    const n = Math.min(s.x.length, s.y.length);
    // Long curves are thinned to at most ~2000 points: the SVG stays small and looks the same.
    const step = Math.max(1, Math.floor(n / 2000));
    for (let i = 0; i < n; i += step) values.push({ series: s.name, x: s.x[i], y: s.y[i], order: i });
    if ((n - 1) % step !== 0 && n > 0) values.push({ series: s.name, x: s.x[n - 1], y: s.y[n - 1], order: n - 1 });
  }
  const scale = (d?: [number, number]) => (d ? { scale: { domain: d, zero: false } } : {});
  const layers: Record<string, unknown>[] = [
    {
      data: { values },
      mark: { type: "line", interpolate: "linear" },
      encoding: {
        x: { field: "x", type: "quantitative", title: o.xTitle ?? "x", ...scale(o.xDomain) },
        y: { field: "y", type: "quantitative", title: o.yTitle ?? "y", ...scale(o.yDomain) },
        color: { field: "series", type: "nominal", title: null, scale: seriesScale(o.series.map((s) => s.name)) },
        order: { field: "order", type: "quantitative" },
      },
    },
  ];
  if (o.diagonal) {
    layers.push({
      data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] },
      mark: { type: "line", strokeDash: [4, 4], color: "#999" },
      encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } },
    });
  }
  return {
    ...specHead(o.title, o.width ?? 420, o.height ?? 320),
    layer: layers,
    config: chartConfig(),
  };
}

/**
 * Horizontal bars of the `top` largest coefficients by absolute value, coloured by sign; features
 * whose name is null (e.g. hash slots no known key reaches, see `hashedFeatureNames`) are left out.
 */
export function coefficientChart(o: { names: readonly (string | null)[]; weights: ArrayLike<number>; top?: number; title?: string; width?: number }): VegaLiteSpec {
  const rows = Array.from({ length: Math.min(o.names.length, o.weights.length) }, (_, i) => ({
    feature: o.names[i],
    weight: o.weights[i],
    sign: o.weights[i] >= 0 ? "positive" : "negative",
  }))
    .filter((r): r is { feature: string; weight: number; sign: string } => r.feature !== null)
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, o.top ?? 20);
  return {
    ...specHead(o.title, o.width ?? 420, { step: 16 }),
    data: { values: rows },
    mark: { type: "bar" },
    encoding: {
      y: { field: "feature", type: "nominal", sort: { field: "weight", op: "max", order: "descending" }, title: null },
      x: { field: "weight", type: "quantitative", title: "coefficient" },
      color: { field: "sign", type: "nominal", scale: { domain: ["positive", "negative"], range: ["#4c78a8", "#e45756"] }, legend: null },
    },
    config: chartConfig(),
  };
}
