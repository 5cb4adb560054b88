import { Table } from "../core/table";
import { BatchOperator } from "../engine/batchOperator";
import { ParamDeclarations } from "../params/param";
import { ParamInit } from "../params/withParams";
import { ModelBase, TrainerEstimator } from "./stages";

/** An estimator class made by {@link trainerEstimator}: `new X(params?)`, `fit(data)` gives an `M`. */
export type TrainerEstimatorClass<P, M extends ModelBase> = Omit<typeof SpecEstimator, "prototype"> & {
  readonly PARAMS: P;
  new (params?: ParamInit<P>): SpecEstimator<M>;
};

interface EstimatorParts {
  readonly TRAINER: new () => BatchOperator;
  readonly MODEL: new (modelData: Table) => ModelBase;
}
const partsOf = (instance: object): EstimatorParts => instance.constructor as unknown as EstimatorParts;

/** What every estimator made by {@link trainerEstimator} is. */
export class SpecEstimator<M extends ModelBase> extends TrainerEstimator<M> {
  protected createTrainer(): BatchOperator {
    return new (partsOf(this).TRAINER)();
  }

  protected createModel(modelData: Table): M {
    return new (partsOf(this).MODEL)(modelData) as M;
  }
}

/**
 * The pipeline estimator of a model type (Alink's `StandardScaler`, `OneHotEncoder`, ...): `fit`
 * hands its parameters (`params`: the training ones and the prediction ones) to a new `Trainer`,
 * runs it on the input and wraps the model table in a `Model` that keeps the prediction parameters.
 */
export function trainerEstimator<P extends ParamDeclarations, M extends ModelBase>(
  params: P,
  Trainer: new () => BatchOperator,
  Model: new (modelData: Table) => M,
): TrainerEstimatorClass<P, M> {
  return class extends SpecEstimator<M> {
    static readonly TRAINER = Trainer;
    static readonly MODEL = Model;
    static override readonly PARAMS = params;
  } as unknown as TrainerEstimatorClass<P, M>;
}
