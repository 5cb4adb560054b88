// Public API of src/evaluation (re-exported by src/index.ts).
export { EvalBinaryClassBatchOp } from "./EvalBinaryClassBatchOp";
export { BinaryClassMetrics } from "./binary/BinaryClassMetrics";
export type { CurveXY, ByThreshold } from "./binary/BinaryClassMetrics";
export { computeExactBinaryMetrics, ExactBinarySummary } from "./binary/exactMetrics";
export type { ExactBinaryOptions } from "./binary/exactMetrics";
export { BinnedBinarySummary, DETAIL_BIN_NUMBER, binIndex } from "./binary/binnedMetrics";
export type { BinnedBinaryOptions } from "./binary/binnedMetrics";
export { binaryMetricsEntries, binaryMetricsToJson } from "./binary/metricsJson";
export type { BinaryMetricsJsonOptions } from "./binary/metricsJson";
export { middleThresholdIndex, curveArea, curveKs } from "./binary/metricsData";
export type { BinaryMetricsData, Curve } from "./binary/metricsData";
export { ConfusionMatrix2, COMPUTATIONS } from "./binary/confusion";
export type { Confusion, ComputationName } from "./binary/confusion";
export {
  extractBinarySamples,
  orderBinaryLabels,
  castLabel,
  labelToString,
  parseProbDetail,
  sampleLogLoss,
  LABEL_TYPES,
} from "./binary/labels";
export type { BinarySamples, LabeledBinarySamples, BinaryLabels, LabelValue, ProbDetail, BinaryColumnsContext } from "./binary/labels";
export { descendingOrder } from "./binary/sort";
export { EvalBinaryClassStreamOp } from "./EvalBinaryClassStreamOp";
