import { ParamAccessors } from "../../params/withParams";
import { modelStage } from "../../base/predictOps";
import { ONE_HOT } from "./spec";

export interface OneHotEncoderModel extends ParamAccessors<OneHotEncoderModel, typeof OneHotEncoderModel.PARAMS> {}

/**
 * A fitted {@link OneHotEncoder} (Alink's `OneHotEncoderModel`): the OneHot model table plus
 * the prediction parameters; `transform` runs the same mapper as OneHotPredictBatchOp.
 */
export class OneHotEncoderModel extends modelStage(ONE_HOT) {}
