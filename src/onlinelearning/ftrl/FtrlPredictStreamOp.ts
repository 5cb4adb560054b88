import { Mapper } from "../../common/mapper";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { BatchOperator, InputArity } from "../../engine/batchOperator";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { LinearModelMapper } from "../../classification/linear/mapper";
import { linearModelFromTable } from "../../classification/linear/model";
import { LOGISTIC_REGRESSION_PREDICT_PARAMS } from "../../classification/logisticRegression/params";
import { ModelStreamScanParams } from "../../params/shared";
import { ModelMapStreamOp, ModelVersionParam } from "../../base/ModelMapStreamOp";

const PARAMS = { ...LOGISTIC_REGRESSION_PREDICT_PARAMS, ...ModelVersionParam, ...ModelStreamScanParams };

export interface FtrlPredictStreamOp extends ParamAccessors<FtrlPredictStreamOp, typeof PARAMS> {}

/**
 * Predicts a stream with the newest model of a model stream (Alink's `FtrlPredictStreamOp`):
 * `new FtrlPredictStreamOp(initModel).linkFrom(modelStream, data)` — model stream first. It
 * predicts with the initial model until the first streamed model's event time, then with each
 * model from its timestamp on; `model_version` (see `modelVersionCol`) tells which one made each
 * prediction. Output: reserved columns + `predictionCol` (+ `predictionDetailCol`), as Alink's.
 * A streamed model that fails its checks (non-finite coefficients, another vectorSize — e.g. an
 * initial model narrower than the model stream —, other feature columns or labels) is refused:
 * `getModelSwaps()` records it with `ok: false` and the reason, a warning line says so, and the
 * previous model keeps serving (Alink prints "Model stream updating failed" and does the same).
 * Instead of a linked model stream it can follow a model-stream folder:
 * `new FtrlPredictStreamOp(initModel).setModelStreamFilePath(dir).linkFrom(data)` (see
 * `ModelMapStreamOp`: the model with timestamp T serves the rows from event time T on).
 */
export class FtrlPredictStreamOp extends ModelMapStreamOp {
  static override readonly PARAMS = PARAMS;
  /** `(modelStream, data)`, or `(data)` with `modelStreamFilePath` set. */
  static override readonly INPUTS: InputArity = [1, 2];

  constructor(initModel: BatchOperator | Table, params?: ParamInit<typeof PARAMS>) {
    super(initModel, params);
  }

  protected override modelStreamFirst(): boolean {
    return true;
  }

  createModelMapper(model: Table, dataSchema: Schema): Mapper {
    return new LinearModelMapper(linearModelFromTable(model, this.operatorName), dataSchema, this, this.operatorName);
  }
}
