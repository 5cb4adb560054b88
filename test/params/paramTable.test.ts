import { afterEach, describe, expect, it, vi } from "vitest";
import { CsvSourceBatchOp, Param, WithParams } from "../../src";
import { paramTable, paramTableText } from "../../src/params/paramTable";

/**
 * `op.showParams()` and `SomeOp.params()`: a table of every declared parameter, shown as HTML in a
 * notebook (through the engine's display port) and as text elsewhere. The expected texts are
 * written out by hand from the declarations below.
 */
class Demo extends WithParams {
  static override readonly PARAMS = {
    filePath: Param.string({ doc: "Where the rows are.", nonEmpty: true }),
    k: Param.int({ doc: "How many.", default: 3, min: 1 }),
    mode: Param.enum(["A", "B"], { doc: "Which way.", default: "A", aliases: ["how"] }),
  };
}

/** A fake tslab kernel: records what reaches the cell's display. */
function fakeKernel(): string[] {
  const shown: string[] = [];
  const target = {
    html: (s: string) => shown.push(`html:${s}`),
    svg: (s: string) => shown.push(`svg:${s}`),
    text: (s: string) => shown.push(`text:${s}`),
    markdown: (s: string) => shown.push(`md:${s}`),
  };
  (globalThis as { __tslab__?: unknown }).__tslab__ = {
    require: (id: string) => (id === "tslab" ? { display: target, newDisplay: () => target } : undefined),
  };
  return shown;
}

afterEach(() => {
  delete (globalThis as { __tslab__?: unknown }).__tslab__;
  vi.restoreAllMocks();
});

describe("parameter table", () => {
  it("lists name, type, default, current value and doc in declaration order", () => {
    const op = new Demo({ filePath: "a.csv", how: "B" });
    const table = paramTable(op.paramSpecs, (n) => (op.hasParam(n) ? { value: op.get(n) } : undefined));
    expect(table.schema.names).toEqual(["name", "type", "default", "value", "doc"]);
    expect(table.toRows()).toEqual([
      ["filePath", "String", "required", '"a.csv"', "Where the rows are."],
      ["k", "Integer", "3", "(default)", "How many."],
      ["mode", "Enum", '"A"', '"B"', "Which way. (aliases: how)"],
    ]);
  });

  it("a class's table (no instance) has no value column", () => {
    expect(paramTable(Demo.PARAMS).schema.names).toEqual(["name", "type", "default", "doc"]);
  });

  it("outside a notebook, showParams() prints readable text, a required parameter left unset says so", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    new Demo().set("k", 5).showParams();
    expect(log.mock.calls).toEqual([
      [
        [
          "Demo parameters (current values): 3 parameters",
          "  filePath (String, required, value not set)",
          "      Where the rows are.",
          "  k (Integer, default 3, value 5)",
          "      How many.",
          '  mode (Enum, default "A", value (default))',
          "      Which way. (aliases: how)",
        ].join("\n"),
      ],
    ]);
  });

  it("in a notebook, CsvSourceBatchOp.params() shows one HTML table with every parameter and nothing on stdout", () => {
    const shown = fakeKernel();
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    CsvSourceBatchOp.params();
    expect(log).not.toHaveBeenCalled();
    expect(shown).toHaveLength(1);
    const html = shown[0];
    expect(html.startsWith("html:")).toBe(true);
    expect(html).toContain("CsvSourceBatchOp parameters");
    // Every declared parameter, none cut by the usual head/tail row limit.
    for (const name of Object.keys(CsvSourceBatchOp.PARAMS)) expect(html).toContain(`<td style="text-align:left">${name}</td>`);
    expect(html).toContain("Path of the file (relative paths are resolved against the working directory).");
    expect(html).not.toContain("more rows");
  });

  it("the text form of an operator without parameters says so", () => {
    class Bare extends WithParams {}
    expect(paramTableText("Bare parameters", Bare.PARAMS)).toBe("Bare parameters: no parameters.");
  });
});
