import { mapBatchOp } from "../../base/mapOps";
import { ParamAccessors } from "../../params/withParams";
import { JSON_TO_COLUMNS } from "./spec";

export interface JsonToColumnsBatchOp extends ParamAccessors<JsonToColumnsBatchOp, typeof JsonToColumnsBatchOp.PARAMS> {}

/**
 * Turns a column of JSON objects into typed columns (Alink's `JsonToColumnsBatchOp`): output column
 * `c` of `schemaStr` takes the object's field `c`, converted to its type; a missing field is null.
 * Input columns are kept (`reservedCols` limits them; an output replaces an input of its name).
 * A row that is not a JSON object, or whose field does not fit its column (`1.5` for an INT, text
 * for a DOUBLE, JSON null for a number), stops the run naming row, field and expected type — or,
 * with `handleInvalid` SKIP, gets null in every output column (Alink's SKIP) and is counted.
 *
 * ```ts
 * const data = new MemSourceBatchOp([["1", '{"f0":"1.0","f1":"2.0"}'], ["2", '{"f0":"4.0","f1":"8.0"}']], "row string, json string");
 * const op = new JsonToColumnsBatchOp().setJsonCol("json").setSchemaStr("f0 double, f1 double").setReservedCols(["row"]).linkFrom(data);
 * op.collect();  // [["1", 1, 2], ["2", 4, 8]]
 * ```
 */
export class JsonToColumnsBatchOp extends mapBatchOp(JSON_TO_COLUMNS) {}
