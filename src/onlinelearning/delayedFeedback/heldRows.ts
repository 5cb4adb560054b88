import { VectorColumn } from "../../core/column";

/**
 * A training row waiting for its label (delayed feedback): its features as a sparse slice (copied
 * out of the chunk, so the chunk itself can go), its label, and the probability served for it when
 * it arrived — the prediction its label is scored against, whatever the model has learnt since.
 */
export interface HeldRow {
  indices: Int32Array;
  values: Float64Array;
  /** 1 = positive label, 0 = negative. */
  y: number;
  /** Positive-class probability predicted when the row arrived. */
  served: number;
}

/** Row `r` of a vector column, held. */
export function holdVectorRow(vectors: VectorColumn, r: number, y: number, served: number): HeldRow {
  const from = vectors.offsets[r];
  const to = vectors.offsets[r + 1];
  return { indices: vectors.indices.slice(from, to), values: vectors.values.slice(from, to), y, served };
}

/** A row of numeric feature columns (`values`, one per column; `indices` 0..k−1, shared by all rows), held. */
export function holdColumnsRow(indices: Int32Array, values: Float64Array, y: number, served: number): HeldRow {
  return { indices, values: Float64Array.from(values), y, served };
}
