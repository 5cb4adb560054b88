import { Mapper } from "../../common/mapper";
import { Schema } from "../../core/schema";
import { MapBatchOp } from "../../engine/mapBatchOps";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { VectorAssemblerMapper } from "./mapper";
import { VECTOR_ASSEMBLER_PARAMS } from "./params";

const PARAMS = VECTOR_ASSEMBLER_PARAMS;

export interface VectorAssemblerBatchOp extends ParamAccessors<VectorAssemblerBatchOp, typeof PARAMS> {}

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
export class VectorAssemblerBatchOp extends MapBatchOp {
  static override readonly PARAMS = PARAMS;

  constructor(params?: ParamInit<typeof PARAMS>) {
    super(params);
  }

  createMapper(inputSchema: Schema): Mapper {
    return new VectorAssemblerMapper(inputSchema, this, this.operatorName);
  }
}
