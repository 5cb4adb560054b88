import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { FollowedFolder } from "./follow";
import { readCommittedModel, scanModelFolder } from "./scanner";
import { compareModelTimestamps, parseModelTime } from "./timestampName";

/** A model read from a folder: its folder name (version), directory and rows. */
export interface ReadModel {
  name: string;
  dir: string;
  table: Table;
}

/**
 * The newest committed model of a followed folder (timestamp ≥ its start time) that can be read and
 * has `schema`, or null when there is none. Newer models that cannot be read (a damaged file, a
 * missing log, another schema) are passed over for the next older one, as a live predictor keeps
 * its last good model.
 */
export function newestReadableModel(folder: FollowedFolder, schema: Schema, operator: string): ReadModel | null {
  const start = folder.startTime === null ? null : parseModelTime(folder.startTime, operator, "modelStreamStartTime");
  const models = scanModelFolder(folder.root, operator).models.filter((m) => start === null || compareModelTimestamps(m.ts, start) >= 0);
  for (let i = models.length - 1; i >= 0; i--) {
    let table: Table;
    try {
      table = readCommittedModel(folder.root, models[i], operator);
    } catch {
      continue;
    }
    if (table.schema.equals(schema)) return { name: models[i].name, dir: models[i].dir, table };
  }
  return null;
}
