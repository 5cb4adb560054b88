import { Mapper } from "../../common/mapper";
import { Schema } from "../../core/schema";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { MapStreamOp } from "../../stream/ops/MapStreamOp";
import { JSON_VALUE_PARAMS, jsonValueMapperFor } from "./JsonValueBatchOp";

const PARAMS = JSON_VALUE_PARAMS;

export interface JsonValueStreamOp extends ParamAccessors<JsonValueStreamOp, typeof PARAMS> {}

/**
 * The stream form of `JsonValueBatchOp` (Alink's `JsonValueStreamOp`), e.g. pulling `$.AUC` out of
 * a streaming evaluation's `Data` column.
 */
export class JsonValueStreamOp extends MapStreamOp {
  static override readonly PARAMS = PARAMS;

  constructor(params?: ParamInit<typeof PARAMS>) {
    super(params);
  }

  createMapper(inputSchema: Schema): Mapper {
    return jsonValueMapperFor(inputSchema, this, this.operatorName);
  }
}
