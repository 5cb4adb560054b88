// End-to-end: start Jupyter the way `npm start` does, open the quickstart notebook in a real (headless) Chromium,
// run it from the Cell menu as a person would, and check that the page shows streamlab's table and chart.
//
// The notebook is run from a copy with its outputs cleared (notebooks/e2e-tmp-<random>.ipynb), so the test proves the
// page itself produces the outputs and the real notebook is never touched. The copy, its checkpoint, the kernel and the
// server are removed in afterAll, also when the test fails.
import { spawn, type ChildProcess } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..", "..");
const NOTEBOOKS = path.join(ROOT, "notebooks");
const SOURCE_NOTEBOOK = path.join(NOTEBOOKS, "00-quickstart.ipynb");
const SCREENSHOT = path.join(ROOT, "test-artifacts", "quickstart-e2e.png");
const CHROMIUM = "/usr/bin/chromium";

const SERVER_START_TIMEOUT = 60_000;
const KERNEL_READY_TIMEOUT = 60_000;
const RUN_ALL_TIMEOUT = 120_000;

// The jQuery/RequireJS globals of the classic Notebook UI, as seen from page.evaluate.
/* eslint-disable @typescript-eslint/no-explicit-any */
type NotebookWindow = Window & { Jupyter?: any };

/** Asks the OS for a free TCP port on 127.0.0.1. */
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Keeps the last `limit` characters written to a stream. */
function tail(limit = 20_000) {
  let text = "";
  return {
    push: (chunk: Buffer | string) => {
      text = (text + chunk.toString()).slice(-limit);
    },
    get text() {
      return text;
    },
  };
}

/** Copies the quickstart notebook to a visible temporary name with all outputs and execution counts cleared. */
function makeClearedCopy(): { name: string; file: string } {
  const name = `e2e-tmp-${randomBytes(6).toString("hex")}.ipynb`;
  const nb = JSON.parse(fs.readFileSync(SOURCE_NOTEBOOK, "utf8"));
  for (const cell of nb.cells) {
    if (cell.cell_type === "code") {
      cell.outputs = [];
      cell.execution_count = null;
    }
  }
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
  let port = 0;
  let server: ChildProcess | undefined;
  let serverExited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const serverLog = tail();
  let copy: { name: string; file: string } | undefined;
  const checkpointsDir = path.join(NOTEBOOKS, ".ipynb_checkpoints");
  const checkpointsDirExisted = fs.existsSync(checkpointsDir);
  let browser: Browser | undefined;

  const base = () => `http://127.0.0.1:${port}`;

  /** Stops the server's whole process group: SIGTERM (Jupyter then shuts its kernels down), SIGKILL if it lingers. */
  async function stopServer(): Promise<void> {
    const child = server;
    if (!child || child.pid === undefined) return;
    server = undefined;
    const exited = new Promise<void>((resolve) => {
      if (serverExited || child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once("exit", () => resolve());
    });
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        /* already gone */
      }
    };
    killGroup("SIGTERM");
    const timedOut = await Promise.race([exited.then(() => false), sleep(10_000).then(() => true)]);
    // Always finish with SIGKILL on the group: start.js exits as soon as Python does, but stragglers must not survive.
    killGroup("SIGKILL");
    if (timedOut) await Promise.race([exited, sleep(5_000)]);
  }

  /** Shuts down the kernels of sessions opened on our copy (kernels run in their own process session). */
  async function shutdownOurKernels(): Promise<void> {
    if (!port || !copy) return;
    try {
      const res = await fetch(`${base()}/api/sessions?token=${token}`, { signal: AbortSignal.timeout(5_000) });
      if (!res.ok) return;
      const sessions = (await res.json()) as { id: string; path: string; kernel?: { id: string } }[];
      for (const s of sessions.filter((s) => s.path === copy!.name)) {
        await fetch(`${base()}/api/sessions/${s.id}?token=${token}`, {
          method: "DELETE",
          signal: AbortSignal.timeout(10_000),
        }).catch(() => undefined);
      }
    } catch {
      /* server already down: its own shutdown cleans kernels up */
    }
  }

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (apt-get install chromium)`);
    copy = makeClearedCopy();
    port = await freePort();

    // Exactly what `npm start -- <args>` runs. detached: its own process group, so afterAll can stop all of it.
    server = spawn(
      process.execPath,
      [
        "scripts/start.js",
        `--port=${port}`,
        `--NotebookApp.token=${token}`,
        "--NotebookApp.open_browser=False",
        "--NotebookApp.port_retries=0",
      ],
      { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] },
    );
    server.stdout!.on("data", serverLog.push);
    server.stderr!.on("data", serverLog.push);
    server.once("exit", (code, signal) => {
      serverExited = { code, signal };
    });

    const deadline = Date.now() + SERVER_START_TIMEOUT;
    for (;;) {
      if (serverExited) {
        throw new Error(
          `Jupyter exited before answering (code ${serverExited.code}, signal ${serverExited.signal}). Output:\n${serverLog.text}`,
        );
      }
      try {
        const res = await fetch(`${base()}/api?token=${token}`, { signal: AbortSignal.timeout(2_000) });
        if (res.ok) break;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) {
        await stopServer();
        throw new Error(`Jupyter did not answer on ${base()} within ${SERVER_START_TIMEOUT} ms. Output:\n${serverLog.text}`);
      }
      await sleep(300);
    }
  }, SERVER_START_TIMEOUT + 30_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await shutdownOurKernels();
    await stopServer();
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
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
        ],
      });
      const page: Page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const pageErrors: string[] = [];
      page.on("pageerror", (e) => pageErrors.push(String(e)));
      page.on("dialog", (d) => void d.dismiss());

      const diagnose = (what: string) => (e: unknown) => {
        throw new Error(
          `${what}: ${e instanceof Error ? e.message : String(e)}\n` +
            `page errors: ${pageErrors.join("\n") || "(none)"}\nserver output (tail):\n${serverLog.text.slice(-4000)}`,
        );
      };

      await page.goto(`${base()}/notebooks/${encodeURIComponent(copy!.name)}?token=${token}`, {
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
