// Public API of the stream engine (re-exported by src/index.ts).
export { StreamChunk, mergeByTime } from "./chunk";
export { StreamOperator, SideOutputStreamOp } from "./streamOperator";
export type { PrintOptions, ExecuteOptions, StreamRunReport, StreamCollection } from "./streamOperator";
export type { StreamTask, SourceTask, Emitter } from "./task";
export { EventTimeParams } from "./eventTime";
export { TableSourceStreamOp } from "./sources/TableSourceStreamOp";
export { MemSourceStreamOp } from "./sources/MemSourceStreamOp";
export { CsvSourceStreamOp } from "./sources/CsvSourceStreamOp";
export { AkSourceStreamOp } from "./sources/AkSourceStreamOp";
export { AkSinkStreamOp } from "./ops/AkSinkStreamOp";
export { ModelStreamFileSourceStreamOp } from "./sources/ModelStreamFileSourceStreamOp";
export { ModelStreamFileSinkStreamOp } from "./ops/ModelStreamFileSinkStreamOp";
export { RandomTableSourceStreamOp } from "./sources/RandomTableSourceStreamOp";
export { SplitStreamOp } from "./ops/SplitStreamOp";
export { UnionAllStreamOp } from "./ops/UnionAllStreamOp";
export { MapStreamOp, MapperStreamOp } from "./ops/MapStreamOp";
export { ModelMapStreamOp, ModelVersionParam } from "./ops/ModelMapStreamOp";
export type { ModelSwapEvent } from "./ops/ModelMapStreamOp";
export {
  MODEL_STREAM_TIMESTAMP_COL,
  MODEL_STREAM_COUNT_COL,
  modelStreamSchema,
  modelSchemaOfStream,
  toModelStreamRows,
  ModelStreamAssembler,
} from "./modelStream";
