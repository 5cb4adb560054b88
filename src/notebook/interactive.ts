import * as fs from "fs";
import * as path from "path";
import { display } from "./display";

/**
 * Interactive plotly.js charts for a *live* notebook (zoom, hover with thresholds). They need the
 * browser to run JavaScript, so a saved notebook viewed statically shows nothing for them: always
 * pair one with an SVG chart (`showChart`). The plotly bundle is copied once next to the
 * notebook (`streamlab_assets/`) and loaded from Jupyter's /files/ route, with or without the
 * classic notebook's RequireJS.
 */
export interface PlotlyTrace {
  x: readonly number[];
  y: readonly number[];
  name?: string;
  mode?: "lines" | "markers" | "lines+markers";
  /** Hover text per point (e.g. the threshold at each ROC point). */
  text?: readonly string[];
  line?: { dash?: string; color?: string; width?: number };
}

export interface PlotlyLayout {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  width?: number;
  height?: number;
}

const ASSET_DIR = "streamlab_assets";
let counter = 0;

function ensureAsset(): void {
  const target = path.resolve(ASSET_DIR, "plotly.min.js");
  if (fs.existsSync(target)) return;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(require.resolve("plotly.js-dist-min/plotly.min.js"), target);
}

/** The HTML of an interactive chart (exported for tests). */
export function plotlyHtml(traces: readonly PlotlyTrace[], layout: PlotlyLayout = {}): string {
  const id = `streamlab-plot-${process.pid}-${++counter}`;
  const width = layout.width ?? 640;
  const height = layout.height ?? 420;
  const plotLayout = {
    title: layout.title ? { text: layout.title } : undefined,
    xaxis: { title: { text: layout.xTitle ?? "" } },
    yaxis: { title: { text: layout.yTitle ?? "" } },
    width,
    height,
    margin: { t: 40, l: 60, r: 20, b: 50 },
  };
  const data = traces.map((t) => ({ type: "scatter", mode: t.mode ?? "lines", ...t, hoverinfo: t.text ? "text+x+y" : "x+y" }));
  const src = `../files/${ASSET_DIR}/plotly.min`;
  return (
    `<div id="${id}" style="width:${width}px;height:${height}px"></div>` +
    `<script>(function(){var d=${JSON.stringify(data)},l=${JSON.stringify(plotLayout)};` +
    `function draw(P){P.newPlot(${JSON.stringify(id)},d,l,{displaylogo:false});}` +
    `if(window.Plotly){draw(window.Plotly);}` +
    `else if(window.requirejs){window.requirejs.config({paths:{"streamlab-plotly":${JSON.stringify(src)}}});window.requirejs(["streamlab-plotly"],draw);}` +
    `else{var s=document.createElement("script");s.src=${JSON.stringify(src + ".js")};s.onload=function(){draw(window.Plotly);};document.head.appendChild(s);}` +
    `})();</script>`
  );
}

/** Shows an interactive plotly chart in a live notebook. */
export function showInteractive(traces: readonly PlotlyTrace[], layout: PlotlyLayout = {}): void {
  ensureAsset();
  display().html(plotlyHtml(traces, layout));
}
