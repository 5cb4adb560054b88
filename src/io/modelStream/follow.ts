import * as path from "path";
import { ParamSource, snapshotParams } from "../../common/paramSnapshot";
import { StreamlabError } from "../../core/errors";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { StreamChunk } from "../../stream/chunk";
import { StreamOperator } from "../../stream/streamOperator";
import { SourceTask } from "../../stream/task";
import { ModelStreamScanParams } from "../../params/shared";
import { LiveFolderScan } from "./liveScan";
import { CommittedModel, readCommittedModel, scanModelFolder } from "./scanner";
import { ModelTimestamp, compareModelTimestamps, parseModelTime, parseModelTimestamp } from "./timestampName";

/**
 * Following a model-stream folder from inside an operator (`modelStreamFilePath`, Alink's
 * `ModelStreamScanParams`): the operator gets a hidden source input, {@link ModelFolderTicksStreamOp},
 * that emits one row per committed model at the event time of the model's timestamp, and reads the
 * model itself when that row reaches it ({@link readFollowedModel}), so a model that cannot be read
 * is a refused model (a failed swap), not a failed run.
 */

/** The rows of the hidden source: one per committed model, at the event time of its timestamp. */
export const MODEL_TICK_SCHEMA = new Schema(["alinkmodelstreamtimestamp", "model_folder"], ["TIMESTAMP", "STRING"]);

/** A followed folder: the settings the hidden source was made from. */
export interface FollowedFolder {
  root: string;
  startTime: string | null;
  /** Wall-clock seconds between scans in a paced (real-time) run; default 10, as Alink. */
  scanInterval?: number;
}

const SCAN_PARAM_NAMES = new Set(Object.keys(ModelStreamScanParams).map((n) => n.toLowerCase()));

/** Whether a parameter name (any case) is one of the three `ModelStreamScanParams`; `path` = modelStreamFilePath only. */
export function isModelStreamScanParam(name: string, path = false): boolean {
  const lower = name.toLowerCase();
  return path ? lower === "modelstreamfilepath" : SCAN_PARAM_NAMES.has(lower);
}

/** The `modelStreamFilePath` settings of an operator, or null when no folder is followed. */
export function followedFolderOf(op: ParamSource<typeof ModelStreamScanParams>): FollowedFolder | null {
  const scan = snapshotParams(ModelStreamScanParams, op);
  if (scan.modelStreamFilePath === null) return null;
  return { root: path.resolve(scan.modelStreamFilePath), startTime: scan.modelStreamStartTime, scanInterval: scan.modelStreamScanInterval };
}

/**
 * The hidden source of an operator that follows a model-stream folder (not exported: it is made
 * by the operator from its `modelStreamFilePath` / `modelStreamStartTime`). The folder is listed
 * once when the run starts; committed models with timestamp ≥ startTime are announced oldest
 * first, each at its timestamp's event time — the deterministic replay.
 *
 * In a paced run (`StreamOperator.execute({ speedFactor })`, a real-time run) the folder is also
 * scanned every `modelStreamScanInterval` wall-clock seconds, as Alink does: when a scan finds
 * models committed since the last one (newer than every model announced so far), the newest of them
 * is announced at the event time the run has reached (Alink, too, loads only the newest model of a
 * scan). Without pacing a run is not in wall-clock time, so models committed during it are not seen.
 */
export class ModelFolderTicksStreamOp extends StreamOperator {
  static override readonly INPUTS = 0;

  constructor(readonly folder: FollowedFolder, private readonly owner: string) {
    super();
  }

  override get operatorName(): string {
    return `${this.owner}(modelStreamFilePath)`;
  }

  private start(): ModelTimestamp | null {
    return this.folder.startTime === null ? null : parseModelTime(this.folder.startTime, this.owner, "modelStreamStartTime");
  }

  protected outputSchema(): Schema {
    this.start(); // a malformed start time fails when the operator is linked
    return MODEL_TICK_SCHEMA;
  }

  createTask(): SourceTask {
    const start = this.start();
    const models: CommittedModel[] = scanModelFolder(this.folder.root, this.owner).models.filter((m) => start === null || compareModelTimestamps(m.ts, start) >= 0);
    let at = 0;
    const folder = this.folder;
    // Live scans (paced runs) announce only models newer than every one listed here.
    const live = new LiveFolderScan(folder.root, start, folder.scanInterval ?? 10, models.length > 0 ? models[models.length - 1].ts : null, this.owner);
    const tick = (model: CommittedModel, time: number) =>
      new StreamChunk(Table.fromRows([[new Date(model.ts.epochMs), model.name]], MODEL_TICK_SCHEMA), Float64Array.of(time));
    return {
      next(): StreamChunk | null {
        if (at >= models.length) return null;
        const model = models[at++];
        return tick(model, model.ts.epochMs / 1000);
      },
      poll(reached: number): StreamChunk | null {
        const fresh = live.scan();
        if (fresh.length === 0) return null;
        const model = fresh[fresh.length - 1];
        live.seen(model);
        return tick(model, reached);
      },
    };
  }
}

/** One model announced by the hidden source. */
export interface AnnouncedModel {
  name: string;
  timestampMs: number;
}

/** The models announced in a chunk of the hidden source. */
export function announcedModels(table: Table): AnnouncedModel[] {
  const out: AnnouncedModel[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const name = table.columns[1].get(i) as string;
    out.push({ name, timestampMs: (table.columns[0].get(i) as Date).getTime() });
  }
  return out;
}

/**
 * Reads an announced model of a followed folder and checks its schema against the operator's
 * model schema. Throws a StreamlabError naming the model folder when the model cannot be used
 * (deleted since the listing, missing commit log, damaged file, row count differing from the log,
 * another schema); the caller records that as a refused model.
 */
export function readFollowedModel(folder: FollowedFolder, announced: AnnouncedModel, expected: Schema, operator: string): Table {
  const ts = parseModelTimestamp(announced.name);
  if (ts === null) throw new StreamlabError(`${operator}: ${announced.name} is not a model folder name.`, { operator });
  const model: CommittedModel = { name: announced.name, ts, dir: path.join(folder.root, announced.name) };
  const table = readCommittedModel(folder.root, model, operator);
  if (!table.schema.equals(expected)) {
    throw new StreamlabError(`${operator}: model folder ${model.dir} holds a model of schema ${table.schema}, but this operator's model has ${expected}.`, {
      operator,
      file: model.dir,
    });
  }
  return table;
}
