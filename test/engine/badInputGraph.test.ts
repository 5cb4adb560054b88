/** Bad graphs and bad trigger arguments: errors naming the operators, never a stack overflow or a silent no-op. */
import { describe, expect, it } from "vitest";
import {
  BatchOperator,
  FirstNBatchOp,
  MemSourceBatchOp,
  MemSourceStreamOp,
  SplitBatchOp,
  SplitStreamOp,
  StreamChunk,
  StreamOperator,
  UnionAllStreamOp,
} from "../../src";
import type { SourceTask } from "../../src";
import { Schema } from "../../src/core/schema";
import { Table } from "../../src/core/table";
import { expectError } from "../helpers";

const mem = () => new MemSourceBatchOp([[1, 0.5], [2, 1.5], [3, 2.5]], "id int, x double");
const smem = () => new MemSourceStreamOp([[1, 0.5], [2, 1.5], [3, 2.5]], "id int, x double");

async function expectRejects(promise: Promise<unknown>, message: RegExp): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name: "StreamlabError", message: expect.stringMatching(message) });
}

describe("cycles in batch graphs", () => {
  it("a self-link is refused at link time, naming the operator", () => {
    const op = new FirstNBatchOp().setSize(1);
    const error = expectError(
      () => op.linkFrom(op),
      "FirstNBatchOp.linkFrom: an operator cannot be its own input (FirstNBatchOp → FirstNBatchOp). Link it from a different operator.",
    );
    expect(error.context.operator).toBe("FirstNBatchOp");
    expectError(() => op.link(op), /cannot be its own input/);
  });

  it("a → b → a is refused when the link closing it is made, naming the operators in data-flow order", () => {
    const a = new FirstNBatchOp().setSize(2).linkFrom(mem());
    const b = new SplitBatchOp().setFraction(0.5).linkFrom(a);
    expectError(
      () => a.linkFrom(b),
      "FirstNBatchOp.linkFrom: the graph would have a cycle FirstNBatchOp → SplitBatchOp → FirstNBatchOp (the first and last are FirstNBatchOp itself), " +
        "and an operator cannot read its own output. Link it from a different operator.",
    );
    // The refused link left the graph as it was.
    expect(b.collect().length + b.getSideOutput(0).collect().length).toBe(2);
  });

  it("a longer cycle through a side output is refused too", () => {
    const a = new FirstNBatchOp().setSize(3).linkFrom(mem());
    const split = new SplitBatchOp().setFraction(0.5).linkFrom(a);
    const c = new FirstNBatchOp().setSize(1).linkFrom(split.getSideOutput(0));
    expectError(() => a.linkFrom(c), /cycle FirstNBatchOp → SplitBatchOp → SplitBatchOp\.getSideOutput\(0\) → FirstNBatchOp → FirstNBatchOp \(/);
  });

  it("a cycle wired around linkFrom is caught when computed, not by a stack overflow", () => {
    const a = new FirstNBatchOp().setSize(1);
    (a as unknown as { inputs: BatchOperator[] }).inputs = [a];
    expectError(() => a.collect(), "FirstNBatchOp reads its own output: the operator graph has a cycle through it.");
  });
});

describe("cycles in stream graphs", () => {
  it("a self-link is refused at link time", () => {
    const split = new SplitStreamOp().setFraction(0.5);
    expectError(() => split.linkFrom(split), "SplitStreamOp.linkFrom: an operator cannot be its own input (SplitStreamOp → SplitStreamOp). Link it from a different operator.");
  });

  it("a → b → a and a loop through a side output are refused at link time", () => {
    const union = new UnionAllStreamOp().linkFrom(smem());
    const split = new SplitStreamOp().setFraction(0.5).linkFrom(union);
    expectError(() => union.linkFrom(smem(), split), /UnionAllStreamOp\.linkFrom: the graph would have a cycle UnionAllStreamOp → SplitStreamOp → UnionAllStreamOp/);
    expectError(() => union.linkFrom(smem(), split.getSideOutput(0)), /cycle UnionAllStreamOp → SplitStreamOp → UnionAllStreamOp/);
  });

  it("a cycle wired around linkFrom is reported by the scheduler, naming the operators", async () => {
    const split = new SplitStreamOp().setFraction(0.5).linkFrom(smem());
    const union = new UnionAllStreamOp().linkFrom(split);
    split.inputs = [{ op: union, port: 0 }];
    // The cycle would also break the schema derivation lazyCollect() does; give it the schema directly.
    (union as unknown as { getSchema(): Schema }).getSchema = () => smem().getSchema();
    union.lazyCollect();
    await expectRejects(StreamOperator.execute(), /^UnionAllStreamOp: the stream graph has a cycle UnionAllStreamOp → SplitStreamOp → UnionAllStreamOp; an operator cannot read its own output\.$/);
  });
});

describe("link targets and trigger arguments", () => {
  it("link(null) or link(a stream op) from a batch op, and the reverse, name what was given", () => {
    expectError(() => mem().link(null as never), "MemSourceBatchOp.link: expected a batch operator to link to, got null.");
    expectError(() => mem().link(new SplitStreamOp() as never), "MemSourceBatchOp.link: expected a batch operator to link to, got a SplitStreamOp.");
    expectError(() => smem().link(undefined as never), "MemSourceStreamOp.link: expected a stream operator to link to, got undefined.");
    expectError(() => new SplitStreamOp().setFraction(0.5).linkFrom(mem() as never), /input 0 must be a stream operator, got MemSourceBatchOp \(wrap a batch operator with new TableSourceStreamOp/);
  });

  it("batch print/lazyPrint take an integer row count and a string title", () => {
    expectError(() => mem().print(Number.NaN), "MemSourceBatchOp.print(n): n must be an integer (the number of rows to show; 0 = first and last 10 of long tables), got number NaN.");
    expectError(() => mem().print("5" as never), /print\(n\): n must be an integer .*got string "5"\./);
    expectError(() => mem().print(2.5), /got number 2\.5\./);
    expectError(() => mem().print(1, 7 as never), "MemSourceBatchOp.print(n, title): title must be a string, got number 7.");
    expectError(() => mem().lazyPrint(Infinity), /lazyPrint\(n\): n must be an integer .*got number Infinity\./);
  });

  it("lazyCollect needs a callback (else it would fail only at execute time)", () => {
    expectError(() => mem().lazyCollect(undefined as never), /MemSourceBatchOp\.lazyCollect: expected a callback receiving the rows, .*got undefined\./);
    BatchOperator.execute(); // nothing was registered by the refused call
  });

  it("stream print options: unknown keys and bad values are errors, nothing is registered", async () => {
    expectError(() => smem().print({ maxlimit: 5 } as never), 'MemSourceStreamOp.print: unknown option "maxlimit". Did you mean "maxLimit"? Options: maxLimit, title, refreshInterval.');
    expectError(() => smem().print({ maxLimit: -1 }), 'MemSourceStreamOp.print: option "maxLimit" must be an integer ≥ 1, got number -1.');
    expectError(() => smem().print({ maxLimit: Number.NaN }), /option "maxLimit" must be an integer ≥ 1, got number NaN/);
    expectError(() => smem().print({ refreshInterval: Number.NaN }), /option "refreshInterval" must be a finite number ≥ 0, got number NaN/);
    expectError(() => smem().print(5 as never), /MemSourceStreamOp\.print: expected an options object such as \{ maxLimit: 20.*got number 5\./);
    await expectRejects(StreamOperator.execute(), /nothing to run/);
  });

  it("stream execute options: a NaN, negative or wrongly typed speedFactor is refused, not ignored", async () => {
    for (const [options, message] of [
      [{ speedFactor: Number.NaN }, /option "speedFactor" must be a finite number > 0, got number NaN/],
      [{ speedFactor: -1 }, /option "speedFactor" must be a finite number > 0, got number -1/],
      [{ speedFactor: "60" }, /option "speedFactor" must be a finite number > 0, got string "60"/],
      [{ progres: true }, /unknown option "progres"\. Did you mean "progress"\?/],
    ] as const) {
      await expectRejects(smem().collect(options as never), message);
      // collect() refused before registering its collection: the next run has nothing pending.
      await expectRejects(StreamOperator.execute(), /nothing to run/);
    }
    expect((await smem().collect({ speedFactor: undefined })).length).toBe(3);
  });
});

describe("empty results", () => {
  it("collectToDataframe of an empty table gives an empty DataFrame with the columns (danfo alone fails)", async () => {
    const empty = new MemSourceBatchOp([], "a int, s string");
    const df = await empty.collectToDataframe();
    expect(df.shape).toEqual([0, 2]);
    expect(df.columns).toEqual(["a", "s"]);
    expect((await new MemSourceStreamOp([], "a int").collectToDataframe()).shape).toEqual([0, 1]);
    expect((await mem().firstN(0).collectToDataframe()).columns).toEqual(["id", "x"]);
  });
});

/** A source whose task yields the given event times (a custom SourceTask that breaks the rules). */
class TimesSourceStreamOp extends StreamOperator {
  static override readonly INPUTS = 0;
  constructor(private readonly chunks: number[][]) {
    super();
  }
  protected outputSchema(): Schema {
    return Schema.parse("t double");
  }
  createTask(): SourceTask {
    const chunks = [...this.chunks];
    return {
      next: () => {
        const times = chunks.shift();
        if (times === undefined) return null;
        return new StreamChunk(Table.fromRows(times.map((t) => [t]), Schema.parse("t double")), Float64Array.from(times));
      },
    };
  }
}

describe("the scheduler checks the event times sources give", () => {
  it("a NaN or infinite event time is an error naming the source and the row (the merge would drop such rows silently)", async () => {
    await expectRejects(
      new TimesSourceStreamOp([[0, 1], [2, Number.NaN]]).collect(),
      /^TimesSourceStreamOp: row 3 has event time NaN, not a finite number of seconds; a source must emit finite event times in order\.$/,
    );
    await expectRejects(new TimesSourceStreamOp([[Infinity]]).collect(), /row 0 has event time Infinity, not a finite number/);
    await expectRejects(new TimesSourceStreamOp([[-Infinity, 0]]).collect(), /row 0 has event time -Infinity, not a finite number/);
  });

  it("a time going back, within or across chunks, is an error", async () => {
    await expectRejects(new TimesSourceStreamOp([[0, 2, 1]]).collect(), /row 2 has event time 1, earlier than the row before it \(2\)/);
    await expectRejects(new TimesSourceStreamOp([[0, 5], [4]]).collect(), /row 2 has event time 4, earlier than the row before it \(5\)/);
  });

  it("ordered finite times pass unchanged", async () => {
    const union = new UnionAllStreamOp().linkFrom(new TimesSourceStreamOp([[0, 1], [1, 3]]), new TimesSourceStreamOp([[0.5, 2]]));
    const collection = union.lazyCollect();
    await StreamOperator.execute();
    expect(Array.from(collection.getTimes())).toEqual([0, 0.5, 1, 1, 2, 3]);
  });
});
