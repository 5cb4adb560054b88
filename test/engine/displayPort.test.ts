import { afterEach, describe, expect, it, vi } from "vitest";
import { MemSourceBatchOp, MemSourceStreamOp, StreamOperator } from "../../src";
import { PLAIN_DISPLAY, displayPort, installDisplay } from "../../src/engine/display";
import { notebookDisplayPort } from "../../src/notebook/display";

/**
 * The engine prints through its display port; the package entry installs the notebook's. What a
 * user sees must not depend on that indirection: the expected outputs below are written out by hand.
 */
const HTML_ONE_INT =
  '<div class="streamlab-table"><table class="dataframe" style="border-collapse:collapse;font-family:monospace;font-size:12px">' +
  '<thead><tr><th style="text-align:right">a<br><span style="font-weight:normal;color:#888;font-size:85%">INT</span></th></tr></thead>' +
  '<tbody><tr><td style="text-align:right">7</td></tr></tbody></table><div style="color:#888;font-size:85%">1 row × 1 column</div></div>';
const TEXT_ONE_INT = ["a", "INT", "---", "7", "[1 row × 1 column]"].join("\n");

/** A fake tslab kernel: records what reaches the cell's display and live slots. */
function fakeKernel(): string[] {
  const shown: string[] = [];
  const target = (tag: string) => ({
    html: (s: string) => shown.push(`${tag}html:${s}`),
    svg: (s: string) => shown.push(`${tag}svg:${s}`),
    text: (s: string) => shown.push(`${tag}text:${s}`),
    markdown: (s: string) => shown.push(`${tag}md:${s}`),
  });
  (globalThis as { __tslab__?: unknown }).__tslab__ = {
    require: (id: string) => (id === "tslab" ? { display: target(""), newDisplay: () => target("live ") } : undefined),
  };
  return shown;
}

afterEach(() => {
  delete (globalThis as { __tslab__?: unknown }).__tslab__;
  vi.restoreAllMocks();
});

describe("display port", () => {
  it("the package entry installs the notebook's display", () => {
    expect(displayPort()).toBe(notebookDisplayPort);
  });

  it("in a notebook, print() shows the HTML table and nothing on stdout", () => {
    const shown = fakeKernel();
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    new MemSourceBatchOp([[7]], "a int").print();
    expect(shown).toEqual([`html:${HTML_ONE_INT}`]);
    expect(log).not.toHaveBeenCalled();
  });

  it("outside a notebook, print() writes the text table, with either display installed", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    new MemSourceBatchOp([[7]], "a int").print();
    const previous = installDisplay(PLAIN_DISPLAY);
    try {
      new MemSourceBatchOp([[7]], "a int").print();
    } finally {
      installDisplay(previous);
    }
    expect(log.mock.calls).toEqual([[TEXT_ONE_INT], [TEXT_ONE_INT]]);
  });

  it("a stream print redraws its live slot in a notebook and prints text elsewhere", async () => {
    const shown = fakeKernel();
    new MemSourceStreamOp([[7]], "a int").print({ title: "t" });
    await StreamOperator.execute({ progress: false });
    const title = '<div style="font-weight:bold;margin:4px 0">t — 1 rows received, showing the last 1</div>';
    const frame = `live html:${HTML_ONE_INT.replace('<div class="streamlab-table">', `<div class="streamlab-table">${title}`)}`;
    expect(shown).toEqual([frame, frame]); // drawn while the chunk arrives, then the final frame

    delete (globalThis as { __tslab__?: unknown }).__tslab__;
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    new MemSourceStreamOp([[7]], "a int").print({ title: "t" });
    await StreamOperator.execute();
    expect(log.mock.calls).toEqual([[`t — 1 rows received, showing the last 1\n${TEXT_ONE_INT}`]]);
  });
});
