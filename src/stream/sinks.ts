import { Schema } from "../core/schema";
import { Row, Table } from "../core/table";
import { displayPort } from "../engine/display";
import { StreamChunk } from "./chunk";
import { StreamSink } from "./environment";
import type { PrintOptions } from "./options";
import { StreamTask } from "./task";

/** The rows a stream produced, available after `StreamOperator.execute()`. */
export interface StreamCollection {
  getRows(): Row[];
  getTable(): Table;
  /** Event time (seconds) of each collected row. */
  getTimes(): Float64Array;
}

/** Keeps every row of a stream (explicitly asked for: memory grows with the stream). */
export class CollectSink implements StreamSink, StreamCollection {
  private chunks: StreamChunk[] = [];
  private merged: StreamChunk | null = null;

  constructor(private readonly schema: Schema) {}

  start(): StreamTask {
    this.chunks = [];
    this.merged = null;
    return {
      process: (inputs) => {
        for (const chunk of inputs[0]) if (chunk.numRows > 0) this.chunks.push(chunk);
      },
      finish: () => {},
    };
  }

  private all(): StreamChunk {
    if (this.merged === null) {
      this.merged = this.chunks.length === 0 ? new StreamChunk(Table.empty(this.schema), new Float64Array(0)) : StreamChunk.concat(this.chunks);
      this.chunks = [this.merged];
    }
    return this.merged;
  }

  getTable(): Table {
    return this.all().table;
  }

  getRows(): Row[] {
    return this.getTable().toRows();
  }

  getTimes(): Float64Array {
    return this.all().times;
  }
}

/**
 * Shows the most recent rows of a stream, redrawn in place in a notebook while the stream runs;
 * the last frame (the final rows) stays in the saved notebook. Outside notebooks the final frame
 * is printed as text when the stream ends. Memory: at most `maxLimit` rows.
 */
export class PrintSink implements StreamSink {
  constructor(private readonly schema: Schema, private readonly options: PrintOptions & { title: string }) {}

  start(): StreamTask {
    const maxLimit = this.options.maxLimit ?? 20;
    const refreshMs = (this.options.refreshInterval ?? 0.5) * 1000;
    const live = displayPort().liveDisplay();
    let recent: StreamChunk[] = [];
    let kept = 0;
    let received = 0;
    let lastDraw = 0;
    const frame = () => {
      const tail = recent.length === 0 ? Table.empty(this.schema) : StreamChunk.concat(recent).table;
      const shown = tail.slice(Math.max(0, tail.numRows - maxLimit));
      const title = `${this.options.title ?? "stream"} — ${received} rows received, showing the last ${shown.numRows}`;
      return { shown, title };
    };
    const draw = (final: boolean) => {
      const { shown, title } = frame();
      live.table(shown, { title, headRows: maxLimit, tailRows: 0 }, final);
    };
    return {
      process: (inputs) => {
        for (const chunk of inputs[0]) {
          if (chunk.numRows === 0) continue;
          received += chunk.numRows;
          recent.push(chunk.numRows > maxLimit ? chunk.slice(chunk.numRows - maxLimit) : chunk);
          kept += Math.min(chunk.numRows, maxLimit);
          while (recent.length > 1 && kept - recent[0].numRows >= maxLimit) kept -= recent.shift()!.numRows;
        }
        const now = Date.now();
        if (live.isLive && now - lastDraw >= refreshMs) {
          lastDraw = now;
          draw(false);
        }
      },
      finish: () => draw(true),
    };
  }
}
