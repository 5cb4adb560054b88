import { ParamAccessors } from "../../params/withParams";
import { BinaryClassModelFilterStreamOp } from "./BinaryClassModelFilterStreamOp";
import { MODEL_FILTER_PARAMS } from "./params";

const PARAMS = MODEL_FILTER_PARAMS;

export interface FtrlModelFilterStreamOp extends ParamAccessors<FtrlModelFilterStreamOp, typeof PARAMS> {}

/**
 * The model filter under Alink's FTRL name (`FtrlModelFilterStreamOp`, reference §7.2): a
 * {@link BinaryClassModelFilterStreamOp} for the model stream of `FtrlTrainStreamOp`, placed
 * between the trainer and `FtrlPredictStreamOp`:
 *
 * ```ts
 * const filtered = new FtrlModelFilterStreamOp().setLabelCol("click").setAucThreshold(0.6).linkFrom(models, validation);
 * new FtrlPredictStreamOp(initModel).setVectorCol("vec").setPredictionCol("pred").linkFrom(filtered, data);
 * ```
 * Same parameters, semantics and side output as BinaryClassModelFilterStreamOp — including
 * `numEvalSamples`, which Alink's FTRL filter ignores and streamlab honours.
 */
export class FtrlModelFilterStreamOp extends BinaryClassModelFilterStreamOp {}
