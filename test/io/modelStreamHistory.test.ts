/** modelStreamHistory: one row per model folder, with what its commit log says (hand-made folders as truth). */
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { AppendModelStreamFileSinkBatchOp, BatchOperator, MemSourceBatchOp, modelStreamHistory } from "../../src";
import { expectError, tempDir } from "../helpers";

describe("modelStreamHistory", () => {
  it("lists every model folder oldest first with rows, files, bytes and status", () => {
    const root = path.join(tempDir(), "stream");
    const append = (time: string, rows: number, numFiles: number) => {
      new AppendModelStreamFileSinkBatchOp()
        .setFilePath(root)
        .setModelTime(time)
        .setNumFiles(numFiles)
        .linkFrom(new MemSourceBatchOp(Array.from({ length: rows }, (_, i) => [i, `r${i}`]), "id bigint, s string"));
      BatchOperator.execute();
    };
    append("2024-01-02 00:00:00", 3, 1);
    append("2024-01-01 12:00:00", 5, 2);
    // a committed folder whose log is missing, and an entry that is not a model folder
    fs.mkdirSync(path.join(root, "202401030000000"));
    fs.writeFileSync(path.join(root, "202401030000000", "0"), "x");
    fs.mkdirSync(path.join(root, "notamodel"));
    const rows = modelStreamHistory(root).collect();
    expect(rows.map((r) => [r[0], (r[1] as Date).toISOString(), r[2], r[3], r[5]])).toEqual([
      ["202401011200000", "2024-01-01T12:00:00.000Z", 5, 2, "committed"],
      ["202401020000000", "2024-01-02T00:00:00.000Z", 3, 1, "committed"],
      ["202401030000000", "2024-01-03T00:00:00.000Z", null, null, "no commit log"],
    ]);
    const sizeOf = (name: string) => fs.readdirSync(path.join(root, name)).reduce((s, f) => s + fs.statSync(path.join(root, name, f)).size, 0);
    expect(rows.map((r) => r[4])).toEqual(["202401011200000", "202401020000000", "202401030000000"].map(sizeOf));
    expect(rows[2][4]).toBe(1);
  });

  it("an empty or missing folder has no history; a bad argument is an error", () => {
    expect(modelStreamHistory(path.join(tempDir(), "none")).collect()).toEqual([]);
    expectError(() => modelStreamHistory("" as string), /expected the path of a model-stream folder/);
  });
});
