import { describe, expect, it, vi } from "vitest";
import { BatchOperator, FirstNBatchOp, MemSourceBatchOp, Schema, Table } from "../../src";
import { expectError } from "../helpers";

function source(n = 30) {
  return new MemSourceBatchOp(Array.from({ length: n }, (_, i) => [i, `r${i}`, i / 4]), "id int, name string, x double");
}

/** A test operator with one side output: rows with even / odd ids. */
class EvenOddBatchOp extends BatchOperator {
  computeCalls = 0;
  override getSideOutputCount(): number {
    return 1;
  }
  protected compute([input]: readonly Table[]) {
    this.computeCalls++;
    const ids = input.column("id").values as Int32Array;
    const even: number[] = [];
    const odd: number[] = [];
    ids.forEach((v, i) => (v % 2 === 0 ? even : odd).push(i));
    return { output: input.take(even), sideOutputs: [input.take(odd)] };
  }
}

describe("BatchOperator", () => {
  it("link returns the linked operator with its type; linkFrom returns this", () => {
    const src = source();
    const first = new FirstNBatchOp().setSize(3);
    const linked = src.link(first);
    expect(linked).toBe(first);
    expect(linked.getSize()).toBe(3);
    expect(first.linkFrom(src)).toBe(first);
    expect(first.collect()).toEqual([[0, "r0", 0], [1, "r1", 0.25], [2, "r2", 0.5]]);
  });

  it("checks the number of inputs", () => {
    expectError(() => new FirstNBatchOp().setSize(1).linkFrom(), "FirstNBatchOp.linkFrom: expected 1 input, got 0.");
    expectError(() => new FirstNBatchOp().setSize(1).linkFrom(source(), source()), "FirstNBatchOp.linkFrom: expected 1 input, got 2.");
    expectError(() => source().linkFrom(source()), "MemSourceBatchOp is a source: source operators do not support linkFrom().");
    expectError(() => new FirstNBatchOp().setSize(1).linkFrom({} as never), "FirstNBatchOp.linkFrom: input 0 must be a batch operator, got Object.");
    expectError(() => new FirstNBatchOp().setSize(1).collect(), "FirstNBatchOp has no input: call linkFrom(...) or link it from another operator first.");
  });

  it("is lazy and memoised: computed once, recomputed after a parameter change", () => {
    const op = new EvenOddBatchOp().linkFrom(source(6));
    expect(op.computeCalls).toBe(0);
    op.collect();
    op.count();
    op.getSideOutput(0).collect();
    expect(op.computeCalls).toBe(1);
    const first = new FirstNBatchOp().setSize(2).linkFrom(op);
    expect(first.collect().map((r) => r[0])).toEqual([0, 2]);
    first.setSize(3);
    expect(first.collect().map((r) => r[0])).toEqual([0, 2, 4]);
    expect(op.computeCalls).toBe(1);
  });

  it("side outputs are operators; a wrong index is a clear error", () => {
    const op = new EvenOddBatchOp().linkFrom(source(5));
    expect(op.getSideOutput(0).collect().map((r) => r[0])).toEqual([1, 3]);
    expectError(() => op.getSideOutput(1), "EvenOddBatchOp.getSideOutput(1): index out of range, it has 1 side output (0..0).");
    expectError(() => source().getSideOutput(0), "MemSourceBatchOp has no side output.");
  });

  it("knows schemas without computing when it can", () => {
    const first = source().firstN(2);
    expect(first.getColNames()).toEqual(["id", "name", "x"]);
    expect(first.getColTypes()).toEqual(["INT", "STRING", "DOUBLE"]);
    expect(first.getSchema()).toBeInstanceOf(Schema);
  });

  it("print shows an aligned text table outside notebooks; long tables show head and tail", () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((s: string) => void lines.push(s));
    try {
      source(30).print(0, "title");
    } finally {
      spy.mockRestore();
    }
    const text = lines.join("\n").split("\n");
    expect(text[0]).toBe("title");
    expect(text[1]).toBe("id |name  |x");
    expect(text[2]).toBe("INT|STRING|DOUBLE");
    expect(text[3]).toBe("---|------|------");
    expect(text[4]).toBe("0  |r0    |0.0000");
    expect(text).toContain(" …… 10 more rows ……");
    expect(text[text.length - 2]).toBe("29 |r29   |7.2500");
    expect(text[text.length - 1]).toBe("[30 rows × 3 columns]");
  });

  it("print(n) shows the first n rows", () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((s: string) => void lines.push(s));
    try {
      source(30).print(2);
    } finally {
      spy.mockRestore();
    }
    expect(lines.join("\n")).toBe("id |name  |x\nINT|STRING|DOUBLE\n---|------|------\n0  |r0    |0.0000\n1  |r1    |0.2500\n[2 rows × 3 columns]");
  });

  it("lazyPrint and lazyCollect run on BatchOperator.execute()", () => {
    const seen: number[] = [];
    const lines: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((s: string) => void lines.push(s));
    try {
      const src = source(3);
      src.lazyCollect((rows) => seen.push(rows.length)).lazyPrint(1);
      expect(seen).toEqual([]);
      expect(lines).toEqual([]);
      BatchOperator.execute();
      expect(seen).toEqual([3]);
      expect(lines.length).toBe(1);
      BatchOperator.execute();
      expect(seen).toEqual([3]);
    } finally {
      spy.mockRestore();
    }
  });

  it("samples reproducibly", () => {
    const src = source(1000);
    const a = src.sample(0.1).collect();
    const b = src.sample(0.1).collect();
    expect(a).toEqual(b);
    expect(a.length).toBeGreaterThan(60);
    expect(a.length).toBeLessThan(140);
    expect(src.sample(0.1, false, 7).collect()).not.toEqual(a);
    const s = src.sampleWithSize(25).collect();
    expect(s.length).toBe(25);
    expect(new Set(s.map((r) => r[0])).size).toBe(25);
    expect(src.sampleWithSize(2000).count()).toBe(1000);
    expect(src.sampleWithSize(50, true).count()).toBe(50);
    const withReplacement = src.sample(2 / 1000 * 500, true).count();
    expect(withReplacement).toBeGreaterThan(800);
  });
});

describe("pipeline stage transforms", () => {
  it("recompute when the stage's parameters change after transform()", async () => {
    const api = await import("../../src");
    const data = new api.MemSourceBatchOp([[1.0, 2.0], [3.0, 4.0]], "a double, b double");
    const assembler = new api.VectorAssembler().setSelectedCols(["a", "b"]).setOutputCol("v");
    const out = assembler.transform(data);
    expect(out.collect().map((r) => String(r[2]))).toEqual(["1.0 2.0", "3.0 4.0"]);
    assembler.setSelectedCols(["b"]);
    expect(out.collect().map((r) => String(r[2]))).toEqual(["2.0", "4.0"]);
  });
});
