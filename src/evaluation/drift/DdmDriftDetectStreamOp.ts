import { StreamlabError, quote } from "../../core/errors";
import { Schema } from "../../core/schema";
import { labelToString } from "../../common/labels";
import { declareParams } from "../../params/declareParams";
import { snapshotParams } from "../../common/paramSnapshot";
import { ParamAccessors } from "../../params/withParams";
import { DdmDetector } from "./Ddm";
import { DriftDetectStreamOp, WatchedInput, numericColumnInput } from "./DriftDetectStreamOp";
import { DDM_DETECTOR_PARAMS, DDM_PARAMS } from "./params";

const PARAMS = DDM_PARAMS;

export interface DdmDriftDetectStreamOp extends ParamAccessors<DdmDriftDetectStreamOp, typeof PARAMS> {}

/**
 * Drift detection with DDM (Gama et al. 2004) on a classifier's 0/1 errors: either a column of
 * errors (`selectedCol`: 0/1 numbers, booleans or such text) or the errors of a prediction column
 * against the label column (`labelCol` + `predictionCol`: 1 where they differ, compared as text).
 * Rows pass through; side output 0 holds a `drift` row at each detection and a `warning` row each
 * time the detector enters its warning zone (see `DriftDetectStreamOp`). Parameters and defaults
 * are River's `drift.binary.DDM`, and so are the detections and warnings, index for index.
 *
 * ```ts
 * // No error in the warm-up (s_min = 0), so the first error, row 3, is a drift.
 * const predictions = new MemSourceStreamOp([[1, 1], [0, 0], [1, 1], [1, 0], [0, 0]], "click int, pred int");
 * const watch = new DdmDriftDetectStreamOp().setLabelCol("click").setPredictionCol("pred").setWarmStart(2).linkFrom(predictions);
 * const drifts = await watch.getSideOutput(0).collect();
 * drifts.map((d) => [d[1], d[3]]);  // [[3, "drift"]]
 * ```
 * The statistic is p + s (error rate plus its standard deviation), the threshold
 * p_min + driftThreshold·s_min (warningThreshold for a warning). A watched value other than 0 or 1
 * is always an error (the column is not an error stream); a null value, label or prediction
 * follows `handleInvalidMethod`.
 */
export class DdmDriftDetectStreamOp extends declareParams(DriftDetectStreamOp, PARAMS) {
  protected createDetector(): DdmDetector {
    return new DdmDetector(snapshotParams(DDM_DETECTOR_PARAMS, this));
  }

  protected override checkValue(value: number): string | null {
    return value === 0 || value === 1 ? null : "but DDM watches 0/1 errors (1 = wrong)";
  }

  protected override watchedInput(input: Schema): WatchedInput {
    const operator = this.operatorName;
    const selected = this.getSelectedCol();
    const labelCol = this.getLabelCol();
    const predictionCol = this.getPredictionCol();
    if (selected !== null) {
      if (labelCol !== null || predictionCol !== null) {
        throw new StreamlabError(`${operator}: set either selectedCol (a 0/1 error column) or labelCol with predictionCol, not both.`, { operator, param: "selectedCol" });
      }
      return numericColumnInput(input, selected, operator, "selectedCol");
    }
    if (labelCol === null || predictionCol === null) {
      throw new StreamlabError(
        `${operator}: say what DDM watches: selectedCol (a 0/1 error column), or labelCol and predictionCol (the error is 1 where they differ)` +
          (labelCol !== null ? "; predictionCol is not set." : predictionCol !== null ? "; labelCol is not set." : "."),
        { operator, param: labelCol !== null ? "predictionCol" : predictionCol !== null ? "labelCol" : "selectedCol" },
      );
    }
    const label = input.require(labelCol, { operator, param: "labelCol" });
    const prediction = input.require(predictionCol, { operator, param: "predictionCol" });
    const [labelType, predictionType] = [input.types[label], input.types[prediction]];
    const what = `the error of ${quote(input.names[prediction])} against ${quote(input.names[label])}`;
    return {
      what,
      column: input.names[label],
      read: (chunk, r) => {
        const y = chunk.table.columns[label].get(r);
        const p = chunk.table.columns[prediction].get(r);
        if (y === null) return { problem: `label ${quote(input.names[label])} is null`, column: input.names[label] };
        if (p === null) return { problem: `prediction ${quote(input.names[prediction])} is null`, column: input.names[prediction] };
        return labelToString(y as never, labelType) === labelToString(p as never, predictionType) ? 0 : 1;
      },
    };
  }
}
