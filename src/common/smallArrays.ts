/**
 * Typed arrays for one-row (or few-row) chunks, as LocalPredictor sends through every mapper.
 *
 * A typed array of its own costs an ArrayBuffer each (off-heap beyond 64 bytes), which for a
 * single row costs more than the arithmetic. Small arrays are therefore views into a shared,
 * never-reused slab: fresh and zeroed like `new Float64Array(n)`, valid for as long as they are
 * referenced. A retained small array keeps its slab alive, so slabs are kept small; a new slab is
 * taken when one is used up. Large arrays (batch chunks) are allocated as usual.
 */

/** Arrays of up to this many bytes come from the slab. */
const SMALL_BYTES = 1024;
const SLAB_BYTES = 32 * 1024;
let slab = new ArrayBuffer(SLAB_BYTES);
let slabUsed = 0;

/** Byte offset of `bytes` fresh (zeroed) bytes in `slab`, 8-byte aligned. */
function claim(bytes: number): number {
  const size = (bytes + 7) & ~7;
  if (slabUsed + size > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    slabUsed = 0;
  }
  const at = slabUsed;
  slabUsed += size;
  return at;
}

/** `new Float64Array(n)`, from the slab when small. */
export function newFloat64Array(n: number): Float64Array {
  if (n * 8 > SMALL_BYTES) return new Float64Array(n);
  const at = claim(n * 8);
  return new Float64Array(slab, at, n);
}

/** `new Int32Array(n)`, from the slab when small. */
export function newInt32Array(n: number): Int32Array {
  if (n * 4 > SMALL_BYTES) return new Int32Array(n);
  const at = claim(n * 4);
  return new Int32Array(slab, at, n);
}
