import { Mapper } from "../../common/mapper";
import { Schema } from "../../core/schema";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { MapTransformer } from "../../base/stages";
import { FeatureHasherMapper } from "./mapper";
import { FEATURE_HASHER_PARAMS } from "./params";

const PARAMS = FEATURE_HASHER_PARAMS;

export interface FeatureHasher extends ParamAccessors<FeatureHasher, typeof PARAMS> {}

/**
 * Pipeline transformer for feature hashing (Alink's `FeatureHasher`); runs the same mapper as
 * FeatureHasherBatchOp.
 *
 * @example
 * ```ts
 * new FeatureHasher().setSelectedCols([...categorical, ...numeric]).setCategoricalCols(categorical)
 *   .setOutputCol("vec").setNumFeatures(30000).transform(data);
 * ```
 */
export class FeatureHasher extends MapTransformer {
  static override readonly PARAMS = PARAMS;

  constructor(params?: ParamInit<typeof PARAMS>) {
    super(params);
  }

  createMapper(inputSchema: Schema): Mapper {
    return new FeatureHasherMapper(inputSchema, this, this.operatorName);
  }
}
