import * as fs from "fs";
import * as path from "path";
import { threadId } from "worker_threads";

/**
 * Reader leases and deletion marks: how `numKeepModel` clean-up and readers of a model-stream
 * folder stay out of each other's way (reference §12.4; Alink has no such thing).
 *
 * **Guarantee.** A reader going through `tryReadCommittedModel` / `readCommittedModel` (every
 * streamlab reader of a folder: ModelStreamFileSourceStreamOp, LatestModelStreamFileSourceBatchOp,
 * LocalPredictor, the `modelStreamFilePath` followers) gets a committed model whole or not at all,
 * never part of one; a streamlab writer's clean-up never deletes a model that such a reader on the
 * same machine is reading — it stays until a later clean-up. A reader that finds its model being
 * deleted passes it over for a newer one (clean-up deletes only superseded models, or all with
 * numKeepModel 0). Both hold when
 * either side is killed at any point (test/io/modelStreamCrash.test.ts).
 *
 * - A reader, before reading model `<ts>`, creates a lease `conf/<ts>.lease-<pid>-<thread>-<n>`,
 *   then looks for a deletion mark `conf/<ts>.deleting`; it removes the lease when done.
 * - A writer's clean-up, before deleting model `<ts>`, creates the mark `conf/<ts>.deleting`
 *   (holding its pid), then lists the leases; a model with a lease of a live process is kept (its
 *   mark removed) and deleted by a later clean-up.
 *
 * Each side writes first and looks second, so whichever looks last sees the other: either the
 * reader sees the mark (and reads a newer model instead) or the writer sees the lease (and keeps
 * the model). A lease of a process that no longer exists (a killed reader) is removed by the next
 * clean-up. Processes are told apart by pid, so the guarantee holds for readers and one writer at
 * a time on one machine (a pid reused by a new process at worst keeps a model a while longer).
 * Alink never lists `conf/` and reads only `conf/<ts>.log` there, so these files do not disturb it;
 * Alink's own writers and readers do not take part.
 */

const LEASE = ".lease-";
const MARK = ".deleting";
let leaseCount = 0;

/** Whether a process with this pid exists (EPERM: it exists, owned by someone else). */
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A held lease; `release()` removes it (idempotent). */
export interface ModelLease {
  release(): void;
}

/**
 * Leases model `name` of `conf`. Returns null when no lease can be written (a read-only folder):
 * the read then goes on unprotected, as with Alink.
 */
export function leaseModel(conf: string, name: string): ModelLease | null {
  const file = path.join(conf, `${name}${LEASE}${process.pid}-${threadId}-${leaseCount++}`);
  try {
    fs.writeFileSync(file, "", { flag: "wx" });
  } catch {
    return null;
  }
  let held = true;
  return {
    release() {
      if (held) fs.rmSync(file, { force: true });
      held = false;
    },
  };
}

/**
 * Whether a writer is deleting model `name`: its mark exists and names a live process (or cannot
 * be read yet — it is being written). A mark left by a killed writer does not count: no one is
 * deleting, and the next clean-up takes it over (marking again before it looks at the leases).
 */
export function beingDeleted(conf: string, name: string): boolean {
  let text: string;
  try {
    text = fs.readFileSync(path.join(conf, `${name}${MARK}`), "utf8");
  } catch {
    return false;
  }
  return !/^\d+$/.test(text) || processAlive(Number(text));
}

/** Whether model `name` has a deletion mark, live or left by a killed writer. */
export function hasDeletionMark(conf: string, name: string): boolean {
  return fs.existsSync(path.join(conf, `${name}${MARK}`));
}

/**
 * Marks model `name` for deletion; false when another live process holds the mark (that process
 * deletes it). A mark of a killed writer, or of this process, is taken over.
 */
export function markForDeletion(conf: string, name: string): boolean {
  const file = path.join(conf, `${name}${MARK}`);
  try {
    fs.writeFileSync(file, String(process.pid), { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const holder = Number(fs.readFileSync(file, "utf8"));
  if (holder !== process.pid && processAlive(holder)) return false;
  fs.writeFileSync(file, String(process.pid));
  return true;
}

export function unmarkForDeletion(conf: string, name: string): void {
  fs.rmSync(path.join(conf, `${name}${MARK}`), { force: true });
}

/**
 * What `conf` says about readers and deletions: the models leased by a live process (leases of
 * processes that no longer exist are removed on the way) and the models with a deletion mark.
 */
export function readLeasesAndMarks(conf: string): { leased: Set<string>; marked: string[] } {
  const leased = new Set<string>();
  const marked: string[] = [];
  for (const entry of fs.readdirSync(conf)) {
    if (entry.endsWith(MARK)) {
      marked.push(entry.slice(0, -MARK.length));
      continue;
    }
    const at = entry.indexOf(LEASE);
    if (at <= 0) continue;
    const pid = Number(entry.slice(at + LEASE.length).split("-")[0]);
    if (processAlive(pid)) leased.add(entry.slice(0, at));
    else fs.rmSync(path.join(conf, entry), { force: true });
  }
  return { leased, marked };
}
