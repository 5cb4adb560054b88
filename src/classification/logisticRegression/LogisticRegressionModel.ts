import { Mapper } from "../../common/mapper";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { ModelStreamScanParams } from "../../params/shared";
import { ModelBase } from "../../base/stages";
import { LinearModelMapper } from "../linear/mapper";
import { LinearModelData, linearModelFromTable } from "../linear/model";
import { LinearTrainingInfo } from "../linear/trainInfo";
import { LOGISTIC_REGRESSION_PREDICT_PARAMS } from "./params";

/** The prediction parameters, and a model-stream folder of this stage's models to follow (Alink's MapModel has ModelStreamScanParams). */
const PARAMS = { ...LOGISTIC_REGRESSION_PREDICT_PARAMS, ...ModelStreamScanParams };

export interface LogisticRegressionModel extends ParamAccessors<LogisticRegressionModel, typeof PARAMS> {}

/**
 * A fitted {@link LogisticRegression} (Alink's `LogisticRegressionModel`): the model table plus
 * the prediction parameters; `transform` runs the same mapper as LogisticRegressionPredictBatchOp.
 * `getTrainingInfo()` holds the optimizer's report when the model came from `fit` (null for a
 * model loaded from a file: the model table does not keep it, in Alink either).
 */
export class LogisticRegressionModel extends ModelBase {
  static override readonly PARAMS = PARAMS;
  private trainingInfo: LinearTrainingInfo | null = null;
  /** The parsed model table, reused while the model table is the same object. */
  private parsed: { table: Table; model: LinearModelData } | null = null;

  constructor(modelData: Table | null = null, params?: ParamInit<typeof PARAMS>) {
    super(modelData, params);
  }

  createMapper(inputSchema: Schema): Mapper {
    return new LinearModelMapper(this.getLinearModelData(), inputSchema, this, this.operatorName);
  }

  /** The model in typed form (coefficients, labels, feature names). */
  getLinearModelData(): LinearModelData {
    const table = this.getModelData();
    if (this.parsed === null || this.parsed.table !== table) this.parsed = { table, model: linearModelFromTable(table, this.operatorName) };
    return this.parsed.model;
  }

  /** Loss per iteration and convergence of the training that made this model, if known. */
  getTrainingInfo(): LinearTrainingInfo | null {
    return this.trainingInfo;
  }

  /** @internal Set by LogisticRegression.fit. */
  setTrainingInfo(info: LinearTrainingInfo | null): this {
    this.trainingInfo = info;
    return this;
  }
}
