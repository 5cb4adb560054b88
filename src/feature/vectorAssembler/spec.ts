import { mapSpec } from "../../base/mapOps";
import { VectorAssemblerMapper } from "./mapper";
import { VECTOR_ASSEMBLER_PARAMS } from "./params";

/** VectorAssembler in one place: parameters and mapper; VectorAssemblerBatchOp, VectorAssemblerStreamOp and VectorAssembler are built from it (src/base/mapOps.ts). */
export const VECTOR_ASSEMBLER = mapSpec({
  params: VECTOR_ASSEMBLER_PARAMS,
  mapper: (dataSchema, params, operator) => new VectorAssemblerMapper(dataSchema, params, operator),
});
