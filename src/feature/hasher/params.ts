import { Param } from "../../params/param";
import { OutputColParam, ReservedColsParam, SelectedColsParam } from "../../params/shared";

/** FeatureHasher parameters (Alink `FeatureHasherParams`). */
export const FEATURE_HASHER_PARAMS = {
  ...SelectedColsParam,
  ...OutputColParam,
  categoricalCols: Param.strings({
    doc: "Selected columns to hash as categories (`col=value`, weight 1.0) even if numeric; STRING and BOOLEAN columns are always categorical. Must be a subset of selectedCols.",
    optional: true,
    aliases: ["categoricalColNames"],
  }),
  numFeatures: Param.int({ doc: "Size of the output vector (number of hash slots).", default: 262144, min: 1, max: 2147483647 }),
  ...ReservedColsParam,
};
