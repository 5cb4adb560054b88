import { StreamlabError } from "../core/errors";
import { StreamChunk } from "./chunk";

/**
 * The end of the event-time window (or model interval) holding `time`: the first multiple of
 * `interval` above it. Computed from the multiple's index, never by adding intervals up, so the
 * boundaries do not drift; a window always ends after its first row, so a loop over windows always
 * advances (an interval too fine for the event times' doubles is an error naming the parameter).
 */
export function windowEndAfter(time: number, interval: number, operator: string, param = "timeInterval"): number {
  const index = Math.floor(time / interval) + 1;
  let end = index * interval;
  if (!(end > time)) end = (index + 1) * interval;
  if (!(end > time) || !Number.isFinite(end)) {
    throw new StreamlabError(
      `${operator}: ${param} ${interval} cannot cut event time ${time} into windows (its multiples there are not distinct doubles); use a larger ${param}.`,
      { operator, param },
    );
  }
  return end;
}

/**
 * Tumbling event-time windows `[k·interval, (k+1)·interval)` as the windowed tasks use them
 * (FtrlTrainStreamOp's model intervals, EvalBinaryClassStreamOp's metric windows): a row opens
 * the window it falls in (a gap in the stream opens none), rows go to the open window until one
 * reaches its end, and a window closes when a row passes its end, when the whole graph has
 * (`advanceTo(stepEnd)`), or when the stream finishes (`flush`). `onClose(end, out)` runs once
 * per opened window, in order.
 */
export class TumblingWindows<Out> {
  /** End of the open window; NaN when none is open. */
  private windowEnd = Number.NaN;

  constructor(
    private readonly interval: number,
    private readonly operator: string,
    private readonly onClose: (end: number, out: Out) => void,
  ) {}

  /** End of the open window (NaN when none is open). */
  get end(): number {
    return this.windowEnd;
  }

  /**
   * Splits `chunk`'s rows by window: `rows(from, to)` gets each run of rows of one window, after
   * the windows before it have closed.
   */
  feed(chunk: StreamChunk, out: Out, rows: (from: number, to: number) => void): void {
    let start = 0;
    while (start < chunk.numRows) {
      const time = chunk.times[start];
      this.advanceTo(time, out);
      if (Number.isNaN(this.windowEnd)) this.windowEnd = windowEndAfter(time, this.interval, this.operator);
      const end = chunk.indexAtTime(this.windowEnd);
      rows(start, end);
      start = end;
    }
  }

  /** Closes the open window if event time `time` has reached its end. */
  advanceTo(time: number, out: Out): void {
    if (time >= this.windowEnd) this.close(out);
  }

  /** Closes the open window, if any (the stream has ended). */
  flush(out: Out): void {
    if (!Number.isNaN(this.windowEnd)) this.close(out);
  }

  private close(out: Out): void {
    const end = this.windowEnd;
    // Reset first: onClose sees no open window.
    this.windowEnd = Number.NaN;
    this.onClose(end, out);
  }
}

/**
 * Runs `fn(from, to, time)` for each run of rows of `chunk` sharing one event time, in order:
 * whatever completes at a time (a streamed model) is handled at that time.
 */
export function forEachEventTime(chunk: StreamChunk, fn: (from: number, to: number, time: number) => void): void {
  for (let start = 0; start < chunk.numRows; ) {
    const time = chunk.times[start];
    const end = chunk.indexAtTime(time, true);
    fn(start, end, time);
    start = end;
  }
}
