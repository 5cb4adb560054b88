import { LinearModelData, linearModelDataJson, linearModelMetaJson, linearModelToTable, withModelTexts } from "../../classification/linear/model";
import { buildLabeledModelTable } from "../../common/modelTable";
import { javaDoubleToString } from "../../core/javaFormat";
import { Table } from "../../core/table";

const COEF_MARKER = '"coefVector":{"data":[]}';

/**
 * Writes the model table of every model FtrlTrainStreamOp emits: cell for cell the table
 * `linearModelToTable` gives for `{ ...template, coefVector }`, made faster for a model written
 * again and again with new coefficients (every `timeInterval`):
 *
 * - the meta JSON and the data JSON around the coefficient array are made once;
 * - a coefficient's text is kept and reused while its value does not change (most coordinates
 *   are untouched between two models, or held at exactly 0 by L1);
 * - a changed value in [1e-3, 1e7) is written with JS's own shortest round-trip digits, which in
 *   that range are Java's `Double.toString` digits in the same layout once an integer gets `.0`
 *   (`javaDoubleToString` builds the same text through `toExponential`); other values (0, tiny,
 *   huge, NaN, ±Infinity, −0) go through `javaDoubleToString` itself.
 */
export class LinearModelTableWriter {
  private readonly meta: string;
  /** The data JSON up to and including the `[` of the coefficient array, and from its `]` on; null = no fast path. */
  private readonly head: string | null;
  private readonly tail: string | null;
  private readonly texts: string[] = [];
  /** The values `texts` were written from (none before the first model). */
  private last = new Float64Array(0);

  constructor(private readonly template: LinearModelData) {
    this.meta = linearModelMetaJson(template);
    const probe = linearModelDataJson({ ...template, coefVector: new Float64Array(0) });
    const at = probe.indexOf(COEF_MARKER);
    const ok = at >= 0 && probe.lastIndexOf(COEF_MARKER) === at;
    const open = at + COEF_MARKER.length - 2; // index of "]" in "[]}"
    this.head = ok ? probe.slice(0, open) : null;
    this.tail = ok ? probe.slice(open) : null;
  }

  /** The model table for these coefficients (intercept first when the template has one). */
  write(coefVector: Float64Array): Table {
    const model = { ...this.template, coefVector };
    if (this.head === null || this.tail === null) return linearModelToTable(model);
    const n = coefVector.length;
    const texts = this.texts;
    const last = this.last;
    if (last.length !== n) {
      texts.length = 0;
      for (let i = 0; i < n; i++) texts.push(doubleText(coefVector[i]));
      this.last = Float64Array.from(coefVector);
    } else {
      for (let i = 0; i < n; i++) {
        const v = coefVector[i];
        const before = last[i];
        if (v === before && (v !== 0 || Object.is(v, before))) continue;
        texts[i] = doubleText(v);
        last[i] = v;
      }
    }
    const data = this.head + texts.join(",") + this.tail;
    return withModelTexts(buildLabeledModelTable(this.meta, [data], this.template.labelValues, this.template.labelType), model);
  }
}

/** Java `Double.toString(d)`: `javaDoubleToString`, whose fast path covers the usual coefficients. */
export const doubleText = javaDoubleToString;
