import { TextOrigin } from "../core/column";
import { javaDoubleToString } from "../core/javaFormat";

/** The fixed parts of a detail text around its two probabilities: `{"k0":"`, `","k1":"` and `"}`. */
type DetailFrame = readonly [string, string, string];

const FRAMES = new WeakMap<readonly [string, string], DetailFrame>();
/** The last tuple looked up: one-row chunks (LocalPredictor) render one text per chunk, so even the WeakMap lookup shows. */
let lastKeys: readonly [string, string] | null = null;
let lastFrame: DetailFrame = ["", "", ""];

/** The text around the probabilities, built once per keys tuple (a predictor passes the same tuple for every chunk). */
function detailFrame(keys: readonly [string, string]): DetailFrame {
  if (keys === lastKeys) return lastFrame;
  let frame = FRAMES.get(keys);
  if (frame === undefined) {
    frame = [`{${JSON.stringify(keys[0])}:"`, `",${JSON.stringify(keys[1])}:"`, `"}`];
    FRAMES.set(keys, frame);
  }
  lastKeys = keys;
  lastFrame = frame;
  return frame;
}

/**
 * The prediction details of a binary classifier, `{"<label>":"<probability>","<label>":"<probability>"}`
 * (Alink's layout: keys in Java HashMap order, probabilities as Java `Double.toString` strings),
 * kept as one probability per row and rendered as text only when someone reads it.
 *
 * A stream predictor feeding `EvalBinaryClassStreamOp` emits hundreds of thousands of these; the
 * evaluator reads {@link probability} directly instead of parsing each JSON text back, which gives
 * the same numbers (the texts are shortest round-trip renderings) without formatting or parsing.
 */
export class BinaryDetailTexts implements TextOrigin {
  constructor(
    /** The two label texts in the order they are written. */
    readonly keys: readonly [string, string],
    /** Which key `stored` is the probability of; the other key's probability is `1 - stored[i]`, as the predictor computes it. */
    readonly storedKey: 0 | 1,
    /** One probability per row. */
    readonly stored: Float64Array,
    /** 1 = the row has no detail (null). */
    readonly nulls: Uint8Array | null,
  ) {}

  get length(): number {
    return this.stored.length;
  }

  isNull(i: number): boolean {
    return this.nulls !== null && this.nulls[i] === 1;
  }

  /** The probability written for `keys[k]` in row i. */
  probability(i: number, k: 0 | 1): number {
    const p = this.stored[i];
    return k === this.storedKey ? p : 1 - p;
  }

  render(): (string | null)[] {
    // A one-row column (LocalPredictor) skips the loop: V8 compiles a loop that ran long (a batch)
    // "on stack", and a function entering that compiled loop once per call stays slow.
    if (this.length === 1) return [this.text(0)];
    const out = new Array<string | null>(this.length);
    for (let i = 0; i < out.length; i++) out[i] = this.text(i);
    return out;
  }

  /** Row i's text. */
  text(i: number): string | null {
    if (this.isNull(i)) return null;
    const frame = detailFrame(this.keys);
    return frame[0] + javaDoubleToString(this.probability(i, 0)) + frame[1] + javaDoubleToString(this.probability(i, 1)) + frame[2];
  }

  slice(start: number, end: number): BinaryDetailTexts {
    return new BinaryDetailTexts(this.keys, this.storedKey, this.stored.subarray(start, end), this.nulls?.subarray(start, end) ?? null);
  }
}
