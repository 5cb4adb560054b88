/** Reading the Alink doc fixtures (test/fixtures/alink-docs, see INDEX.md there): shared by the runner and the doc-example givens. */
import * as fs from "fs";
import * as path from "path";
import * as api from "../../src";
import type { BatchOperator } from "../../src";
import { FIXTURES } from "../helpers";

export const DOCS = path.join(FIXTURES, "alink-docs");

export interface FixtureInput {
  name: string;
  kind: string;
  schemaStr: string;
  rows: unknown[][] | null;
}

export interface ExpectedTable {
  columns: string[];
  rows: unknown[][];
  rowOrder: "exact" | "any";
  printedBy?: string;
}

export interface Fixture {
  op: string;
  inputs: FixtureInput[];
  params: { op: string; ctorArgs?: unknown[]; assignedTo?: string; params: { name: string; args: unknown[] }[]; calls?: string[] }[];
  expected: { kind: string; raw?: string; columns?: string[]; rows?: unknown[][]; rowOrder?: "exact" | "any"; tables?: ExpectedTable[]; [k: string]: unknown };
  deterministic: boolean;
  authoritative: boolean;
  selfContained: boolean;
  tolerance: number | null;
}

export function fixture(name: string): Fixture {
  return JSON.parse(fs.readFileSync(path.join(DOCS, `${name}.json`), "utf8")) as Fixture;
}

/** Every case file name (without .json). */
export function fixtureNames(): string[] {
  return fs
    .readdirSync(DOCS)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** The rows of a fixture input, numbers written as strings in numeric columns cast (as PyAlink does). */
export function inputRows(input: FixtureInput): unknown[][] {
  const types = input.schemaStr.split(",").map((f) => f.trim().split(/\s+/)[1].toLowerCase());
  return (input.rows ?? []).map((row) =>
    row.map((v, i) => (typeof v === "string" && ["int", "long", "bigint", "double", "float"].includes(types[i]) ? Number(v) : v)),
  );
}

/** A memory source of a fixture input. */
export function source(input: FixtureInput): BatchOperator {
  return new api.MemSourceBatchOp(inputRows(input), input.schemaStr);
}

/** A fixture input as a batch source: `inputSource("MinMaxScaler__1")`. */
export function inputSource(name: string, index = 0): BatchOperator {
  return source(fixture(name).inputs[index]);
}
