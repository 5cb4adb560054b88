import { declareParams } from "../../params/declareParams";
import { snapshotParams } from "../../common/paramSnapshot";
import { ParamAccessors } from "../../params/withParams";
import { DriftDetectStreamOp } from "./DriftDetectStreamOp";
import { PageHinkleyDetector } from "./PageHinkley";
import { PAGE_HINKLEY_DETECTOR_PARAMS, PAGE_HINKLEY_PARAMS } from "./params";

const PARAMS = PAGE_HINKLEY_PARAMS;

export interface PageHinkleyDriftDetectStreamOp extends ParamAccessors<PageHinkleyDriftDetectStreamOp, typeof PARAMS> {}

/**
 * Drift detection with the Page-Hinkley test (a CUSUM of deviations from the running mean) on a
 * numeric column of a stream. Rows pass through; side output 0 holds one row per detected change
 * (see `DriftDetectStreamOp`). Parameters and defaults are River's `drift.PageHinkley`, and so are
 * the detections, index for index.
 *
 * ```ts
 * // Worked by hand: means 0, 0, 0, 0.75 → deviations 0, 0, 0, 2.25; the sum 2.25 passes λ = 1.5 at row 3.
 * const losses = new MemSourceStreamOp([[0], [0], [0], [3], [3]], "loss double");
 * const watch = new PageHinkleyDriftDetectStreamOp()
 *   .setSelectedCol("loss").setMinInstances(1).setDelta(0).setThreshold(1.5).setAlpha(1).setMode("UP")
 *   .linkFrom(losses);
 * const drifts = await watch.getSideOutput(0).collect();
 * drifts.map((d) => [d[1], d[4]]);  // [[3, 2.25]]
 * ```
 * The statistic of a detection is the cumulative deviation beyond its extreme, the threshold λ.
 * The detector's sums are in the column's units: set `threshold` (and `delta`) for the scale of the
 * watched values (λ = 50 suits values of order 1 over thousands of rows).
 */
export class PageHinkleyDriftDetectStreamOp extends declareParams(DriftDetectStreamOp, PARAMS) {
  protected createDetector(): PageHinkleyDetector {
    return new PageHinkleyDetector(snapshotParams(PAGE_HINKLEY_DETECTOR_PARAMS, this));
  }
}
