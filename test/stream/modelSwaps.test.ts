/**
 * Predictors following a model stream refuse models that fail validation or do not fit the serving
 * model's feature space / labels: the swap is recorded with ok: false and the reason, a warning line
 * is written, and the previous model keeps serving — its predictions, bit for bit.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  FtrlPredictStreamOp,
  LogisticRegressionPredictStreamOp,
  MemSourceStreamOp,
  OneHotPredictStreamOp,
  OneHotTrainBatchOp,
  MemSourceBatchOp,
  StandardScalerPredictStreamOp,
  Table,
  toModelStreamRows,
} from "../../src";
import { lrModelTable } from "../helpers";
import { standardScalerModelToTable } from "../../src/feature/standardScaler/model";

const LR_STREAM = "alinkmodelstreamtimestamp timestamp, alinkmodelstreamcount bigint, model_id bigint, model_info string, label_value int";

/** An LR model over a vector column "v": dot = coef[0] + coef[1..]·v. */
function lr(coef: number[], labels: number[] = [1, 0]): Table {
  return lrModelTable(coef, { labels });
}

/** A model stream of (event time in seconds, model table) pairs. */
function modelStream(models: [number, Table][], schema = LR_STREAM): MemSourceStreamOp {
  const rows = models.flatMap(([seconds, table]) => toModelStreamRows(table, seconds * 1000).toRows());
  return new MemSourceStreamOp(rows, schema).setTimeCol("alinkmodelstreamtimestamp");
}

const p1 = (dot: number) => 1 - 1 / (1 + Math.exp(dot));

let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  warn = vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => warn.mockRestore());

describe("LogisticRegressionPredictStreamOp following a model stream", () => {
  const OP = "LogisticRegressionPredictStreamOp";
  const data = () => new MemSourceStreamOp([5, 15, 25, 35, 45, 55].map((t) => [t, "1 2"]), "t double, v vector").setTimeCol("t");
  const M0 = lr([0, 1, -1]); // dot(1, 2) = −1 → label 0
  const M1 = lr([0.5, 2, 0]); // 2.5 → label 1
  const M2 = lr([-1, 0, 3]); // 5 → label 1

  it("refuses a NaN coefficient, another vectorSize and other labels; the previous model serves exactly", async () => {
    const predictor = new LogisticRegressionPredictStreamOp(M0).setPredictionCol("p").setPredictionDetailCol("d");
    const nanModel = lr([0.5, NaN, 0]);
    const wider = lr([0, 1, 1, 1]);
    const otherLabels = lr([0.5, 2, 0], [2, 1]);
    predictor.linkFrom(data(), modelStream([[10, M1], [20, nanModel], [30, wider], [40, otherLabels], [50, M2]]));
    const rows = await predictor.collect();

    expect(predictor.getModelSwaps()).toEqual([
      { eventTime: 10, timestampMs: 10000, ok: true },
      { eventTime: 20, timestampMs: 20000, ok: false, error: `${OP}: the linear model is not valid: coefficient 1 (feature index 0) is NaN; coefficients must be finite numbers.` },
      {
        eventTime: 30,
        timestampMs: 30000,
        ok: false,
        error: `${OP}: the model cannot replace the serving one: it has vectorSize 3 but the model it would replace has 2 (a different feature space)`,
      },
      { eventTime: 40, timestampMs: 40000, ok: false, error: `${OP}: the model cannot replace the serving one: its labels are 1, 2, the model it would replace has 0, 1` },
      { eventTime: 50, timestampMs: 50000, ok: true },
    ]);
    // Versions: none (initial) before 10 s, the 10 s model through every refused one, the 50 s model after.
    expect(rows.map((r) => (r[4] === null ? null : (r[4] as Date).getTime()))).toEqual([null, 10000, 10000, 10000, 10000, 50000]);
    expect(rows.map((r) => r[2])).toEqual([0, 1, 1, 1, 1, 1]);
    const probabilities = rows.map((r) => Number(JSON.parse(r[3] as string)["1"]));
    expect(probabilities).toEqual([p1(-1), p1(2.5), p1(2.5), p1(2.5), p1(2.5), p1(5)]);

    // One warning line per refused model, naming it and the reason.
    expect(warn).toHaveBeenCalledTimes(3);
    expect(String(warn.mock.calls[0][0])).toBe(
      `${OP}: model stream updating failed for the model of 1970-01-01 00:00:20.0 (arrived at event time 20 s); the previous model keeps serving. ` +
        `${OP}: the linear model is not valid: coefficient 1 (feature index 0) is NaN; coefficients must be finite numbers.`,
    );
  });

  it("many refused models: the first three are announced, the rest counted when the run ends", async () => {
    const bad = lr([NaN, 0, 0]);
    const predictor = new LogisticRegressionPredictStreamOp(M0).setPredictionCol("p");
    predictor.linkFrom(data(), modelStream([[10, bad], [20, bad], [30, bad], [40, bad], [50, bad]]));
    const rows = await predictor.collect();
    expect(rows.map((r) => r[2])).toEqual([0, 0, 0, 0, 0, 0]);
    expect(predictor.getModelSwaps().map((s) => s.ok)).toEqual([false, false, false, false, false]);
    expect(warn).toHaveBeenCalledTimes(4);
    expect(String(warn.mock.calls[3][0])).toBe(`${OP}: 5 of 5 streamed models were refused in this run (2 not shown above); getModelSwaps() lists each with its reason.`);
  });
});

describe("FtrlPredictStreamOp: an initial model narrower than its model stream", () => {
  it("refuses every streamed model of the wider feature space and keeps predicting with the initial one", async () => {
    const init = lr([0, 1, -1]);
    const wide = lr([0, 1, 1, 1]);
    const data = new MemSourceStreamOp([[5, "1 2"], [15, "1 2"]], "t double, v vector").setTimeCol("t");
    const predictor = new FtrlPredictStreamOp(init).setPredictionCol("p").linkFrom(modelStream([[10, wide]]), data);
    const rows = await predictor.collect();
    expect(rows.map((r) => r[2])).toEqual([0, 0]);
    expect(predictor.getModelSwaps()).toEqual([
      {
        eventTime: 10,
        timestampMs: 10000,
        ok: false,
        error: "FtrlPredictStreamOp: the model cannot replace the serving one: it has vectorSize 3 but the model it would replace has 2 (a different feature space)",
      },
    ]);
    expect(warn).toHaveBeenCalledTimes(1);
  });
});

describe("feature predictors following a model stream", () => {
  it("StandardScaler: a streamed model with a NaN std is refused; values keep (x − 1)/2", async () => {
    const scaler = (mean: number, std: number) => standardScalerModelToTable({ selectedCols: ["x"], withMean: true, withStd: true, means: Float64Array.of(mean), stds: Float64Array.of(std) });
    const stream = modelStream([[10, scaler(0, NaN)], [20, scaler(5, 5)]], "alinkmodelstreamtimestamp timestamp, alinkmodelstreamcount bigint, model_id bigint, model_info string, x double");
    const data = new MemSourceStreamOp([[5, 3.0], [15, 3.0], [25, 10.0]], "t double, x double").setTimeCol("t");
    const predictor = new StandardScalerPredictStreamOp(scaler(1, 2)).linkFrom(data, stream);
    const rows = await predictor.collect();
    // (3 − 1)/2 = 1 before and after the refused model; (10 − 5)/5 = 1 with the 20 s one.
    expect(rows.map((r) => [r[1], r[2] === null ? null : (r[2] as Date).getTime()])).toEqual([[1, null], [1, null], [1, 20000]]);
    expect(predictor.getModelSwaps().map((s) => [s.ok, s.error])).toEqual([
      [false, 'StandardScalerPredictStreamOp: the StandardScaler model is not valid: for column "x" the standard deviation is NaN; expected a finite number ≥ 0.'],
      [true, undefined],
    ]);
  });

  it("OneHot: a streamed model with more tokens would change the vector layout, so it is refused", async () => {
    const train = (tokens: string[]) => new OneHotTrainBatchOp().setSelectedCols(["c"]).linkFrom(new MemSourceBatchOp(tokens.map((t) => [t]), "c string")).getOutputTable();
    const stream = modelStream([[10, train(["a", "b", "c"])]], "alinkmodelstreamtimestamp timestamp, alinkmodelstreamcount bigint, column_index bigint, token string, token_index bigint");
    const data = new MemSourceStreamOp([[5, "a"], [15, "b"]], "t double, c string").setTimeCol("t");
    const predictor = new OneHotPredictStreamOp(train(["a", "b"])).setOutputCols(["oh"]).linkFrom(data, stream);
    const rows = await predictor.collect();
    // Two tokens, KEEP, dropLast: 2 slots; "a" → 0, "b" (the last token) → no entry.
    expect(rows.map((r) => String(r[2]))).toEqual(["$2$0:1.0", "$2$"]);
    expect(predictor.getModelSwaps().map((s) => s.error)).toEqual([
      'OneHotPredictStreamOp: the model cannot replace the serving one: column "c" would encode into 3 slots instead of 2 (its tokens changed), so the output vectors would change layout',
    ]);
  });
});
