import { javaDoubleToString } from "../core/javaFormat";
import { featureSlot } from "../feature/hasher/murmur3";
import { TableLike, tableOf } from "./records";

/**
 * Names for the slots of a hashed feature vector, so a model's largest coefficients can be read:
 * FeatureHasher puts a numeric column at the slot of its name and a categorical value at the slot
 * of `column=value`; this recomputes those keys for the values present in `data` and maps each
 * slot back to its key (the first one, in the hasher's order, with `(+n)` when n more keys share
 * the slot). Slots no key of `data` reaches stay unnamed (null).
 *
 * ```ts
 * const names = hashedFeatureNames(model.getStages()[1], train);   // the fitted FeatureHasher stage
 * coefficientChart({ names, weights: coef.slice(1) });              // skip the intercept
 * ```
 */
export interface HasherLike {
  /** The hasher's parameters: `selectedCols`, `categoricalCols`, `numFeatures`. */
  get(name: string): unknown;
}

export function hashedFeatureNames(hasher: HasherLike, data: TableLike): (string | null)[] {
  const table = tableOf(data, "hashedFeatureNames");
  const selected = hasher.get("selectedCols") as readonly string[];
  const categorical = new Set((hasher.get("categoricalCols") as readonly string[] | null) ?? []);
  const numFeatures = hasher.get("numFeatures") as number;
  const keys: (string[] | undefined)[] = new Array(numFeatures);
  const add = (key: string) => {
    const slot = featureSlot(key, numFeatures);
    const list = (keys[slot] ??= []);
    if (!list.includes(key)) list.push(key);
  };
  const isCategorical = (name: string) => {
    const type = table.schema.types[table.schema.require(name, { operator: "hashedFeatureNames", param: "selectedCols" })];
    return categorical.has(name) || type === "STRING" || type === "BOOLEAN";
  };
  // The hasher's order: numeric columns first, then categorical ones, each in selectedCols order.
  for (const name of selected) if (!isCategorical(name)) add(name);
  for (const name of selected) {
    if (!isCategorical(name)) continue;
    const column = table.column(name);
    const seen = new Set<unknown>();
    for (let r = 0; r < table.numRows; r++) {
      if (column.isNull(r)) continue;
      const v = column.get(r);
      if (seen.has(v)) continue;
      seen.add(v);
      const text = typeof v === "number" && (column.type === "DOUBLE" || column.type === "FLOAT") ? javaDoubleToString(v) : String(v);
      add(`${name}=${text}`);
    }
  }
  return Array.from(keys, (list) => (list === undefined ? null : list.length === 1 ? list[0] : `${list[0]} (+${list.length - 1})`));
}
