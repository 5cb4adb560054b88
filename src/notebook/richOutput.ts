import { display, inNotebook } from "./display";

/**
 * Charts as one output with several renditions: SVG (sharp, for live notebooks and nbconvert)
 * and PNG (for viewers that drop SVG: an untrusted classic notebook, GitHub's viewer). Jupyter
 * shows the best rendition its front end allows, so the chart appears once, everywhere.
 *
 * tslab's public display API sends one MIME type per call, so a bundle goes through the kernel's
 * own `lastWriteDisplayData` (the function tslab's `display.raw` calls), found in the kernel's
 * module cache. Where that is not available (another kernel, a future tslab) the SVG alone is
 * shown through the public API, as before.
 */

/** PNG pixels per SVG pixel: 1.5 keeps text readable on high-density screens at half the bytes of 2×; shown at 1× size. */
export const PNG_SCALE = 1.5;

/** Rasterises an SVG to PNG with resvg (a prebuilt native binary from npm), using the system's fonts. */
export function svgToPng(svg: string, scale = PNG_SCALE): Uint8Array {
  const { Resvg } = require("@resvg/resvg-js") as typeof import("@resvg/resvg-js");
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background: "white",
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
  });
  return resvg.render().asPng();
}

/** Width and height (px) of an SVG from its root attributes. */
export function svgSize(svg: string): { width: number; height: number } | null {
  const head = svg.slice(0, svg.indexOf(">") + 1);
  const w = /\bwidth="([\d.]+)/.exec(head);
  const h = /\bheight="([\d.]+)/.exec(head);
  return w && h ? { width: Number(w[1]), height: Number(h[1]) } : null;
}

type WriteDisplayData = (data: { data: Record<string, string>; metadata: Record<string, unknown>; transient: Record<string, unknown> }, update: boolean) => void;

/** The running tslab kernel's display writer, or null outside tslab. */
function kernelWriter(): WriteDisplayData | null {
  if (!inNotebook()) return null;
  const cache = require.cache as Record<string, { exports?: { lastWriteDisplayData?: unknown } } | undefined>;
  for (const [file, mod] of Object.entries(cache)) {
    if (!/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(file)) continue;
    const writer = mod?.exports?.lastWriteDisplayData;
    if (typeof writer === "function") return writer as WriteDisplayData;
  }
  return null;
}

/** A MIME bundle for a chart: SVG, PNG (with its display size) and a text stand-in. */
export function chartBundle(svg: string, options: { html?: string; alt?: string } = {}): {
  data: Record<string, string>;
  metadata: Record<string, unknown>;
} {
  const size = svgSize(svg);
  const data: Record<string, string> = {
    "image/svg+xml": svg,
    "image/png": Buffer.from(svgToPng(svg)).toString("base64"),
    "text/plain": options.alt ?? "<chart>",
  };
  if (options.html !== undefined) data["text/html"] = options.html;
  return { data, metadata: size ? { "image/png": { width: size.width, height: size.height } } : {} };
}

let liveIds = 0;

/**
 * Shows an SVG chart with its PNG rendition as one output (`displayId`: an output that later
 * calls overwrite in place, for live charts). Outside a notebook the SVG text is printed.
 */
export function showSvg(svg: string, options: { html?: string; alt?: string; displayId?: string; update?: boolean } = {}): void {
  const write = kernelWriter();
  if (write === null) {
    if (options.html !== undefined) display().html(options.html);
    else display().svg(svg);
    return;
  }
  const bundle = chartBundle(svg, options);
  write({ ...bundle, transient: options.displayId ? { display_id: options.displayId } : {} }, options.update === true);
}

/** A display slot for a chart that redraws in place (live frames SVG only; the final frame also PNG). */
export class LiveChartDisplay {
  private readonly id = `streamlab-chart-${process.pid}-${++liveIds}`;
  private shown = false;

  get isLive(): boolean {
    return kernelWriter() !== null;
  }

  /**
   * Creates the output slot now, with a text placeholder, so the chart's place among a cell's
   * outputs is fixed by the code (where the chart was set up), not by when the first live frame
   * happens to be drawn relative to other live outputs (the stream's progress line): a saved
   * notebook's outputs are then the same on every run.
   */
  reserve(placeholder: string): void {
    const write = kernelWriter();
    if (write === null || this.shown) return;
    write({ data: { "text/plain": placeholder }, metadata: {}, transient: { display_id: this.id } }, false);
    this.shown = true;
  }

  /** Draws a frame; `final` adds the PNG rendition and prints outside a notebook. */
  frame(svg: string, final = false): void {
    const write = kernelWriter();
    if (write === null) {
      if (final) display().svg(svg);
      return;
    }
    const bundle = final ? chartBundle(svg) : { data: { "image/svg+xml": svg, "text/plain": "<chart>" }, metadata: {} };
    write({ ...bundle, transient: { display_id: this.id } }, this.shown);
    this.shown = true;
  }
}
