import { Mapper } from "../common/mapper";
import { ParamSnapshot, snapshotParams } from "../common/paramSnapshot";
import { Schema } from "../core/schema";
import { MapBatchOp } from "../engine/mapBatchOps";
import { ParamDeclarations } from "../params/param";
import { ParamInit } from "../params/withParams";
import { MapStreamOp } from "../stream/ops/MapStreamOp";
import { MapTransformer } from "./stages";

/**
 * A transform without a model (VectorAssembler, FeatureHasher) in one object: its parameters and
 * its mapper. Its `…BatchOp`, `…StreamOp` and pipeline stage are one line each
 * (`mapBatchOp(spec)`, `mapStreamOp(spec)`, `mapTransformer(spec)`), so the three can only differ
 * in how they are linked, never in what they compute.
 */
export interface MapSpec<P extends ParamDeclarations> {
  /** The parameters (what the mapper reads). */
  readonly params: P;
  /** The mapper for data of `dataSchema`, with the parameters read once. */
  mapper(dataSchema: Schema, params: ParamSnapshot<P>, operator: string): Mapper;
}

/** Declares a map spec (an identity that checks the object against {@link MapSpec} and infers its types). */
export function mapSpec<P extends ParamDeclarations>(spec: MapSpec<P>): MapSpec<P> {
  return spec;
}

/** A class made from a map spec: `new X(params?)`. */
export type MapClass<P, Base extends abstract new (...args: never[]) => unknown, I> = Omit<Base, "prototype"> & {
  readonly PARAMS: P;
  new (params?: ParamInit<P>): I;
};

// The spec of the class an instance was made from (set by the factories below).
const specOf = (instance: object): MapSpec<ParamDeclarations> => (instance.constructor as unknown as { SPEC: MapSpec<ParamDeclarations> }).SPEC;
const mapperOf = (instance: { operatorName: string; get(name: string): unknown }, inputSchema: Schema): Mapper => {
  const spec = specOf(instance);
  return spec.mapper(inputSchema, snapshotParams(spec.params, instance), instance.operatorName);
};

/** What every batch operator made by {@link mapBatchOp} is. */
export class SpecMapBatchOp extends MapBatchOp {
  createMapper(inputSchema: Schema): Mapper {
    return mapperOf(this, inputSchema);
  }
}

/** What every stream operator made by {@link mapStreamOp} is. */
export class SpecMapStreamOp extends MapStreamOp {
  createMapper(inputSchema: Schema): Mapper {
    return mapperOf(this, inputSchema);
  }
}

/** What every pipeline transformer made by {@link mapTransformer} is. */
export class SpecMapTransformer extends MapTransformer {
  createMapper(inputSchema: Schema): Mapper {
    return mapperOf(this, inputSchema);
  }
}

/** The batch operator of a transform (Alink's `…BatchOp` of a `MapBatchOp`): `linkFrom(data)`. */
export function mapBatchOp<P extends ParamDeclarations>(spec: MapSpec<P>): MapClass<P, typeof SpecMapBatchOp, SpecMapBatchOp> {
  return class extends SpecMapBatchOp {
    static readonly SPEC = spec;
    static override readonly PARAMS = spec.params;
  } as unknown as MapClass<P, typeof SpecMapBatchOp, SpecMapBatchOp>;
}

/** The stream operator of a transform (Alink's `…StreamOp`): the same mapper, chunk by chunk. */
export function mapStreamOp<P extends ParamDeclarations>(spec: MapSpec<P>): MapClass<P, typeof SpecMapStreamOp, SpecMapStreamOp> {
  return class extends SpecMapStreamOp {
    static readonly SPEC = spec;
    static override readonly PARAMS = spec.params;
  } as unknown as MapClass<P, typeof SpecMapStreamOp, SpecMapStreamOp>;
}

/** The pipeline transformer of a transform (Alink's `VectorAssembler`, `FeatureHasher`). */
export function mapTransformer<P extends ParamDeclarations>(spec: MapSpec<P>): MapClass<P, typeof SpecMapTransformer, SpecMapTransformer> {
  return class extends SpecMapTransformer {
    static readonly SPEC = spec;
    static override readonly PARAMS = spec.params;
  } as unknown as MapClass<P, typeof SpecMapTransformer, SpecMapTransformer>;
}
