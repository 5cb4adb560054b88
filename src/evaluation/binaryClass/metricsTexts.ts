import { TextOrigin } from "../../core/column";
import { BinaryMetricsJsonOptions, binaryMetricsFields } from "./metricsJson";
import { paramsToJson } from "../../core/javaJson";
import { BinaryMetricsData } from "./metricsData";

/**
 * The `Data` texts of a binary evaluation (Alink's metrics JSON, ~100 KB each with its curves and
 * per-threshold arrays), kept as the computed metrics and written only when read. A stream
 * evaluation emits two per window; a notebook usually reads only AUC or LogLoss of each
 * (`JsonValueStreamOp` asks {@link fieldText} for just those), and writing every curve of every
 * window would cost more than the evaluation itself.
 */
export class BinaryMetricsTexts implements TextOrigin {
  private readonly fields: (Map<string, () => string> | undefined)[];

  constructor(
    readonly metrics: readonly BinaryMetricsData[],
    private readonly options: BinaryMetricsJsonOptions = {},
  ) {
    this.fields = new Array(metrics.length);
  }

  get length(): number {
    return this.metrics.length;
  }

  private fieldsOf(i: number): Map<string, () => string> {
    return (this.fields[i] ??= binaryMetricsFields(this.metrics[i], this.options));
  }

  render(): string[] {
    return this.metrics.map((_, i) => paramsToJson(Array.from(this.fieldsOf(i), ([key, json]) => [key, json()])));
  }

  /** The JSON text of field `key` of row i (the texts are `Params` JSON: every value is a JSON string). */
  fieldText(i: number, key: string): string | undefined {
    const json = this.fieldsOf(i).get(key);
    return json === undefined ? undefined : JSON.stringify(json());
  }

  slice(start: number, end: number): BinaryMetricsTexts {
    return new BinaryMetricsTexts(this.metrics.slice(start, end), this.options);
  }
}
