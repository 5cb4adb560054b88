import { Column, ColumnBuilder, Value, concatColumns } from "./column";
import { StreamlabError } from "./errors";
import { Schema } from "./schema";

/** A row as arrays of values in schema order; this is what `collect()` returns (like Alink's `Row`). */
export type Row = Value[];

/**
 * An immutable columnar table: a schema and one typed column per field, all of equal length.
 * Batch operators produce one table; streams (later) are sequences of tables ("chunks").
 * Derived tables share column storage where they can (`slice`, `select`).
 */
export class Table {
  readonly numRows: number;
  /**
   * Bumped by the owner of a table whose columns array it refills in place (LocalPredictor's
   * one-row chunk, a mapper's kept output table in reuse mode) whenever it puts a different
   * column object there: a reader that saw this table before can tell "same columns" from one
   * number. Tables built once never change it.
   */
  columnsVersion = 0;

  /**
   * `checkedRows`: the caller has already checked that every column has this many rows (a
   * mapper's result: the input's columns plus outputs it checked), so the per-column check is
   * skipped. It costs a megamorphic `length` read per column, which adds up when a one-row chunk
   * (LocalPredictor) passes several mappers.
   */
  constructor(readonly schema: Schema, readonly columns: readonly Column[], checkedRows?: number) {
    if (columns.length !== schema.size) {
      throw new StreamlabError(`Table has ${columns.length} columns but its schema has ${schema.size}.`);
    }
    if (checkedRows !== undefined) {
      this.numRows = checkedRows;
      return;
    }
    this.numRows = columns.length === 0 ? 0 : columns[0].length;
    for (let i = 0; i < columns.length; i++) {
      if (columns[i].length !== this.numRows) {
        throw new StreamlabError(`Column "${schema.names[i]}" has ${columns[i].length} rows, expected ${this.numRows}.`);
      }
    }
  }

  static empty(schema: Schema): Table {
    return Table.fromRows([], schema);
  }

  /** Builds a table from row arrays, checking each value against its column type. */
  static fromRows(rows: readonly (readonly unknown[])[], schema: Schema, operator?: string): Table {
    const builders = schema.names.map((name, i) => new ColumnBuilder(schema.types[i], name, operator));
    rows.forEach((row, r) => {
      if (!Array.isArray(row)) {
        throw new StreamlabError(`${operator ? operator + ": " : ""}row ${r} is not an array of values.`, { row: r, operator });
      }
      if (row.length !== schema.size) {
        throw new StreamlabError(
          `${operator ? operator + ": " : ""}row ${r} has ${row.length} values but the schema has ${schema.size} columns (${schema.names.join(", ")}).`,
          { row: r, operator },
        );
      }
      for (let c = 0; c < schema.size; c++) builders[c].append(row[c], r);
    });
    return new Table(schema, builders.map((b) => b.build()));
  }

  static concat(tables: readonly Table[], schema?: Schema): Table {
    if (tables.length === 0) {
      if (schema === undefined) throw new StreamlabError("Cannot concatenate zero tables without a schema.");
      return Table.empty(schema);
    }
    const first = tables[0].schema;
    for (const t of tables) {
      if (!t.schema.equals(first)) {
        throw new StreamlabError(`Cannot concatenate tables with different schemas: ${first} vs ${t.schema}.`);
      }
    }
    if (tables.length === 1) return tables[0];
    return new Table(first, first.types.map((type, c) => concatColumns(type, tables.map((t) => t.columns[c]))));
  }

  column(name: string): Column {
    return this.columns[this.schema.require(name)];
  }

  /** Row `i` as an array of values (materialises objects: use at the edges only). */
  row(i: number): Row {
    return this.columns.map((c) => c.get(i));
  }

  toRows(): Row[] {
    const rows: Row[] = new Array(this.numRows);
    for (let i = 0; i < this.numRows; i++) rows[i] = this.row(i);
    return rows;
  }

  slice(start: number, end = this.numRows): Table {
    const s = Math.max(0, Math.min(start, this.numRows));
    const e = Math.max(s, Math.min(end, this.numRows));
    return new Table(this.schema, this.columns.map((c) => c.slice(s, e)));
  }

  take(rows: ArrayLike<number>): Table {
    return new Table(this.schema, this.columns.map((c) => c.take(rows)));
  }

  select(names: readonly string[]): Table {
    const indices = names.map((n) => this.schema.require(n));
    return new Table(this.schema.select(names), indices.map((i) => this.columns[i]));
  }

  get [Symbol.toStringTag](): string {
    return `Table ${this.numRows} rows × ${this.schema.size} columns`;
  }
}
