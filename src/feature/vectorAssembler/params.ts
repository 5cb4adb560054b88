import { Param } from "../../params/param";
import { OutputColParam, ReservedColsParam, SelectedColsParam } from "../../params/shared";

/** VectorAssembler parameters (Alink `VectorAssemblerParams`). */
export const VECTOR_ASSEMBLER_PARAMS = {
  ...SelectedColsParam,
  ...OutputColParam,
  handleInvalidMethod: Param.enum(["ERROR", "SKIP"], {
    doc: "An invalid input value — null, NaN or ±Infinity (also inside a vector): ERROR throws naming the row and column, SKIP makes that row's output vector null (the row is kept).",
    default: "ERROR",
    aliases: ["handleInvalid"],
  }),
  ...ReservedColsParam,
};
