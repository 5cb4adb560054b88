import type { DataFrame } from "danfojs-node";
import { BatchOperator } from "../../engine/batchOperator";
import { StreamOperator } from "../../stream/streamOperator";
import type { ExecuteOptions } from "../../stream/streamOperator";
import { TableSourceBatchOp } from "../table/TableSourceBatchOp";
import { dataframeToTable, tableToDataframe } from "./dataframe";

/**
 * The danfo.js methods of the operators: `BatchOperator.fromDataframe`, `collectToDataframe` on batch
 * and stream operators. Users call them on the engine's classes, but the engine must not import io
 * (DataFrames are an edge format, like CSV), so this module adds them to those classes, as
 * src/pipeline/LocalPredictor.ts adds `collectLocalPredictor` to PipelineModel. The declarations below
 * give the methods their types wherever this module is part of the program; the package entry
 * (src/index.ts) imports it, so every user of "streamlab" has them.
 *
 * Why not a port like the display's: the methods' only job is this conversion, so a port would be a
 * second name for the same two functions; and danfo stays an optional peer dependency, loaded by
 * ./dataframe on first use.
 */
declare module "../../engine/batchOperator" {
  interface BatchOperator {
    /** The output as a danfo.js DataFrame (vectors as strings, timestamps as Dates). */
    collectToDataframe(): Promise<DataFrame>;
  }
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace BatchOperator {
    /** A batch source over a danfo.js DataFrame; types are inferred unless a schema string is given. */
    function fromDataframe(df: DataFrame, schemaStr?: string): BatchOperator;
  }
}

declare module "../../stream/streamOperator" {
  interface StreamOperator {
    /** Like {@link StreamOperator.collect}, as a danfo.js DataFrame. */
    collectToDataframe(options?: ExecuteOptions): Promise<DataFrame>;
  }
}

BatchOperator.prototype.collectToDataframe = async function (this: BatchOperator): Promise<DataFrame> {
  return tableToDataframe(this.getOutputTable());
};

BatchOperator.fromDataframe = function (df: DataFrame, schemaStr?: string): BatchOperator {
  return new TableSourceBatchOp(dataframeToTable(df, schemaStr));
};

StreamOperator.prototype.collectToDataframe = async function (this: StreamOperator, options: ExecuteOptions = {}): Promise<DataFrame> {
  return tableToDataframe(await this.collectTable(options));
};
