import { mapStreamOp } from "../../base/mapOps";
import { ParamAccessors } from "../../params/withParams";
import { JSON_TO_COLUMNS } from "./spec";

export interface JsonToColumnsStreamOp extends ParamAccessors<JsonToColumnsStreamOp, typeof JsonToColumnsStreamOp.PARAMS> {}

/**
 * The stream form of `JsonToColumnsBatchOp` (Alink's `JsonToColumnsStreamOp`): e.g. the `message`
 * column of `KafkaSourceStreamOp` (a topic `KafkaSinkStreamOp` wrote with dataFormat JSON) back
 * into the columns it was written from. The same mapper, chunk by chunk; errors name the input
 * row and its event time.
 */
export class JsonToColumnsStreamOp extends mapStreamOp(JSON_TO_COLUMNS) {}
