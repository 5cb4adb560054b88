import { mapSpec } from "../../base/mapOps";
import { CsvToColumnsMapper } from "./CsvToColumnsMapper";
import { JsonToColumnsMapper } from "./JsonToColumnsMapper";
import { CSV_TO_COLUMNS_PARAMS, JSON_TO_COLUMNS_PARAMS } from "./params";

/** JsonToColumns in one place: parameters and mapper; the batch and stream ops are built from it. */
export const JSON_TO_COLUMNS = mapSpec({
  params: JSON_TO_COLUMNS_PARAMS,
  mapper: (dataSchema, p, operator) =>
    new JsonToColumnsMapper(dataSchema, {
      textCol: p.jsonCol,
      textParam: "jsonCol",
      schemaStr: p.schemaStr,
      reservedCols: p.reservedCols,
      handleInvalid: p.handleInvalid,
      operator,
    }),
});

/** CsvToColumns in one place: parameters and mapper; the batch and stream ops are built from it. */
export const CSV_TO_COLUMNS = mapSpec({
  params: CSV_TO_COLUMNS_PARAMS,
  mapper: (dataSchema, p, operator) =>
    new CsvToColumnsMapper(dataSchema, {
      textCol: p.csvCol,
      textParam: "csvCol",
      schemaStr: p.schemaStr,
      reservedCols: p.reservedCols,
      handleInvalid: p.handleInvalid,
      fieldDelimiter: p.csvFieldDelimiter,
      quoteChar: p.quoteChar,
      operator,
    }),
});
