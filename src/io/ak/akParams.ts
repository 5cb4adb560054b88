import { Param } from "../../params/param";
import { FilePathParam } from "../../params/shared";

/** Parameters of the `.ak` sources (Alink's `AkSourceParams`). */
export const AK_SOURCE_PARAMS = {
  ...FilePathParam,
};

/** Parameters of the `.ak` sinks (Alink's `AkSinkParams`). */
export const AK_SINK_PARAMS = {
  ...FilePathParam,
  numFiles: Param.int({
    doc: "Number of files written: 1 writes one .ak file at filePath; more write a folder at filePath holding files 1 … numFiles, rows dealt round-robin (as Alink 1.6.2 does).",
    default: 1,
    min: 1,
  }),
  overwriteSink: Param.bool({ doc: "Replace an existing file or folder at filePath; otherwise its existence is an error.", default: false }),
};
