import { StreamlabError, describeValue } from "../core/errors";
import { didYouMean } from "../core/suggest";

/**
 * Checks of the option objects stream printing and execution take. They are plain objects rather
 * than declared parameters, so without these a misspelt key (`maxlimit`) or a NaN speed factor
 * would be ignored silently and the run would look right while doing something else.
 */

type Rule = (value: unknown) => string | undefined;

const positiveInteger: Rule = (v) => (typeof v === "number" && Number.isSafeInteger(v) && v >= 1 ? undefined : "an integer ≥ 1");
const nonNegativeNumber: Rule = (v) => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? undefined : "a finite number ≥ 0");
const positiveNumber: Rule = (v) => (typeof v === "number" && Number.isFinite(v) && v > 0 ? undefined : "a finite number > 0");
const text: Rule = (v) => (typeof v === "string" ? undefined : "a string");
const flag: Rule = (v) => (typeof v === "boolean" ? undefined : "true or false");

const PRINT_OPTIONS: Record<string, Rule> = { maxLimit: positiveInteger, title: text, refreshInterval: nonNegativeNumber };
const abortSignal: Rule = (v) => (v instanceof AbortSignal ? undefined : "an AbortSignal (new AbortController().signal)");
const EXECUTE_OPTIONS: Record<string, Rule> = { speedFactor: positiveNumber, progress: flag, signal: abortSignal, stopAfterSeconds: positiveNumber };

function checkOptions(where: string, example: string, options: unknown, rules: Record<string, Rule>): void {
  if (options === undefined) return;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new StreamlabError(`${where}: expected an options object such as ${example}, got ${describeValue(options)}.`);
  }
  const names = Object.keys(rules);
  for (const [key, value] of Object.entries(options)) {
    const rule = rules[key];
    if (rule === undefined) {
      throw new StreamlabError(`${where}: unknown option "${key}".${didYouMean(key, names)} Options: ${names.join(", ")}.`, { param: key });
    }
    if (value === undefined) continue; // left out, as TypeScript's optional fields allow
    const expected = rule(value);
    if (expected !== undefined) {
      throw new StreamlabError(`${where}: option "${key}" must be ${expected}, got ${describeValue(value)}.`, { param: key });
    }
  }
}

export function checkPrintOptions(operator: string, options: unknown): void {
  checkOptions(`${operator}.print`, "{ maxLimit: 20, title: \"…\", refreshInterval: 0.5 }", options, PRINT_OPTIONS);
}

export function checkExecuteOptions(options: unknown): void {
  checkOptions("StreamOperator.execute", "{ speedFactor: 60, progress: true }", options, EXECUTE_OPTIONS);
}

/** Options of `StreamOperator.print` / `lazyPrint`. */
export interface PrintOptions {
  /** Rows kept and shown (the most recent). Default 20. */
  maxLimit?: number;
  /** Title above the table. */
  title?: string;
  /** Minimum wall-clock seconds between redraws in a notebook (default 0.5). */
  refreshInterval?: number;
}

export interface ExecuteOptions {
  /** Real-time pacing for live demos: stream seconds per wall-clock second (default: as fast as possible). */
  speedFactor?: number;
  /** Show a progress line while running (default: true in a notebook). */
  progress?: boolean;
  /**
   * Stops the run when aborted: no further input is read, and every operator is finished as at the
   * end of its input (last windows, final models). The way to end a paced run over a live source
   * (a Kafka topic), which otherwise goes on as long as records may come, as Alink's job does.
   */
  signal?: AbortSignal;
  /** Stops the run (as `signal` does) after this many wall-clock seconds. */
  stopAfterSeconds?: number;
}

export interface StreamRunReport {
  rows: number;
  steps: number;
  firstEventTime: number;
  lastEventTime: number;
  wallSeconds: number;
}
