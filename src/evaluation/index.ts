// Public API of src/evaluation (re-exported by src/index.ts).
export { EvalBinaryClassBatchOp } from "./binaryClass/EvalBinaryClassBatchOp";
export { BinaryClassMetrics } from "./binaryClass/BinaryClassMetrics";
export type { CurveXY, ByThreshold } from "./binaryClass/BinaryClassMetrics";
export { computeExactBinaryMetrics, ExactBinarySummary } from "./binaryClass/exactMetrics";
export type { ExactBinaryOptions } from "./binaryClass/exactMetrics";
export { BinnedBinarySummary, DETAIL_BIN_NUMBER, binIndex } from "./binaryClass/binnedMetrics";
export type { BinnedBinaryOptions } from "./binaryClass/binnedMetrics";
export { binaryMetricsEntries, binaryMetricsToJson } from "./binaryClass/metricsJson";
export type { BinaryMetricsJsonOptions } from "./binaryClass/metricsJson";
export { middleThresholdIndex, curveArea, curveKs } from "./binaryClass/metricsData";
export type { BinaryMetricsData, Curve } from "./binaryClass/metricsData";
export { ConfusionMatrix2, COMPUTATIONS } from "./binaryClass/confusion";
export type { Confusion, ComputationName } from "./binaryClass/confusion";
export {
  extractBinarySamples,
  orderBinaryLabels,
  castLabel,
  labelToString,
  parseProbDetail,
  sampleLogLoss,
  LABEL_TYPES,
} from "./binaryClass/labels";
export type { BinarySamples, LabeledBinarySamples, BinaryLabels, LabelValue, ProbDetail, BinaryColumnsContext } from "./binaryClass/labels";
export { descendingOrder } from "./binaryClass/sort";
export { EvalBinaryClassStreamOp } from "./binaryClass/EvalBinaryClassStreamOp";
