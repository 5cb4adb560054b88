import { Schema } from "../../core/schema";
import { registerStreamSink } from "../environment";
import { StreamOperator } from "../streamOperator";
import { StreamTask, passThroughTask } from "../task";

/**
 * A stream sink that writes files (Alink's `…SinkStreamOp`): linking it registers a writer that
 * runs during the next `StreamOperator.execute()`; its output is its input, so it can also sit
 * inside a graph. Subclasses say how to write: a task started once per run.
 */
export abstract class StreamSinkOperator extends StreamOperator {
  override linkFrom(...inputs: StreamOperator[]): this {
    super.linkFrom(...inputs);
    registerStreamSink(this, { start: () => this.startWriting() });
    return this;
  }

  protected outputSchema([input]: readonly Schema[]): Schema {
    return input;
  }

  createTask(): StreamTask {
    return passThroughTask();
  }

  /** The writer for one run: receives the input's chunks and writes them (checks paths when started). */
  protected abstract startWriting(): StreamTask;
}
