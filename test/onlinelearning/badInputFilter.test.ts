import { describe, expect, it } from "vitest";
import * as api from "../../src";
import { expectStreamError, lrModelTable } from "../helpers";

/**
 * The model filter on bad input: validation rows it cannot score (null / NaN / ±Infinity features)
 * are errors naming the validation row and its event time; streamed models that do not load
 * (non-finite coefficients, sizes that do not match) are rejected with the loader's reason while
 * the stream goes on.
 */

const SCHEMA = "f0 double, f1 double, label int, vec vector, ts double";
const MODEL_STREAM_SCHEMA = "alinkmodelstreamtimestamp timestamp, alinkmodelstreamcount bigint, model_id bigint, model_info string, label_value int";

/** Rows `f0, f1, label, vec, ts` with P(label = 1) = σ(1.5·f0 − f1 − 0.5), 0.1 s apart. */
function rows(n: number, seed: number): unknown[][] {
  const random = new api.Random(seed);
  return Array.from({ length: n }, (_, i) => {
    const f0 = random.nextGaussian();
    const f1 = random.nextGaussian();
    const y = random.nextDouble() < 1 / (1 + Math.exp(-(1.5 * f0 - f1 - 0.5))) ? 1 : 0;
    return [f0, f1, y, `${f0} ${f1}`, i * 0.1];
  });
}

/** A linear model table with these coefficients (intercept first) over the columns f0, f1. */
function model(coef: number[], vectorSize = 2): api.Table {
  return lrModelTable(coef, { featureNames: ["f0", "f1"], vectorSize });
}
const GOOD = [-0.5, 1.5, -1];

function modelStream(models: [api.Table, number][]): api.MemSourceStreamOp {
  const streamRows = models.flatMap(([table, t]) => api.toModelStreamRows(table, t * 1000).toRows());
  return new api.MemSourceStreamOp(streamRows, MODEL_STREAM_SCHEMA).setTimeCol("alinkmodelstreamtimestamp");
}

const filter = () => new api.BinaryClassModelFilterStreamOp().setLabelCol("label").setNumEvalSamples(100);


describe("model filter: validation rows it cannot score", () => {
  it("a NaN feature value is an error naming the validation row, column, event time and value", async () => {
    const data = rows(50, 2).map((r, i) => (i === 7 ? [NaN, ...r.slice(1)] : r));
    filter().linkFrom(modelStream([[model(GOOD), 4]]), new api.MemSourceStreamOp(data, SCHEMA).setTimeCol("ts")).lazyCollect();
    const error = await expectStreamError(
      /^BinaryClassModelFilterStreamOp: validation rows: the feature column "f0" holds NaN at row 7 \(event time 0\.7000000000000001 s\); features must be finite numbers\.$/,
    );
    expect(error.context).toMatchObject({ operator: "BinaryClassModelFilterStreamOp", row: 7, column: "f0", eventTime: 0.7000000000000001 });
  });

  it("Infinity in a validation vector is an error (it would score 0 or 1 silently)", async () => {
    const data = rows(50, 2).map((r, i) => (i === 3 ? [r[0], r[1], r[2], "1.0 Infinity", r[4]] : r));
    filter().setVectorCol("vec").linkFrom(modelStream([[model(GOOD), 4]]), new api.MemSourceStreamOp(data, SCHEMA).setTimeCol("ts")).lazyCollect();
    await expectStreamError(/^BinaryClassModelFilterStreamOp: validation rows: the vector in column "vec" holds Infinity at row 3 \(event time 0\.30000000000000004 s\)/);
  });

  it("a null feature or a null vector is an error (the predictor fails on such rows too)", async () => {
    const nullF1 = rows(50, 2).map((r, i) => (i === 4 ? [r[0], null, ...r.slice(2)] : r));
    filter().linkFrom(modelStream([[model(GOOD), 4]]), new api.MemSourceStreamOp(nullF1, SCHEMA).setTimeCol("ts")).lazyCollect();
    const error = await expectStreamError(/^BinaryClassModelFilterStreamOp: validation row 4 \(event time 0\.4 s\) has a null in feature column "f1"; the model cannot score it/);
    expect(error.context).toMatchObject({ row: 4, column: "f1", eventTime: 0.4 });

    const nullVec = rows(50, 2).map((r, i) => (i === 6 ? [r[0], r[1], r[2], null, r[4]] : r));
    filter().setVectorCol("vec").linkFrom(modelStream([[model(GOOD), 4]]), new api.MemSourceStreamOp(nullVec, SCHEMA).setTimeCol("ts")).lazyCollect();
    await expectStreamError(/^BinaryClassModelFilterStreamOp: validation row 6 \(event time 0\.6000000000000001 s\) has a null in feature column "vec"/);
  });
});

describe("model filter: streamed models that do not load are rejected, the stream goes on", () => {
  it("a NaN coefficient and a coefficient count that does not match vectorSize are rejected with the reason; good models still pass", async () => {
    const nanModel = model([-0.5, NaN, -1]);
    const wrongSize = model([-0.5, 1.5, -1], 3);
    const op = filter().linkFrom(
      modelStream([
        [model(GOOD), 2],
        [nanModel, 3],
        [wrongSize, 4],
        [model(GOOD), 5],
      ]),
      new api.MemSourceStreamOp(rows(100, 2), SCHEMA).setTimeCol("ts"),
    );
    const passed = await op.collect();
    const decisions = op.getDecisions();
    expect(decisions.map((d) => [d.modelVersionMs, d.accepted])).toEqual([
      [2000, true],
      [3000, false],
      [4000, false],
      [5000, true],
    ]);
    // The loader's reasons (its wording is the model loader's; these fragments are what matters).
    expect(decisions[1].failed).toMatch(/^invalid model: (?!BinaryClassModelFilterStreamOp).*coefficient 1 .*NaN/);
    expect(decisions[2].failed).toMatch(/^invalid model: .*3 coefficients/);
    expect([...new Set(passed.map((r) => (r[0] as Date).getTime()))]).toEqual([2000, 5000]);
    // The rejected models' metrics are unknown, not made up.
    expect([decisions[1].samples, decisions[1].auc]).toEqual([0, NaN]);
  });
});

describe("model filter: empty inputs", () => {
  it("no models: no output and no verdicts; models but no validation rows: each rejected as such", async () => {
    const none = filter().linkFrom(modelStream([]), new api.MemSourceStreamOp(rows(20, 2), SCHEMA).setTimeCol("ts"));
    expect(await none.collect()).toEqual([]);
    expect(none.getDecisions()).toEqual([]);

    const blind = filter().setEvalMode("FOLLOWING").linkFrom(modelStream([[model(GOOD), 1]]), new api.MemSourceStreamOp([], SCHEMA).setTimeCol("ts"));
    expect(await blind.collect()).toEqual([]);
    expect(blind.getDecisions().map((d) => [d.accepted, d.failed, d.samples])).toEqual([[false, "no validation rows", 0]]);
  });
});
