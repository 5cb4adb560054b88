import { Column } from "../../core/column";
import { StreamlabError, quote } from "../../core/errors";
import { Schema } from "../../core/schema";
import { isNumericType } from "../../core/types";
import { labelToString, parseJavaDouble } from "../../common/labels";
import { eventTimeText } from "../../common/rowPosition";
import { StreamChunk } from "../../stream/chunk";
import { StreamOperator } from "../../stream/streamOperator";
import { StreamTask, isPortConnected } from "../../stream/task";
import { DriftDetector } from "./detector";
import { DRIFT_DETECTIONS_SCHEMA, DriftDetection, detectionsChunk } from "./detections";

/** Reads the watched value of row `r` of a chunk: a number, or why there is none. */
export type ValueReader = (chunk: StreamChunk, r: number) => number | { problem: string; column: string };

/** How the watched values of an input are read, checked once at link time. */
export interface WatchedInput {
  /** What the detector watches, for messages: `column "loss"`, `errors of "pred" against "click"`. */
  what: string;
  /** The column errors about a value name. */
  column: string;
  read: ValueReader;
}

/** Called with every detection (drifts and DDM warnings) while the stream runs, in event-time order. */
export type DriftListener = (detection: DriftDetection) => void;

/**
 * Base of the drift-detection operators (`AdwinDriftDetectStreamOp`, `PageHinkleyDriftDetectStreamOp`,
 * `DdmDriftDetectStreamOp`): rows pass through unchanged (output 0), each watched row's value goes
 * to the detector, and every detection becomes a row of side output 0 (`getSideOutput(0)`, schema
 * {@link DRIFT_DETECTIONS_SCHEMA}) at the event time of the row that completed it — the stream to
 * draw as chart markers (`addDriftMarkers`) or to link into an operator that acts on drift.
 *
 * One detector runs over the whole stream in event-time order, so the same stream gives the same
 * detections on every run and with any chunking. Listeners ({@link onDrift}) hear each detection as it
 * happens; {@link getDetections} lists those of the last run.
 *
 * Where this differs from feeding River's detector by hand: only watched rows reach the detector
 * (`whereCol`/`whereValue`; rows skipped under `handleInvalidMethod` SKIP), so counts such as ADWIN's
 * `clock` or DDM's `warmStart` are in watched values while `row` counts every input row; a warning
 * is reported once, when the detector enters its warning zone (River's `warning_detected` stays true
 * on every value in it); and values a detector cannot take are refused, never fed (River would let a
 * NaN poison the detector's sums for the rest of the stream).
 */
export abstract class DriftDetectStreamOp extends StreamOperator {
  static override readonly INPUTS = 1;
  private readonly listeners: DriftListener[] = [];
  private detections: DriftDetection[] = [];
  private skipped = 0;

  /** A new detector with this operator's parameters. */
  protected abstract createDetector(): DriftDetector;

  /** Bounds of the detector's input (DDM: 0 or 1), checked on every watched value. */
  protected checkValue(_value: number): string | null {
    return null;
  }

  /** Where the watched value of a row comes from; throws for missing or unusable columns. */
  protected watchedInput(input: Schema): WatchedInput {
    return numericColumnInput(input, this.get("selectedCol") as string | null, this.operatorName, "selectedCol");
  }

  override getSideOutputCount(): number {
    return 1;
  }

  protected outputSchema([input]: readonly Schema[]): Schema {
    this.watchedInput(input);
    this.whereFilter(input);
    return input;
  }

  protected override sideOutputSchema(): Schema {
    return DRIFT_DETECTIONS_SCHEMA;
  }

  /**
   * Calls `listener` with every detection while the stream runs (drifts, and DDM's warnings: check
   * `kind`), at the moment the detector makes it: the in-process hook for acting on drift.
   */
  onDrift(listener: DriftListener): this {
    if (typeof listener !== "function") throw new StreamlabError(`${this.operatorName}.onDrift: expected a function, got ${typeof listener}.`, { operator: this.operatorName });
    this.listeners.push(listener);
    return this;
  }

  /** The detections of the last run (drifts and warnings), in event-time order. */
  getDetections(): DriftDetection[] {
    return this.detections.map((d) => ({ ...d }));
  }

  /** Watched rows left out by the last run under handleInvalidMethod SKIP. */
  getSkippedRowCount(): number {
    return this.skipped;
  }

  /** Which rows are watched: all, or those whose whereCol equals whereValue. */
  private whereFilter(input: Schema): ((chunk: StreamChunk, r: number) => boolean) | null {
    const operator = this.operatorName;
    const whereCol = this.get("whereCol") as string | null;
    const whereValue = this.get("whereValue") as string | null;
    if ((whereCol === null) !== (whereValue === null)) {
      throw new StreamlabError(`${operator}: set whereCol and whereValue together (whereCol ${whereCol === null ? "is null" : quote(whereCol)}, whereValue ${whereValue === null ? "is null" : quote(whereValue)}).`, {
        operator,
        param: whereCol === null ? "whereCol" : "whereValue",
      });
    }
    if (whereCol === null) return null;
    const index = input.require(whereCol, { operator, param: "whereCol" });
    const type = input.types[index];
    return (chunk, r) => {
      const v = chunk.table.columns[index].get(r);
      return v !== null && labelToString(v as never, type) === whereValue;
    };
  }

  createTask([input]: readonly Schema[]): StreamTask {
    const operator = this.operatorName;
    const watched = this.watchedInput(input);
    const where = this.whereFilter(input);
    const detector = this.createDetector();
    const skipInvalid = this.get("handleInvalidMethod") === "SKIP";
    const listeners = [...this.listeners];
    const detections: DriftDetection[] = [];
    this.detections = detections;
    this.skipped = 0;
    let rowsSeen = 0;
    let warned = false;

    const invalid = (chunk: StreamChunk, r: number, problem: string, column: string, always = false) => {
      const row = rowsSeen + r;
      if (skipInvalid && !always) {
        this.skipped++;
        return;
      }
      throw new StreamlabError(
        `${operator}: row ${row} (event time ${eventTimeText(chunk.times[r])}): ${problem}; ${detector.name} cannot watch this row` +
          (always ? "." : `. Set handleInvalidMethod to "SKIP" to pass such rows through unwatched (they are counted).`),
        { operator, row, column, eventTime: chunk.times[r] },
      );
    };

    const detect = (chunk: StreamChunk): DriftDetection[] => {
      const found: DriftDetection[] = [];
      for (let r = 0; r < chunk.numRows; r++) {
        if (where !== null && !where(chunk, r)) continue;
        const x = watched.read(chunk, r);
        if (typeof x !== "number") {
          invalid(chunk, r, x.problem, x.column);
          continue;
        }
        const bad = this.checkValue(x);
        if (bad !== null) {
          invalid(chunk, r, `${watched.what} is ${x}, ${bad}`, watched.column, true);
          continue;
        }
        const drift = detector.update(x);
        // Warnings are reported when the detector enters its warning zone, not on every row in it.
        const warning = !drift && detector.warningDetected && !warned;
        warned = detector.warningDetected;
        if (!drift && !warning) continue;
        const detection: DriftDetection = {
          eventTime: chunk.times[r],
          row: rowsSeen + r,
          detector: detector.name,
          kind: drift ? "drift" : "warning",
          statistic: detector.statistic,
          threshold: drift ? detector.threshold : detector.warningBound,
          value: x,
        };
        found.push(detection);
        detections.push(detection);
        for (const listener of listeners) listener({ ...detection });
      }
      return found;
    };

    return {
      process: (inputs, _stepEnd, out) => {
        for (const chunk of inputs[0]) {
          if (chunk.numRows === 0) continue;
          const found = detect(chunk);
          rowsSeen += chunk.numRows;
          out.emit(chunk);
          if (found.length > 0 && isPortConnected(out, 1)) out.emit(detectionsChunk(found), 1);
        }
      },
      finish: () => {},
    };
  }
}

/** A numeric (or boolean, or numeric-text) column as the watched value. */
export function numericColumnInput(input: Schema, name: string | null, operator: string, param: string): WatchedInput {
  if (name === null) throw new StreamlabError(`${operator}: set ${param}, the column to watch.`, { operator, param });
  const index = input.require(name, { operator, param });
  const type = input.types[index];
  const column = input.names[index];
  if (!isNumericType(type) && type !== "BOOLEAN" && type !== "STRING") {
    throw new StreamlabError(`${operator}: ${param} ${quote(column)} is ${type}; a drift detector watches a numeric, BOOLEAN or numeric-text column.`, { operator, param, column });
  }
  const what = `column ${quote(column)}`;
  const read: ValueReader = (chunk, r) => {
    const col: Column = chunk.table.columns[index];
    if (col.isNull(r)) return { problem: `${what} is null`, column };
    let x: number;
    if (col.kind === "number" || col.kind === "boolean") x = col.values[r];
    else {
      const text = col.get(r) as string;
      const parsed = parseJavaDouble(text);
      if (parsed === undefined) return { problem: `${what} is ${quote(text)}, not a number`, column };
      x = parsed;
    }
    return Number.isFinite(x) ? x : { problem: `${what} is ${x}`, column };
  };
  return { what, column, read };
}
