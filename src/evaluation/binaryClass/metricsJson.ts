import { javaDoubleToString } from "../../core/javaFormat";
import { jsonDoubleArray, paramsToJson } from "../../core/javaJson";
import { COMPUTATIONS, ConfusionMatrix2 } from "./confusion";
import { BinaryMetricsData, Curve } from "./metricsData";

/**
 * Alink's metrics JSON of a binary evaluation (`BinaryClassMetrics.serialize()` =
 * `Params.toJson()`; reference §8.5, Appendix A/B): a flat object whose values are JSON texts
 * (`"AUC":"0.83"`, `"ConfusionMatrix":"[[3,2],[0,0]]"`, `"LabelArray":"[\"a\",\"b\"]"`), doubles
 * in Java's `Double.toString` form with NaN / Infinity bare (Gson's special floats), and keys in
 * `java.util.HashMap` iteration order, which depends on the insertion order reproduced here.
 */
export interface BinaryMetricsJsonOptions {
  /**
   * Key of the recall–precision curve. Alink names it `PrecisionRecallCurve` since 2022-06; older
   * versions (and the stream-evaluation doc example) wrote `RecallPrecisionCurve`.
   */
  precisionRecallCurveKey?: "PrecisionRecallCurve" | "RecallPrecisionCurve";
}

const long = (x: number): string => String(x);
const longArray = (xs: readonly number[]): string => `[${xs.map(long).join(",")}]`;
const curveJson = (c: Curve): string => `[${jsonDoubleArray(c.x)},${jsonDoubleArray(c.y)}]`;

/** A JSON string as Gson writes it (HTML escaping off; U+2028 / U+2029 escaped). */
function gsonString(s: string): string {
  return JSON.stringify(s).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/**
 * The metric fields in the order Alink's `toMetrics` sets them (curve areas, curves, per-threshold
 * arrays, log loss, then the decision-threshold metrics), each as a function writing its JSON
 * text, so that one field can be written without the others (the curves and arrays are most of
 * the cost).
 */
export function binaryMetricsFields(data: BinaryMetricsData, options: BinaryMetricsJsonOptions = {}): Map<string, () => string> {
  const fields = new Map<string, () => string>();
  const put = (key: string, json: () => string) => fields.set(key, json);
  let matrixCache: ConfusionMatrix2[] | null = null;
  const matrices = (): ConfusionMatrix2[] => (matrixCache ??= data.matrices.map((m) => new ConfusionMatrix2(m)));
  let middleCache: ConfusionMatrix2 | null = null;
  const middle = (): ConfusionMatrix2 => (middleCache ??= new ConfusionMatrix2(data.matrices[data.decisionIndex]));

  put("AUC", () => javaDoubleToString(data.auc));
  put("PRC", () => javaDoubleToString(data.prc));
  put("K-S", () => javaDoubleToString(data.ks));
  put("GINI", () => javaDoubleToString(data.gini));

  put("RocCurve", () => curveJson(data.rocCurve));
  put(options.precisionRecallCurveKey ?? "PrecisionRecallCurve", () => curveJson(data.precisionRecallCurve));
  put("LiftChart", () => curveJson(data.liftChart));
  put("LorenzCurve", () => curveJson(data.lorenzCurve));

  put("ThresholdArray", () => jsonDoubleArray(data.thresholds));
  for (const name of COMPUTATIONS) {
    put(`${name}Array`, () => jsonDoubleArray(matrices().map((m) => m.metric(name, 0))));
  }

  if (data.logLoss >= 0) put("LogLoss", () => javaDoubleToString(data.logLoss));

  put("Precision", () => javaDoubleToString(middle().metric("Precision", 0)));
  put("Recall", () => javaDoubleToString(middle().metric("Recall", 0)));
  put("F1", () => javaDoubleToString(middle().metric("F1", 0)));
  put("LabelArray", () => `[${data.labels.map(gsonString).join(",")}]`);
  put("ActualLabelFrequency", () => longArray(middle().actualLabelFrequency));
  put("ActualLabelProportion", () => jsonDoubleArray(middle().actualLabelProportion));
  put("ConfusionMatrix", () => {
    const [tp, fp, fn, tn] = middle().matrix;
    return `[${longArray([tp, fp])},${longArray([fn, tn])}]`;
  });
  put("TotalSamples", () => long(middle().total));
  for (const name of COMPUTATIONS) {
    put(`Weighted${name}`, () => javaDoubleToString(middle().weighted(name)));
    put(`Macro${name}`, () => javaDoubleToString(middle().macro(name)));
    put(`Micro${name}`, () => javaDoubleToString(middle().microValue(name)));
  }
  put("Accuracy", () => javaDoubleToString(middle().totalAccuracy));
  put("Kappa", () => javaDoubleToString(middle().totalKappa));
  return fields;
}

/** The metric entries `[key, JSON text]` in Alink's insertion order (see {@link binaryMetricsFields}). */
export function binaryMetricsEntries(data: BinaryMetricsData, options: BinaryMetricsJsonOptions = {}): [string, string][] {
  return Array.from(binaryMetricsFields(data, options), ([key, json]) => [key, json()]);
}

/** The metrics as Alink's `Params.toJson()` text: what the `Data` column of an evaluation holds. */
export function binaryMetricsToJson(data: BinaryMetricsData, options: BinaryMetricsJsonOptions = {}): string {
  return paramsToJson(binaryMetricsEntries(data, options));
}
