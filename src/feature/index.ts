// Public API of src/feature (re-exported by src/index.ts).
export { StandardScalerTrainBatchOp } from "./standardScaler/StandardScalerTrainBatchOp";
export { StandardScalerPredictBatchOp } from "./standardScaler/StandardScalerPredictBatchOp";
export { StandardScaler } from "./standardScaler/StandardScaler";
export { StandardScalerModel } from "./standardScaler/StandardScalerModel";
export { StandardScalerModelMapper } from "./standardScaler/mapper";
export type { StandardScalerModelData } from "./standardScaler/model";

export { MinMaxScalerTrainBatchOp } from "./minMaxScaler/MinMaxScalerTrainBatchOp";
export { MinMaxScalerPredictBatchOp } from "./minMaxScaler/MinMaxScalerPredictBatchOp";
export { MinMaxScaler } from "./minMaxScaler/MinMaxScaler";
export { MinMaxScalerModel } from "./minMaxScaler/MinMaxScalerModel";
export { MinMaxScalerModelMapper } from "./minMaxScaler/mapper";
export type { MinMaxScalerModelData } from "./minMaxScaler/model";

export { OneHotTrainBatchOp } from "./oneHot/OneHotTrainBatchOp";
export { OneHotPredictBatchOp } from "./oneHot/OneHotPredictBatchOp";
export { OneHotEncoder } from "./oneHot/OneHotEncoder";
export { OneHotEncoderModel } from "./oneHot/OneHotEncoderModel";
export { OneHotModelMapper } from "./oneHot/mapper";
export type { OneHotModelData } from "./oneHot/model";

export { VectorAssemblerBatchOp } from "./vectorAssembler/VectorAssemblerBatchOp";
export { VectorAssembler } from "./vectorAssembler/VectorAssembler";
export { VectorAssemblerMapper } from "./vectorAssembler/mapper";

export { FeatureHasherBatchOp } from "./hasher/FeatureHasherBatchOp";
export { FeatureHasher } from "./hasher/FeatureHasher";
export { FeatureHasherMapper } from "./hasher/mapper";
export { murmur3Utf16 } from "./hasher/murmur3";

export { StandardScalerPredictStreamOp } from "./standardScaler/StandardScalerPredictStreamOp";
export { MinMaxScalerPredictStreamOp } from "./minMaxScaler/MinMaxScalerPredictStreamOp";
export { OneHotPredictStreamOp } from "./oneHot/OneHotPredictStreamOp";
export { FeatureHasherStreamOp } from "./hasher/FeatureHasherStreamOp";
export { VectorAssemblerStreamOp } from "./vectorAssembler/VectorAssemblerStreamOp";
