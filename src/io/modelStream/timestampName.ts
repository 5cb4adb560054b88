import { StreamlabError } from "../../core/errors";

/**
 * A model's timestamp as Alink names model-stream folders (reference §12.2, errata E26):
 * `yyyyMMddHHmmss` then the nanoseconds — `0` when there are none, otherwise the 9-digit nanos
 * with trailing zeros removed. 2026-12-06 10:00:00 → `202612061000000`; 10:00:01.5 →
 * `202612061000015`; 10:00:01.000000005 → `20261206100001000000005`.
 *
 * **Time zone.** Alink renders and parses these names in the JVM's local time zone. streamlab uses
 * UTC (as for every timestamp it shows), so a folder is named the same on every machine; it matches
 * Alink's names when the JVM runs in UTC, and is shifted by the zone offset otherwise.
 */
export interface ModelTimestamp {
  /** Epoch milliseconds (the TIMESTAMP value and, / 1000, the event time in seconds). */
  epochMs: number;
  /** Nanoseconds within the second, 0 … 999 999 999 (finer than `epochMs` when the name says so). */
  nanos: number;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** From epoch milliseconds (nanos = the milliseconds of the second). */
export function modelTimestampOfMs(epochMs: number): ModelTimestamp {
  const ms = ((epochMs % 1000) + 1000) % 1000;
  return { epochMs, nanos: ms * 1_000_000 };
}

/** The folder name of a model timestamp. */
export function formatModelTimestamp(ts: ModelTimestamp): string {
  const d = new Date(ts.epochMs);
  const base =
    `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` + `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
  return base + (ts.nanos === 0 ? "0" : pad(ts.nanos, 9).replace(/0+$/, ""));
}

const NAME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{1,9})$/;

/**
 * Parses a folder name, or returns null when it is not one. Alink's rules (§12.2): date, then
 * HH, mm, ss and 1–9 fraction digits (a bare `yyyyMMddHHmmss` fails). streamlab accepts only names
 * equal to their canonical rendering (E26): `2021061019394100` (trailing zero), hour 24 or a
 * 31st of February parse in Java but roll over, then fail to read — they are ignored here.
 */
export function parseModelTimestamp(name: string): ModelTimestamp | null {
  const m = NAME.exec(name);
  if (m === null) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const nanos = Number(m[7].padEnd(9, "0"));
  const epochMs = Date.UTC(year, month - 1, day, hour, minute, second, Math.floor(nanos / 1_000_000));
  if (year < 1000) return null;
  const ts = { epochMs, nanos };
  return formatModelTimestamp(ts) === name ? ts : null;
}

const MODEL_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d{1,9}))?$/;

/**
 * Parses a `modelTime` / `startTime` parameter, `yyyy-mm-dd hh:mm:ss[.fffffffff]` (Java's
 * `Timestamp.valueOf`), read as UTC; a clear error naming the parameter otherwise.
 */
export function parseModelTime(text: string, operator: string, param: string): ModelTimestamp {
  const m = MODEL_TIME.exec(text.trim());
  const fail = () =>
    new StreamlabError(`${operator}: ${param} ${JSON.stringify(text)} is not a timestamp; expected "yyyy-mm-dd hh:mm:ss[.fffffffff]" (UTC), e.g. "2026-12-06 10:00:01.5".`, {
      operator,
      param,
    });
  if (m === null) throw fail();
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) throw fail();
  const nanos = m[7] === undefined ? 0 : Number(m[7].padEnd(9, "0"));
  const epochMs = Date.UTC(year, month - 1, day, hour, minute, second, Math.floor(nanos / 1_000_000));
  if (new Date(epochMs).getUTCDate() !== day) throw fail();
  return { epochMs, nanos };
}

/** Orders timestamps (by ms, then nanos). */
export function compareModelTimestamps(a: ModelTimestamp, b: ModelTimestamp): number {
  return a.epochMs - b.epochMs || a.nanos - b.nanos;
}
