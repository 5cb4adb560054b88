/**
 * `.ak` interop with REAL Alink (1.6.0 from Maven Central, run by scripts/alink-interop.js):
 * files streamlab writes are read by Alink's AkSourceBatchOp to the same rows, and files Alink's
 * AkSinkBatchOp writes are read by streamlab to the same rows.
 *
 * Needs Java 17 + Maven (the harness builds interop/alink once). Without them the suite is skipped
 * with the reason in its name — unless STREAMLAB_REQUIRE_ALINK=1 (set by .ci/run), which turns
 * unavailability into a failure. All Alink work of this file runs in ONE JVM (beforeAll), because
 * every JVM + Flink start costs seconds.
 *
 * Alink 1.6.0 writes VARCHAR where 1.6.2 (and streamlab) write STRING; schemas are compared with
 * VARCHAR read as STRING.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AkSinkBatchOp,
  AkSourceBatchOp,
  BatchOperator,
  LogisticRegressionTrainBatchOp,
  MemSourceBatchOp,
} from "../../src";
import { alinkBatch } from "../../scripts/alink-interop";
import { ALINK_AVAILABLE as AVAILABLE, ALINK_UNAVAILABLE_REASON as REASON, describeAlinkAvailability, normSchema, plain } from "./alinkSuite";
import type { AlinkCommand, AlinkResult } from "../../scripts/alink-interop";

describeAlinkAvailability("real Alink harness");

// ---------------------------------------------------------------------------------------------
// Test tables

/** Every column type streamlab writes, with nulls, extremes and non-ASCII text. */
const ALL_SCHEMA = "s STRING, i INT, l BIGINT, d DOUBLE, f FLOAT, b BOOLEAN, t TIMESTAMP, v VECTOR";
const ALL_ROWS: unknown[][] = [
  ["plain", 1, 10000000000, 1.5, 0.1, true, new Date(1700000000123), "$5$1:1.0 3:2.5"],
  [null, null, null, null, null, null, null, null],
  ["héllo 日本語 🚀 \"q\", tab\t; new\nline", -2147483648, -9007199254740991, -0.0, -3.25, false, new Date(0), "1.0 -2.5 0.0"],
  ["", 2147483647, 9007199254740991, Number.MAX_VALUE, 3.4028234663852886e38, true, new Date(-86400001), "$10$0:1.0E-300 9:-0.5"],
  ["ünïcødé Ω", 0, 0, Number.MIN_VALUE, 1e-7, false, new Date(4102444800000), "3.0"],
  ["NaN", -7, -1, NaN, 12345.678, true, new Date(1500000000000), "$3$"],
  ["inf", 7, 1, Infinity, -Infinity, false, new Date(1), "0.1 0.2"],
  ["-inf", 8, 2, -Infinity, NaN, true, new Date(2), "$1000000$999999:1.0"],
];

/** The typed vector columns and the small integer types. */
const TYPED_SCHEMA = "id INT, dv DENSE_VECTOR, sv SPARSE_VECTOR, ti TINYINT, si SMALLINT";
const TYPED_ROWS: unknown[][] = [
  [1, "1.0 2.0 3.0", "$4$0:1.0 2:3.0", 127, 32767],
  [2, null, null, null, null],
  [3, "-0.5", "$2$", -128, -32768],
];

const FOLDER_SCHEMA = "id STRING, n INT, v VECTOR";
const FOLDER_ROWS: unknown[][] = Array.from({ length: 7 }, (_, k) => [`row-${k}`, k * 10, k % 2 === 0 ? `$8$${k}:${k}.5` : `${k}.0 1.0`]);

// ---------------------------------------------------------------------------------------------
// Normalising rows of both sides to plain JSON-like values

/** streamlab cells: Date → epoch ms, vectors → Alink text; everything else as is. */

/** Expected cells as streamlab stores them (FLOAT rounded to float32). */
function expected(rows: readonly unknown[][], schemaStr: string): unknown[][] {
  const types = columnTypes(schemaStr);
  return plain(rows).map((r) => r.map((v, j) => (types[j] === "FLOAT" && typeof v === "number" ? Math.fround(v) : v)));
}

/** Alink's cells (JSON from the harness): FLOAT printed by Float.toString → back to float32. */
function fromAlink(result: AlinkResult): unknown[][] {
  const types = columnTypes(result.schema!);
  return result.rows!.map((r) => r.map((v, j) => (types[j] === "FLOAT" && typeof v === "number" ? Math.fround(v) : v)));
}

function columnTypes(schemaStr: string): string[] {
  return schemaStr.split(",").map((c) => c.trim().split(/\s+/)[1].toUpperCase());
}

/** "a STRING, b INT" and Alink's "a VARCHAR,b INT" to one form. */

const byFirst = (a: unknown[], b: unknown[]) => (String(a[0]) < String(b[0]) ? -1 : String(a[0]) > String(b[0]) ? 1 : 0);

// ---------------------------------------------------------------------------------------------

describe.skipIf(!AVAILABLE)(AVAILABLE ? "real Alink ↔ streamlab .ak" : `real Alink ↔ streamlab .ak (SKIPPED: ${REASON})`, () => {
  let dir: string;
  /** What streamlab wrote (or the error it threw), per case. */
  const written: Record<string, { path: string; error?: unknown }> = {};
  /** Alink's answers per case. */
  const alink: Record<string, AlinkResult> = {};
  let lrRows: unknown[][] = [];
  let lrSchema = "";

  function streamlabWrite(key: string, file: string, source: () => BatchOperator, numFiles: number): void {
    try {
      new AkSinkBatchOp().setFilePath(file).setNumFiles(numFiles).setOverwriteSink(true).linkFrom(source());
      BatchOperator.execute();
      written[key] = { path: file };
    } catch (error) {
      written[key] = { path: file, error };
    }
  }

  function alinkResult(key: string): AlinkResult {
    if (written[key]?.error) throw written[key].error;
    const r = alink[key];
    expect(r, `no Alink result for ${key}`).toBeDefined();
    if (!r.ok) throw new Error(`real Alink failed on ${key}:\n${r.error}`);
    return r;
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "streamlab-alink-ak-"));
    const p = (name: string) => path.join(dir, name);

    // 1. streamlab writes.
    streamlabWrite("all", p("all.ak"), () => new MemSourceBatchOp(ALL_ROWS, ALL_SCHEMA), 1);
    streamlabWrite("typed", p("typed.ak"), () => new MemSourceBatchOp(TYPED_ROWS, TYPED_SCHEMA), 1);
    streamlabWrite("folder", p("folder.ak"), () => new MemSourceBatchOp(FOLDER_ROWS, FOLDER_SCHEMA), 2);
    const data = new MemSourceBatchOp(
      [[2, 1.5, "a", 1], [3, 2.0, "b", 1], [4, 3.25, "a", 2], [2, 4.0, "c", 1], [2, 2.5, "b", 1], [4, 3.0, "c", 2], [1, 2.0, "a", 1], [5, 3.5, "b", 2]],
      "f0 int, f1 double, cat string, label int",
    );
    const lr = new LogisticRegressionTrainBatchOp().setFeatureCols(["f0", "f1"]).setLabelCol("label").linkFrom(data);
    lrRows = plain(lr.collect());
    lrSchema = lr.getSchema().toString();
    streamlabWrite("lr", p("lr_model.ak"), () => lr, 1);

    // 2. One JVM: Alink reads streamlab's files and writes its own.
    const commands: [string, AlinkCommand][] = [];
    for (const key of ["all", "typed", "folder", "lr"]) {
      if (!written[key].error) commands.push([key, { op: "read", path: written[key].path }]);
    }
    commands.push(["alinkAll", { op: "write", rows: ALL_ROWS, schemaStr: ALL_SCHEMA, path: p("alink_all.ak"), numFiles: 1 }]);
    commands.push(["alinkTyped", { op: "write", rows: TYPED_ROWS, schemaStr: TYPED_SCHEMA, path: p("alink_typed.ak"), numFiles: 1 }]);
    commands.push(["alinkFolder", { op: "write", rows: FOLDER_ROWS, schemaStr: FOLDER_SCHEMA, path: p("alink_folder.ak"), numFiles: 2 }]);
    const t0 = Date.now();
    const results = await alinkBatch(commands.map(([, c]) => c));
    console.log(
      `[alink] ${commands.length} commands in one JVM: ${((Date.now() - t0) / 1000).toFixed(1)} s (${commands.map(([k], i) => `${k} ${results[i].ms} ms`).join(", ")})`,
    );
    commands.forEach(([key], i) => (alink[key] = results[i]));
  }, 600_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  describe("streamlab writes, Alink reads", () => {
    it("(a) every column type, nulls, extremes and non-ASCII text: the same schema and rows", () => {
      const r = alinkResult("all");
      expect(normSchema(r.schema!)).toBe(normSchema(ALL_SCHEMA));
      expect(fromAlink(r)).toEqual(expected(ALL_ROWS, ALL_SCHEMA));
    });

    it("(a) DENSE_VECTOR, SPARSE_VECTOR, TINYINT and SMALLINT columns", () => {
      const r = alinkResult("typed");
      expect(normSchema(r.schema!)).toBe(normSchema(TYPED_SCHEMA));
      expect(fromAlink(r)).toEqual(expected(TYPED_ROWS, TYPED_SCHEMA));
    });

    it("(b) a numFiles = 2 folder: two files, all rows", () => {
      const r = alinkResult("folder");
      expect(fs.readdirSync(written.folder.path).sort()).toEqual(["1", "2"]);
      expect(normSchema(r.schema!)).toBe(normSchema(FOLDER_SCHEMA));
      expect(fromAlink(r).sort(byFirst)).toEqual(expected(FOLDER_ROWS, FOLDER_SCHEMA).sort(byFirst));
    });

    it("(d) a logistic-regression model table: the same rows", () => {
      const r = alinkResult("lr");
      expect(normSchema(r.schema!)).toBe(normSchema(lrSchema));
      expect(r.rows).toEqual(lrRows);
    });
  });

  describe("Alink writes, streamlab reads", () => {
    function streamlabRead(key: string): { schema: string; rows: unknown[][] } {
      alinkResult(key); // Alink's write succeeded
      const src = new AkSourceBatchOp().setFilePath(path.join(dir, `${key === "alinkAll" ? "alink_all" : key === "alinkTyped" ? "alink_typed" : "alink_folder"}.ak`));
      return { schema: src.getSchema().toString(), rows: plain(src.collect()) };
    }

    it("(c) every column type, nulls, extremes and non-ASCII text: the same schema and rows", () => {
      const got = streamlabRead("alinkAll");
      expect(normSchema(got.schema)).toBe(normSchema(ALL_SCHEMA));
      expect(got.rows).toEqual(expected(ALL_ROWS, ALL_SCHEMA));
    });

    it("(c) DENSE_VECTOR, SPARSE_VECTOR, TINYINT and SMALLINT columns", () => {
      const got = streamlabRead("alinkTyped");
      expect(normSchema(got.schema)).toBe(normSchema(TYPED_SCHEMA));
      expect(got.rows).toEqual(expected(TYPED_ROWS, TYPED_SCHEMA));
    });

    it("(c) Alink's numFiles = 2 folder", () => {
      const got = streamlabRead("alinkFolder");
      expect(fs.readdirSync(path.join(dir, "alink_folder.ak")).sort()).toEqual(["1", "2"]);
      expect(normSchema(got.schema)).toBe(normSchema(FOLDER_SCHEMA));
      expect(got.rows.sort(byFirst)).toEqual(expected(FOLDER_ROWS, FOLDER_SCHEMA).sort(byFirst));
    });
  });
});
