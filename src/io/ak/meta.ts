import { StreamlabError } from "../../core/errors";
import { Schema } from "../../core/schema";

/**
 * The `alink_meta.json` entry (Alink's `AkMeta`, reference §13.1, errata E27): exactly the keys
 * `fileFormat`, `schemaStr`, `numFiles`, `version`, in that order. Alink 1.6.2 writes type names as
 * `STRING`, 1.6.0 and older files `VARCHAR`; both are read. `numFiles` is always 1, also in every
 * file of a multi-file folder (Alink never updates it).
 */
export const META_ENTRY = "alink_meta.json";

export function formatMeta(schema: Schema): string {
  return JSON.stringify({ fileFormat: "binary", schemaStr: schema.toString(), numFiles: 1, version: "v0.1" });
}

export function parseMeta(bytes: Uint8Array, file: string): Schema {
  let meta: unknown;
  const text = Buffer.from(bytes).toString("utf8");
  try {
    meta = JSON.parse(text);
  } catch (error) {
    throw new StreamlabError(`${file}: ${META_ENTRY} is not JSON (${(error as Error).message}); expected {"fileFormat":"binary","schemaStr":...}.`, { file });
  }
  const schemaStr = (meta as { schemaStr?: unknown } | null)?.schemaStr;
  if (typeof schemaStr !== "string") {
    throw new StreamlabError(`${file}: ${META_ENTRY} has no "schemaStr" string; found ${text.slice(0, 200)}.`, { file });
  }
  const format = (meta as { fileFormat?: unknown }).fileFormat;
  if (format !== undefined && format !== "binary") {
    throw new StreamlabError(`${file}: ${META_ENTRY} says fileFormat ${JSON.stringify(format)}; only "binary" .ak files exist.`, { file });
  }
  try {
    return Schema.parse(schemaStr);
  } catch (error) {
    throw new StreamlabError(`${file}: the schema in ${META_ENTRY} does not parse: ${(error as Error).message} (schemaStr ${JSON.stringify(schemaStr)}).`, {
      file,
    });
  }
}
