import { Param } from "../../params/param";

/** How `labelDelay` is used: as the delay of every row, or as the mean of a seeded random delay per row. */
export const LABEL_DELAY_DISTRIBUTIONS = ["FIXED", "EXPONENTIAL", "UNIFORM"] as const;
export type LabelDelayDistribution = (typeof LABEL_DELAY_DISTRIBUTIONS)[number];

/** 30 days: a delay beyond it is almost surely a unit mistake (milliseconds for seconds). */
export const DEFAULT_MAX_LABEL_DELAY = 30 * 24 * 3600;

/**
 * Delayed feedback (streamlab's addition): when each row's label becomes known, in event time.
 * A row is predicted (served) at its own event time t and its label arrives at t + delay; set at
 * most one of `labelDelay`, `labelDelayCol`, `labelTimeCol` (none = labels arrive with their rows).
 * Shared by the trainers (FtrlTrainStreamOp, OnlineLearningStreamOp) and DelayedLabelJoinStreamOp.
 */
export const DelayedLabelParams = {
  labelDelay: Param.double({
    doc:
      "Seconds of event time between a row and the arrival of its label (null = no delay, unless labelDelayCol or labelTimeCol is set). " +
      "With labelDelayDistribution FIXED every row waits exactly this long; EXPONENTIAL and UNIFORM draw each row's delay at random " +
      "with this mean (seeded by labelDelaySeed, the same on every run). Rows held meanwhile ≈ row rate × delay.",
    optional: true,
    min: 0,
  }),
  labelDelayDistribution: Param.enum(LABEL_DELAY_DISTRIBUTIONS, {
    doc:
      "How labelDelay makes each row's delay: FIXED = labelDelay itself; EXPONENTIAL = exponential with mean labelDelay; " +
      "UNIFORM = uniform on [0, 2·labelDelay). Random delays are drawn once per input row, in row order, from labelDelaySeed.",
    default: "FIXED",
  }),
  labelDelaySeed: Param.int({ doc: "Seed of the random label delays (labelDelayDistribution EXPONENTIAL or UNIFORM).", default: 0 }),
  labelDelayCol: Param.string({
    doc: "Numeric column holding each row's label delay in seconds (≥ 0, at most maxLabelDelay). Null = not used.",
    optional: true,
  }),
  labelTimeCol: Param.string({
    doc:
      "Column holding the event time each row's label arrives: seconds (DOUBLE, INT, BIGINT) or a TIMESTAMP, like a source's timeCol; " +
      "never before the row's own event time, at most maxLabelDelay after it. Null = not used.",
    optional: true,
  }),
  maxLabelDelay: Param.double({
    doc:
      "Largest label delay accepted, in seconds (default 30 days): a longer delay — from any of the settings above — is an error naming " +
      "the row. It bounds what is held: at most the rows of the last maxLabelDelay seconds wait for their labels.",
    default: DEFAULT_MAX_LABEL_DELAY,
    min: 0,
    minExclusive: true,
  }),
};
