/**
 * Alink stores a `modelStreamFilePath` parameter as its `FilePath` serialised to JSON
 * (`{"path":"/models/ctr","params":{"params":{"ioName":"\"local\""}}}`, `FilePath.serialize`), and
 * reads either that JSON or a plain path (`FilePath.deserialize`: JSON when the text starts with
 * `{`). streamlab keeps plain local paths in memory and converts at the file boundary.
 */

/** The text Alink's `setModelStreamFilePath(String)` stores for a local path. */
export function alinkFilePathText(localPath: string): string {
  return JSON.stringify({ path: localPath, params: { params: { ioName: JSON.stringify("local") } } });
}

/**
 * The local path in an Alink `FilePath` text (JSON or plain), or an explanation when the path is
 * not on the local file system (streamlab reads local folders only).
 */
export function localPathOfAlinkFilePath(text: string): { path: string } | { error: string } {
  if (!text.trim().startsWith("{")) return { path: text };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { error: `${JSON.stringify(text)} is not a valid FilePath JSON (${(error as Error).message})` };
  }
  const filePath = (parsed as { path?: unknown } | null)?.path;
  if (typeof filePath !== "string" || filePath === "") return { error: `the FilePath JSON ${text} has no "path"` };
  const ioName = (parsed as { params?: { params?: { ioName?: unknown } } }).params?.params?.ioName;
  if (ioName !== undefined && ioName !== JSON.stringify("local")) {
    return { error: `the FilePath ${filePath} is on file system ${String(ioName)}; streamlab reads local folders only` };
  }
  return { path: filePath };
}
