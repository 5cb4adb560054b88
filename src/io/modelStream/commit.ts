import * as fs from "fs";
import * as path from "path";
import { StreamlabError } from "../../core/errors";
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
  files.forEach((bytes, i) => fs.writeFileSync(path.join(conf, `${name}_${i}`), bytes));
  fs.mkdirSync(staging);
  files.forEach((_, i) => fs.renameSync(path.join(conf, `${name}_${i}`), path.join(staging, String(i))));
  const log = modelLogPath(root, name);
  try {
    fs.writeFileSync(log, formatModelStreamMeta({ count, numFiles: files.length }));
  } catch (error) {
    fs.rmSync(log, { force: true });
    throw error;
  }
  fs.renameSync(staging, committed);
  cleanUpModels(root, numKeepModel, operator);
  return committed;
}

/**
 * Keeps the newest `numKeepModel` committed models, deleting the older folders and their logs
 * (Alink's `cleanUp`); negative keeps everything, 0 deletes every model (also the one just written).
 */
export function cleanUpModels(root: string, numKeepModel: number, operator: string): void {
  if (numKeepModel < 0) return;
  const { models } = scanModelFolder(root, operator);
  for (const model of models.slice(0, Math.max(0, models.length - numKeepModel))) {
    fs.rmSync(model.dir, { recursive: true, force: true });
    fs.rmSync(modelLogPath(root, model.name), { force: true });
  }
}
