import * as path from "path";
import { StreamlabError } from "../../../core/errors";
import { akBytes } from "../../ak/akFile";
import { KEEP_ALL_MODELS, commitModel } from "../commit";
import { readModelStreamMeta } from "../modelStreamMeta";
import { modelLogPath, readCommittedModel, scanModelFolder } from "../scanner";
import { ModelTimestamp, formatModelTimestamp, modelTimestampOfMs, parseModelTime } from "../timestampName";

/** What {@link rollbackModelStream} did. */
export interface Rollback {
  /** The version whose model was re-appended. */
  from: string;
  /** The new newest version holding it. */
  version: string;
  versionMs: number;
  /** Its committed folder. */
  dir: string;
}

/**
 * Rolls a model-stream folder back to an older version by **re-appending** that version's model as
 * the newest one: nothing is deleted or renamed, the history stays readable, and every follower
 * (`FtrlPredictStreamOp`/`PipelinePredictStreamOp` with `modelStreamFilePath`, `LocalPredictor`,
 * `streamlab serve`) swaps to it exactly as to any new model, because it is committed with the
 * normal commit protocol (`commitModel`: staged in conf/, then renamed into place).
 *
 * The new version's time is `modelTime` (`"yyyy-mm-dd hh:mm:ss[.S]"`, UTC), by default one second
 * after the newest version; it must be newer than the newest (followers only move forward).
 * Files: as many as the old version had, rows dealt round-robin (AppendModelStreamFileSinkBatchOp's
 * layout), so the model table is the same row for row.
 */
export function rollbackModelStream(root: string, version: string, options: { modelTime?: string } = {}): Rollback {
  const operator = "rollbackModelStream";
  const folder = path.resolve(root);
  const { models } = scanModelFolder(folder, operator);
  const old = models.find((m) => m.name === version);
  if (old === undefined) {
    const names = models.map((m) => m.name);
    throw new StreamlabError(
      `${operator}: ${folder} has no committed version ${JSON.stringify(version)}; its versions: ${names.length === 0 ? "none" : names.join(", ")}.`,
      { operator, file: folder },
    );
  }
  const newest = models[models.length - 1];
  const ts: ModelTimestamp = options.modelTime === undefined ? modelTimestampOfMs(newest.ts.epochMs + 1000) : parseModelTime(options.modelTime, operator, "modelTime");
  if (ts.epochMs <= newest.ts.epochMs) {
    throw new StreamlabError(
      `${operator}: modelTime ${options.modelTime} is not after the newest version ${newest.name}; a rollback is appended as the newest version so that followers swap to it.`,
      { operator, param: "modelTime" },
    );
  }
  const table = readCommittedModel(folder, old, operator);
  const { numFiles } = readModelStreamMeta(modelLogPath(folder, old.name), modelLogPath(folder, old.name));
  const files = Array.from({ length: Math.max(1, numFiles) }, (_, f) => {
    const rows: number[] = [];
    for (let r = f; r < table.numRows; r += Math.max(1, numFiles)) rows.push(r);
    return akBytes(table, rows);
  });
  const dir = commitModel(folder, ts, files, table.numRows, KEEP_ALL_MODELS, operator);
  return { from: old.name, version: formatModelTimestamp(ts), versionMs: ts.epochMs, dir };
}
