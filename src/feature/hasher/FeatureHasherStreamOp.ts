import { Mapper } from "../../common/mapper";
import { Schema } from "../../core/schema";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { MapStreamOp } from "../../stream/ops/MapStreamOp";
import { FeatureHasherMapper } from "./mapper";
import { FEATURE_HASHER_PARAMS } from "./params";

const PARAMS = FEATURE_HASHER_PARAMS;

export interface FeatureHasherStreamOp extends ParamAccessors<FeatureHasherStreamOp, typeof PARAMS> {}

/** The stream form of `FeatureHasherBatchOp` (Alink's `FeatureHasherStreamOp`): the same mapper, chunk by chunk. */
export class FeatureHasherStreamOp extends MapStreamOp {
  static override readonly PARAMS = PARAMS;

  constructor(params?: ParamInit<typeof PARAMS>) {
    super(params);
  }

  createMapper(inputSchema: Schema): Mapper {
    return new FeatureHasherMapper(inputSchema, this, this.operatorName);
  }
}
