import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { normalise, firstDifference } = require("../../scripts/notebook-outputs.js") as {
  normalise: (s: string) => string;
  firstDifference: (saved: string, executed: string) => string | null;
};

const code = (outputs: unknown[]) => ({ cell_type: "code", source: [], metadata: {}, outputs });
const stdout = (text: string) => ({ output_type: "stream", name: "stdout", text: [text] });
const write = (cells: unknown[]) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "nbout-")), "nb.ipynb");
  fs.writeFileSync(file, JSON.stringify({ cells }));
  return file;
};

describe("notebook output comparison (run-notebooks --check)", () => {
  it("normalises wall-clock figures and temporary paths only", () => {
    expect(normalise("100000 rows of 11.9 h of event time in 1.1 s")).toBe("100000 rows of 11.9 h of event time in <t> s");
    expect(normalise("· 1.1 s wall · 91,075 rows/s")).toBe("· <t> s wall · <n> rows/s");
    expect(normalise("file /tmp/streamlab-ftrl-Ab12/x.csv")).toBe("file <tmp>/x.csv");
    expect(normalise("AUC 0.6544 after 11.9 h")).toBe("AUC 0.6544 after 11.9 h");
  });

  it("accepts equal outputs that differ only in timings and PNG bytes", () => {
    const chart = (png: string) => ({ output_type: "display_data", metadata: {}, data: { "image/svg+xml": "<svg/>", "image/png": png } });
    const saved = write([{ cell_type: "markdown", source: [] }, code([stdout("done in 1.2 s"), chart("AAA")])]);
    const executed = write([{ cell_type: "markdown", source: [] }, code([stdout("done in 0.7 s"), chart("BBB")])]);
    expect(firstDifference(saved, executed)).toBeNull();
  });

  it("names the first differing cell and shows both texts", () => {
    const saved = write([code([stdout("AUC 0.6544\n")]), code([stdout("x")])]);
    const executed = write([code([stdout("AUC 0.6545\n")]), code([stdout("y")])]);
    const diff = firstDifference(saved, executed)!;
    expect(diff).toMatch(/^cell 0, output 0 differs/);
    expect(diff).toContain("0.6544");
    expect(diff).toContain("0.6545");
  });

  it("fails on a different number of outputs and on a notebook saved without outputs", () => {
    expect(firstDifference(write([code([stdout("a")])]), write([code([stdout("a"), stdout("b")])]))).toBe("cell 0: 2 outputs, saved 1");
    expect(firstDifference(write([code([])]), write([code([stdout("a")])]))).toMatch(/no outputs/);
  });
});
