import { StreamlabError, describeValue } from "../core/errors";
import { DRIFT_DETECTIONS_SCHEMA, DriftKind, checkDriftDetectionsSchema, readDriftDetections } from "../evaluation/drift";
import { registerStreamSink } from "../stream/environment";
import { StreamOperator } from "../stream/streamOperator";
import { StreamTask } from "../stream/task";
import type { MarkerKind } from "./streamChart";

/** Anything markers can be drawn on: a `StreamChart`, `EvalStreamCharts` (all its charts). */
export interface MarkerTarget {
  addMarkers(label: string, times: readonly number[], o?: { kind?: MarkerKind }): unknown;
}

export interface DriftMarkerOptions {
  /** Legend label of the drift markers; default `<detector> drift` (e.g. "ADWIN drift"). */
  label?: string;
  /** Also mark DDM's warnings (faint rules, `<detector> warning`); default false. */
  warnings?: boolean;
}

/**
 * Draws "drift detected here" on charts: each detection of a drift detector becomes a vertical
 * marker at its event time, on one chart or on every chart of an `EvalStreamCharts`, added while
 * the stream runs (so a live chart shows it at its next redraw) — drifts as strong dashed rules,
 * DDM's warnings (with `warnings: true`) as faint ones. Pass the detector operator or its
 * detections stream (`getSideOutput(0)`); register before `StreamOperator.execute()`.
 *
 * ```ts
 * const losses = new MemSourceStreamOp(Array.from({ length: 600 }, (_, i) => [i, i < 300 ? 0.2 : 0.8]), "ts double, loss double", { timeCol: "ts" });
 * const watch = new AdwinDriftDetectStreamOp().setSelectedCol("loss").linkFrom(losses);
 * const chart = new StreamChart({ title: "loss", yTitle: "loss" }).addSeries("loss", watch, { y: "loss" });
 * addDriftMarkers(chart, watch);
 * await StreamOperator.execute();
 * chart.getMarkers().map((m) => [m.label, m.t]);  // [["ADWIN drift", 319]]
 * ```
 * After a run, `chart.addMarkers("drift", watch.getDetections().map((d) => d.eventTime))` does the same.
 */
export function addDriftMarkers(target: MarkerTarget | readonly MarkerTarget[], detections: StreamOperator, options: DriftMarkerOptions = {}): void {
  const targets: readonly MarkerTarget[] = Array.isArray(target) ? target : [target as MarkerTarget];
  for (const t of targets) {
    if (t === null || typeof t !== "object" || typeof (t as MarkerTarget).addMarkers !== "function") {
      throw new StreamlabError(`addDriftMarkers: expected a StreamChart or EvalStreamCharts to draw on, got ${describeValue(t)}.`);
    }
  }
  if (!StreamOperator.isStreamOperator(detections)) {
    throw new StreamlabError(`addDriftMarkers: expected a drift detector or its detections stream, got ${describeValue(detections)}.`);
  }
  // A detector operator (rows pass through on port 0) is read on its side output.
  const stream = detections.getSideOutputCount() > 0 && detections.getSchema().toString() !== DRIFT_DETECTIONS_SCHEMA.toString() ? detections.getSideOutput(0) : detections;
  checkDriftDetectionsSchema(stream.getSchema(), "addDriftMarkers", "the stream to mark");
  const kinds: DriftKind[] = options.warnings === true ? ["drift", "warning"] : ["drift"];
  const times = new Map<string, { kind: MarkerKind; times: number[] }>();
  registerStreamSink(stream, {
    start: (): StreamTask => {
      times.clear();
      return {
        process: (inputs) => {
          const touched = new Set<string>();
          for (const chunk of inputs[0]) {
            for (const d of readDriftDetections(chunk, kinds)) {
              const label = d.kind === "drift" ? options.label ?? `${d.detector} drift` : `${d.detector} warning`;
              let entry = times.get(label);
              if (entry === undefined) times.set(label, (entry = { kind: d.kind === "drift" ? "event" : "version", times: [] }));
              entry.times.push(d.eventTime);
              touched.add(label);
            }
          }
          for (const label of touched) {
            const entry = times.get(label)!;
            for (const t of targets) t.addMarkers(label, entry.times, { kind: entry.kind });
          }
        },
        finish: () => {},
      };
    },
  });
}
