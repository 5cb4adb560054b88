import { describe, expect, it } from "vitest";
import * as api from "../../src";
import { ROOT } from "../helpers";

const ctr = () =>
  new api.CsvSourceBatchOp().setFilePath(`${ROOT}/datasets/ctr_train.csv`).setSchemaStr(api.CTR_SCHEMA_STR).setIgnoreFirstLine(true).firstN(3000);
const asStream = (batch: api.BatchOperator) => new api.TableSourceStreamOp(batch).setTimeCol("ts");
const text = (rows: unknown[][]) => rows.map((r) => r.map((v) => (v !== null && typeof v === "object" && !(v instanceof Date) ? String(v) : v)));

describe("feature stream ops = batch ops on the same rows", () => {
  it("scaler, one-hot, assembler and hasher", async () => {
    const numeric = [...api.CTR_NUMERIC_COLS];
    const scalerModel = new api.StandardScalerTrainBatchOp().setSelectedCols(numeric).linkFrom(ctr());
    const oneHotModel = new api.OneHotTrainBatchOp().setSelectedCols(["C1", "banner_pos", "site_category"]).linkFrom(ctr());
    const pairs: [api.BatchOperator, api.StreamOperator][] = [
      [new api.StandardScalerPredictBatchOp().linkFrom(scalerModel, ctr()), new api.StandardScalerPredictStreamOp(scalerModel).linkFrom(asStream(ctr()))],
      [
        new api.OneHotPredictBatchOp().setOutputCols(["oh"]).linkFrom(oneHotModel, ctr()),
        new api.OneHotPredictStreamOp(oneHotModel).setOutputCols(["oh"]).linkFrom(asStream(ctr())),
      ],
      [
        new api.FeatureHasherBatchOp().setSelectedCols([...api.CTR_CATEGORICAL_COLS, ...numeric]).setCategoricalCols([...api.CTR_CATEGORICAL_COLS]).setOutputCol("vec").setNumFeatures(30000).linkFrom(ctr()),
        new api.FeatureHasherStreamOp().setSelectedCols([...api.CTR_CATEGORICAL_COLS, ...numeric]).setCategoricalCols([...api.CTR_CATEGORICAL_COLS]).setOutputCol("vec").setNumFeatures(30000).linkFrom(asStream(ctr())),
      ],
      [
        new api.VectorAssemblerBatchOp().setSelectedCols(["C15", "C16", "C18"]).setOutputCol("v").linkFrom(ctr()),
        new api.VectorAssemblerStreamOp().setSelectedCols(["C15", "C16", "C18"]).setOutputCol("v").linkFrom(asStream(ctr())),
      ],
    ];
    for (const [batch, stream] of pairs) {
      expect(stream.getSchema().equals(batch.getSchema())).toBe(true);
      expect(text(await stream.collect())).toEqual(text(batch.collect()));
    }
  });

  it("a fitted PipelineModel transforms a stream exactly as a batch", async () => {
    const model = new api.Pipeline()
      .add(new api.StandardScaler().setSelectedCols([...api.CTR_NUMERIC_COLS]))
      .add(new api.FeatureHasher().setSelectedCols([...api.CTR_CATEGORICAL_COLS, ...api.CTR_NUMERIC_COLS]).setCategoricalCols([...api.CTR_CATEGORICAL_COLS]).setOutputCol("vec").setNumFeatures(30000))
      .fit(ctr());
    const streamed = await model.transform(asStream(ctr())).collect();
    expect(text(streamed)).toEqual(text(model.transform(ctr()).collect()));
  });
});
