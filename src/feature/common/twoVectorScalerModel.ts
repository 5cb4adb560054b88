import { StreamlabError } from "../../core/errors";
import { jsonDoubleArray, paramsToJson } from "../../core/javaJson";
import { Table } from "../../core/table";
import { badStatistic, buildRichModelTable, modelDoubles, readRichModelTable } from "./richModelTable";

/** What every column scaler's model data has: the columns it scales, in model order. */
export interface ColumnScalerModelData {
  selectedCols: string[];
}

/**
 * The model table of a column scaler that stores two per-column vectors (StandardScaler: means and
 * stds; MinMaxScaler: minima and maxima), as Alink's `RichModelDataConverter` writes it:
 * `model_id BIGINT, model_info STRING` plus one DOUBLE column per selected column (names only;
 * cells null). Rows: the meta `Params` JSON of `meta`, then `JSON(first)` and `JSON(second)` in
 * Java `Double.toString` form.
 */
export function twoVectorModelToTable(
  meta: readonly [string, string | null][],
  selectedCols: readonly string[],
  first: Float64Array,
  second: Float64Array,
  operator: string,
): Table {
  return buildRichModelTable(
    paramsToJson(meta),
    [jsonDoubleArray(first), jsonDoubleArray(second)],
    selectedCols,
    selectedCols.map(() => "DOUBLE" as const),
    operator,
  );
}

/** What distinguishes one two-vector scaler model from another when it is read back. */
export interface TwoVectorModelShape<M> {
  /** The model's name in errors ("StandardScaler"); its trainer is `${kind}TrainBatchOp`. */
  readonly kind: string;
  /** The meta keys that must be present, all of type `metaType`. */
  readonly metaKeys: readonly string[];
  readonly metaType: "number" | "boolean";
  /** What the two data rows hold, for errors ("means", "standard deviations"). */
  readonly vectorNames: readonly [string, string];
  /** Further checks of the meta (after the keys' types), given the model's columns; throws. */
  checkMeta?(meta: Record<string, unknown>, selectedCols: readonly string[], operator: string): void;
  /** Why column i's pair of statistics is not valid, or null when it is. */
  checkColumn(first: number, second: number): string | null;
  /** The model data from the checked parts. */
  build(meta: Record<string, unknown>, selectedCols: string[], first: Float64Array, second: Float64Array): M;
}

/**
 * The reader of a two-vector scaler model table (memoised per table): checks the meta keys and
 * their types, then `checkMeta`, the two vectors' lengths and numbers, then each column's pair.
 */
export function twoVectorModelReader<M>(shape: TwoVectorModelShape<M>): (table: Table, operator: string) => M {
  const cache = new WeakMap<Table, M>();
  const { kind } = shape;
  return (table, operator) => {
    const hit = cache.get(table);
    if (hit !== undefined) return hit;
    const { meta, data, extraNames } = readRichModelTable(table, operator, kind, 2);
    if (shape.metaKeys.some((key) => typeof meta[key] !== shape.metaType)) {
      throw new StreamlabError(
        `${operator}: the model input is not a ${kind} model (expected meta ${shape.metaKeys.join("/")} and two data rows). ` +
          `Link the output of ${kind}TrainBatchOp as the first input.`,
        { operator },
      );
    }
    shape.checkMeta?.(meta, extraNames, operator);
    const n = extraNames.length;
    const first = modelDoubles(data[0], n, shape.vectorNames[0], operator);
    const second = modelDoubles(data[1], n, shape.vectorNames[1], operator);
    extraNames.forEach((column, i) => {
      const why = shape.checkColumn(first[i], second[i]);
      if (why !== null) throw badStatistic(operator, kind, column, why);
    });
    const model = shape.build(meta, extraNames, first, second);
    cache.set(table, model);
    return model;
  };
}
