import { Table } from "../core/table";
import { installParamTableShower } from "../params/paramTable";
import { TableFormatOptions, formatTableText } from "./tableText";

/**
 * The display port: everything the engine shows (printed tables, live stream frames, progress lines,
 * notes from sources) goes through this small interface, which the engine declares and a higher
 * layer implements. The notebook layer (src/notebook/display.ts) implements it for tslab and the
 * package entry (src/index.ts) installs it, so the engine never imports the notebook code.
 *
 * The default below is plain Node: text on stdout, nothing live. It prints exactly what the notebook
 * implementation prints outside a kernel, so code that imports engine modules directly (tests,
 * services) sees the same output as code that imports the package.
 */
export interface DisplayPort {
  /** True when rich output reaches a notebook (tslab) cell. */
  inNotebook(): boolean;
  /** Shows a table: HTML in a notebook, the aligned text table elsewhere. */
  showTable(table: Table, options: TableFormatOptions): void;
  /** Shows a line of text (a note, a warning) where the user is looking. */
  showText(text: string): void;
  /** A slot that can be redrawn in place while a stream runs. */
  liveDisplay(): LiveSlot;
}

/** A display slot redrawn in place; outside a notebook only `final` frames are printed. */
export interface LiveSlot {
  /** True when frames are redrawn in place (a notebook); false when only final frames print. */
  readonly isLive: boolean;
  html(s: string, final?: boolean): void;
  text(s: string, final?: boolean): void;
  /** A table frame: HTML when live, the text table when `final` and not live. */
  table(table: Table, options: TableFormatOptions, final?: boolean): void;
}

/** Plain Node: text tables on stdout, no live redraws. */
export const PLAIN_DISPLAY: DisplayPort = {
  inNotebook: () => false,
  showTable: (table, options) => console.log(formatTableText(table, options)),
  showText: (text) => console.log(text),
  liveDisplay: () => ({
    isLive: false,
    html: (s, final = false) => {
      if (final) console.log(s);
    },
    text: (s, final = false) => {
      if (final) console.log(s);
    },
    table: (table, options, final = false) => {
      if (final) console.log(formatTableText(table, options));
    },
  }),
};

let installed: DisplayPort = PLAIN_DISPLAY;

/** Where engine output goes now. */
export function displayPort(): DisplayPort {
  return installed;
}

/** Installs the display the engine uses (the package entry installs the notebook's); returns the previous one. */
export function installDisplay(port: DisplayPort): DisplayPort {
  const previous = installed;
  installed = port;
  // Parameter tables (`op.showParams()`) are built below the engine; they show through this port too.
  installParamTableShower(({ title, table, text }) =>
    port.inNotebook() ? port.showTable(table, { title, headRows: table.numRows, tailRows: 0, maxStringChars: 2000 }) : port.showText(text),
  );
  return previous;
}
