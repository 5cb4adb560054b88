/**
 * One colour per series name across every chart of a notebook: the first chart that draws a
 * series fixes its colour, and every later chart (AUC, log loss, ROC ...) reuses it, so "FTRL" is
 * the same blue everywhere. A notebook is one kernel process, so a module-level registry is the
 * notebook's palette; it is deterministic because cells run in order.
 *
 * Event markers (drift, broken feed ...) and version markers (every model switch) have palettes
 * of their own, disjoint from the series colours, so a marker is never mistaken for a curve.
 */

/** Series colours: Tableau 10 without its red (red is kept for event markers) and its yellow (too faint on white). */
export const SERIES_PALETTE: readonly string[] = [
  "#4c78a8", "#f58518", "#54a24b", "#b279a2", "#72b7b5", "#9d755d", "#ff9da6", "#79706e", "#1f3b73", "#a0522d",
];
/** Event markers: drawn on top, strong colours not used by series. */
export const EVENT_MARKER_PALETTE: readonly string[] = ["#d62728", "#6a0dad", "#222222", "#8c564b"];
/** Version markers: faint greys/tans drawn behind the series. */
export const VERSION_MARKER_PALETTE: readonly string[] = ["#9e9e9e", "#c2a878", "#7fa7c9", "#b0b0b0"];

class Registry {
  private readonly assigned = new Map<string, string>();
  constructor(private readonly palette: readonly string[]) {}
  get(name: string): string {
    let colour = this.assigned.get(name);
    if (colour === undefined) {
      colour = this.palette[this.assigned.size % this.palette.length];
      this.assigned.set(name, colour);
    }
    return colour;
  }
  reset(): void {
    this.assigned.clear();
  }
}

const series = new Registry(SERIES_PALETTE);
const events = new Registry(EVENT_MARKER_PALETTE);
const versions = new Registry(VERSION_MARKER_PALETTE);

/** The colour of a series name in this notebook (assigned on first use). */
export function seriesColor(name: string): string {
  return series.get(name);
}

/** The colour of a marker label: strong for events, faint for model versions. */
export function markerColor(label: string, kind: "event" | "version"): string {
  return (kind === "event" ? events : versions).get(label);
}

/** Forgets every assigned colour (tests; a notebook never needs it). */
export function resetPalette(): void {
  series.reset();
  events.reset();
  versions.reset();
}

/** A vega-lite colour scale that gives each of `names` its notebook colour. */
export function seriesScale(names: readonly string[]): { domain: string[]; range: string[] } {
  const domain = [...new Set(names)];
  return { domain, range: domain.map(seriesColor) };
}

/**
 * Chart-wide vega-lite config: legends show full labels (vega's default cuts them at 160 px, about
 * 18 characters of a long series name) and stay below the plot, so long names do not squeeze it.
 */
export function chartConfig(): Record<string, unknown> {
  return {
    legend: { labelLimit: 1000, titleLimit: 1000, orient: "bottom", direction: "vertical", columns: 2, columnPadding: 24, symbolStrokeWidth: 2 },
    axis: { labelLimit: 400 },
    font: "DejaVu Sans, Helvetica, Arial, sans-serif",
  };
}
