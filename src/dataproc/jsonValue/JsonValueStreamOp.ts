import { mapStreamOp } from "../../base/mapOps";
import { ParamAccessors } from "../../params/withParams";
import { JSON_VALUE } from "./spec";

export interface JsonValueStreamOp extends ParamAccessors<JsonValueStreamOp, typeof JsonValueStreamOp.PARAMS> {}

/**
 * The stream form of `JsonValueBatchOp` (Alink's `JsonValueStreamOp`), e.g. pulling `$.AUC` out of
 * a streaming evaluation's `Data` column; the same mapper, chunk by chunk.
 */
export class JsonValueStreamOp extends mapStreamOp(JSON_VALUE) {}
