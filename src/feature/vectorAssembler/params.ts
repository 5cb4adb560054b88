import { Param } from "../../params/param";
import { OutputColParam, ReservedColsParam, SelectedColsParam } from "../../params/shared";

/** VectorAssembler parameters (Alink `VectorAssemblerParams`). */
export const VECTOR_ASSEMBLER_PARAMS = {
  ...SelectedColsParam,
  ...OutputColParam,
  handleInvalidMethod: Param.enum(["ERROR", "SKIP"], {
    doc: "A null input value: ERROR throws, SKIP makes that row's output vector null (the row is kept).",
    default: "ERROR",
    aliases: ["handleInvalid"],
  }),
  ...ReservedColsParam,
};
