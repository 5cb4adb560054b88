// End-to-end: in JupyterLab (4.4, from the project venv .python-tools/jupyterlab), an interactive (plotly) chart draws
// on the FIRST run of a fresh notebook on a fresh tslab kernel, and the saved output still carries the static SVG and PNG
// renditions (for GitHub, nbconvert, untrusted notebooks). The classic-Notebook counterpart is
// test/notebook/interactive.e2e.test.ts.
//
// The notebook lives in a temporary sub-folder of the server root (notebooks/e2e-tmp-lab-<random>/), so the plotly
// asset has to be found next to the notebook as in a real project; the folder, Lab's workspace/settings folder, the
// kernel and the server are removed afterwards, also when the test fails.
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, ROOT, clearedNotebook, launchChromium, startJupyter, type JupyterServer } from "./browser";

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
const { toolPython } = require("../../scripts/python-tools.js") as { toolPython: (name: string) => string | null };
const jupyterEnvModule = require("../../scripts/jupyter-env.js") as { jupyterEnv: () => NodeJS.ProcessEnv; ensureKernel: () => void };

const LAB_PYTHON = toolPython("jupyterlab");
const REQUIRE_TOOLS = process.env.STREAMLAB_REQUIRE_PYTHON_TOOLS === "1";
const SKIP_REASON = !LAB_PYTHON
  ? "JupyterLab venv absent (node scripts/python-tools.js build jupyterlab)"
  : !fs.existsSync(CHROMIUM)
    ? `${CHROMIUM} is missing`
    : null;
if (SKIP_REASON && !REQUIRE_TOOLS) console.warn(`[jupyterlab e2e] skipped: ${SKIP_REASON}`);

const NOTEBOOKS = path.join(ROOT, "notebooks");
const SCREENSHOT = path.join(ROOT, "test-artifacts", "jupyterlab-e2e.png");

// Three points, one named trace: what the page must draw, and what the static SVG must hold. A second chart in the next
// cell is drawn once plotly.js is already loaded (the loader's other path).
const ROC = { x: [0, 0.2, 1], y: [0, 0.7, 1], name: "ROC", text: ["a", "b", "c"] };
const PR = { x: [0, 0.5, 0.8, 1], y: [1, 0.9, 0.6, 0.3], name: "PR" };
const TITLES = ["ROC (interactive)", "PR (interactive)"];
const CELLS = [
  `import { showInteractive } from "streamlab";\nconsole.log("ready");`,
  `await showInteractive([${JSON.stringify(ROC)}], { title: "${TITLES[0]}", xTitle: "fpr", yTitle: "tpr" });`,
  `await showInteractive([${JSON.stringify(PR)}], { title: "${TITLES[1]}", xTitle: "recall", yTitle: "precision" });`,
];
const text = (v: string | string[]) => [v].flat().join("");

/** The notebook a person would open: code cells on the tslab kernel, no outputs yet. */
function freshNotebook() {
  return clearedNotebook({
    cells: CELLS.map((source, i) => ({ cell_type: "code", execution_count: null, id: `c${i}`, metadata: {}, outputs: [], source })),
    metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } },
    nbformat: 4,
    nbformat_minor: 5,
  } as any);
}

// Lab's application object (exposed with --LabApp.expose_app_in_browser) and the current notebook panel.
type LabWindow = Window & { jupyterapp?: any };

describe.skipIf(SKIP_REASON !== null && !REQUIRE_TOOLS)("interactive chart in JupyterLab (first run, static renditions kept)", () => {
  const token = randomBytes(24).toString("hex");
  const folderName = `e2e-tmp-lab-${randomBytes(6).toString("hex")}`;
  const folder = path.join(NOTEBOOKS, folderName);
  const notebookPath = `${folderName}/check.ipynb`;
  // Lab keeps workspaces (open tabs) and user settings per user; a private folder keeps the run fresh and the home clean.
  const labState = fs.mkdtempSync(path.join(os.tmpdir(), "streamlab-lab-"));
  let server: JupyterServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (SKIP_REASON) throw new Error(`STREAMLAB_REQUIRE_PYTHON_TOOLS=1 but ${SKIP_REASON}`);
    if (!fs.existsSync(path.join(ROOT, "dist", "index.js"))) throw new Error("dist/index.js is missing: run npm run build");
    require("../../scripts/link-self.js"); // the kernel's `import "streamlab"` resolves to this checkout
    jupyterEnvModule.ensureKernel(); // the project-local tslab kernel spec under .jupyter/
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, "check.ipynb"), JSON.stringify(freshNotebook(), null, 1) + "\n");
    server = await startJupyter({
      what: "JupyterLab",
      command: LAB_PYTHON!,
      args: (port) => [
        "-m",
        "jupyterlab",
        "--ip=127.0.0.1",
        `--port=${port}`,
        "--no-browser",
        `--ServerApp.token=${token}`,
        "--ServerApp.port_retries=0",
        `--ServerApp.root_dir=${NOTEBOOKS}`,
        `--LabApp.workspaces_dir=${path.join(labState, "workspaces")}`,
        `--LabApp.user_settings_dir=${path.join(labState, "settings")}`,
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
      ],
      token,
      env: jupyterEnvModule.jupyterEnv(),
    });
  }, 90_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.shutdownSessions((p) => p.startsWith(folderName));
    await server?.stop();
    fs.rmSync(folder, { recursive: true, force: true });
    fs.rmSync(labState, { recursive: true, force: true });
  }, 60_000);

  it("draws the plotly chart on the first Run All and keeps the static SVG/PNG in the saved output", async () => {
    browser = await launchChromium();
    const page: Page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const pageErrors: string[] = [];
    const consoleWarnings: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    page.on("console", (m) => {
      if (m.type() === "warning" || m.type() === "error") consoleWarnings.push(m.text());
    });
    const diagnose = (what: string) => (e: unknown) => {
      throw new Error(
        `${what}: ${e instanceof Error ? e.message : String(e)}\npage errors: ${pageErrors.join("\n") || "(none)"}\n` +
          `console warnings (tail): ${consoleWarnings.slice(-10).join("\n") || "(none)"}\nserver output (tail):\n${server!.log.slice(-3000)}`,
      );
    };

    await page.goto(`${server!.base}/lab/tree/${notebookPath.split("/").map(encodeURIComponent).join("/")}?token=${token}`, {
      waitUntil: "domcontentloaded",
    });

    // The notebook is the current document and its fresh tslab kernel is connected and idle.
    await page
      .waitForFunction(
        (nbPath) => {
          const panel = (window as LabWindow).jupyterapp?.shell?.currentWidget;
          const kernel = panel?.sessionContext?.session?.kernel;
          return !!(panel?.context?.path === nbPath && panel.content?.widgets?.length && kernel?.status === "idle" && kernel.connectionStatus === "connected");
        },
        notebookPath,
        { timeout: 60_000, polling: 250 },
      )
      .catch(diagnose("the notebook's kernel did not become ready"));
    expect(await page.locator(".jp-OutputArea-output").count(), "the notebook starts without outputs").toBe(0);

    // Run → Run All Cells, through the real menu bar (Lab 4: the run menu's "runmenu:run-all" entry).
    await page.locator(".lm-MenuBar-itemLabel", { hasText: /^Run$/ }).click();
    await page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click();

    // Finished: every code cell has an execution count and the kernel is idle again.
    await page
      .waitForFunction(
        () => {
          const panel = (window as LabWindow).jupyterapp.shell.currentWidget;
          const cells: any[] = panel.content.widgets;
          const done = cells.every((c) => c.model.type !== "code" || typeof c.model.executionCount === "number");
          return done && panel.sessionContext.session?.kernel?.status === "idle";
        },
        null,
        { timeout: 60_000, polling: 250 },
      )
      .catch(diagnose("Run All did not finish"));

    // First run: plotly has drawn into each output (its SVG layers, one scatter trace with one vertex per point).
    const plots = page.locator(".jp-OutputArea-output .js-plotly-plot");
    await page
      .waitForFunction((n) => document.querySelectorAll(".jp-OutputArea-output .js-plotly-plot .main-svg").length >= n, TITLES.length, {
        timeout: 20_000,
      })
      .catch(diagnose("the plotly charts were not drawn on the first run"));
    await plots.last().scrollIntoViewIfNeeded();
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });

    expect(await plots.count()).toBe(TITLES.length);
    for (const [i, points] of [ROC, PR].entries()) {
      const plot = plots.nth(i);
      expect(await plot.locator(".gtitle").first().textContent()).toBe(TITLES[i]);
      expect(await plot.locator(".scatterlayer .trace").count()).toBe(1);
      const linePath = (await plot.locator(".scatterlayer .trace path.js-line").first().getAttribute("d")) ?? "";
      // "M x0,y0 L x1,y1 ...": one vertex per point of the trace.
      expect(linePath.match(/[ML]/g)?.length, `line of ${TITLES[i]}`).toBe(points.x.length);
    }
    // plotly replaced the static images the charts were first shown with.
    expect(await page.locator(".jp-OutputArea-output img[src^='data:image/png']").count()).toBe(0);

    const errorOutputs = await page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').allInnerTexts();
    expect(errorOutputs, "stderr / error outputs").toEqual([]);
    expect(await page.locator(".jp-OutputArea-output", { hasText: "ready" }).count()).toBe(1);

    // Saved the way a person saves; the file on disk keeps the static renditions next to the interactive HTML.
    await page.evaluate(() => (window as LabWindow).jupyterapp.commands.execute("docmanager:save"));
    await page
      .waitForFunction(() => !(window as LabWindow).jupyterapp.shell.currentWidget.context.model.dirty, null, { timeout: 20_000 })
      .catch(diagnose("the notebook was not saved"));
    const saved = JSON.parse(fs.readFileSync(path.join(folder, "check.ipynb"), "utf8"));
    for (const [i, title] of TITLES.entries()) {
      const bundles = saved.cells[i + 1].outputs.filter((o: any) => o.output_type === "display_data").map((o: any) => o.data);
      expect(bundles, `outputs of the cell drawing ${title}`).toHaveLength(1);
      const bundle = bundles[0];
      expect(text(bundle["text/html"])).toContain("newPlot");
      const svg = text(bundle["image/svg+xml"]);
      expect(svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
      expect(svg).toContain(title);
      // The static SVG draws the same curve: a vega line mark with a path.
      expect(svg).toMatch(/class="mark-line role-mark[^"]*"[^>]*>\s*<path/);
      const png = Buffer.from(text(bundle["image/png"]), "base64");
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    }
    expect(pageErrors, "uncaught errors in the page").toEqual([]);
  }, 120_000);
});
