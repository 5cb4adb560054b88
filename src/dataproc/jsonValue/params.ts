import { Param } from "../../params/param";
import { ReservedColsParam } from "../../params/shared";

/** JsonValue parameters (Alink `JsonValueParams`), shared by the batch and stream forms. */
export const JSON_VALUE_PARAMS = {
  selectedCol: Param.string({ doc: "Name of the STRING column holding the JSON text.", nonEmpty: true, aliases: ["selectedColName"] }),
  jsonPath: Param.strings({
    doc: "JSONPath of each value to extract, e.g. [\"$.a\", \"$.b.b1[0]\"]; one output column per path. Definite paths only: .name, ['name'], [index].",
    nonEmpty: true,
    aliases: ["JsonPath"],
  }),
  outputCols: Param.strings({
    doc: "Names of the output columns (STRING), one per jsonPath, in the same order.",
    nonEmpty: true,
    aliases: ["outputColNames"],
  }),
  ...ReservedColsParam,
  skipFailed: Param.bool({
    doc: "When a row's text is empty or not JSON, or a path finds nothing: true writes null, false (default) stops with an error naming the row.",
    default: false,
  }),
};
