import { describe, expect, it } from "vitest";
import { barChart, lineChart, vegaLiteToSvg, MemSourceBatchOp } from "../../src";
import { StreamlabError } from "../../src/core/errors";

describe("charts", () => {
  it("renders a line chart to SVG in Node", async () => {
    const data = Array.from({ length: 20 }, (_, i) => ({ iter: i, loss: 1 / (i + 1) }));
    const svg = await vegaLiteToSvg(lineChart({ data, x: "iter", y: "loss", title: "Loss" }));
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("Loss");
    expect(svg).toContain('class="mark-line');
  });

  it("renders a bar chart from a table", async () => {
    const table = new MemSourceBatchOp([["a", 1], ["b", 3]], "k string, v int").getOutputTable();
    const svg = await vegaLiteToSvg(barChart({ data: table, x: "k", y: "v" }));
    expect((svg.match(/<path/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(svg).toContain('class="mark-rect');
  });

  it("reports an invalid spec clearly", async () => {
    await expect(vegaLiteToSvg({ mark: "nonsense", data: { values: [] } })).rejects.toBeInstanceOf(StreamlabError);
  });
});

describe("DataFrame interop", () => {
  it("round-trips through danfo", async () => {
    const { BatchOperator } = await import("../../src");
    const op = new MemSourceBatchOp([[1, "a", 0.5, true], [2, null, null, false]], "i int, s string, d double, b boolean");
    const df = await op.collectToDataframe();
    expect(df.shape).toEqual([2, 4]);
    const back = BatchOperator.fromDataframe(df);
    expect(back.getColTypes()).toEqual(["INT", "STRING", "DOUBLE", "BOOLEAN"]);
    expect(back.collect()).toEqual([[1, "a", 0.5, true], [2, null, null, false]]);
    const typed = BatchOperator.fromDataframe(df, "i bigint, s string, d float, b boolean");
    expect(typed.getColTypes()).toEqual(["BIGINT", "STRING", "FLOAT", "BOOLEAN"]);
    expect(() => BatchOperator.fromDataframe(df, "i int")).toThrow("fromDataframe: the schema string has 1 columns but the DataFrame has 4 (i, s, d, b).");
  });
});

describe("curve and coefficient charts", () => {
  it("draws several curves with a diagonal", async () => {
    const { curveChart } = await import("../../src");
    const svg = await vegaLiteToSvg(
      curveChart({ series: [{ name: "model A", x: [0, 0.5, 1], y: [0, 0.8, 1] }, { name: "model B", x: [0, 1], y: [0, 1] }], diagonal: true, title: "ROC" }),
    );
    expect(svg).toContain("model A");
    expect(svg).toContain("model B");
    expect((svg.match(/class="mark-line/g) ?? []).length).toBeGreaterThanOrEqual(2);
  });

  it("keeps the largest coefficients by absolute value", async () => {
    const { coefficientChart } = await import("../../src");
    const spec = coefficientChart({ names: ["a", "b", "c"], weights: [0.1, -3, 2], top: 2 }) as { data: { values: { feature: string }[] } };
    expect(spec.data.values.map((r) => r.feature)).toEqual(["b", "c"]);
    expect(await vegaLiteToSvg(spec as never)).toContain("coefficient");
  });

  it("builds an interactive plotly chart (loading is tested in interactive.test.ts)", async () => {
    const { plotlyHtml } = await import("../../src");
    const html = plotlyHtml([{ x: [0, 1], y: [0, 1], name: "ROC", text: ["t=1", "t=0"] }], { title: "ROC" });
    expect(html).toContain("Plotly");
    expect(html).toContain('"text":["t=1","t=0"]');
  });
});

describe("StreamChart", () => {
  it("collects a stream's values over event time, with markers, and renders SVG", async () => {
    const api = await import("../../src");
    const rows = Array.from({ length: 6 }, (_, i) => [1413849600 + i * 600, i % 2 === 0 ? "window" : "all", String(0.6 + i / 100)]);
    const op = new api.MemSourceStreamOp(rows, "t double, Statistics string, AUC string").setTimeCol("t");
    const chart = new api.StreamChart({ title: "AUC", yTitle: "AUC" }).addSeries("window", op, { y: "AUC", where: { Statistics: "window" } });
    await api.StreamOperator.execute();
    expect(chart.getPoints().map((p) => p.y)).toEqual([0.6, 0.62, 0.64]);
    chart.addMarkers("model", [1413849900]);
    const svg = await vegaLiteToSvg(chart.spec());
    expect(svg).toContain("AUC");
    expect(svg).toContain('class="mark-rule');
  });
});
