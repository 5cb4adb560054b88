import { ParamAccessors } from "../../params/withParams";
import { mapBatchOp } from "../../base/mapOps";
import type { VectorAssemblerMapper } from "./mapper";
import { VECTOR_ASSEMBLER } from "./spec";

export interface VectorAssemblerBatchOp extends ParamAccessors<VectorAssemblerBatchOp, typeof VectorAssemblerBatchOp.PARAMS> {}

/**
 * Concatenates numeric, vector and vector-string columns into one vector column (Alink's
 * `VectorAssemblerBatchOp`); see {@link VectorAssemblerMapper} for the rules.
 *
 * @example
 * ```ts
 * new VectorAssemblerBatchOp().setSelectedCols(["f0", "f1", "f2"]).setOutputCol("out").linkFrom(data).print();
 * // 2|1|1 → "2.0 1.0 1.0"
 * ```
 */
export class VectorAssemblerBatchOp extends mapBatchOp(VECTOR_ASSEMBLER) {}
