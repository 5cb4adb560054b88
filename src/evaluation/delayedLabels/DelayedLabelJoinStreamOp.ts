import { NumberColumn } from "../../core/column";
import { StreamlabError, quote } from "../../core/errors";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { Param } from "../../params/param";
import { declareParams } from "../../params/declareParams";
import { ParamAccessors } from "../../params/withParams";
import { StreamChunk } from "../../stream/chunk";
import { StreamOperator } from "../../stream/streamOperator";
import { Emitter, StreamTask } from "../../stream/task";
import { LabelArrival } from "./labelArrival";
import { DelayedLabelParams } from "./params";
import { PendingLabels } from "./pendingLabels";

const PARAMS = {
  ...DelayedLabelParams,
  predictionTimeCol: Param.string({
    doc: "Name of an added TIMESTAMP column holding the event time each prediction was served (the row's input time). Null = not added.",
    optional: true,
  }),
};

export interface DelayedLabelJoinStreamOp extends ParamAccessors<DelayedLabelJoinStreamOp, typeof PARAMS> {}

/** A held prediction: the chunk it came in and its row there (chunks are kept whole while rows of them wait). */
interface Held {
  chunk: StreamChunk;
  row: number;
}

/**
 * Joins each prediction with its label when the label arrives (streamlab's addition, for delayed
 * feedback): the rows of a prediction stream — each holding the served prediction and, already, its
 * label — are held and re-emitted at their **label arrival time** (row time + delay; see
 * `labelDelay`, `labelDelayCol`, `labelTimeCol`), unchanged. Downstream evaluation then counts a row
 * in the window its label arrives in, scored against the prediction served at its own time:
 *
 * ```ts
 * const predictions = new MemSourceStreamOp(
 *   [[0, 1, '{"1":"0.9","0":"0.1"}'], [400, 0, '{"1":"0.3","0":"0.7"}'], [900, 1, '{"1":"0.6","0":"0.4"}']],
 *   "ts double, click int, detail string",
 * ).setTimeCol("ts");
 * // Clicks are known an hour after the prediction was served.
 * const joined = new DelayedLabelJoinStreamOp().setLabelDelay(3600).setPredictionTimeCol("served_at").linkFrom(predictions);
 * new EvalBinaryClassStreamOp().setLabelCol("click").setPredictionDetailCol("detail").setTimeInterval(600).linkFrom(joined).print();
 * ```
 *
 * Order: rows leave by label arrival time, ties in input order — exact and the same on every run.
 * A row with delay 0 leaves at its own time. Memory: the rows whose labels are pending (≈ rate ×
 * delay, never more than the rows of the last `maxLabelDelay` seconds) and the input chunks they
 * came in. At the end of a bounded stream every held row is emitted at its label time.
 *
 * River (`evaluate.progressive_val_score(..., moment, delay)`, `stream.simulate_qa`) reveals the
 * same labels in the same order when its `moment` is the event time: a label whose time is ≤ the
 * next row's time is revealed before that row; equal label times in arrival order. River's delay
 * without `moment` counts rows, not seconds: re-time such a stream with timePerSample 1.
 */
export class DelayedLabelJoinStreamOp extends declareParams(StreamOperator, PARAMS) {
  private arrival(input: Schema): LabelArrival {
    const arrival = LabelArrival.of(this, input, this.operatorName);
    if (arrival === null) {
      throw new StreamlabError(`${this.operatorName}: set labelDelay, labelDelayCol or labelTimeCol to say when each row's label arrives.`, {
        operator: this.operatorName,
        param: "labelDelay",
      });
    }
    return arrival;
  }

  protected outputSchema([input]: readonly Schema[]): Schema {
    this.arrival(input);
    const col = this.getPredictionTimeCol();
    if (col === null) return input;
    if (input.has(col)) {
      throw new StreamlabError(`${this.operatorName}: predictionTimeCol ${quote(col)} is already a column of the input; choose another name.`, {
        operator: this.operatorName,
        param: "predictionTimeCol",
      });
    }
    return new Schema([...input.names, col], [...input.types, "TIMESTAMP"]);
  }

  createTask([input]: readonly Schema[]): StreamTask {
    const arrival = this.arrival(input);
    const output = this.outputSchema([input]);
    const withServedTime = this.getPredictionTimeCol() !== null;
    const held = new PendingLabels<Held>();

    const emitThrough = (time: number, out: Emitter) => {
      if (held.nextTime > time) return;
      const tables: Table[] = [];
      const times: number[] = [];
      let chunk: StreamChunk | null = null;
      let rows: number[] = [];
      const flushRun = () => {
        if (chunk === null) return;
        const taken = chunk.table.take(rows);
        if (!withServedTime) tables.push(taken);
        else {
          const served = Float64Array.from(rows, (r) => chunk!.times[r] * 1000);
          tables.push(new Table(output, [...taken.columns, new NumberColumn("TIMESTAMP", served, null)]));
        }
      };
      // Consecutive rows of one input chunk are taken together (with a fixed delay: whole runs).
      held.releaseThrough(time, (item, at) => {
        if (item.chunk !== chunk) {
          flushRun();
          chunk = item.chunk;
          rows = [];
        }
        rows.push(item.row);
        times.push(at);
      });
      flushRun();
      out.emit(new StreamChunk(Table.concat(tables, output), Float64Array.from(times)));
    };

    return {
      process: (inputs, stepEnd, out) => {
        for (const chunk of inputs[0]) {
          if (chunk.numRows === 0) continue;
          const labelTimes = arrival.labelTimes(chunk);
          for (let r = 0; r < chunk.numRows; r++) held.push(labelTimes[r], { chunk, row: r });
        }
        // No later input row is before stepEnd, and its label comes no earlier than the row: every
        // label up to stepEnd is final (a later label at stepEnd itself comes after, by input order).
        emitThrough(stepEnd, out);
      },
      finish: (out) => emitThrough(Infinity, out),
    };
  }
}
