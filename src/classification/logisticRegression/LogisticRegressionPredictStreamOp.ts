import { Mapper } from "../../common/mapper";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { BatchOperator } from "../../engine/batchOperator";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { ModelStreamScanParams } from "../../params/shared";
import { ModelMapStreamOp, ModelVersionParam } from "../../base/ModelMapStreamOp";
import { LinearModelMapper } from "../linear/mapper";
import { linearModelFromTable } from "../linear/model";
import { LOGISTIC_REGRESSION_PREDICT_PARAMS } from "./params";

const PARAMS = { ...LOGISTIC_REGRESSION_PREDICT_PARAMS, ...ModelVersionParam, ...ModelStreamScanParams };

export interface LogisticRegressionPredictStreamOp extends ParamAccessors<LogisticRegressionPredictStreamOp, typeof PARAMS> {}

/**
 * Predicts a stream with a logistic-regression model (Alink's `LogisticRegressionPredictStreamOp`):
 * `new LogisticRegressionPredictStreamOp(model).linkFrom(data[, modelStream])`. With a model
 * stream (e.g. from FtrlTrainStreamOp) it switches to each model at that model's event time.
 * A streamed model that fails its checks (non-finite coefficients, another vectorSize, feature
 * columns or labels than the serving model) is refused: `getModelSwaps()` records it with
 * `ok: false` and the reason, a warning line says so, and the previous model keeps serving.
 * Data rows are checked as in LogisticRegressionPredictBatchOp; errors name the row in the stream
 * and its event time.
 */
export class LogisticRegressionPredictStreamOp extends ModelMapStreamOp {
  static override readonly PARAMS = PARAMS;

  constructor(model: BatchOperator | Table, params?: ParamInit<typeof PARAMS>) {
    super(model, params);
  }

  createModelMapper(model: Table, dataSchema: Schema): Mapper {
    return new LinearModelMapper(linearModelFromTable(model, this.operatorName), dataSchema, this, this.operatorName);
  }
}
