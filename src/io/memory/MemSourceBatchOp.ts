import { StreamlabError } from "../../core/errors";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { BatchOperator } from "../../engine/batchOperator";
import { inferSchemaFromRows } from "./inferSchema";

/**
 * Rows from memory (Alink's `MemSourceBatchOp`).
 *
 * ```ts
 * new MemSourceBatchOp([[1, "a"], [2, "b"]], "id int, name string");   // explicit schema
 * new MemSourceBatchOp([[1, "a"], [2, "b"]], ["id", "name"]);          // types inferred
 * new MemSourceBatchOp([1.5, 2.5], "x");                               // one column
 * ```
 * Every value is checked against its column type; a mismatch names the row and column.
 */
export class MemSourceBatchOp extends BatchOperator {
  static override readonly INPUTS = 0;
  private readonly table: Table;

  constructor(rows: readonly unknown[], schemaStrOrColNames: string | readonly string[]) {
    super();
    this.table = buildMemTable(rows, schemaStrOrColNames, "MemSourceBatchOp");
  }

  protected override outputSchema(): Schema {
    return this.table.schema;
  }

  protected compute(): Table {
    return this.table;
  }
}

/** Shared by the batch and stream memory sources. */
export function buildMemTable(rows: readonly unknown[], schemaStrOrColNames: string | readonly string[], operator: string): Table {
  if (!Array.isArray(rows)) {
    throw new StreamlabError(`${operator}: expected an array of rows (arrays of values), got ${typeof rows}.`, { operator });
  }
  const isSchemaStr = typeof schemaStrOrColNames === "string" && /\s/.test(schemaStrOrColNames.trim());
  if (typeof schemaStrOrColNames === "string" && !isSchemaStr) {
    // One column name: `rows` is a list of values of that column.
    const name = schemaStrOrColNames.trim();
    const asRows = rows.map((v) => [v]);
    if (asRows.length === 0) throw new StreamlabError(`${operator}: values can not be empty when no types are given; pass a schema string such as "${name} double".`, { operator });
    return Table.fromRows(asRows, inferSchemaFromRows(asRows, [name], operator), operator);
  }
  if (isSchemaStr) {
    const schema = Schema.parse(schemaStrOrColNames as string);
    return Table.fromRows(rows as unknown[][], schema, operator);
  }
  const colNames = schemaStrOrColNames as readonly string[];
  if (!Array.isArray(colNames) || !colNames.every((n) => typeof n === "string")) {
    throw new StreamlabError(`${operator}: the second argument must be a schema string ("a int, b string") or an array of column names.`, { operator });
  }
  if (rows.length === 0) {
    throw new StreamlabError(`${operator}: values can not be empty when only column names are given; pass a schema string so the types are known.`, { operator });
  }
  rows.forEach((row, r) => {
    if (!Array.isArray(row) || row.length !== colNames.length) {
      throw new StreamlabError(
        `${operator}: row ${r} must be an array of ${colNames.length} values (${colNames.join(", ")}), got ${JSON.stringify(row)}.`,
        { operator, row: r },
      );
    }
  });
  const schema = inferSchemaFromRows(rows as unknown[][], colNames, operator);
  return Table.fromRows(rows as unknown[][], schema, operator);
}
