/**
 * Shared by the real-Alink interop tests: whether real Alink can run here (and whether it must),
 * and how rows and schemas are compared across the two implementations.
 */
import { describe, expect, it } from "vitest";
import { alinkAvailable, alinkUnavailableReason } from "../../scripts/alink-interop";
import type { AlinkResult } from "../../scripts/alink-interop";

/** `.ci/run` sets STREAMLAB_REQUIRE_ALINK=1: there, being unable to run Alink is a failure, not a skip. */
export const ALINK_REQUIRED = process.env.STREAMLAB_REQUIRE_ALINK === "1";
export const ALINK_AVAILABLE = alinkAvailable();
export const ALINK_UNAVAILABLE_REASON = ALINK_AVAILABLE ? "" : alinkUnavailableReason();

/** A describe block that fails when Alink is required but missing; says why tests are skipped otherwise. */
export function describeAlinkAvailability(title: string): void {
  if (!ALINK_AVAILABLE && !ALINK_REQUIRED) {
    console.warn(`[streamlab] ${title} SKIPPED: ${ALINK_UNAVAILABLE_REASON}\n  (install Java 17 + Maven to run them; set STREAMLAB_REQUIRE_ALINK=1 to make this a failure)`);
  }
  describe(title, () => {
    it.runIf(ALINK_REQUIRED)("real Alink is available (STREAMLAB_REQUIRE_ALINK=1)", () => {
      expect(ALINK_AVAILABLE, `real Alink is required but not available: ${ALINK_UNAVAILABLE_REASON}`).toBe(true);
    });
  });
}

/** Rows as plain JSON-like cells: timestamps as epoch ms, vectors as their Alink text. */
export function plain(rows: readonly (readonly unknown[])[]): unknown[][] {
  return rows.map((r) => r.map((v) => (v instanceof Date ? v.getTime() : v !== null && typeof v === "object" ? String(v) : v)));
}

/** A schema string with Alink 1.6.0's spellings (VARCHAR, LONG) mapped to streamlab's. */
export function normSchema(schemaStr: string): string {
  return schemaStr
    .split(",")
    .map((c) => {
      const [name, type] = c.trim().split(/\s+/);
      const t = type.toUpperCase();
      return `${name} ${t === "VARCHAR" ? "STRING" : t === "LONG" ? "BIGINT" : t}`;
    })
    .join(",");
}

/** The result of the Alink command run under `key` in a test file's batch; fails with Alink's error if it failed. */
export function alinkResult(results: Record<string, AlinkResult>, key: string): AlinkResult {
  const r = results[key];
  expect(r, `no Alink result for ${key}`).toBeDefined();
  if (!r.ok) throw new Error(`real Alink failed on ${key}:\n${r.error}`);
  return r;
}

/**
 * Rows equal to Alink's, except that probabilities inside detail JSON columns (`detailCols`) may
 * differ in the last bit: Java's `Math.exp` and V8's differ by one ulp for about 9 % of inputs
 * (measured on this machine), so `1 − 1/(1 + e^dot)` can too. Everything else, the predicted labels
 * included, must be identical.
 */
export function expectRowsLikeAlink(mine: readonly (readonly unknown[])[], theirs: readonly (readonly unknown[])[], detailCols: readonly number[]): void {
  const strip = (rows: readonly (readonly unknown[])[]) => rows.map((r) => r.filter((_, c) => !detailCols.includes(c)));
  expect(strip(mine)).toEqual(strip(theirs));
  mine.forEach((row, i) => {
    for (const c of detailCols) {
      const a = JSON.parse(row[c] as string) as Record<string, string>;
      const b = JSON.parse(theirs[i][c] as string) as Record<string, string>;
      expect(Object.keys(a)).toEqual(Object.keys(b));
      for (const k of Object.keys(a)) expect(Math.abs(Number(a[k]) - Number(b[k])), `row ${i} detail ${k}: ${a[k]} vs ${b[k]}`).toBeLessThanOrEqual(2e-16 * Math.max(1, Math.abs(Number(b[k]))) * 2);
    }
  });
}
