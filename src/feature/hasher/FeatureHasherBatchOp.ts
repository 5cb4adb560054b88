import { Mapper } from "../../common/mapper";
import { Schema } from "../../core/schema";
import { MapBatchOp } from "../../engine/mapBatchOps";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { FeatureHasherMapper } from "./mapper";
import { FEATURE_HASHER_PARAMS } from "./params";

const PARAMS = FEATURE_HASHER_PARAMS;

export interface FeatureHasherBatchOp extends ParamAccessors<FeatureHasherBatchOp, typeof PARAMS> {}

/**
 * Hashes numeric and categorical columns into one sparse vector of size `numFeatures` (Alink's
 * `FeatureHasherBatchOp`, MurmurHash3); see {@link FeatureHasherMapper} for the rules.
 *
 * @example
 * ```ts
 * new FeatureHasherBatchOp()
 *   .setSelectedCols(["double", "bool", "number", "str"]).setOutputCol("output").setNumFeatures(200)
 *   .linkFrom(data).print();
 * // 1.1|true|2|A → $200$13:2.0 38:1.1 45:1.0 195:1.0
 * ```
 */
export class FeatureHasherBatchOp extends MapBatchOp {
  static override readonly PARAMS = PARAMS;

  constructor(params?: ParamInit<typeof PARAMS>) {
    super(params);
  }

  createMapper(inputSchema: Schema): Mapper {
    return new FeatureHasherMapper(inputSchema, this, this.operatorName);
  }
}
