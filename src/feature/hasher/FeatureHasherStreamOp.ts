import { ParamAccessors } from "../../params/withParams";
import { mapStreamOp } from "../../base/mapOps";
import { FEATURE_HASHER } from "./spec";

export interface FeatureHasherStreamOp extends ParamAccessors<FeatureHasherStreamOp, typeof FeatureHasherStreamOp.PARAMS> {}

/** The stream form of `FeatureHasherBatchOp` (Alink's `FeatureHasherStreamOp`): the same mapper, chunk by chunk. */
export class FeatureHasherStreamOp extends mapStreamOp(FEATURE_HASHER) {}
