import { TextOrigin } from "../../core/column";
import { LinearModelData } from "./model";

/**
 * The `model_info` texts of a linear model table together with the model they were written from.
 *
 * FTRL writes a model every `timeInterval` and each predictor downstream loads it; reading the
 * coefficients back from ~600 000 characters of JSON costs more than training between two models.
 * `linearModelFromTable` takes the model from here instead when the column still holds every row
 * of it (the texts were written from exactly this data, so parsing them would give the same numbers).
 */
export class LinearModelTexts implements TextOrigin {
  constructor(
    readonly model: LinearModelData,
    private readonly texts: readonly (string | null)[],
    private readonly start = 0,
    private readonly end = texts.length,
  ) {}

  get length(): number {
    return this.end - this.start;
  }

  render(): (string | null)[] {
    return this.texts.slice(this.start, this.end);
  }

  slice(start: number, end: number): LinearModelTexts {
    return new LinearModelTexts(this.model, this.texts, this.start + start, this.start + end);
  }

  /** The model, while this origin still covers all of its rows (null for a part). */
  get wholeModel(): LinearModelData | null {
    return this.start === 0 && this.end === this.texts.length ? this.model : null;
  }
}
