import { Schema } from "../core/schema";
import { Table } from "../core/table";
import { ParamDeclarations, ParamSpec } from "./param";

/**
 * The parameter table behind `op.showParams()` and `SomeOp.params()`: one row per declared
 * parameter with its name, type, default, current value and doc — what a notebook user needs to
 * discover an operator without leaving the notebook.
 *
 * This folder sits below the engine, so it cannot reach the engine's display port itself; the
 * engine installs a shower here when a display port is installed (src/engine/display.ts), and
 * until then the plain-Node text below goes to stdout.
 */

export const PARAM_TABLE_SCHEMA = new Schema(["name", "type", "default", "value", "doc"], ["STRING", "STRING", "STRING", "STRING", "STRING"]);

/** How a holder's current values are read: the value set explicitly, or undefined when left at its default. */
export type SetValueOf = (name: string) => { value: unknown } | undefined;

function showValue(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "object") {
    const name = (value as object).constructor?.name;
    if (name && name !== "Object" && name !== "Array") return `a ${name}`;
  }
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text;
  } catch {
    return String(value);
  }
}

function defaultText(spec: ParamSpec<unknown>): string {
  return spec.defaultValue === undefined ? "required" : showValue(spec.defaultValue);
}

/** The current value's text: the value set, "(default)" when unset with a default, "not set" for a required one. */
function valueText(spec: ParamSpec<unknown>, set: { value: unknown } | undefined): string {
  if (set !== undefined) return showValue(set.value);
  return spec.defaultValue === undefined ? "not set" : "(default)";
}

function docText(spec: ParamSpec<unknown>): string {
  return spec.aliases.length ? `${spec.doc} (aliases: ${spec.aliases.join(", ")})` : spec.doc;
}

/** The parameters as a table (columns name, type, default, value, doc), in declaration order. */
export function paramTable(specs: ParamDeclarations, valueOf?: SetValueOf): Table {
  const rows = Object.entries(specs).map(([name, spec]) => [
    name,
    spec.typeLabel,
    defaultText(spec),
    valueOf === undefined ? "" : valueText(spec, valueOf(name)),
    docText(spec),
  ]);
  const table = Table.fromRows(rows, PARAM_TABLE_SCHEMA);
  return valueOf === undefined ? table.select(["name", "type", "default", "doc"]) : table;
}

/**
 * The same facts as readable text for a terminal: one block per parameter rather than a table,
 * whose doc column would be far wider than a terminal.
 */
export function paramTableText(title: string, specs: ParamDeclarations, valueOf?: SetValueOf): string {
  const entries = Object.entries(specs);
  if (!entries.length) return `${title}: no parameters.`;
  const lines = [`${title}: ${entries.length} parameter${entries.length === 1 ? "" : "s"}`];
  for (const [name, spec] of entries) {
    const value = valueOf === undefined ? "" : `, value ${valueText(spec, valueOf(name))}`;
    lines.push(`  ${name} (${spec.typeLabel}, ${spec.defaultValue === undefined ? "required" : `default ${defaultText(spec)}`}${value})`);
    lines.push(`      ${docText(spec)}`);
  }
  return lines.join("\n");
}

/** Shows a parameter table: `table` where rich output reaches a notebook, `text` elsewhere. */
export type ParamTableShower = (view: { title: string; table: Table; text: string }) => void;

const PLAIN_SHOWER: ParamTableShower = ({ text }) => console.log(text);
let shower: ParamTableShower = PLAIN_SHOWER;

/** Installs how parameter tables are shown (the engine routes them to its display port). */
export function installParamTableShower(next: ParamTableShower): void {
  shower = next;
}

/** Shows the parameters of `owner` (a class name) with their current values when `valueOf` is given. */
export function showParamTable(owner: string, specs: ParamDeclarations, valueOf?: SetValueOf): void {
  const title = valueOf === undefined ? `${owner} parameters` : `${owner} parameters (current values)`;
  shower({ title, table: paramTable(specs, valueOf), text: paramTableText(title, specs, valueOf) });
}
