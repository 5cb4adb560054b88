import { ParamAccessors } from "../../params/withParams";
import { mapTransformer } from "../../base/mapOps";
import { FEATURE_HASHER } from "./spec";

export interface FeatureHasher extends ParamAccessors<FeatureHasher, typeof FeatureHasher.PARAMS> {}

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
export class FeatureHasher extends mapTransformer(FEATURE_HASHER) {}
