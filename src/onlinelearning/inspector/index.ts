// The model-stream inspector (re-exported by src/onlinelearning/index.ts).
export { ModelStreamInspector, INSPECTOR_TABLE_SCHEMA_STR } from "./ModelStreamInspector";
export type { InspectedVersion, VersionMetrics, InspectorFolderOptions } from "./ModelStreamInspector";
export { coefficientDiff } from "./coefficientDiff";
export type { CoefficientMove } from "./coefficientDiff";
