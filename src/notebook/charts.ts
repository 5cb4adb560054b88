import { StreamlabError } from "../core/errors";
import { Table } from "../core/table";
import { display } from "./display";

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
 * Renders a vega-lite spec and shows it as SVG in the notebook (resolves to nothing, so the cell
 * does not also echo the SVG text; use {@link vegaLiteToSvg} to get the string).
 */
export async function showChart(spec: VegaLiteSpec): Promise<void> {
  display().svg(await vegaLiteToSvg(spec));
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

function records(data: XYOptions["data"]): Record<string, unknown>[] {
  return data instanceof Table ? tableToRecords(data) : data;
}

function encodeXY(o: XYOptions): Record<string, unknown> {
  return {
    x: { field: o.x, type: o.xType ?? "quantitative", title: o.xTitle ?? o.x },
    y: {
      field: o.y,
      type: o.yType ?? "quantitative",
      title: o.yTitle ?? o.y,
      ...(o.yDomain ? { scale: { domain: o.yDomain, zero: false } } : {}),
    },
    ...(o.color ? { color: { field: o.color, type: "nominal", title: o.color } } : {}),
  };
}

/** A line chart spec (e.g. loss per iteration, AUC over stream time). */
export function lineChart(o: XYOptions): VegaLiteSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    ...(o.title ? { title: o.title } : {}),
    width: o.width ?? 520,
    height: o.height ?? 260,
    data: { values: records(o.data) },
    mark: { type: "line", point: records(o.data).length <= 60 },
    encoding: encodeXY(o),
  };
}

/** A bar chart spec (e.g. CTR per hour, top coefficients). */
export function barChart(o: XYOptions & { horizontal?: boolean }): VegaLiteSpec {
  const encoding = encodeXY({ xType: "ordinal", ...o });
  if (o.horizontal) {
    const x = encoding.x as Record<string, unknown>;
    const y = encoding.y as Record<string, unknown>;
    encoding.x = y;
    encoding.y = { ...x, sort: "-x" };
  }
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    ...(o.title ? { title: o.title } : {}),
    width: o.width ?? 520,
    height: o.height ?? 260,
    data: { values: records(o.data) },
    mark: { type: "bar", tooltip: true },
    encoding,
  };
}
