// Public API of src/dataproc (re-exported by src/index.ts).
export { JsonValueBatchOp, JsonValueMapper } from "./jsonValue/JsonValueBatchOp";
export type { JsonValueSettings } from "./jsonValue/JsonValueBatchOp";
export { SplitBatchOp, DEFAULT_SPLIT_SEED, splitMask } from "./split/SplitBatchOp";
export { parseRelaxedJson, compileJsonPath, readJsonPath, jsonValueCell, jsonText, JsonNumber } from "./jsonValue/jsonPath";
export type { JsonValue, JsonObject, PathStep, CompiledJsonPath } from "./jsonValue/jsonPath";
export { SplitStreamOp } from "./split/SplitStreamOp";
export { JsonValueStreamOp } from "./jsonValue/JsonValueStreamOp";
export { JsonToColumnsBatchOp } from "./format/JsonToColumnsBatchOp";
export { JsonToColumnsStreamOp } from "./format/JsonToColumnsStreamOp";
export { CsvToColumnsBatchOp } from "./format/CsvToColumnsBatchOp";
export { CsvToColumnsStreamOp } from "./format/CsvToColumnsStreamOp";
