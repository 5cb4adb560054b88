import { ParamDeclarations, ParamValue } from "../params/param";
import { ParamReader } from "./mapper";

const SNAPSHOT = Symbol.for("streamlab.paramSnapshot");

/**
 * The values of a group of declared parameters, read once, typed from the declarations:
 * for `{ selectedCols: Param.strings({ optional: true, … }) }` it is `{ selectedCols: string[] | null }`.
 * Mappers take one instead of reading `get("selectedCols") as …` back by name, so a renamed or
 * retyped parameter is a compile error in every mapper that uses it, and a parameter changed on
 * the operator after the mapper was built cannot reach it halfway through.
 */
export type ParamSnapshot<P> = { readonly [K in keyof P]: ParamValue<P[K]> } & { readonly [SNAPSHOT]: true };

/**
 * What a mapper constructor accepts: a snapshot, or anything that reads parameters by name
 * (an operator, a pipeline stage, `{ get }` in a test), which is read once on entry.
 */
export type ParamSource<P> = ParamSnapshot<P> | ParamReader;

/** `P` as written, not inferred from `source` (TypeScript 5.0 has no built-in `NoInfer`): the declarations decide the snapshot's type. */
type Declared<P> = [P][P extends unknown ? 0 : never];

/**
 * Reads the parameters declared in `declarations` from `source` (value set, else default), in
 * declaration order; a snapshot is returned as it is. A required parameter never set fails here
 * with the holder's own error, as reading it later would.
 */
export function snapshotParams<P extends ParamDeclarations>(declarations: P, source: ParamSource<Declared<P>>): ParamSnapshot<P> {
  if (isSnapshot(source)) return source as ParamSnapshot<P>;
  const reader = source as ParamReader;
  const out: Record<string | symbol, unknown> = {};
  for (const name of Object.keys(declarations)) out[name] = reader.get(name);
  out[SNAPSHOT] = true;
  return Object.freeze(out) as ParamSnapshot<P>;
}

function isSnapshot(source: unknown): boolean {
  return typeof source === "object" && source !== null && (source as Record<symbol, unknown>)[SNAPSHOT] === true;
}
