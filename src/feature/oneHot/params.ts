import { Param } from "../../params/param";
import { OutputColsParam, ReservedColsParam, SelectedColsParam } from "../../params/shared";
import { intArrayParam } from "../common/intArrayParam";

/** OneHot training parameters (Alink `OneHotTrainParams`). */
export const ONE_HOT_TRAIN_PARAMS = {
  ...SelectedColsParam,
  discreteThresholds: Param.int({
    doc: "Tokens seen fewer times than this in training share one \"else\" slot; a value > 0 enables the else slot. Default: no threshold.",
    default: -2147483648,
    min: -2147483648,
    max: 2147483647,
    aliases: ["discreteThreshold"],
  }),
  discreteThresholdsArray: intArrayParam({
    doc: "Per-column thresholds, one per selected column (overrides discreteThresholds); null = use discreteThresholds for every column.",
  }),
};

/** OneHot prediction parameters (Alink `OneHotPredictParams`). */
export const ONE_HOT_PREDICT_PARAMS = {
  selectedCols: Param.strings({
    doc: "Columns to encode, a subset of the model's columns; null = all the columns the model was trained on.",
    optional: true,
    aliases: ["selectedColNames"],
  }),
  ...OutputColsParam,
  ...ReservedColsParam,
  handleInvalid: Param.enum(["KEEP", "ERROR", "SKIP"], {
    doc: "Null and unseen tokens: KEEP maps them to extra slots, SKIP outputs null, ERROR throws (see the docs for the exact slots).",
    default: "KEEP",
  }),
  encode: Param.enum(["VECTOR", "ASSEMBLED_VECTOR", "INDEX"], {
    doc: "Output form: ASSEMBLED_VECTOR = one sparse vector for all columns (needs exactly one output column), VECTOR = one sparse vector per column, INDEX = the token index (BIGINT) per column.",
    default: "ASSEMBLED_VECTOR",
  }),
  dropLast: Param.bool({
    doc: "Drop the slot of each column's last token index (its vector is all zeros), so the slots of a column are linearly independent.",
    default: true,
  }),
};
