/**
 * Issue 16 item 5, "memory flat": a service following a model-stream folder that is committed to every second runs for
 * weeks, so what it keeps per loaded version must be bounded — the swap history shown by /model (the latest
 * MODEL_SWAP_HISTORY = 100 versions) and the versions it has already tried (only those still in the folder), while the
 * counts in /model and /metrics still cover every version. Truth: the versions this test committed and damaged, counted
 * here. Also: the memory gauges in /metrics agree with the kernel's view of this process (/proc/self/status).
 *
 * Versions are committed by copying a committed model folder and its log under a new timestamp name (the log does not
 * name the version), and old ones are deleted as numKeepModel = 5 would; scans are triggered directly instead of waiting
 * for the 1 s timer, so 250 swaps take a moment.
 */
import * as fs from "fs";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppendModelStreamFileSinkBatchOp, BatchOperator, LogisticRegression, MemSourceBatchOp, Pipeline, PipelineModel, StandardScaler } from "../../src";
import { formatModelTimestamp } from "../../src/io/modelStream/timestampName";
import { PredictionService } from "../../src/serve/PredictionService";
import { tempDir } from "../helpers";

const SCHEMA = "x double, y double, n int";

function fit(flip: boolean): PipelineModel {
  const rows = Array.from({ length: 60 }, (_, i) => {
    const x = (i % 12) / 3 - 2;
    const y = ((i * 7) % 10) / 10;
    return [x, y, (x + y > 0) !== flip ? 1 : 0];
  });
  return new Pipeline(
    new StandardScaler().setSelectedCols(["x", "y"]),
    new LogisticRegression().setFeatureCols(["x", "y"]).setLabelCol("n").setMaxIter(10).setPredictionCol("pred").setPredictionDetailCol("detail"),
  ).fit(new MemSourceBatchOp(rows, SCHEMA));
}

const ROWS = [
  [0.5, 0.1, 1],
  [-1.5, 0.9, 0],
];
const models = [fit(false), fit(true)];
const expected = (model: PipelineModel) =>
  model
    .transform(new MemSourceBatchOp(ROWS, SCHEMA))
    .collect()
    .map((r) => r.map((v) => (v !== null && typeof v === "object" ? String(v) : v)));

const T0 = Date.UTC(2024, 0, 1);
const nameAt = (k: number) => formatModelTimestamp({ epochMs: T0 + k * 1000, nanos: 0 })!;
const KEEP = 5;
const VERSIONS = 250;
const DAMAGED = 120;

describe("PredictionService memory per model version", () => {
  let templates: string;
  let root: string;
  let service: PredictionService;
  let url: string;
  /** The private scan the 1 s timer runs (the timer is set to an hour here). */
  const scan = () => (service.predictor as unknown as { scan(): void }).scan();
  const seen = () => (service.predictor as unknown as { seen: Set<string> }).seen;

  /** Commits template `t` (0 or 1) as version k, or a damaged copy; deletes the version numKeepModel would drop. */
  function commit(k: number, t: number, damaged = false): void {
    const name = nameAt(k);
    fs.cpSync(path.join(templates, nameAt(t)), path.join(root, name), { recursive: true });
    if (damaged) fs.writeFileSync(path.join(root, name, "0"), "not an ak file");
    fs.copyFileSync(path.join(templates, "conf", `${nameAt(t)}.log`), path.join(root, "conf", `${name}.log`));
    if (k >= KEEP) {
      fs.rmSync(path.join(root, nameAt(k - KEEP)), { recursive: true, force: true });
      fs.rmSync(path.join(root, "conf", `${nameAt(k - KEEP)}.log`), { force: true });
    }
  }

  beforeAll(async () => {
    templates = path.join(tempDir(), "templates");
    root = path.join(tempDir(), "stream");
    for (const t of [0, 1]) {
      new AppendModelStreamFileSinkBatchOp().setFilePath(templates).setModelTime(new Date(T0 + t * 1000).toISOString().slice(0, 19).replace("T", " ")).linkFrom(models[t].save());
      BatchOperator.execute();
    }
    fs.mkdirSync(path.join(root, "conf"), { recursive: true });
    commit(0, 0);
    service = new PredictionService({ schema: SCHEMA, modelStream: root, scanInterval: 3600, port: 0 });
    url = await service.listen();
  });

  afterAll(async () => {
    await service?.close();
  });

  it("keeps a bounded history and forgets deleted versions, while /model and /metrics count every version", async () => {
    expect(service.predictor.getModelVersion()).toBe(nameAt(0));
    const predict = async () =>
      (await (
        await fetch(`${url}/predict`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ rows: ROWS }) })
      ).json()) as { version: string; rows: unknown[][] };

    for (let k = 1; k <= VERSIONS; k++) {
      commit(k, k % 2, k === DAMAGED);
      scan();
      if (k % 50 === 0 || k === DAMAGED) {
        const answer = await predict();
        // The damaged version is refused: the one before it keeps serving.
        const serving = k === DAMAGED ? k - 1 : k;
        expect(answer.version).toBe(nameAt(serving));
        expect(answer.rows).toEqual(expected(models[serving % 2]));
      }
    }

    const loaded = VERSIONS + 1 - 1; // versions 0..VERSIONS, one of them damaged
    expect(service.predictor.getModelSwapCounts()).toEqual({ loaded, refused: 1 });
    const history = service.predictor.getModelSwaps();
    expect(history).toHaveLength(100);
    expect(history[99].version).toBe(nameAt(VERSIONS));
    expect(history[0].version).toBe(nameAt(VERSIONS - 99));
    // Only versions still in the folder are remembered as tried.
    expect([...seen()].sort()).toEqual(Array.from({ length: KEEP }, (_, i) => nameAt(VERSIONS - KEEP + 1 + i)));

    const info = (await (await fetch(`${url}/model`)).json()) as { versionsLoaded: number; versionsRefused: number; history: unknown[]; version: string };
    expect(info.version).toBe(nameAt(VERSIONS));
    expect(info.versionsLoaded).toBe(loaded);
    expect(info.versionsRefused).toBe(1);
    expect(info.history).toHaveLength(100);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`^streamlab_model_swaps_total ${loaded}$`, "m"));
    expect(metrics).toMatch(/^streamlab_model_load_failures_total 1$/m);
  });

  it("reports the process's memory in /metrics as the kernel sees it", async () => {
    const metrics = await (await fetch(`${url}/metrics`)).text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(metrics)?.[1]);
    const vmRss = Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"))![1]) * 1024;
    const rss = value("process_resident_memory_bytes");
    // Read a moment apart, so equal only roughly.
    expect(Math.abs(rss - vmRss) / vmRss).toBeLessThan(0.2);
    const used = value("nodejs_heap_size_used_bytes");
    const total = value("nodejs_heap_size_total_bytes");
    expect(used).toBeGreaterThan(1 << 20);
    expect(used).toBeLessThanOrEqual(total);
    expect(total).toBeLessThan(rss);
    expect(value("nodejs_external_memory_bytes")).toBeGreaterThan(0);
  });
});
