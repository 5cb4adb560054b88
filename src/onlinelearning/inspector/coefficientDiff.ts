import { StreamlabError } from "../../core/errors";
import { Table } from "../../core/table";
import { linearModelFromTable } from "../../classification/linear/model";

/** One coefficient's move between two model versions. */
export interface CoefficientMove {
  /** Position in the coefficient vector (0 = the intercept when the model has one). */
  index: number;
  /** "(intercept)", the feature's name, or `f<i>` (feature index i) when unnamed. */
  feature: string;
  before: number;
  after: number;
  /** after − before. */
  delta: number;
}

/**
 * The `top` coefficients (default 10) of linear model `b` that moved most from model `a`, by |Δ|,
 * ties broken by the lower index. `names[i]` names feature i (coefficient i+1 with an intercept);
 * hashed slots get their keys from `hashedFeatureNames`. The models must have the same features
 * and the same intercept setting.
 */
export function coefficientDiff(a: Table, b: Table, o: { top?: number; names?: readonly (string | null)[] } = {}): CoefficientMove[] {
  const operator = "coefficientDiff";
  const ma = linearModelFromTable(a, operator);
  const mb = linearModelFromTable(b, operator);
  if (ma.vectorSize !== mb.vectorSize || ma.hasInterceptItem !== mb.hasInterceptItem) {
    throw new StreamlabError(
      `${operator}: the models do not share their coefficients: ${ma.vectorSize} features${ma.hasInterceptItem ? " + intercept" : ""} vs ${mb.vectorSize}${mb.hasInterceptItem ? " + intercept" : ""}.`,
    );
  }
  const top = o.top ?? 10;
  if (!Number.isInteger(top) || top < 0) throw new StreamlabError(`${operator}: top must be a whole number ≥ 0, got ${top}.`);
  const offset = ma.hasInterceptItem ? 1 : 0;
  const moves: CoefficientMove[] = [];
  for (let i = 0; i < ma.coefVector.length; i++) {
    const before = ma.coefVector[i];
    const after = mb.coefVector[i];
    const feature = i < offset ? "(intercept)" : o.names?.[i - offset] ?? ma.featureNames?.[i - offset] ?? `f${i - offset}`;
    moves.push({ index: i, feature, before, after, delta: after - before });
  }
  moves.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.index - y.index);
  return moves.slice(0, top);
}
