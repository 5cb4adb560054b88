import { InspectOptionsStylized, inspect } from "util";
import { notebookErrorText } from "./errorStack";

/**
 * The one error type streamlab throws for anything a user can fix: a bad parameter, a schema string
 * that does not parse, a malformed CSV line, a value of the wrong type.
 *
 * The message is written for a person: it names the operator, parameter, column, file/line or row
 * involved and says what was expected. The same facts are also kept as fields so that code (and
 * tests) can act on them without parsing the text.
 */
export interface ErrorContext {
  /** Operator class name, e.g. `CsvSourceBatchOp`. */
  operator?: string;
  /** Parameter name as declared, e.g. `filePath`. */
  param?: string;
  /** Column name. */
  column?: string;
  /** 0-based row index inside the operator's input. */
  row?: number;
  /** File the input came from. */
  file?: string;
  /** 1-based physical line number inside `file`. */
  line?: number;
  /** Event time (seconds) of the row, for stream inputs. */
  eventTime?: number;
}

export class StreamlabError extends Error {
  readonly context: ErrorContext;

  constructor(message: string, context: ErrorContext = {}) {
    super(message);
    this.name = "StreamlabError";
    this.context = context;
  }

  /**
   * How `console.error(err)` (tslab's way of reporting a failed cell) renders the error: in a
   * notebook the message and the user's frames only (see errorStack.ts); elsewhere Node's usual
   * rendering. `err.stack` always keeps every frame.
   */
  [inspect.custom](depth: number, options: InspectOptionsStylized, render: typeof inspect): string {
    return notebookErrorText(this) ?? render(this, { ...options, depth, customInspect: false });
  }
}

/** Throws a {@link StreamlabError}; handy in expression position. */
export function fail(message: string, context: ErrorContext = {}): never {
  throw new StreamlabError(message, context);
}

/** Quotes a user-supplied value for an error message, cutting very long text. */
export function quote(text: string, max = 120): string {
  const shown = text.length > max ? text.slice(0, max) + "…" : text;
  return JSON.stringify(shown);
}

/** A value's kind for an error message: "null", "undefined", "number 3", "a StandardScaler". */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === "object") {
    const name = (value as object).constructor?.name;
    return Array.isArray(value) ? "an array" : name && name !== "Object" ? `a ${name}` : "an object";
  }
  if (typeof value === "string") return `string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value)}`;
  if (typeof value === "function") return "a function";
  return `${typeof value} ${String(value)}`;
}
