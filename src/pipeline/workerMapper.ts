/**
 * Loaded by a worker thread that runs a fitted pipeline's mapper (see `PipelineModel.workerRecipe`
 * and common/mapperRecipe.ts): rebuilds the pipeline from its JSON document and returns its mapper.
 */
import { Mapper } from "../common/mapper";
import { Schema } from "../core/schema";
import { PipelineModel } from "./Pipeline";

export function savedPipelineMapper(document: string, inputSchema: Schema): Mapper {
  return PipelineModel.fromSavedDocument(JSON.parse(document), "worker recipe").createMapper(inputSchema);
}
