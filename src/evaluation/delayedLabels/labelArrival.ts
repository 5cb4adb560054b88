import { NumberColumn } from "../../core/column";
import { StreamlabError, quote } from "../../core/errors";
import { Random } from "../../core/random";
import { Schema } from "../../core/schema";
import { ParamSource, snapshotParams } from "../../common/paramSnapshot";
import { eventTimeText } from "../../common/rowPosition";
import { StreamChunk } from "../../stream/chunk";
import { DelayedLabelParams, LabelDelayDistribution } from "./params";

const TIME_TYPES = ["DOUBLE", "FLOAT", "INT", "BIGINT", "SMALLINT", "TINYINT", "TIMESTAMP"];

/** Where the label times come from (checked once, at link time). */
type Source =
  | { kind: "fixed"; delay: number }
  | { kind: "random"; mean: number; distribution: Exclude<LabelDelayDistribution, "FIXED">; seed: number }
  | { kind: "delayCol"; index: number; name: string }
  | { kind: "timeCol"; index: number; name: string; scale: number };

/**
 * The event time at which each row's label arrives, from the {@link DelayedLabelParams}: the row's
 * time plus a fixed delay, a delay drawn per row from a seeded distribution, a delay read from a
 * column, or a label time read from a column. Every delay is checked (finite, ≥ 0, ≤ maxLabelDelay);
 * a bad one is an error naming the operator, the parameter or column, the row and its event time.
 *
 * Random delays are drawn once per input row in row order (rows later skipped as invalid draw too),
 * so a row's delay depends only on the seed and its position in the stream, never on chunking.
 */
export class LabelArrival {
  private readonly random: Random | null;
  private rowsSeen = 0;

  private constructor(
    private readonly source: Source,
    private readonly maxDelay: number,
    private readonly operator: string,
  ) {
    this.random = source.kind === "random" ? new Random(source.seed) : null;
  }

  /**
   * The label arrival of an operator with these parameters over `input`, or null when no delay is
   * set (labels arrive with their rows). Conflicting or unusable settings are errors.
   */
  static of(params: ParamSource<typeof DelayedLabelParams>, input: Schema, operator: string): LabelArrival | null {
    const p = snapshotParams(DelayedLabelParams, params);
    const set = (["labelDelay", "labelDelayCol", "labelTimeCol"] as const).filter((name) => p[name] !== null);
    if (set.length > 1) {
      throw new StreamlabError(`${operator}: set at most one of labelDelay, labelDelayCol and labelTimeCol (got ${set.join(" and ")}).`, { operator, param: set[1] });
    }
    if (p.labelDelayDistribution !== "FIXED" && p.labelDelay === null) {
      throw new StreamlabError(`${operator}: labelDelayDistribution ${p.labelDelayDistribution} draws delays with mean labelDelay; set labelDelay (seconds).`, {
        operator,
        param: "labelDelay",
      });
    }
    if (set.length === 0) return null;
    const max = p.maxLabelDelay;
    if (p.labelDelay !== null) {
      const mean = p.labelDelay;
      // A uniform delay reaches 2·mean; an exponential one has no bound, so only its mean is checked here.
      const reach = p.labelDelayDistribution === "UNIFORM" ? 2 * mean : mean;
      if (reach > max) {
        throw new StreamlabError(
          `${operator}: labelDelay ${mean} s ${p.labelDelayDistribution === "UNIFORM" ? `(UNIFORM delays reach ${reach} s) ` : ""}is beyond maxLabelDelay ${max} s. ` +
            "Delays are in seconds of event time; raise maxLabelDelay if such a delay is meant (rows are held that long).",
          { operator, param: "labelDelay" },
        );
      }
      if (p.labelDelayDistribution === "FIXED") return new LabelArrival({ kind: "fixed", delay: mean }, max, operator);
      return new LabelArrival({ kind: "random", mean, distribution: p.labelDelayDistribution, seed: p.labelDelaySeed }, max, operator);
    }
    const param = p.labelDelayCol !== null ? "labelDelayCol" : "labelTimeCol";
    const name = (p.labelDelayCol ?? p.labelTimeCol)!;
    const index = input.require(name, { operator, param });
    const type = input.types[index];
    const allowed = param === "labelDelayCol" ? TIME_TYPES.filter((t) => t !== "TIMESTAMP") : TIME_TYPES;
    if (!allowed.includes(type)) {
      throw new StreamlabError(
        `${operator}: ${param} ${quote(name)} is ${type}; expected ${param === "labelDelayCol" ? "a number of seconds (DOUBLE, INT, BIGINT)" : "a number of seconds (DOUBLE, INT, BIGINT) or a TIMESTAMP"}.`,
        { operator, param, column: name },
      );
    }
    if (param === "labelDelayCol") return new LabelArrival({ kind: "delayCol", index, name }, max, operator);
    return new LabelArrival({ kind: "timeCol", index, name, scale: type === "TIMESTAMP" ? 0.001 : 1 }, max, operator);
  }

  /** Rows seen so far (the next chunk's first row has this index). */
  get rows(): number {
    return this.rowsSeen;
  }

  /** Label arrival times of all rows of `chunk` (the next rows of the stream), checked. */
  labelTimes(chunk: StreamChunk): Float64Array {
    const n = chunk.numRows;
    const times = chunk.times;
    const out = new Float64Array(n);
    const source = this.source;
    if (source.kind === "fixed") {
      for (let r = 0; r < n; r++) out[r] = times[r] + source.delay;
    } else if (source.kind === "random") {
      const random = this.random!;
      const mean = source.mean;
      for (let r = 0; r < n; r++) {
        const u = random.nextDouble();
        // u ∈ [0, 1): 1 − u ∈ (0, 1], so the logarithm is finite.
        const delay = source.distribution === "EXPONENTIAL" ? -mean * Math.log(1 - u) : 2 * mean * u;
        this.check(delay, chunk, r, "labelDelay", `labelDelay (${source.distribution} with mean ${mean} s) drew a delay that`);
        out[r] = times[r] + delay;
      }
    } else {
      const column = chunk.table.columns[source.index] as NumberColumn;
      const param = source.kind === "delayCol" ? "labelDelayCol" : "labelTimeCol";
      for (let r = 0; r < n; r++) {
        if (column.isNull(r)) this.fail(chunk, r, param, `${param} ${quote(source.name)} is null; every row needs its label ${source.kind === "delayCol" ? "delay" : "time"}`, source.name);
        const value = column.values[r];
        if (source.kind === "delayCol") {
          this.check(value, chunk, r, param, `${param} ${quote(source.name)}`, source.name);
          out[r] = times[r] + value;
        } else {
          const labelTime = value * source.scale;
          this.check(labelTime - times[r], chunk, r, param, `${param} ${quote(source.name)} (label time ${eventTimeText(labelTime)})`, source.name);
          // Never before the row itself, even where the subtraction above rounds.
          out[r] = labelTime < times[r] ? times[r] : labelTime;
        }
      }
    }
    this.rowsSeen += n;
    return out;
  }

  private check(delay: number, chunk: StreamChunk, r: number, param: string, what: string, column?: string): void {
    if (delay >= 0 && delay <= this.maxDelay) return;
    const why = Number.isNaN(delay)
      ? "gives no delay (NaN)"
      : delay < 0
        ? `gives a negative delay (${delay} s): a label cannot arrive before its row`
        : `gives a delay of ${delay} s, beyond maxLabelDelay ${this.maxDelay} s (delays are seconds of event time; raise maxLabelDelay if meant)`;
    this.fail(chunk, r, param, `${what} ${why}`, column);
  }

  private fail(chunk: StreamChunk, r: number, param: string, what: string, column?: string): never {
    const row = this.rowsSeen + r;
    const time = chunk.times[r];
    throw new StreamlabError(`${this.operator}: row ${row} (event time ${eventTimeText(time)}): ${what}.`, {
      operator: this.operator,
      param,
      row,
      eventTime: time,
      ...(column === undefined ? {} : { column }),
    });
  }
}
