import { ParamAccessors } from "../../params/withParams";
import { mapBatchOp } from "../../base/mapOps";
import type { FeatureHasherMapper } from "./mapper";
import { FEATURE_HASHER } from "./spec";

export interface FeatureHasherBatchOp extends ParamAccessors<FeatureHasherBatchOp, typeof FeatureHasherBatchOp.PARAMS> {}

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
export class FeatureHasherBatchOp extends mapBatchOp(FEATURE_HASHER) {}
