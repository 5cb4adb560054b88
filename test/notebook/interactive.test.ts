import { describe, expect, it } from "vitest";
import { plotlyHtml } from "../../src";

/**
 * Runs the chart's <script> against a minimal fake page. `served` is the one URL the fake server
 * answers (loading it sets window.Plotly, as plotly.js 3's bundle does: it never calls define()).
 */
function runInFakePage(html: string, page: { bodyAttrs?: Record<string, string>; pathname: string; served: string; requirejs?: boolean }) {
  const script = /<script>([\s\S]*)<\/script>/.exec(html)![1];
  const id = /<div id="([^"]+)"/.exec(html)![1];
  const element = { innerHTML: "static image", id };
  const plotted: unknown[] = [];
  const requested: string[] = [];
  const window: Record<string, unknown> = {};
  if (page.requirejs) {
    // RequireJS hands a non-AMD script's callback `undefined`: the old loader's blank-chart bug.
    window.requirejs = Object.assign((_deps: string[], cb: (m: unknown) => void) => cb(undefined), { config: () => {} });
  }
  const document = {
    body: { getAttribute: (name: string) => page.bodyAttrs?.[name] ?? null },
    getElementById: (x: string) => (x === id ? element : null),
    createElement: () => ({ src: "", onload: null as null | (() => void), onerror: null as null | (() => void), parentNode: null }),
    head: {
      appendChild(s: { src: string; onload: () => void; onerror: () => void }) {
        requested.push(s.src);
        setTimeout(() => {
          if (s.src === page.served) {
            window.Plotly = { newPlot: (el: unknown, data: unknown) => plotted.push([el, data]) };
            s.onload();
          } else s.onerror();
        }, 0);
      },
    },
  };
  const warnings: unknown[] = [];
  new Function("window", "document", "location", "console", script)(window, document, { pathname: page.pathname }, { warn: (...a: unknown[]) => warnings.push(a) });
  return { element, plotted, requested, warnings, window };
}

const flush = () => new Promise((r) => setTimeout(r, 20));

describe("interactive plotly chart", () => {
  const html = plotlyHtml([{ x: [0, 1], y: [0, 1], name: "ROC" }], { title: "ROC" }, "iVBORw0KGgo=");

  it("draws on the first run in classic Jupyter (RequireJS present, notebook in a sub-folder)", async () => {
    const page = runInFakePage(html, {
      requirejs: true,
      bodyAttrs: { "data-base-url": "/", "data-notebook-path": "tutorials/01-initial-lr.ipynb" },
      pathname: "/notebooks/tutorials/01-initial-lr.ipynb",
      served: "/files/tutorials/streamlab_assets/plotly.min.js",
    });
    await flush();
    expect(page.plotted.length).toBe(1);
    expect(page.element.innerHTML).toBe(""); // the static image made way for the plot
    expect(page.requested).toEqual(["/files/tutorials/streamlab_assets/plotly.min.js"]);
  });

  it("draws in JupyterLab under a base URL, with the notebook at the server root", async () => {
    const page = runInFakePage(html, { pathname: "/user/ann/lab/tree/01-initial-lr.ipynb", served: "/files/streamlab_assets/plotly.min.js" });
    await flush();
    expect(page.plotted.length).toBe(1);
  });

  it("keeps the static image when plotly cannot be loaded (a page without the Jupyter server)", async () => {
    const page = runInFakePage(html, { pathname: "/export/01-initial-lr.html", served: "nowhere" });
    await flush();
    expect(page.plotted.length).toBe(0);
    expect(page.element.innerHTML).toBe("static image");
    expect(page.warnings.length).toBe(1);
  });

  it("has a static PNG inside and an id derived from the content, not from the process", () => {
    expect(html).toContain('src="data:image/png;base64,iVBORw0KGgo="');
    expect(html).not.toContain(String(process.pid));
    expect(html).not.toContain("requirejs");
    const again = plotlyHtml([{ x: [0, 1], y: [0, 1], name: "ROC" }], { title: "ROC" }, "iVBORw0KGgo=");
    const digest = (h: string) => /streamlab-plot-([0-9a-f]+)-/.exec(h)![1];
    expect(digest(again)).toBe(digest(html));
  });

  it("escapes </script> in trace text", () => {
    const h = plotlyHtml([{ x: [0], y: [0], text: ["</script><b>"] }]);
    expect(h.match(/<\/script>/g)!.length).toBe(1);
  });
});
