import { mapSpec } from "../../base/mapOps";
import { FeatureHasherMapper } from "./mapper";
import { FEATURE_HASHER_PARAMS } from "./params";

/** FeatureHasher in one place: parameters and mapper; FeatureHasherBatchOp, FeatureHasherStreamOp and FeatureHasher are built from it (src/base/mapOps.ts). */
export const FEATURE_HASHER = mapSpec({
  params: FEATURE_HASHER_PARAMS,
  mapper: (dataSchema, params, operator) => new FeatureHasherMapper(dataSchema, params, operator),
});
