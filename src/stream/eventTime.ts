import { StreamlabError } from "../core/errors";
import { NumberColumn } from "../core/column";
import { Schema } from "../core/schema";
import { Table } from "../core/table";
import { Param } from "../params/param";
import { ParamSource, snapshotParams } from "../common/paramSnapshot";
import { StreamChunk } from "./chunk";

/** Event-time parameters of every stream source (streamlab's addition: Alink streams use wall-clock time). */
export const EventTimeParams = {
  timeCol: Param.string({
    doc: "Column holding each row's event time: a number of seconds (DOUBLE, FLOAT, INT, BIGINT) or a TIMESTAMP. Null = times generated from timePerSample.",
    optional: true,
  }),
  timePerSample: Param.double({
    doc: "Seconds of event time between consecutive rows when timeCol is not set; the first row is at startTime.",
    default: 1,
    min: 0,
  }),
  startTime: Param.double({ doc: "Event time (seconds) of the first row when times are generated from timePerSample.", default: 0 }),
  maxOutOfOrderness: Param.double({
    doc: "How many seconds a row may arrive behind the latest event time seen; such rows are put back in order. A row later than that is an error. 0 = rows must already be in event-time order.",
    default: 0,
    min: 0,
  }),
};

const TIME_COL_PARAM = { timeCol: EventTimeParams.timeCol };

/** Checks `timeCol` against a source's schema (at link time); returns the schema. */
export function checkTimeCol(schema: Schema, params: ParamSource<typeof TIME_COL_PARAM>, operator: string): Schema {
  const { timeCol } = snapshotParams(TIME_COL_PARAM, params);
  if (timeCol !== null) new EventTimeAssigner(schema, { timeCol, timePerSample: 1, startTime: 0, maxOutOfOrderness: 0 }, operator);
  return schema;
}

interface TimeSettings {
  timeCol: string | null;
  timePerSample: number;
  startTime: number;
  maxOutOfOrderness: number;
}

/**
 * Gives a source's rows their event times and keeps them in order: generated times, or read from
 * `timeCol`; out-of-order rows are reordered within `maxOutOfOrderness` seconds, otherwise they
 * are an error naming the row. Holds back at most the rows inside that bound.
 */
export class EventTimeAssigner {
  private rowsSeen = 0;
  private latest = -Infinity;
  private lastEmitted = -Infinity;
  private held: StreamChunk[] = [];
  private readonly timeIndex: number = -1;

  constructor(schema: Schema, private readonly settings: TimeSettings, private readonly operator: string) {
    if (settings.timeCol !== null) {
      this.timeIndex = schema.require(settings.timeCol, { operator, param: "timeCol" });
      const type = schema.types[this.timeIndex];
      if (!["DOUBLE", "FLOAT", "INT", "BIGINT", "SMALLINT", "TINYINT", "TIMESTAMP"].includes(type)) {
        throw new StreamlabError(
          `${operator}: timeCol "${settings.timeCol}" is ${type}; expected a number of seconds (DOUBLE, INT, BIGINT) or a TIMESTAMP.`,
          { operator, param: "timeCol", column: settings.timeCol },
        );
      }
    }
  }

  /**
   * Times for a table of newly read rows; returns the rows that are ready, in event-time order.
   * `timeColumn`: these rows' `timeCol` as read, for a table that no longer holds it as it was (a
   * CSV source's worker mapped it through a pipeline).
   */
  push(table: Table, timeColumn?: NumberColumn): StreamChunk | null {
    const n = table.numRows;
    const times = new Float64Array(n);
    if (this.timeIndex < 0) {
      for (let i = 0; i < n; i++) times[i] = this.settings.startTime + (this.rowsSeen + i) * this.settings.timePerSample;
    } else {
      const column = timeColumn ?? (table.columns[this.timeIndex] as NumberColumn);
      if (column.length !== n) throw new StreamlabError(`${this.operator}: ${n} rows but ${column.length} event times.`);
      const scale = column.type === "TIMESTAMP" ? 0.001 : 1;
      // Every allowed time type is stored as a number (TIMESTAMP as epoch milliseconds).
      const values = column.values;
      const nulls = column.nulls;
      for (let i = 0; i < n; i++) {
        const t = values[i] * scale;
        // One test for the usual row: a finite time (x − x is 0 only for finite x) in a row that is not null.
        if (t - t !== 0 || (nulls !== null && nulls[i] === 1)) this.badTime(nulls !== null && nulls[i] === 1, t, i);
        times[i] = t;
      }
    }
    const bound = this.settings.maxOutOfOrderness;
    // In order when no row is earlier than the latest time by more than `bound` nor than the last emitted one.
    let latest = this.latest;
    const floor = this.lastEmitted;
    for (let i = 0; i < n; i++) {
      const t = times[i];
      if (t < latest - bound || t < floor) this.outOfOrder(t, i, latest, bound);
      if (t > latest) latest = t;
    }
    this.latest = latest;
    this.rowsSeen += n;
    const chunk = new StreamChunk(table, times);
    if (bound === 0) {
      if (n > 0) this.lastEmitted = times[n - 1];
      return chunk;
    }
    this.held.push(chunk);
    return this.release(this.latest - bound, false);
  }

  /** A row without a usable event time: null, or not a finite number of seconds. */
  private badTime(isNull: boolean, t: number, i: number): never {
    const row = this.rowsSeen + i;
    if (isNull) {
      throw new StreamlabError(`${this.operator}: row ${row} has no event time (timeCol "${this.settings.timeCol}" is null).`, {
        operator: this.operator,
        row,
        column: this.settings.timeCol!,
      });
    }
    throw new StreamlabError(`${this.operator}: row ${row} has event time ${t}; expected a finite number of seconds.`, { operator: this.operator, row });
  }

  /** A row whose time goes back further than the stream allows. */
  private outOfOrder(t: number, i: number, latest: number, bound: number): never {
    const how = bound > 0 ? `more than maxOutOfOrderness = ${bound} s behind the latest event time ${latest}` : `earlier than the previous row (${latest})`;
    throw new StreamlabError(
      `${this.operator}: row ${this.rowsSeen + i} has event time ${t}, ${how}. A stream must be in event-time order: sort the input` +
        (this.settings.timeCol !== null ? ` by "${this.settings.timeCol}"` : "") +
        (bound > 0 ? ", or raise maxOutOfOrderness." : ", or setMaxOutOfOrderness(seconds) to let streamlab reorder rows within a bound."),
      { operator: this.operator, row: this.rowsSeen + i },
    );
  }

  /** At the end of the input: everything still held, in order. */
  flush(): StreamChunk | null {
    return this.release(Infinity, true);
  }

  private release(watermark: number, all: boolean): StreamChunk | null {
    if (this.held.length === 0) return null;
    const merged = StreamChunk.concat(this.held);
    const order = Array.from({ length: merged.numRows }, (_, i) => i).sort((a, b) => merged.times[a] - merged.times[b] || a - b);
    const ready = all ? order : order.filter((i) => merged.times[i] <= watermark);
    const waiting = all ? [] : order.filter((i) => merged.times[i] > watermark).sort((a, b) => a - b);
    this.held = waiting.length === 0 ? [] : [new StreamChunk(merged.table.take(waiting), Float64Array.from(waiting, (i) => merged.times[i]))];
    if (ready.length === 0) return null;
    const out = new StreamChunk(merged.table.take(ready), Float64Array.from(ready, (i) => merged.times[i]));
    this.lastEmitted = out.lastTime;
    return out;
  }
}
