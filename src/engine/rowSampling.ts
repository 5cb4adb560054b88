import { Random } from "../core/random";

/**
 * Which rows a sample keeps, as row indices in input order. Pure functions of (row count, settings),
 * so the sampling operators and anything else that samples draw the same rows for the same seed.
 */

/** About `ratio` of the rows, each row independently (Alink's `SampleBatchOp`). */
export function bernoulliSampleRows(numRows: number, ratio: number, withReplacement: boolean, seed: number): number[] {
  const random = new Random(seed);
  const picked: number[] = [];
  for (let i = 0; i < numRows; i++) {
    if (withReplacement) {
      // Poisson(ratio) copies by inversion: the count of uniforms whose running product stays above e^-ratio.
      const limit = Math.exp(-ratio);
      let product = random.nextDouble();
      while (product > limit) {
        picked.push(i);
        product *= random.nextDouble();
      }
    } else if (random.nextDouble() < ratio) {
      picked.push(i);
    }
  }
  return picked;
}

/** Exactly `size` rows (Alink's `SampleWithSizeBatchOp`); undefined = keep the input as it is. */
export function sampleRowsWithSize(numRows: number, size: number, withReplacement: boolean, seed: number): number[] | undefined {
  const random = new Random(seed);
  if (withReplacement) {
    if (numRows === 0) return undefined;
    return Array.from({ length: size }, () => random.nextInt(numRows)).sort((a, b) => a - b);
  }
  if (size >= numRows) return undefined;
  // Reservoir sampling keeps memory at `size` and is one pass.
  const reservoir = Array.from({ length: size }, (_, i) => i);
  for (let i = size; i < numRows; i++) {
    const j = random.nextInt(i + 1);
    if (j < size) reservoir[j] = i;
  }
  return reservoir.sort((a, b) => a - b);
}
