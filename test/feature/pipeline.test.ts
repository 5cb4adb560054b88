/** The feature stages together, as Alink's notebooks chain them (ftrl_demo, adult). */
import { describe, expect, it } from "vitest";
import {
  CsvSourceBatchOp,
  CTR_SCHEMA_STR,
  FeatureHasher,
  FeatureHasherBatchOp,
  OneHotEncoder,
  OneHotPredictBatchOp,
  OneHotTrainBatchOp,
  Pipeline,
  StandardScaler,
  StandardScalerPredictBatchOp,
  StandardScalerTrainBatchOp,
  VectorAssembler,
  VectorAssemblerBatchOp,
  generateCtr,
} from "../../src";
import { writeTemp } from "../helpers";
import { mem, rowsOf, saveAndLoad } from "./util";

describe("feature pipelines", () => {
  it("ftrl_demo step 1: StandardScaler → FeatureHasher equals the batch ops chained, before and after save/load", () => {
    const file = writeTemp("ctr.csv", generateCtr({ rows: 300, seed: 5 }).csv);
    const data = new CsvSourceBatchOp().setFilePath(file).setSchemaStr(CTR_SCHEMA_STR).setIgnoreFirstLine(true);
    const numerical = ["C14", "C15", "C16", "C17", "C18", "C19", "C20", "C21"];
    const categorical = ["C1", "banner_pos", "site_category", "app_domain", "app_category", "device_type", "device_conn_type", "site_id", "site_domain", "device_id", "device_model"];
    const selected = [...categorical, ...numerical];
    const model = new Pipeline()
      .add(new StandardScaler().setSelectedCols(numerical))
      .add(new FeatureHasher().setSelectedCols(selected).setCategoricalCols(categorical).setOutputCol("vec").setNumFeatures(30000))
      .fit(data);
    const scaled = new StandardScalerPredictBatchOp().linkFrom(new StandardScalerTrainBatchOp().setSelectedCols(numerical).linkFrom(data), data);
    const hashed = new FeatureHasherBatchOp().setSelectedCols(selected).setCategoricalCols(categorical).setOutputCol("vec").setNumFeatures(30000).linkFrom(scaled);
    const expected = rowsOf(hashed);
    expect(rowsOf(model.transform(data))).toEqual(expected);
    expect(rowsOf(saveAndLoad(model).transform(data))).toEqual(expected);
  });

  it("adult-style: OneHotEncoder → VectorAssembler (sparse one-hot block + numeric columns)", () => {
    const data = mem(
      [["a", "x", 30, 1.5, "<=50K"], ["b", "y", 40, 2.5, ">50K"], ["a", "y", 50, 0.5, "<=50K"], ["c", "x", 60, 3.0, ">50K"]],
      "cat1 string, cat2 string, age int, hours double, label string",
    );
    const pipeline = new Pipeline()
      .add(new OneHotEncoder().setSelectedCols(["cat1", "cat2"]).setOutputCols(["output"]).setReservedCols(["age", "hours", "label"]))
      .add(new VectorAssembler().setSelectedCols(["output", "age", "hours"]).setOutputCol("vec").setReservedCols(["label"]));
    const model = pipeline.fit(data);
    const out = model.transform(data);
    expect(out.getSchema().toString()).toBe("label STRING,vec VECTOR");
    // cat1: a→0, b→1, c dropped, null slot 2 → block of 3; cat2: x→0, y dropped, null slot 1 → block of 2; then age, hours.
    expect(rowsOf(out)).toEqual([
      ["<=50K", "$7$0:1.0 3:1.0 5:30.0 6:1.5"],
      [">50K", "$7$1:1.0 5:40.0 6:2.5"],
      ["<=50K", "$7$0:1.0 5:50.0 6:0.5"],
      [">50K", "$7$3:1.0 5:60.0 6:3.0"],
    ]);
    const oneHot = new OneHotPredictBatchOp()
      .setOutputCols(["output"])
      .setReservedCols(["age", "hours", "label"])
      .linkFrom(new OneHotTrainBatchOp().setSelectedCols(["cat1", "cat2"]).linkFrom(data), data);
    const assembled = new VectorAssemblerBatchOp().setSelectedCols(["output", "age", "hours"]).setOutputCol("vec").setReservedCols(["label"]).linkFrom(oneHot);
    expect(rowsOf(assembled)).toEqual(rowsOf(out));
    expect(rowsOf(saveAndLoad(model).transform(data))).toEqual(rowsOf(out));
  });
});
