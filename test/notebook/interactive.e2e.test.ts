// End-to-end: an interactive (plotly) chart draws on the FIRST run of its cell in classic Jupyter, from a notebook in a
// sub-folder of the server root. (plotly.js 3 is not an AMD module; loading it through the classic notebook's RequireJS
// gave `newPlot` of undefined until the cell was re-run.) Starts Jupyter the way `npm start` does and drives a headless
// Chromium; the temporary folder notebooks/e2e-tmp-plotly-<random>/ and the server are removed afterwards.
import { spawn, type ChildProcess } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..", "..");
const CHROMIUM = "/usr/bin/chromium";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const CELL = `import { showInteractive } from "streamlab";
await showInteractive([{ x: [0, 0.2, 1], y: [0, 0.7, 1], name: "ROC", text: ["a", "b", "c"] }], { title: "ROC (interactive)" });`;

describe.skipIf(!fs.existsSync(CHROMIUM))("interactive chart in classic Jupyter", () => {
  const token = randomBytes(24).toString("hex");
  const folderName = `e2e-tmp-plotly-${randomBytes(6).toString("hex")}`;
  const folder = path.join(ROOT, "notebooks", folderName);
  let port = 0;
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let log = "";

  beforeAll(async () => {
    fs.mkdirSync(folder);
    const nb = {
      cells: [{ cell_type: "code", execution_count: null, id: "c1", metadata: {}, outputs: [], source: [CELL] }],
      metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    fs.writeFileSync(path.join(folder, "check.ipynb"), JSON.stringify(nb, null, 1));
    port = await freePort();
    server = spawn(
      process.execPath,
      ["scripts/start.js", `--port=${port}`, `--NotebookApp.token=${token}`, "--NotebookApp.open_browser=False", "--NotebookApp.port_retries=0"],
      { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] },
    );
    server.stdout!.on("data", (d) => (log = (log + d).slice(-8000)));
    server.stderr!.on("data", (d) => (log = (log + d).slice(-8000)));
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api?token=${token}`, { signal: AbortSignal.timeout(2_000) })).ok) break;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) throw new Error(`Jupyter did not start:\n${log}`);
      await sleep(300);
    }
  }, 90_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    try {
      const sessions = (await (await fetch(`http://127.0.0.1:${port}/api/sessions?token=${token}`)).json()) as { id: string; path: string }[];
      for (const s of sessions.filter((x) => x.path.startsWith(folderName))) {
        await fetch(`http://127.0.0.1:${port}/api/sessions/${s.id}?token=${token}`, { method: "DELETE" });
      }
    } catch {
      /* server already gone */
    }
    if (server?.pid !== undefined) {
      try {
        process.kill(-server.pid, "SIGTERM");
        await sleep(2_000);
        process.kill(-server.pid, "SIGKILL");
      } catch {
        /* gone */
      }
    }
    fs.rmSync(folder, { recursive: true, force: true });
  }, 60_000);

  it("draws the plotly chart on the first run of the cell", async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"] });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${port}/notebooks/${folderName}/check.ipynb?token=${token}`, { waitUntil: "domcontentloaded" });
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
      throw new Error(`no plotly chart after the first run: ${e}\npage errors: ${errors.join("\n")}\n${log.slice(-3000)}`);
    });
    expect(await page.locator(".output_area .js-plotly-plot .scatterlayer .trace").count()).toBe(1);
    expect(errors).toEqual([]);
    // plotly replaced the static image it was shown with
    expect(await page.locator(".output_area img[src^='data:image/png']").count()).toBe(0);
  }, 150_000);
});
