import * as fs from "fs";

/**
 * Test hook of the commit protocol, for the crash tests (test/io/modelStreamCrash.test.ts): a
 * writer process started with `STREAMLAB_TEST_COMMIT_PAUSE=<step>` stops the first time it reaches
 * that step of `commitModel` / `cleanUpModels` — it writes `streamlab-commit-paused <step>\n` to
 * its stdout and blocks until a line (or end of input) arrives on its stdin — so a test can SIGKILL
 * it exactly there, or let it go on. Steps: `write:<i>` (file i written to `conf/<ts>_<i>`),
 * `mkdir` (`conf/<ts>` created), `rename:<i>` (file i moved into it), `log` (`conf/<ts>.log`
 * written), `commit` (`<root>/<ts>` renamed into place), `cleanup:marked` (the models to delete are
 * marked, their leases not yet checked), `cleanup:folder` (the first deleted model's folder is gone,
 * its log not yet).
 *
 * The variable is read once when this module loads; unset, a step costs one comparison.
 */
const PAUSE_AT: string | null = process.env.STREAMLAB_TEST_COMMIT_PAUSE || null;
let paused = false;

export function commitStep(step: string, index = -1): void {
  if (PAUSE_AT === null || paused) return;
  const name = index < 0 ? step : `${step}:${index}`;
  if (name !== PAUSE_AT) return;
  paused = true;
  fs.writeSync(1, `streamlab-commit-paused ${name}\n`);
  const byte = Buffer.alloc(1);
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      if (fs.readSync(0, byte, 0, 1, null) === 0 || byte[0] === 10) return;
    } catch (error) {
      // stdin set non-blocking by whoever opened it: wait a little and read again.
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
      Atomics.wait(nap, 0, 0, 5);
    }
  }
}
