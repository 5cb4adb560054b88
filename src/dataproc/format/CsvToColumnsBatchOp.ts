import { mapBatchOp } from "../../base/mapOps";
import { ParamAccessors } from "../../params/withParams";
import { CSV_TO_COLUMNS } from "./spec";

export interface CsvToColumnsBatchOp extends ParamAccessors<CsvToColumnsBatchOp, typeof CsvToColumnsBatchOp.PARAMS> {}

/**
 * Turns a column of CSV lines into typed columns (Alink's `CsvToColumnsBatchOp`): field k of each
 * line is column k of `schemaStr`, parsed by the same CSV rules as `CsvSourceBatchOp`
 * (`csvFieldDelimiter`, alias fieldDelimiter; `quoteChar`). Input columns are kept (`reservedCols`
 * limits them). A line with a field that does not parse, an empty number field, or too few or too
 * many fields stops the run naming row, column and expected type — or, with `handleInvalid` SKIP,
 * gets null in every output column (Alink's SKIP) and is counted.
 *
 * ```ts
 * const data = new MemSourceBatchOp([["1", "1.0,2.0"], ["2", "4.0,8.0"]], "row string, csv string");
 * const op = new CsvToColumnsBatchOp().setCsvCol("csv").setSchemaStr("f0 double, f1 double").setReservedCols(["row"]).linkFrom(data);
 * op.collect();  // [["1", 1, 2], ["2", 4, 8]]
 * ```
 */
export class CsvToColumnsBatchOp extends mapBatchOp(CSV_TO_COLUMNS) {}
