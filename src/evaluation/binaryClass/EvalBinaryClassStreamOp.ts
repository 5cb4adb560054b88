import { StringColumn } from "../../core/column";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { Param } from "../../params/param";
import { declareParams } from "../../params/declareParams";
import { ParamAccessors } from "../../params/withParams";
import { StreamChunk } from "../../stream/chunk";
import { StreamOperator } from "../../stream/streamOperator";
import { Emitter, StreamTask } from "../../stream/task";
import { EVAL_BINARY_PARAMS, checkBinaryEvalColumns } from "./EvalBinaryClassBatchOp";
import { BinnedBinarySummary } from "./binnedMetrics";
import { ExactBinarySummary } from "./exactMetrics";
import { LabelValue, labelToString } from "../../common/labels";
import { extractBinarySamplesIfAny, orderBinaryLabels } from "./labels";
import { BinaryMetricsTexts } from "./metricsTexts";
import { TumblingWindows } from "../../stream/timeWindows";

const PARAMS = {
  ...EVAL_BINARY_PARAMS,
  predictionCol: Param.string({
    doc: "Predicted-label column. Accepted for Alink compatibility and ignored: binary metrics come from predictionDetailCol.",
    optional: true,
    aliases: ["predResultColName", "predColName"],
  }),
  timeInterval: Param.double({
    doc: "Length of the tumbling evaluation windows, in seconds of event time (windows start at multiples of it).",
    default: 3,
    min: 0,
    minExclusive: true,
  }),
};

export interface EvalBinaryClassStreamOp extends ParamAccessors<EvalBinaryClassStreamOp, typeof PARAMS> {}

const OUTPUT = new Schema(["Statistics", "Data"], ["STRING", "STRING"]);

/**
 * Binary-classification metrics of a prediction stream over event-time windows (Alink's
 * `EvalBinaryClassStreamOp`, reference §8.4–8.5): for every window of `timeInterval` seconds that
 * holds at least one usable row, two rows `Statistics|Data` — `window` (that window only) and
 * `all` (everything so far) — each emitted at the window's end time, with Alink's metrics JSON
 * (AUC, LogLoss, Accuracy, ConfusionMatrix, curves, ...). Pull single metrics out with
 * `JsonValueStreamOp`.
 *
 * Differences from Alink, both deliberate: windows are in event time, so the same stream gives the
 * same windows on every run (Alink's are processing-time windows); and the `window` metrics are
 * **exact** (rank-sum AUC with tied scores averaged, as `EvalBinaryClassBatchOp`), where Alink bins
 * probabilities into 100 000 bins. The cumulative `all` row uses Alink's 100 000-bin summary: it
 * covers an unbounded stream in fixed memory and constant time per window (an exact cumulative
 * AUC would have to keep every score); its AUC differs from the exact one by about 1e-5.
 *
 * Windows without a usable row emit nothing (a gap in the stream costs no rows and no work). Rows
 * with a null label or a null detail are skipped, as in the batch evaluation. While the rows so far
 * hold one class only, AUC, PRC, K-S and GINI are NaN in both rows (window and all), as in
 * `EvalBinaryClassBatchOp` (Alink's binned summary would report 0.5 or 1). A detail that is not two
 * probabilities in [0, 1] summing to 1 (NaN included), or a third label, is an error naming the row
 * and its event time.
 */
export class EvalBinaryClassStreamOp extends declareParams(StreamOperator, PARAMS) {
  protected outputSchema([input]: readonly Schema[]): Schema {
    checkBinaryEvalColumns(input, this, this.operatorName);
    return OUTPUT;
  }

  createTask([input]: readonly Schema[]): StreamTask {
    const [labelIndex, detailIndex] = checkBinaryEvalColumns(input, this, this.operatorName);
    const labelType = input.types[labelIndex];
    const interval = this.getTimeInterval();
    const positive = this.getPositiveLabelValueString();
    const context = { operator: this.operatorName, labelCol: input.names[labelIndex], detailCol: input.names[detailIndex] };
    let window = new ExactBinarySummary();
    const all = new BinnedBinarySummary();
    let rowsSeen = 0;
    // Labels met so far, as [value, text]; the evaluation needs exactly two.
    const labelsSeen = new Map<string, LabelValue>();

    const windows = new TumblingWindows<Emitter>(interval, this.operatorName, (end, out) => {
      if (window.length > 0) {
        const labels = orderBinaryLabels([...labelsSeen.values()], labelType, positive, this.operatorName).strings;
        // The metrics JSON is written when read (BinaryMetricsTexts): most readers want a few numbers.
        const data = StringColumn.rendered(new BinaryMetricsTexts([window.value(labels), all.value(labels, { nanForOneClass: true })]));
        out.emit(new StreamChunk(new Table(OUTPUT, [new StringColumn(["window", "all"]), data]), Float64Array.of(end, end)));
      }
      window = new ExactBinarySummary();
    });

    const addRows = (chunk: StreamChunk, from: number, to: number) => {
      const piece = chunk.table.slice(from, to);
      const times = chunk.times.subarray(from, to);
      // Rows without a label or a detail are skipped (as in the batch evaluation); a piece of only
      // such rows adds nothing.
      const samples = extractBinarySamplesIfAny(piece.columns[labelIndex], labelType, piece.columns[detailIndex], positive, {
        ...context,
        rowOffset: rowsSeen,
        eventTimes: times,
        streamLabels: [...labelsSeen.keys()],
      });
      rowsSeen += piece.numRows;
      if (samples === null) return;
      for (const value of samples.labels.values) labelsSeen.set(labelToString(value, labelType), value);
      // Samples are scored against this piece's label order; re-express against the stream's order.
      const flip = windowLabelsFlipped(samples.labels.strings, [...labelsSeen.values()], labelType, positive, this.operatorName);
      for (let i = 0; i < samples.length; i++) {
        const score = flip ? 1 - samples.scores[i] : samples.scores[i];
        const isPositive = flip ? samples.positive[i] === 0 : samples.positive[i] === 1;
        window.add(score, isPositive, samples.logLoss[i]);
        all.add(score, isPositive, samples.logLoss[i]);
      }
    };

    return {
      process: (inputs, stepEnd, out) => {
        // A row opens the window it falls in: gaps in the stream open none.
        for (const chunk of inputs[0]) windows.feed(chunk, out, (start, end) => addRows(chunk, start, end));
        // The window is over once the whole graph has passed its end.
        windows.advanceTo(stepEnd, out);
      },
      finish: (out) => windows.flush(out),
    };
  }
}

/** True when a piece's [positive, negative] label texts are the reverse of the stream's order. */
function windowLabelsFlipped(
  pieceLabels: readonly [string, string],
  streamLabels: LabelValue[],
  type: Parameters<typeof orderBinaryLabels>[1],
  positive: string | null,
  operator: string,
): boolean {
  if (streamLabels.length < 2) return false;
  const order = orderBinaryLabels(streamLabels, type, positive, operator).strings;
  return order[0] !== pieceLabels[0];
}
