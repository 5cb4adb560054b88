import * as path from "path";
import { StreamlabError, describeValue } from "../../../core/errors";
import { Table } from "../../../core/table";
import { readModelStreamMeta } from "../modelStreamMeta";
import { modelLogPath, scanModelFolder, tryReadCommittedModel } from "../scanner";

/** One committed version of a model-stream folder, with its model table. */
export interface StoredModelVersion {
  /** Folder name (`202612061000000`), the version. */
  version: string;
  /** Its timestamp, epoch milliseconds. */
  versionMs: number;
  /** Files and rows as its commit log counts them. */
  numFiles: number;
  modelRows: number;
  model: Table;
}

/**
 * Every committed version of a model-stream folder with its model, oldest first — what the
 * inspector reads. Versions are listed as every reader lists them (`scanModelFolder`, the listing
 * `streamlab inspect` and `modelStreamHistory` show) and read under a lease, so a writer's
 * clean-up cannot delete one mid-read; a version deleted since the listing is left out.
 */
export function readModelStreamVersions(root: string, operator = "readModelStreamVersions"): StoredModelVersion[] {
  if (typeof root !== "string" || root === "") throw new StreamlabError(`${operator}: expected the path of a model-stream folder, got ${describeValue(root)}.`);
  const folder = path.resolve(root);
  const out: StoredModelVersion[] = [];
  for (const model of scanModelFolder(folder, operator).models) {
    const log = modelLogPath(folder, model.name);
    const table: Table | null = tryReadCommittedModel(folder, model, operator);
    if (table === null) continue; // deleted by a writer's clean-up since the listing
    const meta = readModelStreamMeta(log, log);
    out.push({ version: model.name, versionMs: model.ts.epochMs, numFiles: meta.numFiles, modelRows: meta.count, model: table });
  }
  return out;
}
