/**
 * Drift detections drawn as chart markers (src/notebook/driftMarkers.ts): the markers are at the
 * detections' event times, on one chart or on every chart of an EvalStreamCharts, drifts as strong
 * rules and warnings (on request) as faint ones, and they reach the rendered SVG.
 */
import { describe, expect, it } from "vitest";
import { AdwinDriftDetectStreamOp, DdmDriftDetectStreamOp, EvalStreamCharts, MemSourceStreamOp, StreamChart, StreamOperator, StreamlabError, addDriftMarkers, vegaLiteToSvg } from "../../src";

const t0 = 1_600_000_000;
/** Loss 0.2 then 0.8, one row a second from t0. */
const losses = () => new MemSourceStreamOp(Array.from({ length: 600 }, (_, i) => [t0 + i, i < 300 ? 0.2 : 0.8]), "ts double, loss double", { timeCol: "ts" });

describe("addDriftMarkers", () => {
  it("marks each detection at its event time, while the stream runs, and the markers are drawn", async () => {
    const watch = new AdwinDriftDetectStreamOp().setSelectedCol("loss").linkFrom(losses());
    const chart = new StreamChart({ title: "loss", yTitle: "loss" }).addSeries("loss", watch, { y: "loss" });
    addDriftMarkers(chart, watch);
    await StreamOperator.execute();
    const detections = watch.getDetections();
    // ADWIN's first check after the jump at row 300 is at the 320th value (clock 32): row 319.
    expect(detections.map((d) => d.row)).toEqual([319]);
    expect(chart.getMarkers()).toEqual([{ label: "ADWIN drift", t: t0 + 319, kind: "event" }]);
    const spec = chart.spec() as { layer: { data: { values: { marker?: string; x: string }[] } }[] };
    const markerValues = spec.layer.flatMap((l) => l.data.values.filter((v) => v.marker !== undefined));
    expect(markerValues).toEqual([{ marker: "ADWIN drift", x: new Date((t0 + 319) * 1000).toISOString() }]);
    const svg = await vegaLiteToSvg(chart.spec());
    expect(svg).toContain("ADWIN drift");
  });

  it("takes the detections stream itself, a custom label, several targets, and DDM warnings as faint rules", async () => {
    // 0/1 errors: none for 40 rows, then one every other row: DDM warns, then signals.
    const errors = Array.from({ length: 120 }, (_, i) => [t0 + i, i >= 40 && i % 2 === 0 ? 1 : 0]);
    const watch = new DdmDriftDetectStreamOp().setSelectedCol("err").setWarmStart(5).linkFrom(new MemSourceStreamOp(errors, "ts double, err int", { timeCol: "ts" }));
    const a = new StreamChart().addSeries("err", watch, { y: "err" });
    const b = new StreamChart().addSeries("err", watch, { y: "err" });
    addDriftMarkers([a, b], watch.getSideOutput(0), { label: "error-rate drift", warnings: true });
    await StreamOperator.execute();
    const detections = watch.getDetections();
    expect(detections.some((d) => d.kind === "drift")).toBe(true);
    const expected = detections.map((d) => ({ label: d.kind === "drift" ? "error-rate drift" : "DDM warning", t: d.eventTime, kind: d.kind === "drift" ? "event" : "version" }));
    const sorted = (m: readonly { label: string; t: number }[]) => [...m].sort((x, y) => x.t - y.t || x.label.localeCompare(y.label));
    expect(sorted(a.getMarkers())).toEqual(sorted(expected));
    expect(sorted(b.getMarkers())).toEqual(sorted(expected));
  });

  it("marks every chart of an EvalStreamCharts", async () => {
    const rows = Array.from({ length: 400 }, (_, i) => {
      const wrong = i >= 200 ? i % 2 === 0 : i % 10 === 0;
      const y = i % 3 === 0 ? 1 : 0;
      const p = wrong ? 1 - y : y;
      return [t0 + i * 10, y, p, JSON.stringify({ 1: p ? 0.8 : 0.2, 0: p ? 0.2 : 0.8 })];
    });
    const predictions = new MemSourceStreamOp(rows, "ts double, click int, pred int, details string", { timeCol: "ts" });
    const watch = new DdmDriftDetectStreamOp().setLabelCol("click").setPredictionCol("pred").linkFrom(predictions);
    const charts = new EvalStreamCharts({ model: watch }, { labelCol: "click", predictionDetailCol: "details", timeInterval: 600, metrics: ["AUC", "LogLoss"] });
    addDriftMarkers(charts, watch);
    await StreamOperator.execute();
    const times = watch.getDetections().filter((d) => d.kind === "drift").map((d) => d.eventTime);
    expect(times.length).toBeGreaterThan(0);
    for (const metric of ["AUC", "LogLoss"]) expect(charts.chart(metric).getMarkers().map((m) => m.t)).toEqual(times);
  });

  it("refuses what it cannot draw on or read", () => {
    const watch = new AdwinDriftDetectStreamOp().setSelectedCol("loss").linkFrom(losses());
    expect(() => addDriftMarkers({} as never, watch)).toThrow(StreamlabError);
    expect(() => addDriftMarkers(new StreamChart(), losses())).toThrow(/detections stream/);
  });
});
