import { Mapper } from "../common/mapper";
import { snapshotParams } from "../common/paramSnapshot";
import { Schema } from "../core/schema";
import { Table } from "../core/table";
import { BatchOperator } from "../engine/batchOperator";
import { ModelMapBatchOp } from "../engine/mapBatchOps";
import { ParamDeclarations } from "../params/param";
import { ModelStreamScanParams } from "../params/shared";
import { ParamInit } from "../params/withParams";
import { ModelMapStreamOp, ModelVersionParam } from "./ModelMapStreamOp";
import { ModelSpec } from "./modelSpec";
import { ModelBase } from "./stages";

/*
 * The three wrappers every model type has, built from its ModelSpec. Each model type's public
 * class stays a named, documented class (`export class StandardScalerPredictBatchOp extends
 * predictBatchOp(STANDARD_SCALER) {}`) whose setters come from a merged `ParamAccessors` interface.
 * The return types are spelled out: the classes made here have protected members, which an
 * exported function's inferred class type may not expose.
 */

/** A batch predictor class made from a spec: `new X(params?)`, `linkFrom(model, data)`. */
export type PredictBatchOpClass<P> = Omit<typeof SpecPredictBatchOp, "prototype"> & {
  readonly PARAMS: P;
  new (params?: ParamInit<P>): SpecPredictBatchOp;
};

/** The parameters of a stream predictor: the prediction ones, the model-version column, a followed folder. */
export type PredictStreamParams<P> = P & typeof ModelVersionParam & typeof ModelStreamScanParams;

/** A stream predictor class made from a spec: `new X(model, params?)`, `linkFrom(data[, modelStream])`. */
export type PredictStreamOpClass<P> = Omit<typeof SpecPredictStreamOp, "prototype"> & {
  readonly PARAMS: PredictStreamParams<P>;
  new (model: BatchOperator | Table, params?: ParamInit<PredictStreamParams<P>>): SpecPredictStreamOp;
};

/** The parameters of a model stage: the prediction ones and a followed model-stream folder. */
export type ModelStageParams<P> = P & typeof ModelStreamScanParams;

/** A pipeline model stage class made from a spec: `new X(modelData?, params?)`. */
export type ModelStageClass<P, M> = Omit<typeof SpecModel, "prototype"> & {
  readonly PARAMS: ModelStageParams<P>;
  new (modelData?: Table | null, params?: ParamInit<ModelStageParams<P>>): SpecModel<M>;
};

// The spec of the class a wrapper was made from (set by the factories below, read by the instances).
type AnySpec = ModelSpec<ParamDeclarations, any>;
const specOf = (instance: object): AnySpec => (instance.constructor as unknown as { SPEC: AnySpec }).SPEC;

/** What every batch predictor made by {@link predictBatchOp} is. */
export class SpecPredictBatchOp extends ModelMapBatchOp {
  createModelMapper(model: Table, dataSchema: Schema): Mapper {
    const spec = specOf(this);
    return spec.mapper(spec.fromTable(model, this.operatorName), dataSchema, snapshotParams(spec.params, this), this.operatorName);
  }
}

/**
 * The batch predictor of a model type (Alink's `…PredictBatchOp`): `linkFrom(model, data)`,
 * model first; runs the spec's mapper over the data.
 */
export function predictBatchOp<P extends ParamDeclarations, M>(spec: ModelSpec<P, M>): PredictBatchOpClass<P> {
  const outputSchema = spec.outputSchema;
  if (outputSchema === undefined) {
    return class extends SpecPredictBatchOp {
      static readonly SPEC = spec;
      static override readonly PARAMS = spec.params;
    } as unknown as PredictBatchOpClass<P>;
  }
  // Only when the spec can tell the output columns from the model table's schema: otherwise the
  // engine learns them from the computed output, as for any operator without `outputSchema`.
  return class extends SpecPredictBatchOp {
    static readonly SPEC = spec;
    static override readonly PARAMS = spec.params;
    protected override outputSchema([model, data]: readonly Schema[]): Schema {
      return outputSchema(model, data, snapshotParams(spec.params, this), this.operatorName);
    }
  } as unknown as PredictBatchOpClass<P>;
}

/** What every stream predictor made by {@link predictStreamOp} is. */
export class SpecPredictStreamOp extends ModelMapStreamOp {
  createModelMapper(model: Table, dataSchema: Schema): Mapper {
    const spec = specOf(this);
    return spec.mapper(spec.fromTable(model, this.operatorName), dataSchema, snapshotParams(spec.params, this), this.operatorName);
  }
}

/**
 * The stream predictor of a model type (Alink's `…PredictStreamOp`): built with the initial model,
 * `linkFrom(data[, modelStream])`; the same mapper as the batch op and the stage, swapped for each
 * streamed model at that model's event time (see ModelMapStreamOp).
 */
export function predictStreamOp<P extends ParamDeclarations, M>(spec: ModelSpec<P, M>): PredictStreamOpClass<P> {
  return class extends SpecPredictStreamOp {
    static readonly SPEC = spec;
    static override readonly PARAMS = { ...spec.params, ...ModelVersionParam, ...ModelStreamScanParams };
  } as unknown as PredictStreamOpClass<P>;
}

/**
 * A fitted model of a spec's type (what {@link modelStage} makes): its model table (Alink's
 * layout) plus the prediction parameters; `transform` runs the spec's mapper. The parsed model is
 * kept while the model table is the same object.
 */
export class SpecModel<M> extends ModelBase {
  private parsed: { table: Table; model: M } | null = null;

  /** The model table in typed form, parsed once per model table. */
  protected parsedModel(): M {
    const table = this.getModelData();
    if (this.parsed === null || this.parsed.table !== table) this.parsed = { table, model: specOf(this).fromTable(table, this.operatorName) as M };
    return this.parsed.model;
  }

  createMapper(inputSchema: Schema): Mapper {
    const spec = specOf(this);
    return spec.mapper(this.parsedModel(), inputSchema, snapshotParams(spec.params, this), this.operatorName);
  }
}

/** The pipeline model stage of a model type (Alink's `…Model`): `new X(modelData?, params?)`. */
export function modelStage<P extends ParamDeclarations, M>(spec: ModelSpec<P, M>): ModelStageClass<P, M> {
  return class extends SpecModel<M> {
    static readonly SPEC = spec;
    static override readonly PARAMS = { ...spec.params, ...ModelStreamScanParams };
  } as unknown as ModelStageClass<P, M>;
}
