import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "vitest";
import { StreamlabError } from "../src/core/errors";
import { Table } from "../src/core/table";
import { StreamOperator } from "../src/stream/streamOperator";
import { LOGISTIC_REGRESSION_MODEL_NAME, linearModelToTable } from "../src/classification/linear/model";

/** Asserts that `fn` throws a StreamlabError with exactly `message`; returns the error. */
export function expectError(fn: () => unknown, message: string | RegExp): StreamlabError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught, "expected an error").toBeInstanceOf(StreamlabError);
  const error = caught as StreamlabError;
  if (typeof message === "string") expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
  return error;
}

/** Runs every stream registered so far and returns the StreamlabError it fails with, whose message must match. */
export async function expectStreamError(message: RegExp): Promise<StreamlabError> {
  let caught: unknown;
  try {
    await StreamOperator.execute();
  } catch (error) {
    caught = error;
  }
  expect(caught, "expected the stream to fail").toBeInstanceOf(StreamlabError);
  expect((caught as Error).message).toMatch(message);
  return caught as StreamlabError;
}

/** Compares a table with expected column names and row values (exact). */
export function expectTable(table: Table, columns: string[], rows: unknown[][]): void {
  expect([...table.schema.names]).toEqual(columns);
  expect(table.toRows().map((r) => r.map((v) => (v !== null && typeof v === "object" && !(v instanceof Date) ? String(v) : v)))).toEqual(rows);
}

export function tempDir(prefix = "streamlab-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function writeTemp(name: string, text: string | Buffer): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, text);
  return file;
}

/** Test data kept in the project (see test/fixtures/README.md for where each file came from). */
export const FIXTURES = path.resolve(__dirname, "fixtures");
export const ROOT = path.resolve(__dirname, "..");

/**
 * A binary logistic-regression model table with these coefficients (intercept first), as a trainer
 * would write it: over a vector column (default "v") or, with `featureNames`, over numeric columns.
 */
export function lrModelTable(
  coef: readonly number[],
  options: { vectorCol?: string | null; featureNames?: string[] | null; vectorSize?: number; labels?: number[]; labelName?: string } = {},
): Table {
  const featureNames = options.featureNames ?? null;
  return linearModelToTable({
    modelName: LOGISTIC_REGRESSION_MODEL_NAME,
    linearModelType: "LR",
    hasInterceptItem: true,
    vectorColName: featureNames !== null ? null : (options.vectorCol ?? "v"),
    vectorSize: options.vectorSize ?? coef.length - 1,
    labelName: options.labelName ?? "label",
    featureNames,
    featureTypes: null,
    coefVector: Float64Array.from(coef),
    labelValues: options.labels ?? [1, 0],
    labelType: "INT",
  });
}
