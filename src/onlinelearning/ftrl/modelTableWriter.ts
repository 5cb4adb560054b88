import { LinearModelData, linearModelDataJson, linearModelMetaJson, linearModelToTable } from "../../classification/linear/model";
import { LinearModelTexts } from "../../classification/linear/modelTexts";
import { labeledModelInfoCells, labeledModelRowIds, labeledModelSchema } from "../../common/modelTable";
import { Column, NumberColumn, StringColumn } from "../../core/column";
import { Schema } from "../../core/schema";
import { javaDoubleToString } from "../../core/javaFormat";
import { Table } from "../../core/table";

const COEF_MARKER = '"coefVector":{"data":[]}';

/**
 * Writes the model table of every model FtrlTrainStreamOp emits: cell for cell the table
 * `linearModelToTable` gives for `{ ...template, coefVector }`, made cheap for a model written
 * again and again with new coefficients (every `timeInterval`):
 *
 * - the meta JSON and the data JSON around the coefficient array are made once;
 * - a coefficient's text is kept and reused while its value does not change (most coordinates
 *   are untouched between two models, or held at exactly 0 by L1);
 * - the data JSON itself (~20 characters per coefficient) is put together only when someone reads
 *   the `model_info` texts: predictors and model filters read the coefficients the table carries
 *   (`LinearModelTexts`). The table's rows are known without it, since the coefficients' texts give
 *   the JSON's length and so the number of 32 768-character slices.
 */
export class LinearModelTableWriter {
  private readonly meta: string;
  /** The data JSON up to and including the `[` of the coefficient array, and from its `]` on; null = no fast path. */
  private readonly head: string | null;
  private readonly tail: string | null;
  private readonly texts: string[] = [];
  /** Total length of `texts`. */
  private textChars = 0;
  /** The values `texts` were written from (none before the first model). */
  private last = new Float64Array(0);
  /** Models written so far: a deferred table whose number is still the latest can join `texts` as they are. */
  private written = 0;
  private readonly schema: Schema;
  /** The `label_value` column per number of text rows (null there, then the labels). */
  private readonly labelColumns = new Map<number, Column>();

  constructor(private readonly template: LinearModelData) {
    this.meta = linearModelMetaJson(template);
    const probe = linearModelDataJson({ ...template, coefVector: new Float64Array(0) });
    const at = probe.indexOf(COEF_MARKER);
    const ok = at >= 0 && probe.lastIndexOf(COEF_MARKER) === at;
    const open = at + COEF_MARKER.length - 2; // index of "]" in "[]}"
    this.head = ok ? probe.slice(0, open) : null;
    this.tail = ok ? probe.slice(open) : null;
    this.schema = labeledModelSchema(template.labelType);
  }

  /** The model table for these coefficients (intercept first when the template has one). */
  write(coefVector: Float64Array): Table {
    const { head, tail, meta } = this;
    if (head === null || tail === null) return linearModelToTable({ ...this.template, coefVector });
    this.update(coefVector);
    const n = coefVector.length;
    const dataLength = head.length + this.textChars + Math.max(0, n - 1) + tail.length;
    const labels = this.template.labelValues;
    const ids = labeledModelRowIds([meta.length, dataLength], labels.length);
    const textRows = ids.length - labels.length;
    let labelCells = this.labelColumns.get(textRows);
    if (labelCells === undefined) {
      const rows = Array.from(ids, (_, r) => [r >= textRows ? labels[r - textRows] : null]);
      labelCells = Table.fromRows(rows, new Schema(["label_value"], [this.template.labelType]), "model table").columns[0];
      this.labelColumns.set(textRows, labelCells);
    }
    // The texts are not copied for the table (30 001 pointers a model, the main garbage of a long
    // run): a table read before the next model joins the writer's texts, which are still its own;
    // one read later writes them again from its coefficients (same texts, more work).
    const version = ++this.written;
    const model: LinearModelData = { ...this.template, coefVector: coefVector.slice() };
    const coefficientTexts = (): string => (version === this.written ? this.texts.join(",") : Array.from(model.coefVector, doubleText).join(","));
    const info = StringColumn.rendered(
      LinearModelTexts.deferred(model, ids.length, () => labeledModelInfoCells([meta, head + coefficientTexts() + tail], labels.length)),
    );
    return new Table(this.schema, [new NumberColumn("BIGINT", ids, null), info, labelCells]);
  }

  /** Brings `texts` (and their total length) up to date with the coefficients. */
  private update(coefVector: Float64Array): void {
    const n = coefVector.length;
    const texts = this.texts;
    const last = this.last;
    if (last.length !== n) {
      texts.length = 0;
      this.textChars = 0;
      for (let i = 0; i < n; i++) {
        const text = doubleText(coefVector[i]);
        texts.push(text);
        this.textChars += text.length;
      }
      this.last = coefVector.slice();
      return;
    }
    let chars = this.textChars;
    for (let i = 0; i < n; i++) {
      const v = coefVector[i];
      const before = last[i];
      if (v === before && (v !== 0 || Object.is(v, before))) continue;
      const text = doubleText(v);
      chars += text.length - texts[i].length;
      texts[i] = text;
      last[i] = v;
    }
    this.textChars = chars;
  }
}

/** Java `Double.toString(d)`: `javaDoubleToString`, whose fast path covers the usual coefficients. */
export const doubleText = javaDoubleToString;
