import { Mapper } from "../../common/mapper";
import { Schema } from "../../core/schema";
import { ParamAccessors, ParamInit } from "../../params/withParams";
import { MapStreamOp } from "../../stream/ops/MapStreamOp";
import { VectorAssemblerMapper } from "./mapper";
import { VECTOR_ASSEMBLER_PARAMS } from "./params";

const PARAMS = VECTOR_ASSEMBLER_PARAMS;

export interface VectorAssemblerStreamOp extends ParamAccessors<VectorAssemblerStreamOp, typeof PARAMS> {}

/** The stream form of `VectorAssemblerBatchOp` (Alink's `VectorAssemblerStreamOp`): the same mapper, chunk by chunk. */
export class VectorAssemblerStreamOp extends MapStreamOp {
  static override readonly PARAMS = PARAMS;

  constructor(params?: ParamInit<typeof PARAMS>) {
    super(params);
  }

  createMapper(inputSchema: Schema): Mapper {
    return new VectorAssemblerMapper(inputSchema, this, this.operatorName);
  }
}
