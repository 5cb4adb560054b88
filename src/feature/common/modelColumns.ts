import { StreamlabError, quote } from "../../core/errors";
import { Schema } from "../../core/schema";
import { didYouMean } from "../../core/suggest";
import { isNumericType } from "../../core/types";
import { NUMERIC_TYPE_LIST } from "./columns";

/**
 * Indices in the data of the columns a model was trained on. The user did not name these columns
 * on the predict operator, so the errors say where they come from.
 */
export function requireModelColumns(schema: Schema, names: readonly string[], operator: string, numeric: boolean): number[] {
  return names.map((name) => {
    const index = schema.indexOf(name);
    if (index < 0) {
      throw new StreamlabError(
        `${operator}: column ${quote(name)}, which the model was trained on, is not in the input.${didYouMean(name, schema.names)} ` +
          `Available columns: ${schema.names.join(", ")}.`,
        { operator, column: name },
      );
    }
    if (numeric && !isNumericType(schema.types[index])) {
      throw new StreamlabError(
        `${operator}: column ${quote(name)}, which the model was trained on, is ${schema.types[index]} in the input; expected a numeric column (${NUMERIC_TYPE_LIST}).`,
        { operator, column: name },
      );
    }
    return index;
  });
}
