import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { curveChart, vegaLiteToSvg } from "./charts";
import { seriesColor } from "./palette";
import { showSvg, svgToPng } from "./richOutput";

/**
 * Interactive plotly.js charts for a *live* notebook (zoom, hover with thresholds). The output
 * also carries a static rendition of the same curves (a PNG inside the HTML, which plotly replaces
 * once it has drawn, and SVG/PNG renditions in the output bundle), so a saved notebook viewed
 * where JavaScript does not run (GitHub, nbconvert, an untrusted notebook) still shows the chart.
 *
 * Loading plotly: its bundle is copied once next to the notebook (`streamlab_assets/`) and loaded
 * with a plain `<script>` tag from Jupyter's `files/` route. plotly.js 3 is not an AMD module: it
 * only sets `window.Plotly`. Loading it through the classic notebook's RequireJS therefore handed
 * the callback `undefined` (the chart was blank until the cell was re-run and `window.Plotly`
 * existed); a script tag works the same in classic Jupyter, Notebook 7 and JupyterLab. One load is
 * shared by every chart of the page.
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
const ASSET = `${ASSET_DIR}/plotly.min.js`;
let counter = 0;

function ensureAsset(): void {
  const target = path.resolve(ASSET);
  if (fs.existsSync(target)) return;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(require.resolve("plotly.js-dist-min/plotly.min.js"), target);
}

/** JSON safe inside a `<script>` element. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, "\\u003c");
}

/**
 * The browser-side loader: the asset URL is tried next to the notebook (classic: `data-notebook-
 * path`; Notebook 7 / Lab: the page path) and at the server root, under the server's base URL.
 */
const LOADER =
  "function streamlabPlotly(){var w=window;if(w.Plotly)return Promise.resolve(w.Plotly);if(w.__streamlabPlotly)return w.__streamlabPlotly;" +
  "var base='/',b=document.body&&document.body.getAttribute('data-base-url'),cfg=document.getElementById('jupyter-config-data');" +
  "if(b){base=b;}else if(cfg){try{base=JSON.parse(cfg.textContent).baseUrl||'/';}catch(e){}}if(base.slice(-1)!=='/')base+='/';" +
  "var nb=document.body&&document.body.getAttribute('data-notebook-path');" +
  "if(nb==null){var m=/\\/(?:lab\\/tree|doc\\/tree|notebooks|tree)\\/(.*)$/.exec(decodeURIComponent(location.pathname));if(m)nb=m[1];}" +
  `var rel=${JSON.stringify(ASSET)},urls=[];` +
  "if(nb!=null&&nb.indexOf('/')>=0){urls.push(base+'files/'+nb.slice(0,nb.lastIndexOf('/')+1).split('/').map(encodeURIComponent).join('/')+rel);}urls.push(base+'files/'+rel);" +
  "w.__streamlabPlotly=new Promise(function(ok,fail){var i=0;(function next(){if(i>=urls.length){w.__streamlabPlotly=null;fail(new Error('plotly.js not found'));return;}" +
  "var s=document.createElement('script');s.src=urls[i++];s.onload=function(){w.Plotly?ok(w.Plotly):next();};" +
  "s.onerror=function(){s.parentNode&&s.parentNode.removeChild(s);next();};document.head.appendChild(s);})();});return w.__streamlabPlotly;}";

/**
 * The HTML of an interactive chart (exported for tests). `staticPng` (base64) is shown until
 * plotly draws, and stays where scripts do not run. The element id is derived from the content,
 * so a saved notebook's outputs are the same on every run.
 */
export function plotlyHtml(traces: readonly PlotlyTrace[], layout: PlotlyLayout = {}, staticPng?: string): string {
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
  // Each named trace in its notebook colour, as in the static rendition and every other chart.
  const data = traces.map((t) => ({
    type: "scatter",
    mode: t.mode ?? "lines",
    ...t,
    line: { ...(t.name ? { color: seriesColor(t.name) } : {}), ...t.line },
    hoverinfo: t.text ? "text+x+y" : "x+y",
  }));
  const digest = createHash("sha1").update(JSON.stringify([data, plotLayout])).digest("hex").slice(0, 12);
  const id = `streamlab-plot-${digest}-${++counter}`;
  const fallback = staticPng
    ? `<img alt="${(layout.title ?? "chart").replace(/"/g, "&quot;")}" src="data:image/png;base64,${staticPng}" style="width:${width}px;max-width:100%">`
    : "";
  return (
    `<div id="${id}" style="width:${width}px;min-height:${height}px">${fallback}</div>` +
    `<script>(function(){var d=${scriptJson(data)},l=${scriptJson(plotLayout)};${LOADER}` +
    `streamlabPlotly().then(function(P){var el=document.getElementById(${JSON.stringify(id)});if(!el)return;el.innerHTML="";` +
    `P.newPlot(el,d,l,{displaylogo:false});},function(e){console.warn("streamlab: interactive chart unavailable, static image kept",e);});` +
    `})();</script>`
  );
}

/** The static rendition of the traces (SVG), drawn with the notebook's chart style. */
export async function plotlyStaticSvg(traces: readonly PlotlyTrace[], layout: PlotlyLayout = {}): Promise<string> {
  return vegaLiteToSvg(
    curveChart({
      series: traces.map((t, i) => ({ name: t.name ?? `trace ${i + 1}`, x: t.x, y: t.y })),
      title: layout.title,
      xTitle: layout.xTitle,
      yTitle: layout.yTitle,
      width: Math.max(200, (layout.width ?? 640) - 120),
      height: Math.max(150, (layout.height ?? 420) - 120),
    }),
  );
}

/**
 * Shows an interactive plotly chart in a live notebook, with a static rendition for every place
 * where it cannot run (see the module comment).
 */
export async function showInteractive(traces: readonly PlotlyTrace[], layout: PlotlyLayout = {}): Promise<void> {
  ensureAsset();
  const svg = await plotlyStaticSvg(traces, layout);
  const png = Buffer.from(svgToPng(svg)).toString("base64");
  const html = plotlyHtml(traces, layout, png);
  showSvg(svg, { html, alt: `<interactive chart${layout.title ? `: ${layout.title}` : ""}>` });
}

