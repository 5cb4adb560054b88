import * as fs from "fs";
import * as path from "path";
import { spawnSync } from "child_process";
import { describe, expect, it } from "vitest";
import { CTR_SCHEMA_STR, CsvSourceBatchOp, generateCtr } from "../../src";
import { ROOT, tempDir } from "../helpers";

describe("synthetic CTR data", () => {
  it("is deterministic: regenerating gives the shipped files byte for byte", () => {
    const dir = tempDir();
    // Run the real `npm run datasets` script against a copy of the package layout.
    fs.mkdirSync(path.join(dir, "scripts"));
    fs.copyFileSync(path.join(ROOT, "scripts", "generate-datasets.js"), path.join(dir, "scripts", "generate-datasets.js"));
    fs.symlinkSync(path.join(ROOT, "dist"), path.join(dir, "dist"));
    const r = spawnSync(process.execPath, [path.join(dir, "scripts", "generate-datasets.js")], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    for (const f of ["ctr_train.csv", "ctr_stream.csv", "ctr.truth.json"]) {
      expect(fs.readFileSync(path.join(dir, "datasets", f)).equals(fs.readFileSync(path.join(ROOT, "datasets", f))), f).toBe(true);
    }
  });

  it("matches its ground truth: click rates per segment and drift rows", () => {
    const truth = JSON.parse(fs.readFileSync(path.join(ROOT, "datasets", "ctr.truth.json"), "utf8"));
    const read = (f: string) =>
      new CsvSourceBatchOp().setFilePath(path.join(ROOT, "datasets", f)).setSchemaStr(CTR_SCHEMA_STR).setIgnoreFirstLine(true).collect();
    const rows = [...read("ctr_train.csv"), ...read("ctr_stream.csv")];
    expect(rows.length).toBe(30000);
    for (const seg of truth.segments) {
      const clicks = rows.slice(seg.fromRow, seg.toRow).reduce((s, r) => s + (r[1] as number), 0);
      expect(clicks / (seg.toRow - seg.fromRow)).toBeCloseTo(seg.clickRate, 12);
      expect(seg.bayesAuc).toBeGreaterThan(0.6);
    }
    expect(truth.driftRows).toEqual([16500, 24000]);
    // Event time never decreases (ties at ms resolution happen) and `hour` agrees with it.
    for (let i = 1; i < rows.length; i++) expect(rows[i][24] as number).toBeGreaterThanOrEqual(rows[i - 1][24] as number);
    const d = new Date((rows[500][24] as number) * 1000);
    expect(rows[500][2]).toBe((d.getUTCFullYear() % 100) * 1e6 + (d.getUTCMonth() + 1) * 1e4 + d.getUTCDate() * 100 + d.getUTCHours());
  });

  it("has Zipf-like vocabularies and unique ids", () => {
    const { csv } = generateCtr({ rows: 20000, seed: 3 });
    const lines = csv.trim().split("\n").slice(1).map((l) => l.split(","));
    expect(new Set(lines.map((l) => l[0])).size).toBe(20000);
    const counts = new Map<string, number>();
    for (const l of lines) counts.set(l[13], (counts.get(l[13]) ?? 0) + 1); // device_model
    const sorted = [...counts.values()].sort((a, b) => b - a);
    expect(sorted[0]).toBeGreaterThan(10 * sorted[Math.floor(sorted.length / 2)]);
    expect(generateCtr({ rows: 50, seed: 3 }).csv).toBe(generateCtr({ rows: 50, seed: 3 }).csv);
    expect(generateCtr({ rows: 50, seed: 4 }).csv).not.toBe(generateCtr({ rows: 50, seed: 3 }).csv);
  });

  it("rejects bad options", () => {
    expect(() => generateCtr({ rows: 0 })).toThrow("generateCtr: rows must be a positive integer, got 0.");
    expect(() => generateCtr({ rows: 10, driftAt: [1.5] })).toThrow("generateCtr: driftAt fractions must be in (0, 1), got 1.5.");
  });
});
