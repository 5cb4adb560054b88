import { Mapper } from "../common/mapper";
import { Schema } from "../core/schema";
import { Table } from "../core/table";
import { BatchOperator } from "./batchOperator";

/**
 * A batch operator that applies a mapper built from its own parameters (no model):
 * `VectorAssemblerBatchOp`, `FeatureHasherBatchOp`, `JsonValueBatchOp`, ...
 * Subclasses only say how to build the mapper; the output schema is known at link time.
 */
export abstract class MapBatchOp extends BatchOperator {
  /** The mapper for an input schema, from the current parameter values. */
  abstract createMapper(inputSchema: Schema): Mapper;

  protected override outputSchema([input]: readonly Schema[]): Schema {
    return this.createMapper(input).outputSchema;
  }

  protected compute([input]: readonly Table[]): Table {
    return this.createMapper(input.schema).map(input);
  }
}

/**
 * A batch predictor: `linkFrom(model, data)` (model first, as in Alink) and applies the model
 * mapper to the data: `StandardScalerPredictBatchOp`, `LogisticRegressionPredictBatchOp`, ...
 */
export abstract class ModelMapBatchOp extends BatchOperator {
  static override readonly INPUTS = 2;

  /** The mapper for a model table and a data schema, from the current parameter values. */
  abstract createModelMapper(model: Table, dataSchema: Schema): Mapper;

  protected compute([model, data]: readonly Table[]): Table {
    return this.createModelMapper(model, data.schema).map(data);
  }
}
