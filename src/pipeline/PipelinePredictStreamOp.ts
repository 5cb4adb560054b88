import { Mapper } from "../common/mapper";
import { StreamlabError, describeValue } from "../core/errors";
import { Schema } from "../core/schema";
import { Table } from "../core/table";
import { BatchOperator } from "../engine/batchOperator";
import { ModelStreamScanParams } from "../params/shared";
import { ParamAccessors, ParamInit } from "../params/withParams";
import { ModelMapStreamOp, ModelVersionParam } from "../base/ModelMapStreamOp";
import { PipelineModel } from "./Pipeline";

const PARAMS = { ...ModelVersionParam, ...ModelStreamScanParams };

export interface PipelinePredictStreamOp extends ParamAccessors<PipelinePredictStreamOp, typeof PARAMS> {}

/**
 * Stream prediction with a whole fitted pipeline that hot-swaps to newer pipeline models (Alink's
 * `PipelinePredictStreamOp`):
 *
 * ```ts
 * const models = new OnlineLearningStreamOp(pipelineModel).setTimeInterval(3600).linkFrom(train);
 * const scored = new PipelinePredictStreamOp(pipelineModel).linkFrom(test, models);
 * ```
 *
 * Built with the initial pipeline (a {@link PipelineModel}, a batch operator holding a packed
 * pipeline model such as `pipelineModel.save()`, or the path of a saved one).
 * `linkFrom(data[, pipelineModelStream])`: the model stream carries packed pipeline models
 * (Alink's layout, `alinkmodelstreamtimestamp, alinkmodelstreamcount, id, p0, …`, as
 * `OnlineLearningStreamOp` emits them and `ModelStreamFileSourceStreamOp` reads them). Or set
 * `modelStreamFilePath` to follow a folder of packed pipeline models (written by
 * `AppendModelStreamFileSinkBatchOp` from `pipelineModel.save()`, or by Alink); a pipeline model
 * that has its own `modelStreamFilePath` brings it along.
 *
 * Each new pipeline model replaces every stage at once, at the event time of its timestamp. As all
 * stages change together, a retrained feature stage (a new one-hot vocabulary, new scaling) and the
 * model fitted on it stay consistent, so only the output columns must stay the same; a pipeline
 * model that cannot be read or would change them is refused, listed in `getModelSwaps()` with the
 * reason, and the previous pipeline keeps serving.
 * Difference from Alink 1.6: its PipelinePredictStreamOp transforms with the initial pipeline and
 * reads no second input; streamlab swaps as the operator's documentation describes.
 */
export class PipelinePredictStreamOp extends ModelMapStreamOp {
  static override readonly PARAMS = PARAMS;
  private readonly pipeline: PipelineModel;
  private readonly packed: Table;

  constructor(model: PipelineModel | BatchOperator | string, params?: ParamInit<typeof PARAMS>) {
    const pipeline = initialPipeline(model);
    const packed = pipeline.save().getOutputTable();
    const own = pipeline.getParams();
    super(packed, { ...own, ...(params as Record<string, unknown> | undefined) });
    this.pipeline = pipeline;
    this.packed = packed;
  }

  /** The initial pipeline model. */
  getPipelineModel(): PipelineModel {
    return this.pipeline;
  }

  /** A new pipeline replaces every stage at once: only its output columns must match (checked by ModelMapStreamOp). */
  protected override swapProblem(): string | null {
    return null;
  }

  createModelMapper(model: Table, dataSchema: Schema): Mapper {
    if (model === this.packed) return this.pipeline.createMapper(dataSchema);
    return PipelineModel.fromPackedTable(model, `${this.operatorName}: streamed pipeline model`).createMapper(dataSchema);
  }
}

function initialPipeline(model: PipelineModel | BatchOperator | string): PipelineModel {
  if (model instanceof PipelineModel) return model;
  if (typeof model === "string") return PipelineModel.load(model);
  if (BatchOperator.isBatchOperator(model)) return PipelineModel.collectLoad(model);
  throw new StreamlabError(
    `PipelinePredictStreamOp: expected the initial pipeline model (a PipelineModel, a batch operator holding a packed one, or the path of a saved one), got ${describeValue(model)}.`,
    { operator: "PipelinePredictStreamOp" },
  );
}
