// Public API of src/dataproc (re-exported by src/index.ts).
export { JsonValueBatchOp, JsonValueMapper } from "./JsonValueBatchOp";
export type { JsonValueSettings } from "./JsonValueBatchOp";
export { SplitBatchOp, DEFAULT_SPLIT_SEED, splitMask } from "./SplitBatchOp";
export { parseRelaxedJson, compileJsonPath, readJsonPath, jsonValueCell, jsonText, JsonNumber } from "./jsonPath";
export type { JsonValue, JsonObject, PathStep, CompiledJsonPath } from "./jsonPath";
export { JsonValueStreamOp } from "./JsonValueStreamOp";
