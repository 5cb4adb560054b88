import { Schema } from "../../core/schema";
import { DriftDetection, DriftKind, checkDriftDetectionsSchema, readDriftDetections } from "../../evaluation/drift/detections";
import { StreamChunk } from "../../stream/chunk";
import { DriftAction } from "./params";

/** What a trainer did about one drift of its detections input (`FtrlTrainStreamOp.getDriftActions()`). */
export interface DriftTriggerEvent {
  /** Event time of the detection (seconds): the action applies there. */
  eventTime: number;
  /** The detection's `row`, `detector` and `kind`, as the detections stream gives them. */
  row: number;
  detector: string;
  kind: DriftKind;
  action: DriftAction;
  /** REBASE: the timestamp (epoch ms) of the followed folder's model gone back to; null = the initial model (RESET, or no folder model yet). */
  modelTimestampMs: number | null;
}

/** The detection kinds that act, from `triggerOnWarning`. */
export function triggeringKinds(triggerOnWarning: boolean): DriftKind[] {
  return triggerOnWarning ? ["drift", "warning"] : ["drift"];
}

/**
 * Reads the detections input of an operator that acts on drift: checks its schema when the
 * operator is linked (`input` says which input it is, e.g. `input 1 of linkFrom(trainData,
 * detections)`), and gives the acting detections of each chunk.
 */
export class DriftTriggerInput {
  private readonly kinds: DriftKind[];

  constructor(schema: Schema, operator: string, input: string, triggerOnWarning: boolean) {
    checkDriftDetectionsSchema(schema, operator, input);
    this.kinds = triggeringKinds(triggerOnWarning);
  }

  /** The detections of `chunk` that act (drifts; warnings too with triggerOnWarning), in event-time order. */
  read(chunk: StreamChunk): DriftDetection[] {
    return readDriftDetections(chunk, this.kinds);
  }
}
