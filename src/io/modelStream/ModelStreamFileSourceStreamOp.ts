import * as path from "path";
import { StreamlabError } from "../../core/errors";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { readAkSchema } from "../ak/akFile";
import { MODEL_STREAM_SOURCE_PARAMS } from "./params";
import { LiveFolderScan } from "./liveScan";
import { CommittedModel, scanModelFolder, tryReadCommittedModel } from "./scanner";
import { compareModelTimestamps, parseModelTime } from "./timestampName";
import { declareParams } from "../../params/declareParams";
import { ParamAccessors } from "../../params/withParams";
import { StreamChunk } from "../../stream/chunk";
import { modelSchemaOfStream, modelStreamSchema, toModelStreamRows } from "./modelStreamRows";
import { StreamOperator } from "../../stream/streamOperator";
import { SourceTask } from "../../stream/task";

const PARAMS = MODEL_STREAM_SOURCE_PARAMS;

export interface ModelStreamFileSourceStreamOp extends ParamAccessors<ModelStreamFileSourceStreamOp, typeof PARAMS> {}

/**
 * Reads a model-stream folder (written by `ModelStreamFileSinkStreamOp`,
 * `AppendModelStreamFileSinkBatchOp` or Alink's) as a model stream (Alink's
 * `ModelStreamFileSourceStreamOp`, reference §12.5): rows `alinkmodelstreamtimestamp TIMESTAMP,
 * alinkmodelstreamcount BIGINT, <model columns>`, one group per committed model, ready for a
 * predictor's model-stream input (`FtrlPredictStreamOp`, `LogisticRegressionPredictStreamOp`, …).
 *
 * **Simulated event time.** The folder is listed once when the run starts; every committed model
 * with timestamp ≥ `startTime` is emitted, oldest first, at the event time of its timestamp — so a
 * predictor linked to it swaps to each model at that time, the same on every run.
 *
 * **Live, in a paced run** (`StreamOperator.execute({ speedFactor })`): after that replay the folder
 * is scanned every `scanInterval` wall-clock seconds, as Alink does, and the newest model committed
 * since the last scan (newer than every model emitted) is emitted at the event time the run has
 * reached; one that cannot be read or has another schema is skipped with a warning naming it (Alink
 * logs and goes on likewise). Without pacing, models committed during the run are not seen.
 *
 * Differences from Alink: `startTime` null reads every model (Alink: only models from "now" on,
 * which in simulated time would exclude everything already written); models are sorted (Alink: the
 * directory-listing order, errata E25); folder names are read in UTC; names that parse but are not
 * canonical are ignored (E26); a model whose rows differ from its log's count, or whose schema
 * differs from the stream's, is an error naming its folder. A committed folder without its
 * `conf/<ts>.log` is an error naming the folder, as in Alink. A model that a writer's
 * `numKeepModel` clean-up deletes between the listing and its read is skipped (Alink fails).
 */
export class ModelStreamFileSourceStreamOp extends declareParams(StreamOperator, PARAMS) {
  static override readonly INPUTS = 0;

  private root(): string {
    return path.resolve(this.getFilePath());
  }

  protected outputSchema(): Schema {
    const schemaStr = this.getSchemaStr();
    if (schemaStr !== null) return modelStreamSchema(Schema.parse(schemaStr));
    const operator = this.operatorName;
    const { models } = scanModelFolder(this.root(), operator);
    if (models.length === 0) {
      throw new StreamlabError(
        `${operator}: ${this.root()} holds no committed model, so the model schema cannot be read from one; set schemaStr (Alink: "Should set the schema str when the model folder is empty.").`,
        { operator, param: "schemaStr" },
      );
    }
    try {
      return modelStreamSchema(readAkSchema(models[0].dir));
    } catch (error) {
      throw new StreamlabError(`${operator}: model folder ${models[0].dir} cannot be read: ${(error as Error).message}`, { operator, file: models[0].dir });
    }
  }

  createTask(): SourceTask {
    const operator = this.operatorName;
    const root = this.root();
    const modelSchema = modelSchemaOfStream(this.getSchema(), operator);
    const startText = this.getStartTime();
    const start = startText === null ? null : parseModelTime(startText, operator, "startTime");
    const models: CommittedModel[] = scanModelFolder(root, operator).models.filter((m) => start === null || compareModelTimestamps(m.ts, start) >= 0);
    let at = 0;
    // Live scans (paced runs) emit only models newer than every one listed at the start.
    const live = new LiveFolderScan(root, start, this.getScanInterval(), models.length > 0 ? models[models.length - 1].ts : null, operator);
    return {
      next(): StreamChunk | null {
        let model: CommittedModel;
        let table: Table | null;
        do {
          if (at >= models.length) return null;
          model = models[at++];
          table = tryReadCommittedModel(root, model, operator); // null: deleted by a writer's numKeepModel since listed, skipped
        } while (table === null);
        if (!table.schema.equals(modelSchema)) {
          throw new StreamlabError(`${operator}: model folder ${model.dir} holds a model of schema ${table.schema}, but the stream's model schema is ${modelSchema}.`, {
            operator,
            file: model.dir,
          });
        }
        const rows = toModelStreamRows(table, model.ts.epochMs);
        return new StreamChunk(rows, new Float64Array(rows.numRows).fill(model.ts.epochMs / 1000));
      },
      poll(reached: number): StreamChunk | null {
        const fresh = live.scan();
        for (let k = fresh.length - 1; k >= 0; k--) {
          const model = fresh[k];
          live.seen(model);
          let table: Table | null;
          try {
            table = tryReadCommittedModel(root, model, operator);
          } catch (error) {
            console.warn(`${operator}: skipped model ${model.dir}: ${(error as Error).message}`);
            continue;
          }
          if (table === null) continue;
          if (!table.schema.equals(modelSchema)) {
            console.warn(`${operator}: skipped model ${model.dir}: it has schema ${table.schema}, but the stream's model schema is ${modelSchema}.`);
            continue;
          }
          const rows = toModelStreamRows(table, model.ts.epochMs);
          return new StreamChunk(rows, new Float64Array(rows.numRows).fill(reached));
        }
        return null;
      },
    };
  }
}
