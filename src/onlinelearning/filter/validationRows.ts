import { StreamChunk } from "../../stream/chunk";

/** Validation rows handed to a model's evaluation: the rows, their event times, and the stream index of the first. */
export interface ValidationRows {
  rows: StreamChunk;
  /** Index of the first row among all validation rows of the stream (for messages). */
  firstRow: number;
}

/**
 * The most recent `capacity` validation rows (a FIFO in event-time order): what a model is judged
 * on in `PRECEDING` mode. Old rows are dropped lazily (a pointer moves; storage is released when
 * the rows are next read), so appending costs nothing per row however large the window is.
 */
export class RecentValidationRows {
  private chunks: StreamChunk[] = [];
  /** Rows of `chunks[0]` already dropped. */
  private skip = 0;
  private held = 0;
  private seen = 0;

  constructor(readonly capacity: number) {}

  get length(): number {
    return this.held;
  }

  push(chunk: StreamChunk): void {
    if (chunk.numRows === 0) return;
    this.chunks.push(chunk);
    this.held += chunk.numRows;
    this.seen += chunk.numRows;
    let excess = this.held - this.capacity;
    while (excess > 0) {
      const available = this.chunks[0].numRows - this.skip;
      if (available <= excess) {
        this.chunks.shift();
        this.skip = 0;
        this.held -= available;
        excess -= available;
      } else {
        this.skip += excess;
        this.held -= excess;
        excess = 0;
      }
    }
  }

  /** The rows held, as one chunk (the window is compacted into it), or null when empty. */
  read(): ValidationRows | null {
    if (this.held === 0) return null;
    if (this.skip > 0 || this.chunks.length > 1) {
      const first = this.chunks[0].slice(this.skip);
      this.chunks = [StreamChunk.concat([first, ...this.chunks.slice(1)])];
      this.skip = 0;
    }
    return { rows: this.chunks[0], firstRow: this.seen - this.held };
  }
}

/**
 * The next `needed` validation rows from some event time on: what a model is judged on in
 * `FOLLOWING` mode.
 */
export class FollowingValidationRows {
  private readonly chunks: StreamChunk[] = [];
  private collected = 0;
  private firstRow = -1;

  constructor(readonly needed: number) {}

  get length(): number {
    return this.collected;
  }

  get complete(): boolean {
    return this.collected >= this.needed;
  }

  /**
   * Takes what it still needs from the start of `chunk` (whose first row has stream index
   * `firstRow`); returns how many rows it took.
   */
  take(chunk: StreamChunk, firstRow: number): number {
    const n = Math.min(this.needed - this.collected, chunk.numRows);
    if (n <= 0) return 0;
    if (this.firstRow < 0) this.firstRow = firstRow;
    this.chunks.push(n === chunk.numRows ? chunk : chunk.slice(0, n));
    this.collected += n;
    return n;
  }

  read(): ValidationRows | null {
    if (this.collected === 0) return null;
    return { rows: StreamChunk.concat(this.chunks), firstRow: this.firstRow };
  }
}
