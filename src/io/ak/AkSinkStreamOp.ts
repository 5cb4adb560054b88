import * as fs from "fs";
import * as path from "path";
import { StreamlabError } from "../../core/errors";
import { akBytesFromRecords, writeAtomically } from "./akFile";
import { AK_SINK_PARAMS } from "./akParams";
import { ByteSink } from "./kryo";
import { V1_HEADER } from "./records";
import { encodeRecords } from "./rowCodec";
import { declareParams } from "../../params/declareParams";
import { ParamAccessors } from "../../params/withParams";
import { StreamTask } from "../../stream/task";
import { StreamSinkOperator } from "../../stream/ops/StreamSinkOperator";

export interface AkSinkStreamOp extends ParamAccessors<AkSinkStreamOp, typeof AK_SINK_PARAMS> {}

/**
 * Writes a stream to an Alink `.ak` file (Alink's `AkSinkStreamOp`) during the next
 * `StreamOperator.execute()`: records are encoded as chunks arrive, and the file (or, with
 * `numFiles` > 1, the folder of files `1 … n`, rows dealt round-robin) is written when the stream
 * ends — an `.ak` file is a ZIP, which is complete only once closed. The format is that of
 * `AkSinkBatchOp`. The operator passes its input through, so it can sit inside a graph.
 * An existing path is an error at the start of the run unless `overwriteSink` is set.
 */
export class AkSinkStreamOp extends declareParams(StreamSinkOperator, AK_SINK_PARAMS) {
  protected startWriting(): StreamTask {
    const schema = this.getSchema();
    const target = path.resolve(this.getFilePath());
    const numFiles = this.getNumFiles();
    const operator = this.operatorName;
    if (fs.existsSync(target)) {
      if (!this.getOverwriteSink()) {
        throw new StreamlabError(`${operator}: ${target} already exists; setOverwriteSink(true) to replace it.`, { operator, param: "filePath", file: target });
      }
    }
    const files = Array.from({ length: numFiles }, () => {
      const sink = new ByteSink(1 << 16);
      for (const b of V1_HEADER) sink.byte(b);
      return sink;
    });
    let rows = 0;
    return {
      process(inputs) {
        for (const chunk of inputs[0]) {
          const n = chunk.numRows;
          if (n === 0) continue;
          if (numFiles === 1) encodeRecords(chunk.table, undefined, files[0], false);
          else {
            for (let f = 0; f < numFiles; f++) {
              const first = (((f - rows) % numFiles) + numFiles) % numFiles;
              const picked: number[] = [];
              for (let r = first; r < n; r += numFiles) picked.push(r);
              if (picked.length > 0) encodeRecords(chunk.table, picked, files[f], false);
            }
          }
          rows += n;
        }
      },
      finish() {
        if (fs.existsSync(target)) fs.rmSync(target, { recursive: true, force: true });
        fs.mkdirSync(path.dirname(target), { recursive: true });
        if (numFiles === 1) writeAtomically(target, akBytesFromRecords(schema, files[0].toBytes()));
        else {
          fs.mkdirSync(target);
          files.forEach((sink, f) => writeAtomically(path.join(target, String(f + 1)), akBytesFromRecords(schema, sink.toBytes())));
        }
      },
    };
  }
}
