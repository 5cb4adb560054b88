// Public API of the stream engine (re-exported by src/index.ts). Stream sources and sinks are in io/.
export { StreamChunk, mergeByTime } from "./chunk";
export { StreamOperator, SideOutputStreamOp } from "./streamOperator";
export type { PrintOptions, ExecuteOptions, StreamRunReport, StreamCollection } from "./streamOperator";
export type { StreamTask, SourceTask, Emitter } from "./task";
export { EventTimeParams } from "./eventTime";
export { UnionAllStreamOp } from "./ops/UnionAllStreamOp";
export { MapStreamOp, MapperStreamOp } from "./ops/MapStreamOp";
