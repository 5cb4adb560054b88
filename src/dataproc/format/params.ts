import { Param } from "../../params/param";
import { ReservedColsParam } from "../../params/shared";

/** Alink's `HasHandleInvalidDefaultAsError` for the format operators. */
const handleInvalid = Param.enum(["ERROR", "SKIP"] as const, {
  doc: "A row whose text does not parse, or whose value does not fit its column's type: ERROR (default) stops with an error naming the row, column and expected type; SKIP keeps the row with null in every output column (Alink's SKIP), and the rows so written are counted.",
  default: "ERROR",
});

/** Alink's `ToColumnsParams`: the columns the text becomes, and what else is kept. */
const TO_COLUMNS_PARAMS = {
  schemaStr: Param.schemaStr({
    doc: 'Output columns and their types, e.g. "f0 double, f1 int" (Alink grammar). Each is filled from the field of the same name (JSON) or position (CSV); in place of an input column of the same name.',
  }),
  ...ReservedColsParam,
  handleInvalid,
};

/** `JsonToColumnsParams` (Alink): `jsonCol` + `ToColumnsParams`. */
export const JSON_TO_COLUMNS_PARAMS = {
  jsonCol: Param.string({ doc: "Name of the STRING column holding one JSON object per row (e.g. KafkaSourceStreamOp's message).", nonEmpty: true }),
  ...TO_COLUMNS_PARAMS,
};

/** `CsvToColumnsParams` (Alink): `csvCol`, `csvFieldDelimiter`, `quoteChar` + `ToColumnsParams`. */
export const CSV_TO_COLUMNS_PARAMS = {
  csvCol: Param.string({ doc: "Name of the STRING column holding one CSV line per row (e.g. KafkaSourceStreamOp's message).", nonEmpty: true }),
  csvFieldDelimiter: Param.string({
    doc: 'Field delimiter of the CSV text; may be several characters. Alias fieldDelimiter.',
    default: ",",
    nonEmpty: true,
    aliases: ["fieldDelimiter"],
  }),
  quoteChar: Param.char({
    doc: "Quote character for fields that hold delimiters; null disables quoting.",
    default: '"',
    optional: true,
  }),
  ...TO_COLUMNS_PARAMS,
};
