import { declareParams } from "../../params/declareParams";
import { snapshotParams } from "../../common/paramSnapshot";
import { ParamAccessors } from "../../params/withParams";
import { AdwinDetector } from "./Adwin";
import { DriftDetectStreamOp } from "./DriftDetectStreamOp";
import { ADWIN_DETECTOR_PARAMS, ADWIN_PARAMS } from "./params";

const PARAMS = ADWIN_PARAMS;

export interface AdwinDriftDetectStreamOp extends ParamAccessors<AdwinDriftDetectStreamOp, typeof PARAMS> {}

/**
 * Drift detection with ADWIN (adaptive windowing, Bifet & Gavaldà 2007) on a numeric column of a
 * stream — a per-row loss, a 0/1 error, a metric per evaluation window. Rows pass through; side
 * output 0 holds one row per detected change of the column's mean (see `DriftDetectStreamOp`).
 * Parameters and defaults are River's `drift.ADWIN`, and so are the detections, index for index
 * (including River's fresh window after each detection: see `AdwinDetector`).
 *
 * ```ts
 * // A loss of 0.2 for 300 seconds, then 0.8: one row per second.
 * const losses = new MemSourceStreamOp(Array.from({ length: 600 }, (_, i) => [i, i < 300 ? 0.2 : 0.8]), "ts double, loss double", { timeCol: "ts" });
 * const watch = new AdwinDriftDetectStreamOp().setSelectedCol("loss").linkFrom(losses);
 * // Side output 0: event_time, row, detector, kind, statistic, threshold, value.
 * const drifts = await watch.getSideOutput(0).collect();
 * drifts.map((d) => d[1]);  // [319]
 * ```
 * The statistic of a detection is |μ_old − μ_new| at the first cut, the threshold its ε_cut.
 */
export class AdwinDriftDetectStreamOp extends declareParams(DriftDetectStreamOp, PARAMS) {
  protected createDetector(): AdwinDetector {
    return new AdwinDetector(snapshotParams(ADWIN_DETECTOR_PARAMS, this));
  }
}
