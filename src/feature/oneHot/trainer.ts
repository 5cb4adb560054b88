import { StreamlabError } from "../../core/errors";
import { Table } from "../../core/table";
import { requireColumns } from "../common/columns";
import { javaStringifier } from "../common/javaString";
import { OneHotModelData, flinkTypeName } from "./model";

/**
 * Fits a one-hot encoder (Alink's `OneHotTrainBatchOp`): per selected column, counts each
 * non-null token (`String.valueOf` of the value), keeps the tokens seen at least `threshold`
 * times, and numbers them 0, 1, 2, … in **lexicographic order** of the token text (UTF-16 code
 * units, Java's `String.compareTo`). Alink numbers them in `java.util.HashMap` iteration order,
 * which for short tokens often looks sorted but is not in general; streamlab sorts so that the
 * model does not depend on hashing details (the current Alink doc example prints sorted tokens).
 * `enableElse` is true when any threshold is > 0.
 */
export function fitOneHot(table: Table, selectedCols: readonly string[], thresholds: readonly number[], operator: string): OneHotModelData {
  const indices = requireColumns(table.schema, selectedCols, { operator, param: "selectedCols" });
  if (thresholds.length !== selectedCols.length) {
    throw new StreamlabError(
      `${operator}: discreteThresholdsArray has ${thresholds.length} value${thresholds.length === 1 ? "" : "s"} but there ${selectedCols.length === 1 ? "is 1 selected column" : `are ${selectedCols.length} selected columns`}; give one threshold per selected column.`,
      { operator, param: "discreteThresholdsArray" },
    );
  }
  const tokenIndex = indices.map((c, i) => {
    const counts = countTokens(table, c);
    const threshold = thresholds[i];
    const kept: string[] = [];
    for (const [token, count] of counts) if (count >= threshold) kept.push(token);
    kept.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return new Map(kept.map((token, index) => [token, index] as [string, number]));
  });
  return {
    selectedCols: [...selectedCols],
    selectedColTypes: indices.map((c) => flinkTypeName(table.schema.types[c])),
    enableElse: thresholds.some((t) => t > 0),
    tokenIndex,
  };
}

function countTokens(table: Table, c: number): Map<string, number> {
  const column = table.columns[c];
  const counts = new Map<string, number>();
  const n = table.numRows;
  if (column.kind === "string") {
    const values = column.values;
    for (let r = 0; r < n; r++) {
      const v = values[r];
      if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    return counts;
  }
  const text = javaStringifier(column);
  for (let r = 0; r < n; r++) {
    if (column.isNull(r)) continue;
    const v = text(r);
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return counts;
}
