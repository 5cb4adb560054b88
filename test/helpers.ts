import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "vitest";
import { StreamlabError } from "../src/core/errors";
import { Table } from "../src/core/table";
import { StreamOperator } from "../src/stream/streamOperator";

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
