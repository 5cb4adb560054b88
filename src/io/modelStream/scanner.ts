import * as fs from "fs";
import * as path from "path";
import { StreamlabError } from "../../core/errors";
import { Table } from "../../core/table";
import { readAk } from "../ak/akFile";
import { beingDeleted, hasDeletionMark, leaseModel } from "./lease";
import { readModelStreamMeta } from "./modelStreamMeta";
import { ModelTimestamp, compareModelTimestamps, parseModelTimestamp } from "./timestampName";

/** A committed model: the folder `<root>/<name>`. */
export interface CommittedModel {
  name: string;
  ts: ModelTimestamp;
  dir: string;
}

export interface ModelFolderScan {
  /** Committed models, ascending by timestamp. */
  models: CommittedModel[];
  /** Entries of the root that are not model folders (`conf` excluded): names that do not parse, files. */
  ignored: string[];
}

/**
 * Lists the committed models of a model-stream root (Alink's `ModelStreamUtils.listModels`,
 * reference §12.4–12.5, errata E25, E26): the directories directly under the root whose names are
 * canonical timestamp names; `conf` and anything else are ignored. Alink lists in the file system's
 * order; streamlab sorts ascending. A root that does not exist holds no models; a root that is a
 * file is an error.
 */
export function scanModelFolder(root: string, operator: string): ModelFolderScan {
  if (!fs.existsSync(root)) return { models: [], ignored: [] };
  if (!fs.statSync(root).isDirectory()) {
    throw new StreamlabError(`${operator}: ${root} is a file; a model-stream filePath must be a folder (holding <timestamp>/ model folders and conf/).`, {
      operator,
      param: "filePath",
      file: root,
    });
  }
  const models: CommittedModel[] = [];
  const ignored: string[] = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    if (entry.name === "conf") continue;
    const ts = entry.isDirectory() ? parseModelTimestamp(entry.name) : null;
    if (ts === null) ignored.push(entry.name);
    else models.push({ name: entry.name, ts, dir: path.join(root, entry.name) });
  }
  models.sort((a, b) => compareModelTimestamps(a.ts, b.ts));
  ignored.sort();
  return { models, ignored };
}

/** The commit log of a model. */
export function modelLogPath(root: string, name: string): string {
  return path.join(root, "conf", `${name}.log`);
}

/**
 * Reads one committed model's rows (every `.ak` file of its folder, files in numeric order) and
 * checks them against its log `conf/<name>.log`. A missing log (Alink throws too), a damaged file or
 * a row count other than the log's is an error naming the model folder; so is a model deleted by a
 * writer's `numKeepModel` clean-up since it was listed (readers that can skip such a model use
 * {@link tryReadCommittedModel}).
 */
export function readCommittedModel(root: string, model: CommittedModel, operator: string): Table {
  const table = tryReadCommittedModel(root, model, operator);
  if (table === null) {
    throw new StreamlabError(
      `${operator}: model folder ${model.dir} is gone: deleted after it was listed (a writer's numKeepModel clean-up removes models that newer ones superseded); read a newer model.`,
      { operator, file: model.dir },
    );
  }
  return table;
}

/**
 * {@link readCommittedModel}, or null when the model is gone: deleted, or being deleted, by a
 * writer's `numKeepModel` clean-up since it was listed — not an error, a newer model superseded
 * it. The read holds a lease (`lease.ts`), so a streamlab writer's clean-up never deletes the model
 * while it is read: the reader either gets every row or null, never a partial model. Folders
 * written and cleaned by Alink (no leases) are caught after the fact: a read that fails because
 * the folder vanished is null too.
 */
export function tryReadCommittedModel(root: string, model: CommittedModel, operator: string): Table | null {
  const conf = path.join(root, "conf");
  const lease = leaseModel(conf, model.name);
  try {
    if (beingDeleted(conf, model.name)) return null;
    try {
      return readModelFiles(root, model, operator);
    } catch (error) {
      if (!fs.existsSync(model.dir) || hasDeletionMark(conf, model.name)) return null;
      throw error;
    }
  } finally {
    lease?.release();
  }
}

function readModelFiles(root: string, model: CommittedModel, operator: string): Table {
  const log = modelLogPath(root, model.name);
  if (!fs.existsSync(log)) {
    throw new StreamlabError(
      `${operator}: model folder ${model.dir} has no commit log ${log}; the log holds the model's row count, and a committed model without it cannot be read (Alink fails the same way).`,
      { operator, file: model.dir },
    );
  }
  const meta = readModelStreamMeta(log, log);
  let table: Table;
  try {
    table = readAk(model.dir);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new StreamlabError(`${operator}: model folder ${model.dir} cannot be read: ${message}`, { operator, file: model.dir });
  }
  if (table.numRows !== meta.count) {
    throw new StreamlabError(`${operator}: model folder ${model.dir} holds ${table.numRows} rows, but its log ${log} counts ${meta.count}.`, {
      operator,
      file: model.dir,
    });
  }
  return table;
}

/**
 * The newest committed model that can be read, with its rows, among those `accept` keeps (default
 * all), or null when there is none. A model deleted by a writer's clean-up while this runs is
 * passed over for the next newest (it only happens to superseded models, or to all with
 * `numKeepModel` 0); any other failure to read the newest is an error.
 */
export function readLatestCommittedModel(
  root: string,
  operator: string,
  accept: (model: CommittedModel) => boolean = () => true,
): { model: CommittedModel; table: Table } | null {
  const models = scanModelFolder(root, operator).models.filter(accept);
  for (let k = models.length - 1; k >= 0; k--) {
    const table = tryReadCommittedModel(root, models[k], operator);
    if (table !== null) return { model: models[k], table };
  }
  return null;
}
