import { Mapper } from "../common/mapper";
import { StreamlabError } from "../core/errors";
import { Schema } from "../core/schema";
import { Table } from "../core/table";
import { FollowedFolder } from "../io/modelStream/follow";
import { newestReadableModel } from "../io/modelStream/newest";
import { ModelStreamScanParams } from "../params/shared";
import { ModelMapStreamOp, ModelVersionParam } from "./ModelMapStreamOp";

/**
 * What a fitted transformer needs to follow a model-stream folder: the model it serves now, in
 * the form the folder holds (a stage's model table, or a whole packed pipeline model), and how to
 * build the transform's mapper from another model of that form.
 */
export interface FollowableModel {
  /** The model served until the folder provides one (its schema is the one the folder's models must have). */
  readonly model: Table;
  /** The mapper for `model` on data of `dataSchema` (throws a StreamlabError for an unusable model). */
  mapperFor(model: Table, dataSchema: Schema): Mapper;
  /**
   * True when each model replaces every stage at once (packed pipeline models): then only the
   * output columns must stay, not each stage's feature space — a retrained one-hot vocabulary and
   * the LR model fitted on it travel together.
   */
  readonly wholePipeline?: boolean;
}

const PARAMS = { ...ModelVersionParam, ...ModelStreamScanParams };

/**
 * The stream transform of a fitted stage or pipeline model whose `modelStreamFilePath` is set:
 * a {@link ModelMapStreamOp} over the transformer's model that follows the folder (each committed
 * model takes effect at the event time of its timestamp, refused models leave the previous one
 * serving; see ModelMapStreamOp). Made by `transform(stream)`; the output keeps the transform's
 * columns (no model-version column) unless `modelVersionCol` is set.
 */
export class FollowingTransformStreamOp extends ModelMapStreamOp {
  static override readonly PARAMS = PARAMS;

  constructor(
    private readonly owner: string,
    private readonly followable: FollowableModel,
    params?: Record<string, unknown>,
  ) {
    super(followable.model, { modelVersionCol: null, ...params });
  }

  override get operatorName(): string {
    return this.owner === undefined ? "FollowingTransformStreamOp" : `${this.owner}.transform`;
  }

  createModelMapper(model: Table, dataSchema: Schema): Mapper {
    return this.followable.mapperFor(model, dataSchema);
  }

  protected override swapProblem(current: Mapper, next: Mapper): string | null {
    return this.followable.wholePipeline ? null : super.swapProblem(current, next);
  }
}

/**
 * The mapper a batch transform of a folder-following transformer runs: the newest committed model
 * of the folder (timestamp ≥ start) that can be read and has the served model's schema, else the
 * served model. A batch has no event time, so "newest when the batch runs" is the only sensible
 * choice (Alink's batch transform ignores the folder; streamlab follows it in every form).
 */
export function batchMapperOf(followable: FollowableModel, folder: FollowedFolder | null, dataSchema: Schema, operator: string): Mapper {
  if (folder === null) return followable.mapperFor(followable.model, dataSchema);
  const newest = newestReadableModel(folder, followable.model.schema, operator);
  if (newest === null) return followable.mapperFor(followable.model, dataSchema);
  try {
    return followable.mapperFor(newest.table, dataSchema);
  } catch (error) {
    if (!(error instanceof StreamlabError)) throw error;
    throw new StreamlabError(`${operator}: the newest model of ${folder.root} (${newest.name}) cannot be used: ${error.message}`, {
      ...error.context,
      operator,
      file: newest.dir,
    });
  }
}
