import { mapStreamOp } from "../../base/mapOps";
import { ParamAccessors } from "../../params/withParams";
import { CSV_TO_COLUMNS } from "./spec";

export interface CsvToColumnsStreamOp extends ParamAccessors<CsvToColumnsStreamOp, typeof CsvToColumnsStreamOp.PARAMS> {}

/**
 * The stream form of `CsvToColumnsBatchOp` (Alink's `CsvToColumnsStreamOp`): e.g. the `message`
 * column of `KafkaSourceStreamOp` (a topic `KafkaSinkStreamOp` wrote with dataFormat CSV) back into
 * typed columns. The same mapper, chunk by chunk; errors name the input row and its event time.
 */
export class CsvToColumnsStreamOp extends mapStreamOp(CSV_TO_COLUMNS) {}
