/**
 * The single place that talks to the notebook kernel.
 *
 * Inside a tslab kernel, cells run with a global `__tslab__` whose `require("tslab")` returns the
 * kernel's own display API; streamlab uses that instance (not whatever copy of tslab its own
 * `require` would find) so rich output reaches the running kernel. Elsewhere (plain Node, tests,
 * services) everything falls back to text on stdout.
 *
 * tslab sends one MIME type per display call and does not render a cell's last value richly, so
 * every rich output goes through an explicit call here: HTML for tables, SVG for charts.
 */
import type { DisplayPort, LiveSlot } from "../engine/display";
import { formatTableHtml, formatTableText } from "./tableFormat";

export interface DisplayTarget {
  html(s: string): void;
  svg(s: string): void;
  text(s: string): void;
  markdown(s: string): void;
}

interface TslabModule {
  display: DisplayTarget;
  newDisplay(): DisplayTarget;
}

function kernel(): TslabModule | null {
  const hook = (globalThis as { __tslab__?: { require?: (id: string) => unknown } }).__tslab__;
  if (hook === undefined || typeof hook.require !== "function") return null;
  try {
    const mod = hook.require("tslab") as TslabModule;
    return mod && mod.display ? mod : null;
  } catch {
    return null;
  }
}

/** True when running inside a tslab (Jupyter) kernel cell. */
export function inNotebook(): boolean {
  return kernel() !== null;
}

const consoleTarget: DisplayTarget = {
  html: (s) => console.log(s),
  svg: (s) => console.log(s),
  text: (s) => console.log(s),
  markdown: (s) => console.log(s),
};

/** Where rich output goes now: the kernel's display, or the console. */
export function display(): DisplayTarget {
  return kernel()?.display ?? consoleTarget;
}

/**
 * A display slot that can be overwritten in place (a chart that updates while a stream runs).
 * Outside a notebook, updates are printed only when `final` is passed to `update`.
 */
export class LiveDisplay {
  private readonly target: DisplayTarget | null;

  constructor() {
    this.target = kernel()?.newDisplay() ?? null;
  }

  get isLive(): boolean {
    return this.target !== null;
  }

  html(s: string, final = false): void {
    if (this.target !== null) this.target.html(s);
    else if (final) console.log(s);
  }

  svg(s: string, final = false): void {
    if (this.target !== null) this.target.svg(s);
    else if (final) console.log(s);
  }

  text(s: string, final = false): void {
    if (this.target !== null) this.target.text(s);
    else if (final) console.log(s);
  }
}

/** Shows a table-like output: HTML in a notebook, text elsewhere. */
export function showRich(html: string, text: string): void {
  const k = kernel();
  if (k !== null) k.display.html(html);
  else console.log(text);
}

/**
 * The notebook's implementation of the engine's display port (src/engine/display.ts), installed by
 * the package entry: HTML tables and in-place redraws inside tslab, the engine's text output elsewhere.
 */
export const notebookDisplayPort: DisplayPort = {
  inNotebook,
  showTable(table, options) {
    const k = kernel();
    if (k !== null) k.display.html(formatTableHtml(table, options));
    else console.log(formatTableText(table, options));
  },
  showText(text) {
    display().text(text);
  },
  liveDisplay(): LiveSlot {
    const live = new LiveDisplay();
    return {
      isLive: live.isLive,
      html: (s, final) => live.html(s, final),
      text: (s, final) => live.text(s, final),
      table(table, options, final = false) {
        if (live.isLive) live.html(formatTableHtml(table, options));
        else if (final) live.text(formatTableText(table, options), true);
      },
    };
  },
};
