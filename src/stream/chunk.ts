import { StreamlabError } from "../core/errors";
import { Table } from "../core/table";

/**
 * A piece of a stream: a columnar table and one event time (seconds) per row, non-decreasing.
 * Event times travel beside the user's columns, so schemas stay exactly Alink's.
 */
export class StreamChunk {
  constructor(readonly table: Table, readonly times: Float64Array) {
    if (times.length !== table.numRows) {
      throw new StreamlabError(`StreamChunk: ${table.numRows} rows but ${times.length} event times.`);
    }
  }

  get numRows(): number {
    return this.table.numRows;
  }

  get firstTime(): number {
    return this.times[0];
  }

  get lastTime(): number {
    return this.times[this.times.length - 1];
  }

  slice(start: number, end = this.numRows): StreamChunk {
    return new StreamChunk(this.table.slice(start, end), this.times.subarray(start, end));
  }

  /** The given rows (ascending indices keep the time order). */
  take(rows: ArrayLike<number>): StreamChunk {
    const n = rows.length;
    const times = new Float64Array(n);
    for (let k = 0; k < n; k++) times[k] = this.times[rows[k]];
    return new StreamChunk(this.table.take(rows), times);
  }

  /** Same rows and times, other columns (a mapper's output). */
  withTable(table: Table): StreamChunk {
    return new StreamChunk(table, this.times);
  }

  /** Index of the first row whose time is ≥ `time` (or > `time` when `strict`). */
  indexAtTime(time: number, strict = false): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const t = this.times[mid];
      if (strict ? t <= time : t < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  static concat(chunks: readonly StreamChunk[]): StreamChunk {
    if (chunks.length === 1) return chunks[0];
    const times = new Float64Array(chunks.reduce((s, c) => s + c.numRows, 0));
    let at = 0;
    for (const c of chunks) {
      times.set(c.times, at);
      at += c.numRows;
    }
    return new StreamChunk(Table.concat(chunks.map((c) => c.table)), times);
  }
}

/**
 * Interleaves the chunks several inputs delivered in one step into event-time order, ties broken
 * by input index then arrival: the order every multi-input operator sees its inputs in.
 * Yields `[inputIndex, slice]` pairs; slices are cut where another input's rows come between.
 */
export function* mergeByTime(inputs: readonly (readonly StreamChunk[])[]): Generator<[number, StreamChunk]> {
  const queues = inputs.map((chunks) => chunks.filter((c) => c.numRows > 0).map((c) => c));
  const offsets = inputs.map(() => 0);
  for (;;) {
    let best = -1;
    let bestTime = Infinity;
    for (let i = 0; i < queues.length; i++) {
      if (queues[i].length === 0) continue;
      const t = queues[i][0].times[offsets[i]];
      if (t < bestTime) {
        best = i;
        bestTime = t;
      }
    }
    if (best < 0) return;
    // Rows of `best` up to the next row of any other input (equal times: lower index first).
    let limit = Infinity;
    let limitStrict = false;
    for (let i = 0; i < queues.length; i++) {
      if (i === best || queues[i].length === 0) continue;
      const t = queues[i][0].times[offsets[i]];
      if (t < limit || (t === limit && i < best)) {
        limit = t;
        limitStrict = i > best;
      }
    }
    const chunk = queues[best][0];
    const start = offsets[best];
    let end = limit === Infinity ? chunk.numRows : chunk.indexAtTime(limit, limitStrict);
    if (end <= start) end = start + 1;
    yield [best, chunk.slice(start, end)];
    if (end >= chunk.numRows) {
      queues[best].shift();
      offsets[best] = 0;
    } else offsets[best] = end;
  }
}
