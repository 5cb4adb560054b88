/** Alink's documented logistic-regression examples (test/fixtures/alink-docs, copied from Alink's docs), reproduced exactly. */
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { LogisticRegression, LogisticRegressionPredictBatchOp, LogisticRegressionTrainBatchOp, MemSourceBatchOp } from "../../src";
import { FIXTURES } from "../helpers";

function fixture(name: string) {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, "alink-docs", `${name}.json`), "utf8"));
}

function source(f: { inputs: { rows: unknown[][]; schemaStr: string }[] }) {
  return new MemSourceBatchOp(f.inputs[0].rows, f.inputs[0].schemaStr);
}

describe("Alink LR doc fixtures", () => {
  for (const id of ["LogisticRegressionTrainBatchOp__1", "LogisticRegressionPredictBatchOp__1"]) {
    it(`${id}: train + batch predict reproduce the printed labels`, () => {
      const f = fixture(id);
      const data = source(f);
      const train = f.params[0].params as { name: string; args: unknown[] }[];
      const trainer = new LogisticRegressionTrainBatchOp();
      for (const p of train) (trainer as unknown as Record<string, (v: unknown) => unknown>)[p.name](p.args[0]);
      const model = trainer.linkFrom(data);
      const predictor = new LogisticRegressionPredictBatchOp().setPredictionCol(f.params[1].params[0].args[0]);
      const out = predictor.linkFrom(model, data);
      expect(out.getColNames()).toEqual(f.expected.columns);
      expect(out.collect()).toEqual(f.expected.rows);
      expect(out.getColTypes()).toEqual(["INT", "INT", "INT", "INT"]);
    });
  }

  it("LogisticRegression__1: pipeline fit/transform reproduces the printed labels", () => {
    const f = fixture("LogisticRegression__1");
    const data = source(f);
    const lr = new LogisticRegression();
    for (const p of f.params[0].params as { name: string; args: unknown[] }[]) (lr as unknown as Record<string, (v: unknown) => unknown>)[p.name](p.args[0]);
    const out = lr.fit(data).transform(data);
    expect(out.getColNames()).toEqual(f.expected.columns);
    expect(out.collect()).toEqual(f.expected.rows);
  });
});
