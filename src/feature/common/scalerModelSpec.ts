import { ModelSpec, modelSpec } from "../../base/modelSpec";
import { ParamSource } from "../../common/paramSnapshot";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { ColumnScalerMapper, SCALER_MAPPER_PARAMS, scalerOutputSchema } from "./columnScalerMapper";

/** A column scaler's mapper class (StandardScalerModelMapper, MinMaxScalerModelMapper). */
export type ScalerMapperClass<M> = new (model: M, dataSchema: Schema, params: ParamSource<typeof SCALER_MAPPER_PARAMS>, operator: string) => ColumnScalerMapper;

/**
 * The model spec of a column scaler (see {@link ModelSpec}): every scaler differs only in its
 * model table converter and its mapper; the output columns come from the model table's schema.
 */
export function scalerModelSpec<P extends typeof SCALER_MAPPER_PARAMS, M>(
  params: P,
  fromTable: (table: Table, operator: string) => M,
  toTable: (model: M) => Table,
  Mapper: ScalerMapperClass<M>,
): ModelSpec<P, M> {
  return modelSpec({
    params,
    fromTable,
    // One argument: the converter's own default names the trainer in its errors.
    toTable: (model) => toTable(model),
    mapper: (model, dataSchema, snapshot, operator) => new Mapper(model, dataSchema, snapshot, operator),
    outputSchema: scalerOutputSchema,
  });
}
