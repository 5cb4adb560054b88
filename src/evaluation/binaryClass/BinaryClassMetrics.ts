import { StreamlabError, quote } from "../../core/errors";
import { parseJavaJson } from "../../core/javaJson";
import { BinaryMetricsData } from "./metricsData";
import { BinaryMetricsJsonOptions, binaryMetricsToJson } from "./metricsJson";

/** A curve as two parallel arrays: `x[i], y[i]` is point i. */
export interface CurveXY {
  x: number[];
  y: number[];
}

/** A per-threshold metric: `values[i]` is the metric when scores ≥ `thresholds[i]` count as positive. */
export interface ByThreshold {
  thresholds: number[];
  values: number[];
}

/**
 * The metrics of a binary evaluation with typed getters (Alink's `BinaryClassMetrics`), read from
 * the metrics JSON an evaluation writes in its `Data` column. `collectMetrics()` of
 * `EvalBinaryClassBatchOp` returns one; a stream evaluation's `Data` cell can be wrapped with
 * `new BinaryClassMetrics(json)` too.
 *
 * ```ts
 * const metrics = new EvalBinaryClassBatchOp().setLabelCol("label").setPredictionDetailCol("detail")
 *   .linkFrom(predictions).collectMetrics();
 * metrics.getAuc();               // 0.8333333333333334
 * metrics.getConfusionMatrix();   // [[3, 2], [0, 0]]  rows: predicted, columns: actual
 * metrics.getRocCurve();          // { x: [...FPR], y: [...TPR] }
 * ```
 */
export class BinaryClassMetrics {
  private readonly raw: Readonly<Record<string, string | null>>;
  private readonly parsed = new Map<string, unknown>();

  /** Wraps a metrics JSON (the `Data` cell of an evaluation's output row). */
  constructor(readonly json: string) {
    const outer = typeof json === "string" ? parseJavaJson(json) : undefined;
    if (outer === null || typeof outer !== "object" || Array.isArray(outer)) {
      throw new StreamlabError(`BinaryClassMetrics: expected the metrics JSON object of an evaluation, got ${quote(String(json))}.`);
    }
    this.raw = outer as Record<string, string | null>;
  }

  /** Metrics computed by the evaluation core, written as Alink's JSON and wrapped. */
  static fromData(data: BinaryMetricsData, options?: BinaryMetricsJsonOptions): BinaryClassMetrics {
    return new BinaryClassMetrics(binaryMetricsToJson(data, options));
  }

  /** The metrics JSON (Alink's `serialize()`), exactly as the evaluation wrote it. */
  serialize(): string {
    return this.json;
  }

  /** Names of all metrics present, in JSON order. */
  listParamNames(): string[] {
    return Object.keys(this.raw);
  }

  /** A metric by its JSON key (`"AUC"`, `"K-S"`, `"ConfusionMatrix"`, …), parsed. */
  get(key: string): unknown {
    if (this.parsed.has(key)) return this.parsed.get(key);
    if (!Object.prototype.hasOwnProperty.call(this.raw, key)) {
      throw new StreamlabError(`BinaryClassMetrics has no metric ${quote(key)}. Available: ${Object.keys(this.raw).join(", ")}.`);
    }
    const text = this.raw[key];
    const value = text === null ? null : parseJavaJson(text);
    this.parsed.set(key, value);
    return value;
  }

  private num(key: string): number {
    return this.get(key) as number;
  }

  private curve(key: string, fallback?: string): CurveXY {
    const k = fallback !== undefined && !(key in this.raw) && fallback in this.raw ? fallback : key;
    const [x, y] = this.get(k) as [number[], number[]];
    return { x: [...x], y: [...y] };
  }

  private byThreshold(key: string): ByThreshold {
    return { thresholds: this.getThresholdArray(), values: [...(this.get(key) as number[])] };
  }

  // ---- curve areas and log loss
  /** Area under the ROC curve (exact rank statistic in batch; NaN when a class is absent). */
  getAuc(): number {
    return this.num("AUC");
  }
  /** Area under the recall–precision curve. */
  getPrc(): number {
    return this.num("PRC");
  }
  /** Kolmogorov–Smirnov statistic: max |TPR − FPR|. */
  getKs(): number {
    return this.num("K-S");
  }
  /** Gini coefficient from the Lorenz curve. */
  getGini(): number {
    return this.num("GINI");
  }
  /** Mean log loss (probabilities clamped to [1e-15, 1 − 1e-15]). */
  getLogLoss(): number {
    return this.num("LogLoss");
  }

  // ---- metrics at the decision threshold (0.5) for the positive label
  getPrecision(): number {
    return this.num("Precision");
  }
  getRecall(): number {
    return this.num("Recall");
  }
  getF1(): number {
    return this.num("F1");
  }
  getAccuracy(): number {
    return this.num("Accuracy");
  }
  getKappa(): number {
    return this.num("Kappa");
  }
  /** `[[TP, FP], [FN, TN]]`: rows = predicted positive / negative, columns = actual positive / negative. */
  getConfusionMatrix(): number[][] {
    return (this.get("ConfusionMatrix") as number[][]).map((r) => [...r]);
  }
  /** `[positive, negative]` labels as strings. */
  getLabelArray(): string[] {
    return [...(this.get("LabelArray") as string[])];
  }
  getTotalSamples(): number {
    return this.num("TotalSamples");
  }
  /** How many samples actually carry each label, `[positive, negative]`. */
  getActualLabelFrequency(): number[] {
    return [...(this.get("ActualLabelFrequency") as number[])];
  }
  getActualLabelProportion(): number[] {
    return [...(this.get("ActualLabelProportion") as number[])];
  }

  // ---- macro (mean over both labels), micro (from summed counts), weighted (by actual proportion)
  getMacroAccuracy(): number {
    return this.num("MacroAccuracy");
  }
  getMicroAccuracy(): number {
    return this.num("MicroAccuracy");
  }
  getWeightedAccuracy(): number {
    return this.num("WeightedAccuracy");
  }
  getMacroKappa(): number {
    return this.num("MacroKappa");
  }
  getMicroKappa(): number {
    return this.num("MicroKappa");
  }
  getWeightedKappa(): number {
    return this.num("WeightedKappa");
  }
  getMacroPrecision(): number {
    return this.num("MacroPrecision");
  }
  getMicroPrecision(): number {
    return this.num("MicroPrecision");
  }
  getWeightedPrecision(): number {
    return this.num("WeightedPrecision");
  }
  getMacroRecall(): number {
    return this.num("MacroRecall");
  }
  getMicroRecall(): number {
    return this.num("MicroRecall");
  }
  getWeightedRecall(): number {
    return this.num("WeightedRecall");
  }
  getMacroF1(): number {
    return this.num("MacroF1");
  }
  getMicroF1(): number {
    return this.num("MicroF1");
  }
  getWeightedF1(): number {
    return this.num("WeightedF1");
  }
  getMacroSensitivity(): number {
    return this.num("MacroSensitivity");
  }
  getMicroSensitivity(): number {
    return this.num("MicroSensitivity");
  }
  getWeightedSensitivity(): number {
    return this.num("WeightedSensitivity");
  }
  getMacroSpecificity(): number {
    return this.num("MacroSpecificity");
  }
  getMicroSpecificity(): number {
    return this.num("MicroSpecificity");
  }
  getWeightedSpecificity(): number {
    return this.num("WeightedSpecificity");
  }
  getMacroTruePositiveRate(): number {
    return this.num("MacroTruePositiveRate");
  }
  getMicroTruePositiveRate(): number {
    return this.num("MicroTruePositiveRate");
  }
  getWeightedTruePositiveRate(): number {
    return this.num("WeightedTruePositiveRate");
  }
  getMacroTrueNegativeRate(): number {
    return this.num("MacroTrueNegativeRate");
  }
  getMicroTrueNegativeRate(): number {
    return this.num("MicroTrueNegativeRate");
  }
  getWeightedTrueNegativeRate(): number {
    return this.num("WeightedTrueNegativeRate");
  }
  getMacroFalsePositiveRate(): number {
    return this.num("MacroFalsePositiveRate");
  }
  getMicroFalsePositiveRate(): number {
    return this.num("MicroFalsePositiveRate");
  }
  getWeightedFalsePositiveRate(): number {
    return this.num("WeightedFalsePositiveRate");
  }
  getMacroFalseNegativeRate(): number {
    return this.num("MacroFalseNegativeRate");
  }
  getMicroFalseNegativeRate(): number {
    return this.num("MicroFalseNegativeRate");
  }
  getWeightedFalseNegativeRate(): number {
    return this.num("WeightedFalseNegativeRate");
  }

  // ---- curves and per-threshold arrays
  /** Thresholds of the per-threshold arrays, descending (batch: starts with Infinity). */
  getThresholdArray(): number[] {
    return [...(this.get("ThresholdArray") as number[])];
  }
  /** ROC curve: x = false positive rate, y = true positive rate. */
  getRocCurve(): CurveXY {
    return this.curve("RocCurve");
  }
  /** Recall (x) against precision (y); reads `RecallPrecisionCurve` from older Alink output too. */
  getPrecisionRecallCurve(): CurveXY {
    return this.curve("PrecisionRecallCurve", "RecallPrecisionCurve");
  }
  /** Lift chart: x = share of samples predicted positive, y = number of true positives. */
  getLiftChart(): CurveXY {
    return this.curve("LiftChart");
  }
  /** Lorenz curve: x = share of samples predicted positive, y = true positive rate. */
  getLorenzCurve(): CurveXY {
    return this.curve("LorenzCurve");
  }
  /** Alink's spelling of {@link getLorenzCurve}. */
  getLorenzeCurve(): CurveXY {
    return this.getLorenzCurve();
  }
  getPrecisionByThreshold(): ByThreshold {
    return this.byThreshold("PrecisionArray");
  }
  getRecallByThreshold(): ByThreshold {
    return this.byThreshold("RecallArray");
  }
  getSensitivityByThreshold(): ByThreshold {
    return this.byThreshold("SensitivityArray");
  }
  getSpecificityByThreshold(): ByThreshold {
    return this.byThreshold("SpecificityArray");
  }
  getF1ByThreshold(): ByThreshold {
    return this.byThreshold("F1Array");
  }
  getAccuracyByThreshold(): ByThreshold {
    return this.byThreshold("AccuracyArray");
  }
  getKappaByThreshold(): ByThreshold {
    return this.byThreshold("KappaArray");
  }

  /** All metrics, parsed, keyed as in the JSON (numbers, arrays, NaN / Infinity as numbers). */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(this.raw)) out[key] = this.get(key);
    return out;
  }

  /**
   * Alink's summary text: a headline, AUC / accuracy / precision / recall / F1 / log loss with up
   * to 4 decimals, and the confusion matrix with predicted labels as rows.
   */
  toString(): string {
    const labels = this.getLabelArray();
    const m = this.getConfusionMatrix();
    const head = " Metrics: ";
    const pad = "-".repeat(Math.floor((75 - head.length) / 2));
    const line =
      `Auc:${decimal4(this.getAuc())}\tAccuracy:${decimal4(this.getAccuracy())}\tPrecision:${decimal4(this.getPrecision())}\t` +
      `Recall:${decimal4(this.getRecall())}\tF1:${decimal4(this.getF1())}\tLogLoss:${decimal4(this.getLogLoss())}`;
    return `${pad}${head}${pad}\n${line}\n${confusionTable(m, labels)}`;
  }

  get [Symbol.toStringTag](): string {
    return `BinaryClassMetrics AUC ${decimal4(this.getAuc())}`;
  }
}

/** Java `DecimalFormat("#.####")`: at most 4 decimals, HALF_EVEN on the exact value, no trailing zeros. */
export function decimal4(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "∞" : "-∞";
  if (Math.abs(v) >= 1e21) return String(v);
  const negative = v < 0 || Object.is(v, -0);
  const exact = Math.abs(v).toFixed(100); // the double's exact decimal expansion (to 100 places)
  const point = exact.indexOf(".");
  let digits = exact.slice(0, point) + exact.slice(point + 1, point + 5);
  const rest = exact.slice(point + 5);
  const first = rest.charCodeAt(0) - 48;
  const beyond = /[1-9]/.test(rest.slice(1));
  const lastDigit = digits.charCodeAt(digits.length - 1) - 48;
  if (first > 5 || (first === 5 && (beyond || lastDigit % 2 === 1))) {
    digits = (BigInt(digits) + 1n).toString().padStart(digits.length, "0");
  }
  const intPart = digits.slice(0, digits.length - 4).replace(/^0+(?=\d)/, "") || "0";
  const frac = digits.slice(digits.length - 4).replace(/0+$/, "");
  return (negative ? "-" : "") + intPart + (frac ? "." + frac : "");
}

/** Alink `PrettyDisplayUtils.displayTable` for the 2×2 confusion matrix (corner `Pred\Real`). */
function confusionTable(m: number[][], labels: string[]): string {
  const corner = "Pred\\Real";
  const cells = m.map((r) => r.map(String));
  const colWidth = [0, 1].map((j) => Math.max(3, labels[j].length, cells[0][j].length, cells[1][j].length));
  const rowNameWidth = Math.max(3, labels[0].length, labels[1].length, corner.length);
  const left = (s: string, w: number, c = " ") => s.padStart(w, c);
  let out = `|${left(corner, rowNameWidth)}|` + [0, 1].map((j) => left(labels[j], colWidth[j]) + "|").join("") + "\n";
  out += `|${"-".repeat(rowNameWidth)}|` + [0, 1].map((j) => "-".repeat(colWidth[j]) + "|").join("") + "\n";
  for (let i = 0; i < 2; i++) {
    out += `|${left(labels[i], rowNameWidth)}|` + [0, 1].map((j) => left(cells[i][j], colWidth[j]) + "|").join("") + "\n";
  }
  return out;
}
