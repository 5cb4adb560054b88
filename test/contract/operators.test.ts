/**
 * The shared operator contract (after scikit-learn's estimator checks and River's `checks/`):
 * every operator exported from the package entry is found automatically and must
 *  - document every parameter, with a default that passes its own validation;
 *  - reject a bad value for every parameter with a StreamlabError naming that parameter;
 *  - have setters that chain (return the operator itself) and getters that read back;
 *  - enforce its input count in linkFrom (too many and too few, an error naming the operator);
 *  - print, collect and report a schema equal to its output's schema.
 * An exported operator without an entry in READY below fails the test, so new operators cannot
 * skip the contract silently.
 */
import * as fs from "fs";
import * as path from "path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as api from "../../src";
import { BatchOperator } from "../../src";
import { StreamlabError } from "../../src";
import type { ParamSpec } from "../../src";
import type { ReadyCases } from "./ready/types";
import { ABSTRACT_STAGES } from "./abstractBases";

const READY: ReadyCases["operators"] = {};
const READY_STAGES: ReadyCases["stages"] = {};
const READY_STREAMS: NonNullable<ReadyCases["streams"]> = {};
beforeAll(async () => {
  const dir = path.join(__dirname, "ready");
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "types.ts")) {
    const { cases } = (await import(path.join(dir, file))) as { cases: ReadyCases };
    Object.assign(READY, cases.operators);
    Object.assign(READY_STAGES, cases.stages);
    Object.assign(READY_STREAMS, cases.streams ?? {});
  }
});
const mem = () => new api.MemSourceBatchOp([[1, "a", 0.5], [2, "b", 1.5], [3, "c", 2.5]], "id int, s string, x double");

/** Exported base classes meant for subclassing, not for use: skipped, with the reason. */
const ABSTRACT_BASES: Record<string, string> = {
  MapBatchOp: "base of parameter-only map operators",
  ModelMapBatchOp: "base of model predict operators",
};

const operators = Object.entries(api)
  .filter(([name, value]) => typeof value === "function" && value.prototype instanceof BatchOperator && !(name in ABSTRACT_BASES))
  .sort(([a], [b]) => a.localeCompare(b)) as [string, typeof BatchOperator][];

describe("operator contract", () => {
  it("finds the exported operators", () => {
    expect(operators.length).toBeGreaterThanOrEqual(7);
    expect(operators.map(([n]) => n).filter((n) => !(n in READY))).toEqual([]);
  });

  for (const [name, cls] of operators) {
    describe(name, () => {
      const specs = Object.entries(cls.PARAMS) as [string, ParamSpec<unknown>][];

      it("documents every parameter, with valid defaults", () => {
        for (const [param, spec] of specs) {
          expect(spec.doc.trim().length, `${name}.${param} doc`).toBeGreaterThan(10);
          if (spec.defaultValue !== undefined) expect(spec.check(spec.defaultValue).ok, `${name}.${param} default`).toBe(true);
        }
      });

      it("rejects a bad value for every parameter, naming it", () => {
        const op = READY[name]();
        for (const [param, spec] of specs) {
          let error: unknown;
          try {
            op.set(param, spec.invalidExample);
          } catch (e) {
            error = e;
          }
          expect(error, `${name}.${param} accepted ${JSON.stringify(spec.invalidExample)}`).toBeInstanceOf(StreamlabError);
          expect((error as StreamlabError).message).toContain(`"${param}"`);
          expect((error as StreamlabError).context.param).toBe(param);
        }
      });

      it("setters chain and getters read back", () => {
        const op = READY[name]() as unknown as Record<string, (v?: unknown) => unknown>;
        for (const [param] of specs) {
          const cap = param[0].toUpperCase() + param.slice(1);
          const current = (op as unknown as BatchOperator).hasParam(param) || cls.PARAMS[param].defaultValue !== undefined ? op[`get${cap}`]() : undefined;
          if (current === undefined) continue;
          expect(op[`set${cap}`](current), `${name}.set${cap} returns this`).toBe(op);
          expect(op[`get${cap}`]()).toEqual(current);
        }
      });

      it("enforces its input count: too many or too few inputs are an error naming the operator", () => {
        const [min, max] = arityOf(cls.INPUTS);
        expectArityError(name, () => READY[name]().linkFrom(...Array.from({ length: max + 1 }, () => mem())));
        if (min > 0) expectArityError(name, () => READY[name]().linkFrom(...Array.from({ length: min - 1 }, () => mem())));
        // Never linked: running it is the same error as linking too few (sources excepted).
        if (min > 0) expectArityError(name, () => new (cls as unknown as new () => BatchOperator)().getOutputTable());
      });

      it("prints, collects, and reports the schema of its output", () => {
        const op = READY[name]();
        const lines: string[] = [];
        const spy = vi.spyOn(console, "log").mockImplementation((s: string) => void lines.push(s));
        try {
          op.print();
        } finally {
          spy.mockRestore();
        }
        expect(lines.join("\n")).toMatch(/\[\d+ rows? × \d+ columns?\]/);
        const table = op.getOutputTable();
        expect(op.getSchema().equals(table.schema)).toBe(true);
        expect(op.collect().length).toBe(table.numRows);
      });
    });
  }
});


const stages = Object.entries(api)
  .filter(([name, value]) => typeof value === "function" && value.prototype instanceof api.PipelineStage && !ABSTRACT_STAGES.has(name))
  .sort(([a], [b]) => a.localeCompare(b)) as [string, typeof api.PipelineStage][];

describe("pipeline stage contract", () => {
  it("every exported stage has a ready case", () => {
    expect(stages.map(([n]) => n).filter((n) => !(n in READY_STAGES))).toEqual([]);
  });

  for (const [name, cls] of stages) {
    describe(name, () => {
      const specs = Object.entries(cls.PARAMS) as [string, ParamSpec<unknown>][];

      it("documents and validates every parameter", () => {
        const { stage } = READY_STAGES[name]();
        for (const [param, spec] of specs) {
          expect(spec.doc.trim().length, `${name}.${param} doc`).toBeGreaterThan(10);
          expect(() => stage.set(param, spec.invalidExample), `${name}.${param}`).toThrow(StreamlabError);
        }
      });

      it("fits or transforms batch data, and the result transforms like a PipelineModel of it", () => {
        const { stage, data } = READY_STAGES[name]();
        const transformer = stage instanceof api.EstimatorBase ? stage.fit(data) : (stage as api.TransformerBase);
        const direct = transformer.transform(data).collect();
        const viaPipeline = new api.Pipeline(stage).fit(data).transform(data).collect();
        expect(viaPipeline).toEqual(direct);
        expect(direct.length).toBe(data.count());
      });
    });
  }
});

// This test once read `expect(fs.existsSync(__filename)).toBe(true)`: it could not fail. It now checks
// what its name says: the io operators are exported and each has a contract case (so the checks above ran on it).
const IO_OPERATORS = [
  "MemSourceBatchOp",
  "TableSourceBatchOp",
  "CsvSourceBatchOp",
  "CsvSinkBatchOp",
  "AkSourceBatchOp",
  "AkSinkBatchOp",
  "AppendModelStreamFileSinkBatchOp",
  "LatestModelStreamFileSourceBatchOp",
];
const IO_STREAMS = ["MemSourceStreamOp", "TableSourceStreamOp", "CsvSourceStreamOp", "AkSourceStreamOp", "AkSinkStreamOp", "ModelStreamFileSourceStreamOp", "ModelStreamFileSinkStreamOp"];
it("has at least the io operators, each with a contract case", () => {
  const exported = new Set(operators.map(([n]) => n));
  expect(IO_OPERATORS.filter((n) => !exported.has(n) || !(n in READY))).toEqual([]);
  expect(IO_STREAMS.filter((n) => !(n in api) || !(n in READY_STREAMS))).toEqual([]);
});

/** [min, max] inputs of an operator class. */
function arityOf(arity: api.InputArity): [number, number] {
  return typeof arity === "number" ? [arity, arity] : [arity[0], arity[1]];
}

/** `run` must throw a StreamlabError that names the operator (message and context). */
function expectArityError(name: string, run: () => unknown): void {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error, `${name}: wrong input count accepted`).toBeInstanceOf(StreamlabError);
  expect((error as StreamlabError).message).toContain(name);
  expect((error as StreamlabError).context.operator).toBe(name);
}

/** Exported stream base classes (not usable on their own). */
const ABSTRACT_STREAMS = new Set(["MapStreamOp", "MapperStreamOp", "ModelMapStreamOp", "SideOutputStreamOp"]);

const streamOps = Object.entries(api)
  .filter(([name, value]) => typeof value === "function" && value.prototype instanceof api.StreamOperator && !ABSTRACT_STREAMS.has(name))
  .sort(([a], [b]) => a.localeCompare(b)) as [string, typeof api.StreamOperator][];

/** Stream operators whose runs need an outside service: run against a real one in their own tests, with the reason. */
const RUN_ELSEWHERE: Record<string, string> = {
  KafkaSourceStreamOp: "needs a Kafka broker: test/io/kafka.test.ts runs it on a real one",
  KafkaSinkStreamOp: "needs a Kafka broker: test/io/kafka.test.ts runs it on a real one",
};

describe("stream operator contract", () => {
  it("every exported stream operator has a ready case", () => {
    expect(streamOps.length).toBeGreaterThanOrEqual(5);
    expect(streamOps.map(([n]) => n).filter((n) => !(n in READY_STREAMS))).toEqual([]);
  });

  for (const [name, cls] of streamOps) {
    describe(name, () => {
      const specs = Object.entries(cls.PARAMS) as [string, ParamSpec<unknown>][];

      it("documents and validates every parameter; setters chain", () => {
        const op = READY_STREAMS[name]() as unknown as Record<string, (v?: unknown) => unknown> & api.StreamOperator;
        for (const [param, spec] of specs) {
          expect(spec.doc.trim().length, `${name}.${param} doc`).toBeGreaterThan(10);
          if (spec.defaultValue !== undefined) expect(spec.check(spec.defaultValue).ok, `${name}.${param} default`).toBe(true);
          expect(() => op.set(param, spec.invalidExample), `${name}.${param}`).toThrow(StreamlabError);
          const cap = param[0].toUpperCase() + param.slice(1);
          if (op.hasParam(param) || spec.defaultValue !== undefined) {
            const current = op[`get${cap}`]();
            expect(op[`set${cap}`](current)).toBe(op);
          }
        }
      });

      it("enforces its input count: too many or too few inputs are an error naming the operator", () => {
        const [min, max] = arityOf(cls.INPUTS);
        const src = () => new api.MemSourceStreamOp([[1, "a", 0.5]], "id int, s string, x double");
        expectArityError(name, () => READY_STREAMS[name]().linkFrom(...Array.from({ length: max + 1 }, src)));
        if (min > 0) expectArityError(name, () => READY_STREAMS[name]().linkFrom(...Array.from({ length: min - 1 }, src)));
      });

      it.skipIf(name in RUN_ELSEWHERE)(`runs and collects rows of its declared schema${name in RUN_ELSEWHERE ? ` (skipped: ${RUN_ELSEWHERE[name]})` : ""}`, async () => {
        const op = READY_STREAMS[name]();
        const table = await op.collectTable();
        expect(table.schema.equals(op.getSchema())).toBe(true);
      });

      it.skipIf(name in RUN_ELSEWHERE)(`prints its most recent rows when the stream runs${name in RUN_ELSEWHERE ? ` (skipped: ${RUN_ELSEWHERE[name]})` : ""}`, async () => {
        const lines: string[] = [];
        const spy = vi.spyOn(console, "log").mockImplementation((s: string) => void lines.push(s));
        try {
          READY_STREAMS[name]().print({ maxLimit: 3 });
          await api.StreamOperator.execute();
        } finally {
          spy.mockRestore();
        }
        expect(lines.join("\n")).toMatch(/rows received, showing the last \d+/);
      });
    });
  }
});
