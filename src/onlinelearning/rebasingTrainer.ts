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
 *
 * A trainer that acts on drift (`acceptsDriftDetections`) also takes a drift detector's detections
 * stream: `linkFrom(trainData, detections)`. Inputs are then held as [folder?, detections, trainData]:
 * the training stream stays last, and at equal event times the engine merges lower inputs first, so
 * a folder model at T comes before a drift at T, and both before the training rows at T.
 */
export abstract class RebasingTrainerStreamOp extends StreamOperator {
  /** `(trainData)`; the hidden folder source is added by linkFrom when `modelStreamFilePath` is set. */
  static override readonly INPUTS: InputArity = [1, 3];
  /** The hidden source (input 0) when following `modelStreamFilePath`. */
  private folderSource: ModelFolderTicksStreamOp | null = null;
  /** Rebases of the last run, in event-time order (the running task fills it). */
  protected rebases: ModelSwapEvent[] = [];

  /** What the followed folder holds, for messages ("models", "pipeline models"). */
  protected abstract readonly rebaseModels: string;

  /** Whether the trainer takes a detections stream as a second input of linkFrom (FtrlTrainStreamOp). */
  protected readonly acceptsDriftDetections: boolean = false;

  /** Where each input of the current link is (-1 = absent); the training stream is always last. */
  protected inputLayout(count: number): { folder: number; detections: number; data: number } {
    const folder = this.folderSource === null ? -1 : 0;
    const detections = count - (folder < 0 ? 0 : 1) === 2 ? count - 2 : -1;
    return { folder, detections, data: count - 1 };
  }

  /** The followed folder of the current link, or null. */
  protected followedFolder(): FollowedFolder | null {
    return this.folderSource?.folder ?? null;
  }

  /**
   * `linkFrom(trainData)` — or `linkFrom(trainData, detections)` for a trainer that acts on drift
   * (with `modelStreamFilePath` set, the folder is followed as a hidden further input).
   */
  override linkFrom(...inputs: StreamOperator[]): this {
    const max = this.acceptsDriftDetections ? 2 : 1;
    if (inputs.length < 1 || inputs.length > max) {
      throw new StreamlabError(
        `${this.operatorName}.linkFrom: expected ${max === 1 ? "1 input (the training stream)" : "1 or 2 inputs (the training stream, then optionally a drift detector's detections stream)"}, ` +
          `got ${inputs.length}. To rebase from ${this.rebaseModels}, set modelStreamFilePath.`,
        { operator: this.operatorName },
      );
    }
    // The detections go before the training stream: at equal event times a drift acts before the rows.
    const ordered = inputs.length === 2 ? [inputs[1], inputs[0]] : [inputs[0]];
    const folder = followedFolderOf(this);
    const previous = this.folderSource;
    this.folderSource = folder === null ? null : new ModelFolderTicksStreamOp(folder, this.operatorName);
    try {
      if (this.folderSource === null) super.linkFrom(...ordered);
      else super.linkFrom(this.folderSource, ...ordered);
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
    // The linked inputs (detections, training stream) without the previous hidden source.
    const linked = this.folderSource === null ? this.inputs : this.inputs.slice(1);
    const folder = followedFolderOf(this);
    this.folderSource = folder === null ? null : new ModelFolderTicksStreamOp(folder, this.operatorName);
    this.inputs = this.folderSource === null ? [...linked] : [{ op: this.folderSource, port: 0 }, ...linked];
    return this;
  }

  /** The models of `modelStreamFilePath` rebased to (or refused, with the reason) during the last run, in event-time order. */
  getModelRebases(): ModelSwapEvent[] {
    return [...this.rebases];
  }
}
