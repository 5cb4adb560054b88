import * as path from "path";

/**
 * What a notebook shows for a {@link StreamlabError}: the message and the user's own frames, not
 * a wall of streamlab, tslab and Node internals.
 *
 * tslab prints a failing cell's error with `console.error(e)`, i.e. Node's `util.inspect`, which
 * writes the whole `stack` plus the error's fields. The message already names the operator,
 * parameter, column and what was expected; the frames inside streamlab only say where in the
 * library the check lives, which a notebook user cannot act on. The error's `stack` itself is
 * left complete (debuggers, loggers and `err.stack` still see every frame), and setting
 * `STREAMLAB_FULL_STACK=1` prints the full stack in notebooks too.
 */

/** The package root (holding dist/ or src/): two levels above this file in both layouts. */
const PACKAGE_ROOT = path.resolve(__dirname, "..", "..");
const INTERNAL_DIRS = [path.join(PACKAGE_ROOT, "dist") + path.sep, path.join(PACKAGE_ROOT, "src") + path.sep];

/** True while code runs in a tslab kernel: its executor sets `globalThis.__tslab__` before any cell runs. */
export function inTslab(): boolean {
  return (globalThis as { __tslab__?: unknown }).__tslab__ !== undefined;
}

/** True when the user asked for full stacks everywhere. */
export function fullStacksWanted(): boolean {
  const v = process.env.STREAMLAB_FULL_STACK;
  return v !== undefined && v !== "" && v !== "0" && v.toLowerCase() !== "false";
}

/**
 * A frame the user cannot act on: streamlab's own code, Node's internals, the tslab kernel.
 * Frames from the user's cells (`evalmachine.<anonymous>`) and their own modules stay.
 */
export function isInternalFrame(frame: string): boolean {
  if (INTERNAL_DIRS.some((dir) => frame.includes(dir))) return true;
  // Node internals, the kernel, and frames with no place to look at (`new Promise (<anonymous>)`,
  // `async Promise.all (index 0)`).
  return /\(node:|at node:|\(internal\/|[\\/]node_modules[\\/]tslab[\\/]|\(<anonymous>\)$|\(index \d+\)$/.test(frame);
}

/**
 * A cell frame as the user recognises it. tslab runs a cell's compiled JavaScript, so the line
 * numbers Node reports are those of the compiled text, not of the TypeScript the user typed —
 * showing them would point at the wrong line; the function name and "notebook cell" do not lie.
 */
function cellFrame(frame: string): string {
  const named = /^\s*at (?:async )?(.+?) \(evalmachine\.<anonymous>:\d+:\d+\)$/.exec(frame);
  if (named !== null) return `    at ${named[1]} (notebook cell)`;
  if (/^\s*at (?:async )?evalmachine\.<anonymous>:\d+:\d+$/.test(frame)) return "    at notebook cell";
  return frame;
}

/**
 * The error's stack without internal frames: its `name: message` line(s), then the user's frames
 * (consecutive repeats collapsed). With no user frame left, just the message.
 */
export function userStack(error: Error): string {
  const stack = typeof error.stack === "string" ? error.stack : `${error.name}: ${error.message}`;
  // Node's vm (which tslab runs cells with) prepends the source line of the throw and a caret to
  // `stack` ("…/withParams.js:61\n  throw …\n  ^\n\n"): an internal line, so it starts at the name.
  const all = stack.split("\n");
  const start = all.findIndex((l) => l.startsWith(`${error.name}:`) || l === error.name);
  const lines = start > 0 ? all.slice(start) : all;
  const firstFrame = lines.findIndex((l) => /^\s+at /.test(l));
  const head = firstFrame < 0 ? lines : lines.slice(0, firstFrame);
  const frames: string[] = [];
  let hidden = 0;
  for (const frame of firstFrame < 0 ? [] : lines.slice(firstFrame)) {
    if (!/^\s+at /.test(frame)) continue;
    if (isInternalFrame(frame)) {
      hidden++;
      continue;
    }
    const shown = cellFrame(frame);
    if (frames[frames.length - 1] !== shown) frames.push(shown);
  }
  const note = hidden > 0 ? [`    (${hidden} internal frame${hidden === 1 ? "" : "s"} hidden; set STREAMLAB_FULL_STACK=1 to show them)`] : [];
  return [...head, ...frames, ...note].join("\n");
}

/** What a notebook prints for `error`, or undefined where the usual full rendering applies. */
export function notebookErrorText(error: Error): string | undefined {
  if (!inTslab() || fullStacksWanted()) return undefined;
  return userStack(error);
}
