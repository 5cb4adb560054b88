import { StreamlabError } from "../core/errors";

/**
 * The end of the event-time window (or model interval) holding `time`: the first multiple of
 * `interval` above it. Computed from the multiple's index, never by adding intervals up, so the
 * boundaries do not drift; a window always ends after its first row, so a loop over windows always
 * advances (an interval too fine for the event times' doubles is an error naming the parameter).
 */
export function windowEndAfter(time: number, interval: number, operator: string, param = "timeInterval"): number {
  const index = Math.floor(time / interval) + 1;
  let end = index * interval;
  if (!(end > time)) end = (index + 1) * interval;
  if (!(end > time) || !Number.isFinite(end)) {
    throw new StreamlabError(
      `${operator}: ${param} ${interval} cannot cut event time ${time} into windows (its multiples there are not distinct doubles); use a larger ${param}.`,
      { operator, param },
    );
  }
  return end;
}
