/**
 * Pipeline-stage promises, for every exported stage (the cases in ready/*.ts, which
 * operators.test.ts requires to exist for each exported stage):
 *  - save/load round trip: a PipelineModel of the fitted stage saved as Alink's `.ak` and as
 *    streamlab's `.json`, loaded back, transforms the data to the same rows, with the same
 *    parameters and model table;
 *  - `fit` leaves the estimator's parameters as they were (a stage is reused across fits);
 *  - fitting twice gives identical models (same model table, same parameters, same output).
 */
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import * as api from "../../src";
import type { BatchOperator, PipelineStage, TransformerBase } from "../../src";
import { tempDir } from "../helpers";
import { ABSTRACT_STAGES } from "./abstractBases";
import type { ReadyCases } from "./ready/types";

import { cases as classification } from "./ready/classification";
import { cases as drift } from "./ready/drift";
import { cases as evaluation } from "./ready/evaluation";
import { cases as feature } from "./ready/feature";
import { cases as filter } from "./ready/filter";
import { cases as format } from "./ready/format";
import { cases as io } from "./ready/io";
import { cases as onlinelearning } from "./ready/onlinelearning";
import { cases as stream } from "./ready/stream";

/** The ready files, one per area (a test below checks that none is missing here). */
const READY_FILES: Record<string, ReadyCases> = { classification, drift, evaluation, feature, filter, format, io, onlinelearning, stream };
const READY_STAGES: ReadyCases["stages"] = Object.assign({}, ...Object.values(READY_FILES).map((c) => c.stages));
const STAGES = Object.entries(READY_STAGES).sort(([a], [b]) => a.localeCompare(b));

const cell = (v: unknown): unknown => (v !== null && typeof v === "object" ? String(v) : v);
const rowsOf = (op: BatchOperator): unknown[][] => op.collect().map((r) => r.map(cell));
const fitted = (stage: PipelineStage, data: BatchOperator): TransformerBase =>
  stage instanceof api.EstimatorBase ? stage.fit(data) : (stage as TransformerBase);

/** What a stage is after loading: class, parameters, model table (schema and cells). */
function describeStage(stage: TransformerBase): unknown {
  const model = stage instanceof api.ModelBase ? stage.getModelData() : null;
  return {
    className: stage.operatorName,
    params: stage.getParams(),
    model: model === null ? null : { schema: model.schema.toString(), rows: model.toRows().map((r) => r.map(cell)) },
  };
}

describe("every exported stage", () => {
  it("has cases here for every exported stage (read from the contract's ready files)", () => {
    const exported = Object.entries(api)
      .filter(([n, v]) => typeof v === "function" && v.prototype instanceof api.PipelineStage && !ABSTRACT_STAGES.has(n))
      .map(([n]) => n);
    expect(exported.length).toBeGreaterThanOrEqual(10);
    expect(exported.filter((n) => !(n in READY_STAGES))).toEqual([]);
    const files = fs.readdirSync(path.join(__dirname, "ready")).filter((f) => f.endsWith(".ts") && f !== "types.ts").map((f) => f.slice(0, -3));
    expect(files.sort()).toEqual(Object.keys(READY_FILES).sort());
  });

  for (const [name, ready] of STAGES) {
    describe(name, () => {
      for (const ext of [".ak", ".json"]) {
        it(`survives PipelineModel.save to ${ext} and load: same rows, parameters and model table`, () => {
          const { stage, data } = ready();
          const model = fitted(stage, data);
          const expected = rowsOf(model.transform(data) as BatchOperator);
          const file = path.join(tempDir(), `model${ext}`);
          new api.PipelineModel(model).save(file);
          expect(fs.existsSync(file)).toBe(true);
          const loaded = api.PipelineModel.load(file);
          expect(loaded.getStages().length).toBe(1);
          expect(describeStage(loaded.getStages()[0])).toEqual(describeStage(model));
          expect(rowsOf(loaded.transform(data) as BatchOperator)).toEqual(expected);
        });
      }

      it("fit does not change the stage's parameters", () => {
        const { stage, data } = ready();
        const before = structuredClone(stage.getParams());
        const pipelineBefore = structuredClone(stage.getParams());
        fitted(stage, data);
        expect(stage.getParams()).toEqual(before);
        new api.Pipeline(stage).fit(data);
        expect(stage.getParams()).toEqual(pipelineBefore);
      });

      it("fitting twice gives identical models", () => {
        const { stage, data } = ready();
        const first = fitted(stage, data);
        const second = fitted(stage, data);
        expect(describeStage(second)).toEqual(describeStage(first));
        expect(rowsOf(second.transform(data) as BatchOperator)).toEqual(rowsOf(first.transform(data) as BatchOperator));
        if (stage instanceof api.EstimatorBase) expect(second).not.toBe(first); // a new model each time, not the same object
      });
    });
  }
});
