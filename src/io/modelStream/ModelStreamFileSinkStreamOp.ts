import * as path from "path";
import { Schema } from "../../core/schema";
import { akBytes } from "../ak/akFile";
import { commitModel, initModelStreamRoot } from "./commit";
import { MODEL_STREAM_SINK_PARAMS } from "./params";
import { modelTimestampOfMs } from "./timestampName";
import { declareParams } from "../../params/declareParams";
import { ParamAccessors } from "../../params/withParams";
import { ModelStreamAssembler, modelSchemaOfStream } from "./modelStreamRows";
import { StreamTask } from "../../stream/task";
import { StreamSinkOperator } from "../../stream/ops/StreamSinkOperator";

const PARAMS = MODEL_STREAM_SINK_PARAMS;

export interface ModelStreamFileSinkStreamOp extends ParamAccessors<ModelStreamFileSinkStreamOp, typeof PARAMS> {}

/**
 * Writes a model stream (a trainer's output: `alinkmodelstreamtimestamp TIMESTAMP,
 * alinkmodelstreamcount BIGINT, <model columns>`) to a model-stream folder during the next
 * `StreamOperator.execute()` (Alink's `ModelStreamFileSinkStreamOp`, reference §12.6): each model is
 * committed — `<filePath>/<ts>/0` and `<filePath>/conf/<ts>.log`, Alink's layout and commit protocol
 * — as soon as all its rows (its count) have arrived; then the folder is cleaned up to the newest
 * `numKeepModel` models. `ModelStreamFileSourceStreamOp` (streamlab or Alink) reads it back.
 * The operator passes its input through, so it can sit inside a graph.
 *
 * Differences from Alink: one writer, so every model is one file `0` (Alink: one file per parallel
 * subtask that received rows); folder names in UTC (see `AppendModelStreamFileSinkBatchOp`).
 * A model whose timestamp is already in the folder is an error.
 */
export class ModelStreamFileSinkStreamOp extends declareParams(StreamSinkOperator, PARAMS) {
  protected override outputSchema([input]: readonly Schema[]): Schema {
    modelSchemaOfStream(input, this.operatorName);
    return input;
  }

  protected startWriting(): StreamTask {
    const operator = this.operatorName;
    const root = path.resolve(this.getFilePath());
    const numKeepModel = this.getNumKeepModel();
    const assembler = new ModelStreamAssembler(modelSchemaOfStream(this.getSchema(), operator), operator);
    initModelStreamRoot(root, operator);
    return {
      process(inputs) {
        for (const chunk of inputs[0]) {
          if (chunk.numRows === 0) continue;
          for (const model of assembler.push(chunk.table)) {
            commitModel(root, modelTimestampOfMs(model.timestampMs), [akBytes(model.table)], model.table.numRows, numKeepModel, operator);
          }
        }
      },
      finish() {},
    };
  }
}
