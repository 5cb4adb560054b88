import type { DataFrame } from "danfojs-node";
import { StreamlabError } from "../../core/errors";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { TYPE_INFO } from "../../core/types";
import { inferColumnType } from "../memory/inferSchema";

/**
 * danfo.js DataFrames at the edges only: in (`BatchOperator.fromDataframe`) and out
 * (`collectToDataframe`). danfo is loaded on first use: it is large and most code never needs it.
 */
function danfo(): typeof import("danfojs-node") {
  try {
    return require("danfojs-node") as typeof import("danfojs-node");
  } catch (error) {
    if ((error as { code?: string }).code !== "MODULE_NOT_FOUND" || !String((error as Error).message).includes("danfojs-node")) throw error;
    // danfo is an optional peer dependency: its npm package pulls native TensorFlow and a CDN-hosted xlsx
    // that an offline install cannot fetch, so streamlab does not force it on every user.
    throw new StreamlabError(
      "DataFrames need danfojs-node, which is not installed. Install it beside streamlab with these overrides in your package.json " +
        '(no downloads outside npm): "overrides": { "@tensorflow/tfjs-node": "npm:@tensorflow/tfjs@4.22.0", "xlsx": "0.18.5" }, then ' +
        "npm install danfojs-node@1.2.0 @tensorflow/tfjs@4.22.0. Everything else in streamlab works without it (print(), collect(), charts).",
    );
  }
}

/** Table → DataFrame: numbers (nulls as NaN), strings and booleans (nulls as null), vectors as strings, timestamps as Dates. */
export function tableToDataframe(table: Table): DataFrame {
  const data: Record<string, unknown[]> = {};
  table.schema.names.forEach((name, c) => {
    const column = table.columns[c];
    const values = new Array<unknown>(table.numRows);
    const numeric = TYPE_INFO[table.schema.types[c]].numeric;
    for (let r = 0; r < table.numRows; r++) {
      const v = column.get(r);
      values[r] = v === null ? (numeric ? NaN : null) : column.kind === "vector" ? String(v) : v;
    }
    data[name] = values;
  });
  const { DataFrame: DF } = danfo();
  // danfo rejects an object of empty columns ("end must be greater than start"); an empty table
  // is an empty row list with the column names.
  if (table.numRows === 0) return new DF([], { columns: [...table.schema.names] });
  return new DF(data, { columns: [...table.schema.names] });
}

/**
 * DataFrame → Table. Without a schema string, types are inferred from the values (NaN in a
 * numeric column is null, as PyAlink reads pandas' NaN).
 */
export function dataframeToTable(df: DataFrame, schemaStr?: string): Table {
  if (df === null || typeof df !== "object" || !Array.isArray((df as { columns?: unknown }).columns)) {
    throw new StreamlabError("fromDataframe: expected a danfo.js DataFrame.");
  }
  const names = df.columns as string[];
  const columns = names.map((name) => (df.column(name).values as unknown[]).map((v) => (typeof v === "number" && Number.isNaN(v) ? null : v)));
  const rows = Array.from({ length: df.shape[0] }, (_, r) => columns.map((col) => col[r]));
  if (schemaStr !== undefined) {
    const schema = Schema.parse(schemaStr);
    if (schema.size !== names.length) {
      throw new StreamlabError(
        `fromDataframe: the schema string has ${schema.size} columns but the DataFrame has ${names.length} (${names.join(", ")}).`,
      );
    }
    return Table.fromRows(rows, schema, "fromDataframe");
  }
  const schema = new Schema(names, names.map((name, c) => inferColumnType(columns[c], name, "fromDataframe")));
  return Table.fromRows(rows, schema, "fromDataframe");
}
