import * as fs from "fs";
import { StreamlabError } from "../../core/errors";

/**
 * The commit log `conf/<ts>.log` of a model-stream folder (Alink's `ModelStreamMeta`, reference
 * §12.3, errata E27): exactly `{"count":<rows>,"numFiles":<files>}` — Alink reads it with Jackson
 * defaults, which reject unknown keys, so nothing else is written.
 */
export interface ModelStreamMeta {
  count: number;
  numFiles: number;
}

export function formatModelStreamMeta(meta: ModelStreamMeta): string {
  return JSON.stringify({ count: meta.count, numFiles: meta.numFiles });
}

/** Reads a log file; `shown` names it in errors. */
export function readModelStreamMeta(file: string, shown: string): ModelStreamMeta {
  const text = fs.readFileSync(file, "utf8");
  let meta: unknown;
  try {
    meta = JSON.parse(text);
  } catch (error) {
    throw new StreamlabError(`${shown} is not JSON (${(error as Error).message}); expected {"count":<rows>,"numFiles":<files>}.`, { file: shown });
  }
  const { count, numFiles } = (meta ?? {}) as { count?: unknown; numFiles?: unknown };
  if (typeof count !== "number" || !Number.isSafeInteger(count) || count < 0 || typeof numFiles !== "number" || !Number.isSafeInteger(numFiles)) {
    throw new StreamlabError(`${shown}: expected {"count":<rows>,"numFiles":<files>} with integers; found ${text.slice(0, 200)}.`, { file: shown });
  }
  return { count, numFiles };
}
