// End-to-end: an interactive (plotly) chart draws on the FIRST run of its cell in classic Jupyter, from a notebook in a
// sub-folder of the server root. (plotly.js 3 is not an AMD module; loading it through the classic notebook's RequireJS
// gave `newPlot` of undefined until the cell was re-run.) Starts Jupyter the way `npm start` does and drives a headless
// Chromium; the temporary folder notebooks/e2e-tmp-plotly-<random>/ and the server are removed afterwards.
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, ROOT, launchChromium, startJupyter, type JupyterServer } from "../e2e/browser";

const CELL = `import { showInteractive } from "streamlab";
await showInteractive([{ x: [0, 0.2, 1], y: [0, 0.7, 1], name: "ROC", text: ["a", "b", "c"] }], { title: "ROC (interactive)" });`;

describe.skipIf(!fs.existsSync(CHROMIUM))("interactive chart in classic Jupyter", () => {
  const token = randomBytes(24).toString("hex");
  const folderName = `e2e-tmp-plotly-${randomBytes(6).toString("hex")}`;
  const folder = path.join(ROOT, "notebooks", folderName);
  let server: JupyterServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    fs.mkdirSync(folder);
    const nb = {
      cells: [{ cell_type: "code", execution_count: null, id: "c1", metadata: {}, outputs: [], source: [CELL] }],
      metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    fs.writeFileSync(path.join(folder, "check.ipynb"), JSON.stringify(nb, null, 1));
    server = await startJupyter({
      command: process.execPath,
      args: (port) => ["scripts/start.js", `--port=${port}`, `--NotebookApp.token=${token}`, "--NotebookApp.open_browser=False", "--NotebookApp.port_retries=0"],
      token,
    });
  }, 90_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.shutdownSessions((notebookPath) => notebookPath.startsWith(folderName));
    await server?.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }, 60_000);

  it("draws the plotly chart on the first run of the cell", async () => {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${server!.base}/notebooks/${folderName}/check.ipynb?token=${token}`, { waitUntil: "domcontentloaded" });
    await page.waitForFunction(
      () => {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const J = (window as any).Jupyter;
        return !!(J?.notebook?._fully_loaded && J.notebook.kernel?.is_connected?.() && document.querySelector("#kernel_indicator_icon.kernel_idle_icon"));
      },
      null,
      { timeout: 60_000, polling: 250 },
    );
    await page.click("#celllink");
    await page.click("#run_all_cells > a");
    const plot = page.locator(".output_area .js-plotly-plot").first();
    await plot.waitFor({ state: "attached", timeout: 60_000 }).catch((e) => {
      throw new Error(`no plotly chart after the first run: ${e}\npage errors: ${errors.join("\n")}\n${server!.log.slice(-3000)}`);
    });
    expect(await page.locator(".output_area .js-plotly-plot .scatterlayer .trace").count()).toBe(1);
    expect(errors).toEqual([]);
    // plotly replaced the static image it was shown with
    expect(await page.locator(".output_area img[src^='data:image/png']").count()).toBe(0);
  }, 150_000);
});
