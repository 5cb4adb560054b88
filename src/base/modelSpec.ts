import { Mapper } from "../common/mapper";
import { ParamSnapshot } from "../common/paramSnapshot";
import { Schema } from "../core/schema";
import { Table } from "../core/table";
import { ParamDeclarations } from "../params/param";

/**
 * Everything that makes one model type (StandardScaler, MinMaxScaler, OneHot, linear models) in
 * one object: the prediction parameters, the model table ⇄ model data converter, and the mapper.
 * Its `…PredictBatchOp`, `…PredictStreamOp` and `…Model` stage are then one line each
 * (`predictBatchOp(spec)`, `predictStreamOp(spec)`, `modelStage(spec)` in ./predictOps), so the
 * three can only differ in how they are linked, never in what they compute.
 */
export interface ModelSpec<P extends ParamDeclarations, M> {
  /** The prediction parameters: what the mapper reads (the model-stream parameters are added by the wrappers). */
  readonly params: P;
  /** Reads and checks a model table (a StreamlabError naming `operator` when it is not a usable model). */
  fromTable(table: Table, operator: string): M;
  /** Writes the model table, as the trainer outputs it (Alink's layout). */
  toTable(model: M): Table;
  /** The mapper of a model for data of `dataSchema`, with the prediction parameters read once. */
  mapper(model: M, dataSchema: Schema, params: ParamSnapshot<P>, operator: string): Mapper;
  /**
   * The batch predictor's output schema from the model table's schema alone, so a link is checked
   * before any data is read. Without it the output schema is known once the model has been computed.
   */
  outputSchema?(modelSchema: Schema, dataSchema: Schema, params: ParamSnapshot<P>, operator: string): Schema;
}

/** Declares a model spec (an identity that checks the object against {@link ModelSpec} and infers its types). */
export function modelSpec<P extends ParamDeclarations, M>(spec: ModelSpec<P, M>): ModelSpec<P, M> {
  return spec;
}
