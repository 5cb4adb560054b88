import { ParamAccessors } from "../../params/withParams";
import { mapStreamOp } from "../../base/mapOps";
import { VECTOR_ASSEMBLER } from "./spec";

export interface VectorAssemblerStreamOp extends ParamAccessors<VectorAssemblerStreamOp, typeof VectorAssemblerStreamOp.PARAMS> {}

/** The stream form of `VectorAssemblerBatchOp` (Alink's `VectorAssemblerStreamOp`): the same mapper, chunk by chunk. */
export class VectorAssemblerStreamOp extends mapStreamOp(VECTOR_ASSEMBLER) {}
