import { Mapper } from "../common/mapper";
import { MapperRecipe } from "../common/mapperRecipe";
import { StreamlabError } from "../core/errors";
import { Schema } from "../core/schema";
import { Table } from "../core/table";
import { BatchOperator } from "../engine/batchOperator";
import { TableSourceBatchOp } from "../io/table/TableSourceBatchOp";
import { MapperStreamOp } from "../stream/ops/MapStreamOp";
import { StreamOperator } from "../stream/streamOperator";
import { WithParams } from "../params/withParams";
import { ModelStreamScanParams } from "../params/shared";
import { FollowedFolder, followedFolderOf } from "../io/modelStream/follow";
import { FollowableModel, FollowingTransformStreamOp, batchMapperOf } from "./followModelStream";

/**
 * Pipeline stages (Alink's `pipeline` package): estimators are fitted into models, models and
 * plain transformers transform data. Every transformer here is backed by a {@link Mapper}, so a
 * fitted pipeline is a list of mappers that batch, stream and single-row prediction all run.
 */
export abstract class PipelineStage extends WithParams {}

/** A stage that transforms data (a fitted model or a parameter-only transform). */
export abstract class TransformerBase extends PipelineStage {
  /** The mapper this transformer applies to data of `inputSchema`. */
  abstract createMapper(inputSchema: Schema): Mapper;

  /**
   * Transforms a batch operator's output, or a stream (lazily, like any operator). Batch and
   * stream run the same mapper.
   */
  transform(input: BatchOperator): BatchOperator;
  transform(input: StreamOperator): StreamOperator;
  transform(input: BatchOperator | StreamOperator): BatchOperator | StreamOperator {
    if (StreamOperator.isStreamOperator(input)) {
      const followable = this.followedFolder() === null ? null : this.followable();
      if (followable !== null) {
        const scan = Object.fromEntries(FOLLOW_PARAMS.map((name) => [name, this.get(name)]));
        return new FollowingTransformStreamOp(this.operatorName, followable, scan).linkFrom(input);
      }
      return new MapperStreamOp((schema) => this.createMapper(schema), `${this.operatorName}.transform`, this).linkFrom(input);
    }
    if (!BatchOperator.isBatchOperator(input)) {
      throw new StreamlabError(`${this.operatorName}.transform: expected a batch or stream operator, got ${input === null ? "null" : typeof input}.`);
    }
    return new StageTransformBatchOp(this).linkFrom(input);
  }

  /**
   * The model-stream folder this transformer follows (`modelStreamFilePath`, Alink's
   * `ModelStreamScanParams` on model stages and pipeline models), or null.
   */
  followedFolder(): FollowedFolder | null {
    return "modelStreamFilePath" in this.paramSpecs ? followedFolderOf(this) : null;
  }

  /**
   * How another thread builds this transformer's mapper for `inputSchema` (see MapperRecipe), or
   * null: a stream source parsing in a worker thread then maps rows there when it is ahead.
   */
  workerRecipe(_inputSchema: Schema): MapperRecipe | null {
    return null;
  }

  /** The model a folder's models replace, and how to map with one; null for transformers without a model. */
  followable(): FollowableModel | null {
    return null;
  }

  /** The mapper a batch transform runs: with a followed folder, the newest committed model's (see batchMapperOf). */
  batchMapper(inputSchema: Schema): Mapper {
    const folder = this.followedFolder();
    const followable = folder === null ? null : this.followable();
    return followable === null ? this.createMapper(inputSchema) : batchMapperOf(followable, folder, inputSchema, `${this.operatorName}.transform`);
  }
}

const FOLLOW_PARAMS = Object.keys(ModelStreamScanParams);

/** A transformer without training (VectorAssembler, FeatureHasher). */
export abstract class MapTransformer extends TransformerBase {}

/** A fitted model: its model table (Alink's layout) plus the prediction parameters. */
export abstract class ModelBase extends TransformerBase {
  constructor(private modelData: Table | null = null, params?: Record<string, unknown>) {
    super(params);
  }

  /** The model table, as Alink prints and saves it. */
  getModelData(): Table {
    if (this.modelData === null) throw new StreamlabError(`${this.operatorName} has no model data: fit an estimator or load a saved model.`);
    return this.modelData;
  }

  setModelData(modelData: Table): this {
    this.modelData = modelData;
    this.paramsVersion++;
    return this;
  }

  /** The model table as a batch operator (e.g. to print it or link it to a predict op). */
  getModelDataOp(): BatchOperator {
    return new TableSourceBatchOp(this.getModelData());
  }

  /** A copy of this model stage with another model table (same class and parameters). */
  withModelData(modelData: Table): this {
    const Cls = this.constructor as new (modelData: Table) => this;
    return new Cls(modelData).copyParamsFrom(this);
  }

  /** A model stage follows folders of its own model tables (Alink's `MapModel` with `ModelStreamScanParams`). */
  override followable(): FollowableModel | null {
    return { model: this.getModelData(), mapperFor: (model, dataSchema) => this.withModelData(model).createMapper(dataSchema) };
  }
}

/** A stage that learns a model from data. */
export abstract class EstimatorBase extends PipelineStage {
  abstract fit(input: BatchOperator): ModelBase;
}

/**
 * An estimator backed by a batch trainer: `fit` hands the estimator's parameters to a new
 * trainer, runs it on the input and wraps the model table in a model that keeps the prediction
 * parameters.
 */
export abstract class TrainerEstimator<M extends ModelBase> extends EstimatorBase {
  protected abstract createTrainer(): BatchOperator;
  protected abstract createModel(modelData: Table): M;

  fit(input: BatchOperator): M {
    const trainer = this.createTrainer().copyParamsFrom(this);
    trainer.linkFrom(input);
    const model = this.createModel(trainer.getOutputTable());
    model.copyParamsFrom(this);
    this.afterFit(trainer, model);
    return model;
  }

  /** Hook for estimators that keep training information on the model (e.g. LR's loss curve). */
  protected afterFit(_trainer: BatchOperator, _model: M): void {}
}

/** Applies a stage's mapper as a batch operator. */
class StageTransformBatchOp extends BatchOperator {
  constructor(private readonly stage: TransformerBase) {
    super();
  }

  override get operatorName(): string {
    return `${this.stage.operatorName}.transform`;
  }

  /** A change to the stage's parameters or model data makes the memoised output stale. */
  protected override memoVersion(): number {
    return this.paramsVersion * 1_000_003 + this.stage.changeCount;
  }

  protected override outputSchema([input]: readonly Schema[]): Schema {
    return this.stage.createMapper(input).outputSchema;
  }

  protected compute([input]: readonly Table[]): Table {
    return this.stage.batchMapper(input.schema).map(input);
  }
}
