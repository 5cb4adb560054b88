import { TextOrigin } from "../../core/column";
import type { LinearModelData } from "./modelData";

/** All `model_info` cells of one model table, written at most once (shared by its row slices). */
class ModelCells {
  private cells: readonly (string | null)[] | null;

  constructor(
    readonly count: number,
    cells: readonly (string | null)[] | null,
    private readonly write: (() => (string | null)[]) | null,
  ) {
    this.cells = cells;
  }

  get(): readonly (string | null)[] {
    if (this.cells === null) {
      const cells = this.write!();
      if (cells.length !== this.count) throw new Error(`model texts: expected ${this.count} cells, wrote ${cells.length}`);
      this.cells = cells;
    }
    return this.cells;
  }
}

/**
 * The `model_info` texts of a linear model table together with the model they were written from.
 *
 * FTRL writes a model every `timeInterval` and each predictor downstream loads it; reading the
 * coefficients back from ~600 000 characters of JSON costs more than training between two models.
 * `linearModelFromTable` takes the model from here instead when the column still holds every row
 * of it (the texts are written from exactly this data, so parsing them would give the same numbers).
 * The texts themselves may be written only when someone reads them ({@link LinearModelTexts.deferred}).
 */
export class LinearModelTexts implements TextOrigin {
  private constructor(
    readonly model: LinearModelData,
    private readonly cells: ModelCells,
    private readonly start: number,
    private readonly end: number,
  ) {}

  /** Texts already written. */
  static of(model: LinearModelData, texts: readonly (string | null)[]): LinearModelTexts {
    return new LinearModelTexts(model, new ModelCells(texts.length, texts, null), 0, texts.length);
  }

  /** `count` texts that `write` produces when they are first read. */
  static deferred(model: LinearModelData, count: number, write: () => (string | null)[]): LinearModelTexts {
    return new LinearModelTexts(model, new ModelCells(count, null, write), 0, count);
  }

  get length(): number {
    return this.end - this.start;
  }

  render(): (string | null)[] {
    return this.cells.get().slice(this.start, this.end);
  }

  slice(start: number, end: number): LinearModelTexts {
    return new LinearModelTexts(this.model, this.cells, this.start + start, this.start + end);
  }

  /** The model, while this origin still covers all of its rows (null for a part). */
  get wholeModel(): LinearModelData | null {
    return this.start === 0 && this.end === this.cells.count ? this.model : null;
  }
}
