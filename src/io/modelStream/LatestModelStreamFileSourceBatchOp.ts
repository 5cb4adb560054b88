import * as path from "path";
import { StreamlabError } from "../../core/errors";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { BatchOperator } from "../../engine/batchOperator";
import { Param } from "../../params/param";
import { declareParams } from "../../params/declareParams";
import { ParamAccessors } from "../../params/withParams";
import { readAkSchema } from "../ak/akFile";
import { CommittedModel, readLatestCommittedModel, scanModelFolder } from "./scanner";

/**
 * The folder of the newest committed model of a model-stream root, `<root>/<max timestamp>`, or
 * null when the root holds none (or does not exist) — Alink's `ModelStreamUtils.getLatestModelPath`
 * (reference §12.8). Only canonical `<timestamp>` folders count (errata E26); `conf/` and partial
 * commits (which live in `conf/` until their final rename) never do.
 */
export function getLatestModelPath(root: string): string | null {
  const { models } = scanModelFolder(path.resolve(root), "getLatestModelPath");
  return models.length === 0 ? null : models[models.length - 1].dir;
}

const PARAMS = {
  filePath: Param.string({
    doc: "Root of the model-stream folder (<root>/<timestamp>/ model folders + conf/, as AppendModelStreamFileSinkBatchOp, ModelStreamFileSinkStreamOp or Alink write it).",
    nonEmpty: true,
  }),
};

export interface LatestModelStreamFileSourceBatchOp extends ParamAccessors<LatestModelStreamFileSourceBatchOp, typeof PARAMS> {}

/**
 * The newest committed model of a model-stream folder as a batch table: for incremental training
 * (reference §12.8, Alink's `AkSourceBatchOp().setFilePath(ModelStreamUtils.getLatestModelPath(root))`
 * in one operator). The typical loop:
 *
 * ```ts
 * const latest = new LatestModelStreamFileSourceBatchOp().setFilePath("models");
 * const model = new LogisticRegressionTrainBatchOp().setVectorCol("v").setLabelCol("y").linkFrom(todaysData, latest);
 * model.link(new AppendModelStreamFileSinkBatchOp().setFilePath("models").setModelTime("2026-12-07 00:00:00"));
 * BatchOperator.execute();
 * ```
 * The folder is listed when the operator is linked (its schema) and read when it runs: the newest
 * model at that time, checked against its commit log `conf/<ts>.log` (a row count other than the
 * log's is an error naming the folder — `AkSourceBatchOp` on the folder would not check it). A
 * root without a committed model is an error. {@link getLatestModelTimestampMs} tells which model
 * was read.
 */
export class LatestModelStreamFileSourceBatchOp extends declareParams(BatchOperator, PARAMS) {
  static override readonly INPUTS = 0;
  private readTimestampMs: number | null = null;

  private latest(): { root: string; model: CommittedModel } {
    const operator = this.operatorName;
    const root = path.resolve(this.getFilePath());
    const { models } = scanModelFolder(root, operator);
    if (models.length === 0) {
      throw new StreamlabError(
        `${operator}: ${root} holds no committed model (expected <timestamp>/ folders, e.g. 202612061000000/, with their conf/<timestamp>.log); write one with AppendModelStreamFileSinkBatchOp first.`,
        { operator, param: "filePath", file: root },
      );
    }
    return { root, model: models[models.length - 1] };
  }

  protected override outputSchema(): Schema {
    const { model } = this.latest();
    try {
      return readAkSchema(model.dir);
    } catch (error) {
      throw new StreamlabError(`${this.operatorName}: model folder ${model.dir} cannot be read: ${(error as Error).message}`, { operator: this.operatorName, file: model.dir });
    }
  }

  protected compute(): Table {
    const { root, model } = this.latest();
    // The newest at read time; one that a writer's clean-up deletes meanwhile is passed over.
    const latest = readLatestCommittedModel(root, this.operatorName);
    if (latest === null) {
      throw new StreamlabError(`${this.operatorName}: every model of ${root} (newest ${model.name}) was deleted while being read (numKeepModel 0?).`, {
        operator: this.operatorName,
        param: "filePath",
        file: root,
      });
    }
    this.readTimestampMs = latest.model.ts.epochMs;
    return latest.table;
  }

  /** The timestamp (epoch ms) of the model read (runs the operator if needed). */
  getLatestModelTimestampMs(): number {
    this.getOutputTable();
    return this.readTimestampMs!;
  }
}
