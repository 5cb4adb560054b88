import { StreamlabError, describeValue, quote } from "../../core/errors";
import { Schema } from "../../core/schema";
import { OnnxExportReport } from "./exportOnnx";

/** One input of a graph {@link exportOnnx} wrote, ready for an ONNX runtime: `new ort.Tensor(feed.type, feed.data, feed.dims)`. */
export interface OnnxFeed {
  type: "float64" | "string";
  data: Float64Array | string[];
  dims: [number, number];
}

/** A runtime's output tensor as far as {@link onnxOutputRows} reads it (onnxruntime's `Tensor` is one). */
export interface OnnxOutputTensor {
  data: ArrayLike<unknown>;
  dims: readonly number[];
}

/**
 * The inputs of an exported ONNX graph for some rows (given in `inputSchema`'s column order, as
 * LocalPredictor takes them): one `[N, 1]` column per graph input, numbers as float64 (integer
 * columns too), strings as strings. A runtime needs each wrapped as its own tensor type, e.g.
 * `Object.fromEntries(Object.entries(feeds).map(([n, f]) => [n, new ort.Tensor(f.type, f.data, f.dims)]))`.
 * ONNX tensors have no nulls: a null is an error naming the row and column.
 */
export function onnxFeeds(report: OnnxExportReport, rows: readonly (readonly unknown[])[], inputSchema: string | Schema): Record<string, OnnxFeed> {
  const where = "onnxFeeds";
  const schema = typeof inputSchema === "string" ? Schema.parse(inputSchema) : inputSchema;
  const feeds: Record<string, OnnxFeed> = {};
  for (const input of report.inputs) {
    const c = schema.indexOf(input.name);
    if (c < 0) throw new StreamlabError(`${where}: the graph reads column ${quote(input.name)}, which is not in ${schema}.`, { column: input.name });
    const values = rows.map((row, r) => {
      const v = row[c];
      if (v === null || v === undefined) {
        throw new StreamlabError(`${where}: row ${r}, column ${quote(input.name)} is null; ONNX tensors have no nulls (filter or impute the row first).`, { column: input.name, row: r });
      }
      if (input.type === "string" ? typeof v !== "string" : typeof v !== "number") {
        throw new StreamlabError(`${where}: row ${r}, column ${quote(input.name)}: expected a ${input.type === "string" ? "string" : "number"}, got ${describeValue(v)}.`, { column: input.name, row: r });
      }
      return v;
    });
    feeds[input.name] = input.type === "string" ? { type: "string", data: values as string[], dims: [rows.length, 1] } : { type: "float64", data: Float64Array.from(values as number[]), dims: [rows.length, 1] };
  }
  return feeds;
}

/**
 * A run's outputs per pipeline column (the report's `column`, e.g. "pred", not the ONNX name
 * "C15_out"): for each row, the output's values (one for a scalar column, `width` for a vector or
 * the detail's probabilities). int64 values come back as numbers.
 */
export function onnxOutputRows(report: OnnxExportReport, results: Record<string, OnnxOutputTensor>): Record<string, (number | string)[][]> {
  const out: Record<string, (number | string)[][]> = {};
  for (const o of report.outputs) {
    const tensor = results[o.name];
    if (tensor === undefined) throw new StreamlabError(`onnxOutputRows: the results have no output ${quote(o.name)} (column ${quote(o.column)}); run the session with every output.`, { column: o.column });
    const values = Array.from(tensor.data, (v) => (typeof v === "bigint" ? Number(v) : (v as number | string)));
    out[o.column] = Array.from({ length: tensor.dims[0] }, (_, r) => values.slice(r * o.width, (r + 1) * o.width));
  }
  return out;
}
