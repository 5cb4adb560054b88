import { Param } from "../../params/param";
import { FilePathParam } from "../../params/shared";
import { KEEP_ALL_MODELS } from "./commit";

const numKeepModel = Param.int({
  doc: "How many of the newest committed models to keep; older model folders and their logs are deleted after each commit (negative keeps all, 0 deletes all). Default Integer.MAX_VALUE, keep all.",
  default: KEEP_ALL_MODELS,
});

/** `ModelStreamFileSinkStreamOp`'s parameters (Alink's `ModelStreamFileSinkParams`). */
export const MODEL_STREAM_SINK_PARAMS = {
  ...FilePathParam,
  numKeepModel,
};

/** `AppendModelStreamFileSinkBatchOp`'s parameters (Alink's `AppendModelStreamFileSinkParams`). */
export const APPEND_MODEL_STREAM_PARAMS = {
  ...FilePathParam,
  modelTime: Param.string({
    doc: 'Timestamp of the model, "yyyy-mm-dd hh:mm:ss[.fffffffff]" (UTC); null = the time the operator is linked (as Alink).',
    optional: true,
  }),
  numFiles: Param.int({ doc: "Number of .ak files the model is written as (0 … numFiles−1 in its folder; rows dealt round-robin).", default: 1, min: 1 }),
  numKeepModel,
};

/** `ModelStreamFileSourceStreamOp`'s parameters (Alink's `ModelStreamFileSourceParams`). */
export const MODEL_STREAM_SOURCE_PARAMS = {
  ...FilePathParam,
  scanInterval: Param.int({
    doc: "Wall-clock seconds between scans of the folder in a paced run (execute({ speedFactor })), which also emits models committed while it runs, as Alink does. An unpaced run reads the folder once when it starts.",
    default: 10,
    min: 1,
  }),
  startTime: Param.string({
    doc: 'Only models with a timestamp ≥ this "yyyy-mm-dd hh:mm:ss[.fffffffff]" (UTC) are read; null = every committed model (Alink: now).',
    optional: true,
  }),
  schemaStr: Param.schemaStr({
    doc: "Schema of the model table (without the two model-stream columns); null = from the .ak meta of the first (oldest) model.",
    optional: true,
  }),
};
