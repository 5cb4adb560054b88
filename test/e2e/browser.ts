// Shared parts of the browser tests: a Jupyter server (classic Notebook through `npm start`, or JupyterLab from the
// project venv) started in its own process group on a free loopback port, and a headless Chromium.
import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";
import { chromium, type Browser } from "playwright-core";

export const ROOT = path.resolve(__dirname, "..", "..");
export const CHROMIUM = "/usr/bin/chromium";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
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

/** Keeps the last `limit` characters written to a stream. */
export function tail(limit = 20_000) {
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

export interface JupyterServer {
  readonly port: number;
  readonly token: string;
  /** http://127.0.0.1:<port> */
  readonly base: string;
  /** The tail of the server's stdout + stderr, for failure messages. */
  readonly log: string;
  /** Deletes the sessions (and so the kernels) whose notebook path `matches`; quiet when the server is gone. */
  shutdownSessions(matches: (notebookPath: string) => boolean): Promise<void>;
  /** Stops the server's whole process group: SIGTERM (Jupyter then shuts its kernels down), SIGKILL for stragglers. */
  stop(): Promise<void>;
}

/**
 * Starts a Jupyter server detached (its own process group, so `stop()` ends all of it) and waits until its REST API
 * answers with `token`. `args(port)` builds the command line once the port is known.
 */
export async function startJupyter(options: {
  command: string;
  args: (port: number) => string[];
  token: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
  what?: string;
}): Promise<JupyterServer> {
  const { token, what = "Jupyter", timeoutMs = 60_000 } = options;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = tail();
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let child: ChildProcess | undefined = spawn(options.command, options.args(port), {
    cwd: options.cwd ?? ROOT,
    env: options.env ?? process.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", log.push);
  child.stderr!.on("data", log.push);
  child.once("exit", (code, signal) => {
    exited = { code, signal };
  });

  async function stop(): Promise<void> {
    const proc = child;
    if (!proc || proc.pid === undefined) return;
    child = undefined;
    const gone = new Promise<void>((resolve) => {
      if (exited || proc.exitCode !== null || proc.signalCode !== null) resolve();
      else proc.once("exit", () => resolve());
    });
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-proc.pid!, signal);
      } catch {
        /* already gone */
      }
    };
    killGroup("SIGTERM");
    const timedOut = await Promise.race([gone.then(() => false), sleep(10_000).then(() => true)]);
    // Always finish with SIGKILL on the group: a wrapper (start.js) exits as soon as Python does, but stragglers must not survive.
    killGroup("SIGKILL");
    if (timedOut) await Promise.race([gone, sleep(5_000)]);
  }

  async function shutdownSessions(matches: (notebookPath: string) => boolean): Promise<void> {
    try {
      const res = await fetch(`${base}/api/sessions?token=${token}`, { signal: AbortSignal.timeout(5_000) });
      if (!res.ok) return;
      const sessions = (await res.json()) as { id: string; path: string }[];
      for (const s of sessions.filter((s) => matches(s.path))) {
        await fetch(`${base}/api/sessions/${s.id}?token=${token}`, { method: "DELETE", signal: AbortSignal.timeout(10_000) }).catch(
          () => undefined,
        );
      }
    } catch {
      /* server already down: its own shutdown cleans kernels up */
    }
  }

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      throw new Error(`${what} exited before answering (code ${exited.code}, signal ${exited.signal}). Output:\n${log.text}`);
    }
    try {
      const res = await fetch(`${base}/api?token=${token}`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${what} did not answer on ${base} within ${timeoutMs} ms. Output:\n${log.text}`);
    }
    await sleep(300);
  }
  return {
    port,
    token,
    base,
    get log() {
      return log.text;
    },
    shutdownSessions,
    stop,
  };
}

/** Headless Chromium from the system package (playwright-core brings no browser of its own). */
export function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (apt-get install chromium)`);
  return chromium.launch({
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
}

/** A notebook's JSON with every code cell's outputs and execution count cleared: what a person opens on first run. */
export function clearedNotebook(nb: { cells: { cell_type: string; outputs?: unknown[]; execution_count?: number | null }[] }) {
  const copy = JSON.parse(JSON.stringify(nb));
  for (const cell of copy.cells) {
    if (cell.cell_type === "code") {
      cell.outputs = [];
      cell.execution_count = null;
    }
  }
  return copy;
}
