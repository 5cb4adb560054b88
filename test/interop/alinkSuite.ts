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
