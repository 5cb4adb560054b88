import * as path from "path";
import { inspect } from "util";
import { afterEach, describe, expect, it } from "vitest";
import { CsvSourceBatchOp, StreamlabError } from "../../src";
import { userStack } from "../../src/core/errorStack";

/**
 * A StreamlabError thrown in a notebook cell is printed by tslab with `console.error(e)` (Node's
 * util.inspect). In a notebook it shows the message and the user's frames only; `err.stack` and
 * every other place keep the full stack. (test/notebook/kernelDocs.e2e.test.ts checks a real kernel.)
 */
const ROOT = path.resolve(__dirname, "..", "..");

afterEach(() => {
  delete (globalThis as { __tslab__?: unknown }).__tslab__;
  delete process.env.STREAMLAB_FULL_STACK;
});

function inNotebook(): void {
  (globalThis as { __tslab__?: unknown }).__tslab__ = { require: () => undefined };
}

/** The error a user gets for a wrongly typed setter value (thrown inside src/params/withParams.ts). */
function badSetterError(): StreamlabError {
  try {
    new CsvSourceBatchOp().setFieldDelimiter(3 as never);
  } catch (error) {
    return error as StreamlabError;
  }
  throw new Error("setFieldDelimiter(3) did not throw");
}

describe("notebook error rendering", () => {
  it("keeps the message and the user's cell frames, drops the vm caret and internal frames", () => {
    const error = new StreamlabError("X: bad.");
    error.stack = [
      `${ROOT}/dist/params/withParams.js:61`,
      "            throw new errors_1.StreamlabError(`...`);",
      "            ^",
      "",
      "StreamlabError: X: bad.",
      `    at Proxy.set (${ROOT}/dist/params/withParams.js:61:19)`,
      `    at Proxy.value (${ROOT}/dist/params/withParams.js:154:33)`,
      "    at mine (evalmachine.<anonymous>:4:16)",
      "    at evalmachine.<anonymous>:7:22",
      "    at evalmachine.<anonymous>:9:3",
      "    at sigintHandlersWrap (node:vm:280:12)",
      "    at Script.runInThisContext (node:vm:135:14)",
      `    at Object.execute (${ROOT}/node_modules/tslab/dist/executor.js:160:38)`,
      "    at new Promise (<anonymous>)",
      "    at async Promise.all (index 0)",
      "    at helper (/home/me/work/myLib.js:3:9)",
    ].join("\n");
    expect(userStack(error)).toBe(
      [
        "StreamlabError: X: bad.",
        "    at mine (notebook cell)",
        "    at notebook cell",
        "    at helper (/home/me/work/myLib.js:3:9)",
        "    (7 internal frames hidden; set STREAMLAB_FULL_STACK=1 to show them)",
      ].join("\n"),
    );
  });

  it("in a notebook, console.error's rendering of a real error has no streamlab frame", () => {
    inNotebook();
    const error = badSetterError();
    const shown = inspect(error);
    expect(shown.split("\n")[0]).toBe('StreamlabError: CsvSourceBatchOp.setFieldDelimiter: "fieldDelimiter" must be a non-empty string; got number 3.');
    expect(shown).not.toContain(path.join(ROOT, "src") + path.sep);
    expect(shown).toContain(__filename); // the caller's own frame (this test) stays
    expect(shown).toMatch(/internal frames? hidden/);
    // The stack itself is untouched: debuggers and loggers still see the library frames.
    expect(error.stack).toContain(path.join(ROOT, "src", "params", "withParams.ts"));
  });

  it("STREAMLAB_FULL_STACK=1 shows the full stack in a notebook", () => {
    inNotebook();
    process.env.STREAMLAB_FULL_STACK = "1";
    expect(inspect(badSetterError())).toContain(path.join(ROOT, "src", "params", "withParams.ts"));
  });

  it("outside a notebook, Node's usual rendering: full stack and the context fields", () => {
    const shown = inspect(badSetterError());
    expect(shown).toContain(path.join(ROOT, "src", "params", "withParams.ts"));
    expect(shown).toContain("operator: 'CsvSourceBatchOp'");
    expect(shown).not.toContain("hidden");
  });
});
