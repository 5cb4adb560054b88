// End-to-end: start Jupyter the way `npm start` does, open the quickstart notebook in a real (headless) Chromium,
// run it from the Cell menu as a person would, and check that the page shows streamlab's table and chart.
//
// The notebook is run from a copy with its outputs cleared (notebooks/e2e-tmp-<random>.ipynb), so the test proves the
// page itself produces the outputs and the real notebook is never touched. The copy, its checkpoint, the kernel and the
// server are removed in afterAll, also when the test fails.
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, ROOT, clearedNotebook, launchChromium, startJupyter, type JupyterServer } from "./browser";

const NOTEBOOKS = path.join(ROOT, "notebooks");
const SOURCE_NOTEBOOK = path.join(NOTEBOOKS, "00-quickstart.ipynb");
const SCREENSHOT = path.join(ROOT, "test-artifacts", "quickstart-e2e.png");

const SERVER_START_TIMEOUT = 60_000;
const KERNEL_READY_TIMEOUT = 60_000;
const RUN_ALL_TIMEOUT = 120_000;

// The jQuery/RequireJS globals of the classic Notebook UI, as seen from page.evaluate.
/* eslint-disable @typescript-eslint/no-explicit-any */
type NotebookWindow = Window & { Jupyter?: any };

/** Copies the quickstart notebook to a visible temporary name with all outputs and execution counts cleared. */
function makeClearedCopy(): { name: string; file: string } {
  const name = `e2e-tmp-${randomBytes(6).toString("hex")}.ipynb`;
  const nb = clearedNotebook(JSON.parse(fs.readFileSync(SOURCE_NOTEBOOK, "utf8")));
  const file = path.join(NOTEBOOKS, name);
  fs.writeFileSync(file, JSON.stringify(nb, null, 1) + "\n", { flag: "wx" });
  return { name, file };
}

/** The number of distinct `hour` values in datasets/ctr_train.csv: the number of bars the chart must draw. */
function distinctHours(): number {
  const [header, ...rows] = fs.readFileSync(path.join(ROOT, "datasets", "ctr_train.csv"), "utf8").trim().split("\n");
  const col = header.split(",").indexOf("hour");
  if (col < 0) throw new Error("datasets/ctr_train.csv has no hour column");
  return new Set(rows.map((r) => r.split(",")[col])).size;
}

describe("quickstart notebook in the browser (Jupyter + tslab + Chromium)", () => {
  const token = randomBytes(24).toString("hex");
  let server: JupyterServer | undefined;
  let copy: { name: string; file: string } | undefined;
  const checkpointsDir = path.join(NOTEBOOKS, ".ipynb_checkpoints");
  const checkpointsDirExisted = fs.existsSync(checkpointsDir);
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (apt-get install chromium)`);
    copy = makeClearedCopy();
    // Exactly what `npm start -- <args>` runs.
    server = await startJupyter({
      command: process.execPath,
      args: (port) => [
        "scripts/start.js",
        `--port=${port}`,
        `--NotebookApp.token=${token}`,
        "--NotebookApp.open_browser=False",
        "--NotebookApp.port_retries=0",
      ],
      token,
      timeoutMs: SERVER_START_TIMEOUT,
    });
  }, SERVER_START_TIMEOUT + 30_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.shutdownSessions((p) => p === copy?.name);
    await server?.stop();
    if (copy) {
      fs.rmSync(copy.file, { force: true });
      fs.rmSync(path.join(checkpointsDir, copy.name.replace(/\.ipynb$/, "-checkpoint.ipynb")), { force: true });
      // Jupyter creates notebooks/.ipynb_checkpoints/ when it opens a notebook; remove it if we caused it and it is empty.
      try {
        if (!checkpointsDirExisted && fs.readdirSync(checkpointsDir).length === 0) fs.rmdirSync(checkpointsDir);
      } catch {
        /* absent, or in use by another run */
      }
    }
  }, 60_000);

  it(
    "runs 00-quickstart from the Cell menu and shows the data table and the bar chart",
    async () => {
      browser = await launchChromium();
      const page: Page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const pageErrors: string[] = [];
      page.on("pageerror", (e) => pageErrors.push(String(e)));
      page.on("dialog", (d) => void d.dismiss());

      const diagnose = (what: string) => (e: unknown) => {
        throw new Error(
          `${what}: ${e instanceof Error ? e.message : String(e)}\n` +
            `page errors: ${pageErrors.join("\n") || "(none)"}\nserver output (tail):\n${server!.log.slice(-4000)}`,
        );
      };

      await page.goto(`${server!.base}/notebooks/${encodeURIComponent(copy!.name)}?token=${token}`, {
        waitUntil: "domcontentloaded",
      });

      // The notebook is loaded and its tslab kernel is connected and idle.
      await page
        .waitForFunction(
          () => {
            const J = (window as NotebookWindow).Jupyter;
            return !!(
              J?.notebook?._fully_loaded &&
              J.notebook.kernel?.is_connected?.() &&
              document.querySelector("#kernel_indicator_icon.kernel_idle_icon")
            );
          },
          null,
          { timeout: KERNEL_READY_TIMEOUT, polling: 250 },
        )
        .catch(diagnose("kernel did not become ready"));
      expect(await page.locator(".output_area").count(), "the copy starts without outputs").toBe(0);

      // Cell → Run All, through the real menu.
      await page.click("#celllink");
      await page.click("#run_all_cells > a");

      // Finished: every code cell got an execution number (none left at [*]) and the kernel is idle again.
      await page
        .waitForFunction(
          () => {
            const J = (window as NotebookWindow).Jupyter;
            const cells: any[] = J.notebook.get_cells();
            const done = cells.every((c) => c.cell_type !== "code" || typeof c.input_prompt_number === "number");
            return done && !!document.querySelector("#kernel_indicator_icon.kernel_idle_icon");
          },
          null,
          { timeout: RUN_ALL_TIMEOUT, polling: 250 },
        )
        .catch(diagnose("Run All did not finish"));

      const table = page.locator(".output_area .streamlab-table table.dataframe").first();
      const chart = page.locator(".output_area svg.marks").first();
      await table.waitFor({ state: "visible", timeout: 10_000 }).catch(diagnose("no streamlab table in the page"));
      await chart.waitFor({ state: "visible", timeout: 10_000 }).catch(diagnose("no SVG chart in the page"));

      // Screenshot first, so a failing assertion below still leaves a picture to look at. The classic UI scrolls
      // inside #site, so grow the viewport to the notebook's height to capture all of it.
      const height = await page.evaluate(() => {
        const header = document.querySelector("#header") as HTMLElement | null;
        const site = document.querySelector("#site") as HTMLElement | null;
        return (header?.offsetHeight ?? 0) + (site?.scrollHeight ?? document.body.scrollHeight) + 20;
      });
      await page.setViewportSize({ width: 1280, height: Math.min(Math.max(height, 900), 16_000) });
      await page.waitForTimeout(300);
      fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });

      // No cell failed, and nothing went to stderr (tslab reports type errors there).
      const errorTexts = await page.locator(".output_area .output_error, .output_area .output_stderr").allInnerTexts();
      expect(errorTexts, "error / stderr outputs in the page").toEqual([]);

      // The first table: firstN(5).print() — the CTR columns, 5 rows.
      const headers = await table.locator("thead th").allInnerTexts();
      const headerNames = headers.map((h) => h.split("\n")[0].trim());
      expect(headerNames).toContain("id");
      expect(headerNames).toContain("click");
      expect(await table.locator("tbody tr").count()).toBeGreaterThanOrEqual(5);

      // The chart: a vega-lite bar chart with one bar (a path in g.mark-rect) per hour of the training data.
      const bars = chart.locator("g.mark-rect path");
      expect(await bars.count()).toBe(distinctHours());

      const text = await page.locator("#notebook-container").innerText();
      expect(text).toContain("10000 rows");
      expect(pageErrors, "uncaught errors in the page").toEqual([]);
    },
    240_000,
  );
});
