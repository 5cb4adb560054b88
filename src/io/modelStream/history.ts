import * as fs from "fs";
import * as path from "path";
import { StreamlabError, describeValue } from "../../core/errors";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { BatchOperator } from "../../engine/batchOperator";
import { TableSourceBatchOp } from "../table/TableSourceBatchOp";
import { readModelStreamMeta } from "./modelStreamMeta";
import { modelLogPath, scanModelFolder } from "./scanner";

/** Columns of {@link modelStreamHistory}. */
export const MODEL_STREAM_HISTORY_SCHEMA = Schema.parse("version string, model_time timestamp, num_rows bigint, num_files int, bytes bigint, status string");

/**
 * The history of a model-stream folder, one row per model folder, oldest first: its version (the
 * folder name), its time (UTC), rows and files as its commit log counts them, bytes on disk, and
 * `status`: "committed", or why it cannot be read ("no commit log", "damaged log: …"). Entries
 * that are not model folders are left out (they are ignored by every reader).
 *
 * ```ts
 * modelStreamHistory("models/ctr").print();
 * ```
 */
export function modelStreamHistory(root: string): BatchOperator {
  if (typeof root !== "string" || root === "") {
    throw new StreamlabError(`modelStreamHistory: expected the path of a model-stream folder, got ${describeValue(root)}.`);
  }
  const folder = path.resolve(root);
  const rows = scanModelFolder(folder, "modelStreamHistory").models.map((model) => {
    const bytes = fs.readdirSync(model.dir).reduce((sum, file) => sum + fs.statSync(path.join(model.dir, file)).size, 0);
    const log = modelLogPath(folder, model.name);
    if (!fs.existsSync(log)) return [model.name, new Date(model.ts.epochMs), null, null, bytes, "no commit log"];
    try {
      const meta = readModelStreamMeta(log, log);
      return [model.name, new Date(model.ts.epochMs), meta.count, meta.numFiles, bytes, "committed"];
    } catch (error) {
      return [model.name, new Date(model.ts.epochMs), null, null, bytes, `damaged log: ${(error as Error).message}`];
    }
  });
  return new TableSourceBatchOp(Table.fromRows(rows, MODEL_STREAM_HISTORY_SCHEMA, "modelStreamHistory"));
}
