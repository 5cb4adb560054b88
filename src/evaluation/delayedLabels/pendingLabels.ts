import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { StreamChunk } from "../../stream/chunk";

/**
 * Rows waiting for their labels, released in exact event-time order: by label arrival time, ties
 * by the order the rows were held in (their order in the stream). A binary heap keyed by
 * (time, sequence number); with a fixed delay the rows come in already sorted, so a push never
 * moves up the heap. Holds only what is waiting: with rate r rows/s and delays ≤ D, about r·D rows.
 */
export class PendingLabels<T> {
  private times: number[] = [];
  private seqs: number[] = [];
  private items: T[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.items.length;
  }

  /** Arrival time of the next label (Infinity when none waits). */
  get nextTime(): number {
    return this.items.length === 0 ? Infinity : this.times[0];
  }

  /** Holds `item` until event time `time`. */
  push(time: number, item: T): void {
    const { times, seqs, items } = this;
    const seq = this.nextSeq++;
    let i = items.length;
    times.push(time);
    seqs.push(seq);
    items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(time, seq, times[parent], seqs[parent])) break;
      this.move(parent, i);
      i = parent;
    }
    this.place(i, time, seq, item);
  }

  /** Removes and returns the next item (the caller checked {@link size}). */
  pop(): T {
    const { times, seqs, items } = this;
    const top = items[0];
    const lastTime = times.pop()!;
    const lastSeq = seqs.pop()!;
    const lastItem = items.pop()!;
    const n = items.length;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && before(times[right], seqs[right], times[left], seqs[left]) ? right : left;
      if (!before(times[child], seqs[child], lastTime, lastSeq)) break;
      this.move(child, i);
      i = child;
    }
    this.place(i, lastTime, lastSeq, lastItem);
    return top;
  }

  /** Copies the entry at heap slot `from` to slot `to` (a sift step; the three arrays move together). */
  private move(from: number, to: number): void {
    this.times[to] = this.times[from];
    this.seqs[to] = this.seqs[from];
    this.items[to] = this.items[from];
  }

  private place(i: number, time: number, seq: number, item: T): void {
    this.times[i] = time;
    this.seqs[i] = seq;
    this.items[i] = item;
  }

  /**
   * Releases, in order, every item whose label has arrived by event time `time` (arrival ≤ time;
   * arrival < time when `strict`): the caller's `release(item, arrival)` runs once per item.
   */
  releaseThrough(time: number, release: (item: T, arrival: number) => void, strict = false): void {
    while (this.items.length > 0 && (strict ? this.times[0] < time : this.times[0] <= time)) {
      const arrival = this.times[0];
      release(this.pop(), arrival);
    }
  }

  /** Releases everything still waiting (the stream has ended), in order. */
  releaseAll(release: (item: T, arrival: number) => void): void {
    this.releaseThrough(Infinity, release);
  }
}

function before(t1: number, s1: number, t2: number, s2: number): boolean {
  return t1 < t2 || (t1 === t2 && s1 < s2);
}

const NO_COLUMNS = new Schema([], []);

/** A chunk of `times` without columns: label arrivals fed through TumblingWindows to cut them by interval. */
export function timesOnlyChunk(times: Float64Array): StreamChunk {
  return new StreamChunk(new Table(NO_COLUMNS, [], times.length), times);
}
