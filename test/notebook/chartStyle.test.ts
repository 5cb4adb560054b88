import { beforeEach, describe, expect, it } from "vitest";
import * as api from "../../src";
import { SERIES_PALETTE } from "../../src/notebook/palette";

const { curveChart, lineChart, vegaLiteToSvg, StreamChart, MemSourceStreamOp, StreamOperator, resetPalette } = api;

/** Stroke colours of the line marks in an SVG, in drawing order. */
function lineStrokes(svg: string): string[] {
  // each series is its own mark-line group; stop at the next mark (e.g. the point symbols)
  return svg
    .split('class="mark-line')
    .slice(1)
    .flatMap((part) => [...part.split('class="mark-')[0].matchAll(/<path[^>]*stroke="(#[0-9a-f]{6})"/g)].map((m) => m[1]));
}

describe("chart style", () => {
  beforeEach(() => resetPalette());

  it("shows legend labels in full (vega cuts them at 160 px by default)", async () => {
    const long = "FTRL (follows the model stream), cumulative over the whole stream";
    const svg = await vegaLiteToSvg(curveChart({ series: [{ name: long, x: [0, 1], y: [0, 1] }] }));
    expect(svg).toContain(long);
    expect(svg).not.toContain("…");
  });

  it("gives a series name the same colour in every chart of the notebook", async () => {
    const roc = await vegaLiteToSvg(curveChart({ series: [{ name: "train", x: [0, 1], y: [0, 1] }, { name: "test", x: [0, 1], y: [0, 0.5] }] }));
    // The second chart names the series in the opposite order and adds one.
    const data = [
      ...[0, 1, 2].map((i) => ({ it: i, v: i, s: "new" })),
      ...[0, 1, 2].map((i) => ({ it: i, v: 2 * i, s: "test" })),
      ...[0, 1, 2].map((i) => ({ it: i, v: 3 * i, s: "train" })),
    ];
    const loss = await vegaLiteToSvg(lineChart({ data, x: "it", y: "v", color: "s" }));
    const [train, test] = lineStrokes(roc);
    expect(train).toBe(SERIES_PALETTE[0]);
    expect(test).toBe(SERIES_PALETTE[1]);
    const strokes = lineStrokes(loss);
    // vega draws the series of a line mark in domain order: new, test, train
    expect(strokes).toEqual([SERIES_PALETTE[2], test, train]);
  });

  it("draws version markers faint behind the lines and event markers on top, in distinct colours", async () => {
    const rows = Array.from({ length: 6 }, (_, i) => [1413849600 + i * 600, String(0.6 + i / 100)]);
    const op = new MemSourceStreamOp(rows, "t double, AUC string").setTimeCol("t");
    const chart = new StreamChart({ title: "AUC" }).addSeries("model", op, { y: "AUC" });
    await StreamOperator.execute();
    chart.addMarkers("model version", rows.map((r) => r[0] as number), { kind: "version" }).addMarkers("drift", [1413849600 + 1500]);
    const spec = chart.spec() as { layer: { mark: { type: string; opacity?: number; strokeWidth?: number } }[] };
    expect(spec.layer.map((l) => l.mark.type)).toEqual(["rule", "line", "rule"]);
    const [version, , event] = spec.layer;
    expect(version.mark.opacity!).toBeLessThan(0.5);
    expect(version.mark.strokeWidth!).toBeLessThan(event.mark.strokeWidth!);
    expect(event.mark.opacity!).toBeGreaterThan(0.8);
    const svg = await vegaLiteToSvg(chart.spec());
    const first = (s: string) => svg.indexOf(s);
    const ruleColour = (label: string) => api.markerColor(label, label === "drift" ? "event" : "version");
    expect(ruleColour("drift")).not.toBe(ruleColour("model version"));
    expect(SERIES_PALETTE).not.toContain(ruleColour("drift"));
    // drawing order in the SVG: version rules, then the line, then the drift rule
    const versionAt = first(`stroke="${ruleColour("model version")}"`);
    const lineAt = first('class="mark-line');
    const driftAt = svg.lastIndexOf(`stroke="${ruleColour("drift")}"`);
    expect(versionAt).toBeGreaterThan(0);
    expect(versionAt).toBeLessThan(lineAt);
    expect(driftAt).toBeGreaterThan(lineAt);
  });

  it("keeps series colours in code order even if a later chart is drawn first", async () => {
    const op = new MemSourceStreamOp([[1, "0.5"]], "t double, v string").setTimeCol("t");
    const first = new StreamChart().addSeries("alpha", op, { y: "v" });
    const second = new StreamChart().addSeries("beta", op, { y: "v" });
    await StreamOperator.execute();
    await vegaLiteToSvg(second.spec()); // drawn first, e.g. by a live redraw
    expect(api.seriesColor("alpha")).toBe(SERIES_PALETTE[0]);
    expect(api.seriesColor("beta")).toBe(SERIES_PALETTE[1]);
    expect(first).toBeDefined();
  });
});

describe("PNG rendition", () => {
  it("rasterises an SVG at 1.5 times its size", async () => {
    const svg = await vegaLiteToSvg(curveChart({ series: [{ name: "ROC", x: [0, 1], y: [0, 1] }], title: "ROC", width: 200, height: 150 }));
    const size = api.svgSize(svg)!;
    const png = Buffer.from(api.svgToPng(svg));
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(Math.round(size.width * 1.5)); // IHDR width
    expect(png.readUInt32BE(20)).toBe(Math.round(size.height * 1.5));
    // The same SVG gives the same bytes (saved notebooks stay the same between runs).
    expect(Buffer.from(api.svgToPng(svg)).equals(png)).toBe(true);
  });
});
