import { ParamDeclarations } from "./param";
import { ParamInit, WithParams } from "./withParams";

// `any[]`: TypeScript lets a class extend a generic base only through a constructor of rest `any[]`.
type ParamOwnerBase = abstract new (...args: any[]) => WithParams;

/** A base class given its parameters: the statics of `B`, `PARAMS: P`, and `new (params?: ParamInit<P>)`. */
export type ParamsClass<B extends ParamOwnerBase, P> = Omit<B, "prototype"> & {
  readonly PARAMS: P;
  new (params?: ParamInit<P>): InstanceType<B>;
};

/**
 * The base of an operator (or stage) with its own parameter declaration, in one place:
 * `export class AkSinkBatchOp extends declareParams(BatchSinkOperator, AK_SINK_PARAMS) { … }`, beside
 * the usual `export interface AkSinkBatchOp extends ParamAccessors<AkSinkBatchOp, typeof AK_SINK_PARAMS> {}`.
 * It sets `static PARAMS` and types the constructor's object form (`new AkSinkBatchOp({ filePath })`
 * checks names and value types), which a subclass would otherwise spell out with a constructor that
 * only calls `super(params)`. Abstract members of the base stay abstract: a subclass that misses one
 * does not compile.
 */
export function declareParams<B extends ParamOwnerBase, P extends ParamDeclarations>(base: B, params: P): ParamsClass<B, P> {
  abstract class Declared extends base {
    static readonly PARAMS = params;
  }
  return Declared as unknown as ParamsClass<B, P>;
}
