import { Mapper } from "../../common/mapper";
import { Schema } from "../../core/schema";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { MapTransformer } from "../../base/stages";
import { VectorAssemblerMapper } from "./mapper";
import { VECTOR_ASSEMBLER_PARAMS } from "./params";

const PARAMS = VECTOR_ASSEMBLER_PARAMS;

export interface VectorAssembler extends ParamAccessors<VectorAssembler, typeof PARAMS> {}

/**
 * Pipeline transformer concatenating columns into one vector (Alink's `VectorAssembler`); runs
 * the same mapper as VectorAssemblerBatchOp.
 *
 * @example
 * ```ts
 * new VectorAssembler().setSelectedCols(["output", "age"]).setOutputCol("vec").transform(data).print();
 * ```
 */
export class VectorAssembler extends MapTransformer {
  static override readonly PARAMS = PARAMS;

  constructor(params?: ParamInit<typeof PARAMS>) {
    super(params);
  }

  createMapper(inputSchema: Schema): Mapper {
    return new VectorAssemblerMapper(inputSchema, this, this.operatorName);
  }
}
