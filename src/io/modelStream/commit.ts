import * as fs from "fs";
import * as path from "path";
import { StreamlabError } from "../../core/errors";
import { commitStep } from "./commitPause";
import { markForDeletion, readLeasesAndMarks, unmarkForDeletion } from "./lease";
import { formatModelStreamMeta } from "./modelStreamMeta";
import { modelLogPath, scanModelFolder } from "./scanner";
import { ModelTimestamp, formatModelTimestamp } from "./timestampName";

/** Alink's default `numKeepModel`: `Integer.MAX_VALUE`, keep every model. */
export const KEEP_ALL_MODELS = 2147483647;

/**
 * Makes sure `<root>/conf` exists (Alink's `FileModelStreamSink.initializeGlobal`); a root or a
 * `conf` that is a file is an error.
 */
export function initModelStreamRoot(root: string, operator: string): void {
  for (const dir of [root, path.join(root, "conf")]) {
    if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) {
      throw new StreamlabError(`${operator}: ${dir} is a file; a model-stream folder needs it to be a directory.`, { operator, param: "filePath", file: dir });
    }
  }
  fs.mkdirSync(path.join(root, "conf"), { recursive: true });
}

/**
 * Commits one model (Alink's `FileModelStreamSink`, reference §12.4), step by step:
 * 1. each file i is written to `conf/<ts>_<i>` (a single-file `.ak`);
 * 2. `conf/<ts>` is created — an error if it exists (Alink: "ModelPath … has existed.");
 * 3. `conf/<ts>_<i>` is renamed to `conf/<ts>/<i>`;
 * 4. `conf/<ts>.log` gets `{"count":<rows>,"numFiles":<files>}`;
 * 5. `conf/<ts>` is renamed to `<root>/<ts>` — the commit point: readers see the model only now;
 * 6. clean-up to `numKeepModel` models (`cleanUpModels`).
 * Returns the committed folder.
 *
 * **Crash safety** (a writer killed at any point, test/io/modelStreamCrash.test.ts): before step 5
 * nothing a reader lists has changed — the leftovers (`conf/<ts>_<i>`, `conf/<ts>/`,
 * `conf/<ts>.log`) are ignored by readers and by writers of other timestamps; a new writer of the
 * same timestamp fails naming `conf/<ts>` until it is removed (as Alink: "ModelPath … has
 * existed."). After step 5 the model is committed whole. Files are not fsynced (as Alink): this
 * covers a killed or crashed process, not a power failure.
 */
export function commitModel(root: string, ts: ModelTimestamp, files: readonly Uint8Array[], count: number, numKeepModel: number, operator: string): string {
  initModelStreamRoot(root, operator);
  const name = formatModelTimestamp(ts);
  const conf = path.join(root, "conf");
  const staging = path.join(conf, name);
  const committed = path.join(root, name);
  if (fs.existsSync(staging)) {
    throw new StreamlabError(`${operator}: model path ${staging} already exists (an interrupted or concurrent commit of model ${name}); remove it to write this model.`, {
      operator,
      file: staging,
    });
  }
  if (fs.existsSync(committed)) {
    throw new StreamlabError(`${operator}: model ${name} is already committed at ${committed}; a model stream holds one model per timestamp.`, {
      operator,
      file: committed,
    });
  }
  files.forEach((bytes, i) => {
    fs.writeFileSync(path.join(conf, `${name}_${i}`), bytes);
    commitStep("write", i);
  });
  fs.mkdirSync(staging);
  commitStep("mkdir");
  files.forEach((_, i) => {
    fs.renameSync(path.join(conf, `${name}_${i}`), path.join(staging, String(i)));
    commitStep("rename", i);
  });
  const log = modelLogPath(root, name);
  try {
    fs.writeFileSync(log, formatModelStreamMeta({ count, numFiles: files.length }));
  } catch (error) {
    fs.rmSync(log, { force: true });
    throw error;
  }
  commitStep("log");
  fs.renameSync(staging, committed);
  commitStep("commit");
  cleanUpModels(root, numKeepModel, operator);
  return committed;
}

/**
 * Keeps the newest `numKeepModel` committed models, deleting the older folders and their logs
 * (Alink's `cleanUp`); negative keeps everything, 0 deletes every model (also the one just written).
 *
 * Unlike Alink, a model a reader is loading is not deleted (see `lease.ts`): every model to delete
 * is marked first, then the leases are listed; a leased model stays (the folder briefly holds more
 * than `numKeepModel` models) and goes at a later clean-up once its reader is done. A model is
 * deleted folder first, log second, so a reader never finds a folder without its log while the
 * writer lives.
 */
export function cleanUpModels(root: string, numKeepModel: number, operator: string): void {
  if (numKeepModel < 0) return;
  const { models } = scanModelFolder(root, operator);
  const conf = path.join(root, "conf");
  const marked = models.slice(0, Math.max(0, models.length - numKeepModel)).filter((model) => markForDeletion(conf, model.name));
  if (marked.length === 0) return; // (conf/ is listed only when there is something to delete: keep-all streams commit often)
  commitStep("cleanup:marked");
  const { leased, marked: marks } = readLeasesAndMarks(conf);
  for (const model of marked) {
    if (!leased.has(model.name)) {
      fs.rmSync(model.dir, { recursive: true, force: true });
      commitStep("cleanup:folder");
      fs.rmSync(modelLogPath(root, model.name), { force: true });
    }
    unmarkForDeletion(conf, model.name);
  }
  // What a killed clean-up left: its marks, and the log of a model whose folder it deleted (marks
  // are made only for committed models, so such a log is never one of a commit in progress).
  // Cleared by the next clean-up that deletes something.
  const done = new Set(marked.map((m) => m.name));
  for (const name of marks) {
    if (done.has(name) || !markForDeletion(conf, name)) continue;
    if (!fs.existsSync(path.join(root, name))) fs.rmSync(modelLogPath(root, name), { force: true });
    unmarkForDeletion(conf, name);
  }
}
