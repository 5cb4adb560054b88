import * as api from "../../../src";
import type { ReadyCases } from "./types";

const numbers = () => new api.MemSourceBatchOp([["a", 1.0, 10], ["b", 2.5, 20], ["c", -1.0, 15], ["a", 4.0, null]], "s string, x double, n int");
const numbersStream = () => new api.TableSourceStreamOp(numbers());
const vectors = () => new api.MemSourceBatchOp([[1, "1.0 2.0", "$4$1:3.0"], [2, "0.5 0.0", "$4$"]], "id int, d string, v vector");

export const cases: ReadyCases = {
  operators: {
    StandardScalerTrainBatchOp: () => new api.StandardScalerTrainBatchOp().setSelectedCols(["x", "n"]).linkFrom(numbers()),
    StandardScalerPredictBatchOp: () =>
      new api.StandardScalerPredictBatchOp().linkFrom(new api.StandardScalerTrainBatchOp().setSelectedCols(["x", "n"]).linkFrom(numbers()), numbers()),
    MinMaxScalerTrainBatchOp: () => new api.MinMaxScalerTrainBatchOp().setSelectedCols(["x", "n"]).linkFrom(numbers()),
    MinMaxScalerPredictBatchOp: () =>
      new api.MinMaxScalerPredictBatchOp().setOutputCols(["x_s", "n_s"]).linkFrom(new api.MinMaxScalerTrainBatchOp().setSelectedCols(["x", "n"]).linkFrom(numbers()), numbers()),
    OneHotTrainBatchOp: () => new api.OneHotTrainBatchOp().setSelectedCols(["s", "n"]).linkFrom(numbers()),
    OneHotPredictBatchOp: () =>
      new api.OneHotPredictBatchOp().setOutputCols(["oh"]).linkFrom(new api.OneHotTrainBatchOp().setSelectedCols(["s", "n"]).linkFrom(numbers()), numbers()),
    VectorAssemblerBatchOp: () => new api.VectorAssemblerBatchOp().setSelectedCols(["id", "d", "v"]).setOutputCol("vec").linkFrom(vectors()),
    FeatureHasherBatchOp: () => new api.FeatureHasherBatchOp().setSelectedCols(["s", "x", "n"]).setOutputCol("vec").setNumFeatures(64).linkFrom(numbers()),
  },
  stages: {
    StandardScaler: () => ({ stage: new api.StandardScaler().setSelectedCols(["x", "n"]), data: numbers() }),
    StandardScalerModel: () => ({
      stage: new api.StandardScaler().setSelectedCols(["x", "n"]).setOutputCols(["x_z", "n_z"]).fit(numbers()),
      data: numbers(),
    }),
    MinMaxScaler: () => ({ stage: new api.MinMaxScaler().setSelectedCols(["x", "n"]).setMin(-1), data: numbers() }),
    MinMaxScalerModel: () => ({ stage: new api.MinMaxScaler().setSelectedCols(["x"]).fit(numbers()), data: numbers() }),
    OneHotEncoder: () => ({ stage: new api.OneHotEncoder().setSelectedCols(["s"]).setOutputCols(["oh"]), data: numbers() }),
    OneHotEncoderModel: () => ({
      stage: new api.OneHotEncoder().setSelectedCols(["s", "n"]).setEncode("VECTOR").setOutputCols(["s_v", "n_v"]).fit(numbers()),
      data: numbers(),
    }),
    VectorAssembler: () => ({ stage: new api.VectorAssembler().setSelectedCols(["id", "d", "v"]).setOutputCol("vec"), data: vectors() }),
    FeatureHasher: () => ({ stage: new api.FeatureHasher().setSelectedCols(["s", "x", "n"]).setCategoricalCols(["n"]).setOutputCol("vec").setNumFeatures(64), data: numbers() }),
  },
  streams: {
    StandardScalerPredictStreamOp: () =>
      new api.StandardScalerPredictStreamOp(new api.StandardScalerTrainBatchOp().setSelectedCols(["x", "n"]).linkFrom(numbers())).linkFrom(numbersStream()),
    MinMaxScalerPredictStreamOp: () =>
      new api.MinMaxScalerPredictStreamOp(new api.MinMaxScalerTrainBatchOp().setSelectedCols(["x", "n"]).linkFrom(numbers())).linkFrom(numbersStream()),
    OneHotPredictStreamOp: () =>
      new api.OneHotPredictStreamOp(new api.OneHotTrainBatchOp().setSelectedCols(["s", "n"]).linkFrom(numbers())).setOutputCols(["oh"]).linkFrom(numbersStream()),
    VectorAssemblerStreamOp: () =>
      new api.VectorAssemblerStreamOp().setSelectedCols(["id", "d", "v"]).setOutputCol("vec").linkFrom(new api.TableSourceStreamOp(vectors())),
    FeatureHasherStreamOp: () => new api.FeatureHasherStreamOp().setSelectedCols(["s", "x", "n"]).setOutputCol("vec").setNumFeatures(64).linkFrom(numbersStream()),
  },
};
