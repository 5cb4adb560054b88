/**
 * Crash safety of model-stream folders (issue 14): a writer process SIGKILLed at each step of the
 * commit protocol (`STREAMLAB_TEST_COMMIT_PAUSE`, src/io/modelStream/commitPause.ts) leaves a folder
 * whose readers see exactly the models committed before, each with all its rows, and in which a new
 * writer commits again; and `numKeepModel` clean-up never deletes a model a reader is loading
 * (src/io/modelStream/lease.ts). Truth: the models the test asked the writer to commit (their rows
 * built here by `lrModelTable`), the folder names written out by hand, and LR probabilities computed
 * by hand.
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { afterAll, describe, expect, it } from "vitest";
import { BatchOperator, LatestModelStreamFileSourceBatchOp, LocalPredictor, LogisticRegressionModel, ModelStreamFileSourceStreamOp, StreamlabError } from "../../src";
import { akBytes } from "../../src/io/ak/akFile";
import { KEEP_ALL_MODELS, commitModel } from "../../src/io/modelStream/commit";
import { leaseModel } from "../../src/io/modelStream/lease";
import { readCommittedModel, readLatestCommittedModel, scanModelFolder, tryReadCommittedModel } from "../../src/io/modelStream/scanner";
import { lrModelTable, tempDir } from "../helpers";

const WRITER = path.join(__dirname, "fixtures", "modelStreamWriter.js");
/** Transpiled sources shared by the writer children of this file. */
const TS_CACHE = tempDir("streamlab-writer-cache-");
const T0 = Date.UTC(2026, 11, 6, 10, 0, 0);
/** Folder names of models 0…3 (10:00:00 … 10:00:03 UTC), written out by hand. */
const NAMES = ["202612061000000", "202612061000010", "202612061000020", "202612061000030"];
/** Model k: LR over a 2-vector, coefficients (intercept first) that differ per model. */
const coefOf = (k: number) => [0.5 + k, 1 - k, 0.25 * k];
/** P(label 1) of model k for the vector (1, 2), by hand. */
const probOf = (k: number) => {
  const [b, w1, w2] = coefOf(k);
  return 1 / (1 + Math.exp(-(b + w1 * 1 + w2 * 2)));
};

const sortedRows = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();
const expectedRows = (k: number) => sortedRows(lrModelTable(coefOf(k)).toRows());

/** Commits model k in this process (what a new writer does after the crash). */
function commitHere(root: string, k: number, numKeepModel: number, numFiles = 1): void {
  const table = lrModelTable(coefOf(k));
  const files = Array.from({ length: numFiles }, (_, f) => akBytes(table, Array.from({ length: table.numRows }, (_, r) => r).filter((r) => r % numFiles === f)));
  commitModel(root, { epochMs: T0 + k * 1000, nanos: 0 }, files, table.numRows, numKeepModel, "writer");
}

interface Writer {
  child: ChildProcess;
  /** Resolves with the step the writer paused at; rejects if it ended first. */
  paused: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Starts a writer child committing models `ks` (2 files each); `pauseAt` stops it at that commit step. */
function startWriter(root: string, ks: number[], numKeepModel: number, pauseAt = ""): Writer {
  const job = { root, numKeepModel, models: ks.map((k) => ({ epochMs: T0 + k * 1000, coef: coefOf(k), numFiles: 2 })) };
  const child = spawn(process.execPath, [WRITER, JSON.stringify(job)], {
    env: { ...process.env, STREAMLAB_TEST_COMMIT_PAUSE: pauseAt, STREAMLAB_TS_CACHE: TS_CACHE },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, stderr })),
  );
  const paused = new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (d) => {
      stdout += d;
      const m = /streamlab-commit-paused (\S+)\n/.exec(stdout);
      if (m) resolve(m[1]);
    });
    void exited.then(({ code, signal }) => reject(new Error(`writer ended (code ${code}, signal ${signal}) before pausing at ${pauseAt}: ${stderr}`)));
  });
  paused.catch(() => {});
  return { child, paused, exited };
}

async function killAt(writer: Writer): Promise<void> {
  await writer.paused;
  writer.child.kill("SIGKILL");
  expect((await writer.exited).signal).toBe("SIGKILL");
}

async function resume(writer: Writer): Promise<void> {
  writer.child.stdin!.end("\n");
  const { code, stderr } = await writer.exited;
  expect(code, stderr).toBe(0);
}

async function finish(writer: Writer): Promise<void> {
  const { code, stderr } = await writer.exited;
  expect(code, stderr).toBe(0);
}

/** Everything each reader sees in `root` must be exactly models `ks`, each whole. */
async function expectReadersSee(root: string, ks: number[]): Promise<void> {
  const { models, ignored } = scanModelFolder(root, "reader");
  expect(models.map((m) => m.name)).toEqual(ks.map((k) => NAMES[k]));
  expect(ignored).toEqual([]);
  models.forEach((m, i) => expect(sortedRows(readCommittedModel(root, m, "reader").toRows()), m.name).toEqual(expectedRows(ks[i])));

  const rows = await new ModelStreamFileSourceStreamOp().setFilePath(root).collect();
  const stamps = rows.map((r) => (r[0] as Date).getTime());
  expect([...new Set(stamps)]).toEqual(ks.map((k) => T0 + k * 1000));
  for (const k of ks) expect(sortedRows(rows.filter((r) => (r[0] as Date).getTime() === T0 + k * 1000).map((r) => r.slice(2)))).toEqual(expectedRows(k));

  const latest = ks[ks.length - 1];
  const batch = new LatestModelStreamFileSourceBatchOp().setFilePath(root);
  expect(sortedRows(batch.collect())).toEqual(expectedRows(latest));
  expect(batch.getLatestModelTimestampMs()).toBe(T0 + latest * 1000);

  const initial = new LogisticRegressionModel(lrModelTable([0, 0, 0])).setVectorCol("v").setPredictionCol("p").setPredictionDetailCol("d");
  const predictor = new LocalPredictor(initial, "v DENSE_VECTOR", { modelStreamFilePath: root, modelStreamScanInterval: 1 });
  try {
    expect(predictor.getModelVersion()).toBe(NAMES[latest]);
    expect(predictor.getLastModelError()).toBeNull();
    const detail = JSON.parse(predictor.map(["1 2"])[2] as string);
    expect(Number(detail["1"])).toBeCloseTo(probOf(latest), 12);
  } finally {
    predictor.close();
  }
}

function confEntries(root: string): string[] {
  return fs.readdirSync(path.join(root, "conf")).sort();
}

afterAll(() => {
  BatchOperator.execute(); // nothing left registered for the next file
});

describe("a writer SIGKILLed at each step of the commit protocol", () => {
  // [step, models committed when it is killed, what a new writer of the same timestamp meets]
  const PROTOCOL: [string, number[], "commits" | "staging" | "committed"][] = [
    ["write:0", [0], "commits"],
    ["write:1", [0], "commits"],
    ["mkdir", [0], "staging"],
    ["rename:0", [0], "staging"],
    ["rename:1", [0], "staging"],
    ["log", [0], "staging"],
    ["commit", [0, 1], "committed"],
  ];
  for (const [step, committed, retry] of PROTOCOL) {
    it(`killed after ${step}: readers see models ${committed.join(", ")} whole; a new writer commits again`, async () => {
      const root = path.join(tempDir(), "ms");
      commitHere(root, 0, KEEP_ALL_MODELS);
      await killAt(startWriter(root, [1], KEEP_ALL_MODELS, step));
      await expectReadersSee(root, committed);

      // The same timestamp again.
      const staging = path.join(root, "conf", NAMES[1]);
      if (retry === "commits") {
        commitHere(root, 1, KEEP_ALL_MODELS);
      } else {
        let caught: unknown;
        try {
          commitHere(root, 1, KEEP_ALL_MODELS);
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(StreamlabError);
        const where = retry === "staging" ? staging : path.join(root, NAMES[1]);
        expect((caught as StreamlabError).message).toContain(where);
        expect((caught as StreamlabError).context.file).toBe(where);
        if (retry === "staging") {
          // What the message says: remove it, and the model can be written.
          fs.rmSync(staging, { recursive: true });
          commitHere(root, 1, KEEP_ALL_MODELS);
        }
      }
      // The next timestamp, by a new writer process: the killed writer's leftovers are no obstacle.
      await finish(startWriter(root, [2], KEEP_ALL_MODELS));
      await expectReadersSee(root, [0, 1, 2]);
    });
  }

  it("killed in numKeepModel clean-up after marking: the marked model is still whole and readable; the next writer finishes the job", async () => {
    const root = path.join(tempDir(), "ms");
    commitHere(root, 0, 1);
    await killAt(startWriter(root, [1], 1, "cleanup:marked"));
    expect(confEntries(root)).toEqual([`${NAMES[0]}.deleting`, `${NAMES[0]}.log`, `${NAMES[1]}.log`]);
    await expectReadersSee(root, [0, 1]); // the killed writer's mark stops no one
    await finish(startWriter(root, [2], 1));
    await expectReadersSee(root, [2]);
    expect(confEntries(root)).toEqual([`${NAMES[2]}.log`]);
  });

  it("killed in numKeepModel clean-up between the folder and its log: readers see the newer model; the next writer removes the leftovers", async () => {
    const root = path.join(tempDir(), "ms");
    commitHere(root, 0, 1);
    await killAt(startWriter(root, [1], 1, "cleanup:folder"));
    expect(fs.existsSync(path.join(root, NAMES[0]))).toBe(false);
    expect(confEntries(root)).toEqual([`${NAMES[0]}.deleting`, `${NAMES[0]}.log`, `${NAMES[1]}.log`]);
    await expectReadersSee(root, [1]);
    await finish(startWriter(root, [2], 1));
    await expectReadersSee(root, [2]);
    expect(confEntries(root)).toEqual([`${NAMES[2]}.log`]);
  });
});

describe("numKeepModel clean-up and readers (leases)", () => {
  it("a model a reader is loading is kept through two commits with numKeepModel 1, read whole, and deleted after the reader is done", async () => {
    const root = path.join(tempDir(), "ms");
    commitHere(root, 0, 1);
    // The reader's side of tryReadCommittedModel, held open: lease, no deletion under way.
    const lease = leaseModel(path.join(root, "conf"), NAMES[0])!;
    expect(lease).not.toBeNull();
    await finish(startWriter(root, [1, 2], 1));
    // Model 1 (no reader) went; model 0 stayed for its reader.
    expect(scanModelFolder(root, "reader").models.map((m) => m.name)).toEqual([NAMES[0], NAMES[2]]);
    const { models } = scanModelFolder(root, "reader");
    expect(sortedRows(readCommittedModel(root, models[0], "reader").toRows())).toEqual(expectedRows(0));
    lease.release();
    await finish(startWriter(root, [3], 1));
    expect(scanModelFolder(root, "reader").models.map((m) => m.name)).toEqual([NAMES[3]]);
    expect(confEntries(root)).toEqual([`${NAMES[3]}.log`]);
  });

  it("a writer that marked a model first: the reader passes it over for the newer one (not an error); the writer then deletes it", async () => {
    const root = path.join(tempDir(), "ms");
    commitHere(root, 0, 1);
    const writer = startWriter(root, [1], 1, "cleanup:marked");
    await writer.paused;
    const [old, newer] = scanModelFolder(root, "reader").models;
    expect([old.name, newer.name]).toEqual([NAMES[0], NAMES[1]]);
    expect(tryReadCommittedModel(root, old, "reader")).toBeNull();
    expect(() => readCommittedModel(root, old, "reader")).toThrow(`model folder ${old.dir} is gone`);
    const latest = readLatestCommittedModel(root, "reader")!;
    expect(latest.model.name).toBe(NAMES[1]);
    expect(sortedRows(latest.table.toRows())).toEqual(expectedRows(1));
    // The stream source listed both and skips the one being deleted.
    const rows = await new ModelStreamFileSourceStreamOp().setFilePath(root).collect();
    expect([...new Set(rows.map((r) => (r[0] as Date).getTime()))]).toEqual([T0 + 1000]);
    // No lease of the reader is left behind to hold the model.
    expect(confEntries(root)).toEqual([`${NAMES[0]}.deleting`, `${NAMES[0]}.log`, `${NAMES[1]}.log`]);
    await resume(writer);
    expect(scanModelFolder(root, "reader").models.map((m) => m.name)).toEqual([NAMES[1]]);
    expect(confEntries(root)).toEqual([`${NAMES[1]}.log`]);
  });

  it("a reader that leased first: the writer, marking after, sees the lease and keeps the model", async () => {
    const root = path.join(tempDir(), "ms");
    commitHere(root, 0, 1);
    const lease = leaseModel(path.join(root, "conf"), NAMES[0])!;
    const writer = startWriter(root, [1], 1, "cleanup:marked");
    await writer.paused;
    await resume(writer);
    expect(scanModelFolder(root, "reader").models.map((m) => m.name)).toEqual([NAMES[0], NAMES[1]]);
    lease.release();
    expect(confEntries(root)).toEqual([`${NAMES[0]}.log`, `${NAMES[1]}.log`]);
  });

  it("a lease of a killed reader holds nothing: the next clean-up removes it and deletes the model", async () => {
    const root = path.join(tempDir(), "ms");
    commitHere(root, 0, KEEP_ALL_MODELS);
    const dead = spawn(process.execPath, ["-e", ""]);
    const pid = dead.pid!;
    await new Promise((resolve) => dead.on("exit", resolve));
    fs.writeFileSync(path.join(root, "conf", `${NAMES[0]}.lease-${pid}-0-0`), "");
    await finish(startWriter(root, [1], 1));
    expect(scanModelFolder(root, "reader").models.map((m) => m.name)).toEqual([NAMES[1]]);
    expect(confEntries(root)).toEqual([`${NAMES[1]}.log`]);
  });
});
