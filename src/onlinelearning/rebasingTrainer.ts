import { StreamlabError } from "../core/errors";
import { InputArity } from "../engine/batchOperator";
import { FollowedFolder, ModelFolderTicksStreamOp, followedFolderOf, isModelStreamScanParam } from "../io/modelStream/follow";
import { StreamOperator } from "../stream/streamOperator";
import { ModelSwapEvent } from "../base/ModelMapStreamOp";

/**
 * A stream trainer that can rebase onto the models of a followed folder (`modelStreamFilePath`):
 * `FtrlTrainStreamOp` (linear model tables) and `OnlineLearningStreamOp` (packed pipeline models).
 * It takes one input, the training stream; with `modelStreamFilePath` set, the folder is followed
 * through a hidden source linked as input 0 (announcing each model at its timestamp's event time,
 * see ModelFolderTicksStreamOp), re-linked when the scan parameters change after linkFrom.
 */
export abstract class RebasingTrainerStreamOp extends StreamOperator {
  /** `(trainData)`; the hidden folder source is added by linkFrom when `modelStreamFilePath` is set. */
  static override readonly INPUTS: InputArity = [1, 2];
  /** The hidden source (input 0) when following `modelStreamFilePath`. */
  private folderSource: ModelFolderTicksStreamOp | null = null;
  /** Rebases of the last run, in event-time order (the running task fills it). */
  protected rebases: ModelSwapEvent[] = [];

  /** What the followed folder holds, for messages ("models", "pipeline models"). */
  protected abstract readonly rebaseModels: string;

  /** The followed folder of the current link, or null. */
  protected followedFolder(): FollowedFolder | null {
    return this.folderSource?.folder ?? null;
  }

  /** `linkFrom(trainData)`: exactly one input (with `modelStreamFilePath` set, the folder is followed as a hidden second one). */
  override linkFrom(...inputs: StreamOperator[]): this {
    if (inputs.length !== 1) {
      throw new StreamlabError(
        `${this.operatorName}.linkFrom: expected 1 input (the training stream), got ${inputs.length}. To rebase from ${this.rebaseModels}, set modelStreamFilePath.`,
        { operator: this.operatorName },
      );
    }
    const folder = followedFolderOf(this);
    const previous = this.folderSource;
    this.folderSource = folder === null ? null : new ModelFolderTicksStreamOp(folder, this.operatorName);
    try {
      if (this.folderSource === null) super.linkFrom(inputs[0]);
      else super.linkFrom(this.folderSource, inputs[0]);
    } catch (error) {
      this.folderSource = previous;
      throw error;
    }
    return this;
  }

  /** Setting `modelStreamFilePath` / `modelStreamStartTime` after linkFrom re-links the hidden folder source. */
  override set(name: string, value: unknown): this {
    super.set(name, value);
    if (!isModelStreamScanParam(name) || this.inputs === undefined || this.inputs.length === 0) return this;
    const data = this.inputs[this.inputs.length - 1];
    const folder = followedFolderOf(this);
    this.folderSource = folder === null ? null : new ModelFolderTicksStreamOp(folder, this.operatorName);
    this.inputs = this.folderSource === null ? [data] : [{ op: this.folderSource, port: 0 }, data];
    return this;
  }

  /** The models of `modelStreamFilePath` rebased to (or refused, with the reason) during the last run, in event-time order. */
  getModelRebases(): ModelSwapEvent[] {
    return [...this.rebases];
  }
}
