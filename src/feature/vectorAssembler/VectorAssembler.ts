import { ParamAccessors } from "../../params/withParams";
import { mapTransformer } from "../../base/mapOps";
import { VECTOR_ASSEMBLER } from "./spec";

export interface VectorAssembler extends ParamAccessors<VectorAssembler, typeof VectorAssembler.PARAMS> {}

/**
 * Pipeline transformer concatenating columns into one vector (Alink's `VectorAssembler`); runs
 * the same mapper as VectorAssemblerBatchOp.
 *
 * @example
 * ```ts
 * new VectorAssembler().setSelectedCols(["output", "age"]).setOutputCol("vec").transform(data).print();
 * ```
 */
export class VectorAssembler extends mapTransformer(VECTOR_ASSEMBLER) {}
