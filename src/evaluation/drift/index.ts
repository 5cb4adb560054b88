// Public API of src/evaluation/drift (re-exported by src/evaluation/index.ts).
export type { DriftDetector } from "./detector";
export { AdwinDetector } from "./Adwin";
export type { AdwinOptions } from "./Adwin";
export { PageHinkleyDetector, PAGE_HINKLEY_MODES } from "./PageHinkley";
export type { PageHinkleyOptions, PageHinkleyMode } from "./PageHinkley";
export { DdmDetector } from "./Ddm";
export type { DdmOptions } from "./Ddm";
export { DRIFT_DETECTIONS_SCHEMA, checkDriftDetectionsSchema, readDriftDetections, detectionsChunk } from "./detections";
export type { DriftDetection, DriftKind } from "./detections";
// The base class is exported as a type: it is not an operator of its own (the contract tests enumerate classes).
export type { DriftDetectStreamOp, WatchedInput, ValueReader } from "./DriftDetectStreamOp";
export type { DriftListener } from "./DriftDetectStreamOp";
export { AdwinDriftDetectStreamOp } from "./AdwinDriftDetectStreamOp";
export { PageHinkleyDriftDetectStreamOp } from "./PageHinkleyDriftDetectStreamOp";
export { DdmDriftDetectStreamOp } from "./DdmDriftDetectStreamOp";
export { ADWIN_PARAMS, PAGE_HINKLEY_PARAMS, DDM_PARAMS, DRIFT_INPUT_PARAMS, DRIFT_HANDLE_INVALID } from "./params";
