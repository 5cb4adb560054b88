// Public API of src/io: every source and sink, batch and stream (re-exported by src/index.ts).
// Importing this module also gives the operators their danfo.js methods (./dataframe/adapters).
import "./dataframe/adapters";

export { TableSourceBatchOp } from "./table/TableSourceBatchOp";
export { TableSourceStreamOp } from "./table/TableSourceStreamOp";
export { MemSourceBatchOp } from "./memory/MemSourceBatchOp";
export { MemSourceStreamOp } from "./memory/MemSourceStreamOp";
export { CsvSourceBatchOp } from "./csv/CsvSourceBatchOp";
export { CsvSinkBatchOp } from "./csv/CsvSinkBatchOp";
export { CsvSourceStreamOp } from "./csv/CsvSourceStreamOp";
export { AkSourceBatchOp } from "./ak/AkSourceBatchOp";
export { AkSinkBatchOp } from "./ak/AkSinkBatchOp";
export { AkSourceStreamOp } from "./ak/AkSourceStreamOp";
export { AkSinkStreamOp } from "./ak/AkSinkStreamOp";
export { RandomTableSourceStreamOp } from "./random/RandomTableSourceStreamOp";
export { AppendModelStreamFileSinkBatchOp } from "./modelStream/AppendModelStreamFileSinkBatchOp";
export { LatestModelStreamFileSourceBatchOp, getLatestModelPath } from "./modelStream/LatestModelStreamFileSourceBatchOp";
export { ModelStreamFileSourceStreamOp } from "./modelStream/ModelStreamFileSourceStreamOp";
export { ModelStreamFileSinkStreamOp } from "./modelStream/ModelStreamFileSinkStreamOp";
export { modelStreamHistory, MODEL_STREAM_HISTORY_SCHEMA } from "./modelStream/history";
export { formatModelTimestamp, parseModelTimestamp } from "./modelStream/timestampName";
export type { ModelTimestamp } from "./modelStream/timestampName";
export {
  MODEL_STREAM_TIMESTAMP_COL,
  MODEL_STREAM_COUNT_COL,
  modelStreamSchema,
  modelSchemaOfStream,
  toModelStreamRows,
  ModelStreamAssembler,
} from "./modelStream/modelStreamRows";
export { readModelStreamVersions, rollbackModelStream } from "./modelStream/inspect";
export type { StoredModelVersion, Rollback } from "./modelStream/inspect";
