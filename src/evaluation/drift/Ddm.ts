import { DriftDetector, runningMean } from "./detector";

export interface DdmOptions {
  /** Values needed before a warning or drift can be signalled (River `warm_start`, default 30). */
  warmStart?: number;
  /** Warning when p + s > p_min + warningThreshold·s_min (default 2, ≈ 95 % confidence). */
  warningThreshold?: number;
  /** Drift when p + s > p_min + driftThreshold·s_min (default 3, ≈ 99 % confidence). */
  driftThreshold?: number;
}

/**
 * DDM, the Drift Detection Method (Gama et al. 2004), on a stream of 0/1 errors (1 = the model was
 * wrong), as River's `drift.binary.DDM`: p is the error rate so far and s = √(p(1−p)/n) its
 * standard deviation; after `warmStart` values, (p_min, s_min) are kept where p + s was smallest,
 * and the detector warns when p + s > p_min + 2·s_min and signals a drift when
 * p + s > p_min + 3·s_min. The statistic is p + s, the threshold p_min + driftThreshold·s_min.
 *
 * Values must be 0 or 1 (River also takes other numbers silently; the operator refuses them).
 * With no error at all during the warm-up, s_min is 0 and the first error after it is a drift —
 * the published method's behaviour, kept.
 */
export class DdmDetector implements DriftDetector {
  readonly name = "DDM";
  readonly warmStart: number;
  readonly warningThreshold: number;
  readonly driftThreshold: number;

  private n = 0;
  private p = 0;
  private pMin = NaN;
  private sMin = NaN;
  private psMin = Infinity;
  driftDetected = false;
  warningDetected = false;
  statistic = NaN;

  constructor(options: DdmOptions = {}) {
    this.warmStart = options.warmStart ?? 30;
    this.warningThreshold = options.warningThreshold ?? 2;
    this.driftThreshold = options.driftThreshold ?? 3;
  }

  get threshold(): number {
    return this.pMin + this.driftThreshold * this.sMin;
  }

  /** The bound of the warning zone, p_min + warningThreshold·s_min. */
  get warningBound(): number {
    return this.pMin + this.warningThreshold * this.sMin;
  }

  reset(): void {
    this.n = 0;
    this.p = 0;
    this.pMin = NaN;
    this.sMin = NaN;
    this.psMin = Infinity;
    this.driftDetected = false;
    this.warningDetected = false;
    this.statistic = NaN;
  }

  update(x: number): boolean {
    if (this.driftDetected) this.reset();
    this.n++;
    this.p = runningMean(this.p, this.n, x);
    const s = Math.sqrt((this.p * (1 - this.p)) / this.n);
    if (this.n <= this.warmStart) return false;
    const ps = this.p + s;
    if (ps <= this.psMin) {
      this.pMin = this.p;
      this.sMin = s;
      this.psMin = this.pMin + this.sMin;
    }
    this.statistic = ps;
    this.warningDetected = ps > this.pMin + this.warningThreshold * this.sMin;
    this.driftDetected = ps > this.pMin + this.driftThreshold * this.sMin;
    if (this.driftDetected) this.warningDetected = false;
    return this.driftDetected;
  }
}
